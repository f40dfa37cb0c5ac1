/**
 * The i18n layer: typed message catalogues (Polish is the source, English must have every key) and a pure
 * `translate` used by the server (API errors in the user's language) and by the browser (see locale.svelte.ts).
 */
import { pl } from './messages/pl';
import { en } from './messages/en';

export const LOCALES = ['pl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof pl;
export type MessageParams = Record<string, string | number>;
/** A message is text with `{name}` placeholders, or a function for plurals and other grammar. */
export type Message = string | ((params: MessageParams) => string);
export type Catalogue = Record<MessageKey, Message>;

const catalogues: Record<Locale, Catalogue> = { pl, en };

export function isLocale(value: unknown): value is Locale {
	return value === 'pl' || value === 'en';
}

export function isMessageKey(value: unknown): value is MessageKey {
	return typeof value === 'string' && value in pl;
}

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
	const message = catalogues[locale][key] ?? pl[key];
	// A function picks the grammar (a plural form); its text may still hold other placeholders to fill.
	const text = typeof message === 'function' ? message(params) : message;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export { plural } from './plural';

/** Chooses a locale from an Accept-Language header; Polish unless English is preferred. */
export function localeFromAcceptLanguage(header: string | null): Locale {
	if (!header) return 'pl';
	const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
	return first.startsWith('en') ? 'en' : 'pl';
}
