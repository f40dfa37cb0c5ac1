/** Polish has one / few / many (1 godzina, 2 godziny, 5 godzin); the catalogues pick forms through this. */
type Locale = 'pl' | 'en';

const pluralRules: Record<Locale, Intl.PluralRules> = {
	pl: new Intl.PluralRules('pl'),
	en: new Intl.PluralRules('en')
};

export function plural(
	locale: Locale,
	count: number,
	forms: { one: string; few?: string; many?: string; other: string }
): string {
	const category = Number.isInteger(count) ? pluralRules[locale].select(count) : 'other';
	const form = (forms as Record<string, string | undefined>)[category] ?? forms.other;
	return form.replace('{count}', String(count));
}
