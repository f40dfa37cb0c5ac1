/** Calendar dates as people in Poland read them: Europe/Warsaw time, Polish (or English) names, weeks from Monday. */
import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { pl, enGB } from 'date-fns/locale';
import type { Locale } from '$lib/i18n/translate';

export const TIME_ZONE = 'Europe/Warsaw';
const DATE_LOCALES = { pl, en: enGB } as const;

/** "czwartek, 26 listopada 2026" / "Thursday, 26 November 2026". */
export function formatLongDate(instant: Date, locale: Locale): string {
	return format(new TZDate(instant, TIME_ZONE), 'EEEE, d MMMM yyyy', { locale: DATE_LOCALES[locale] });
}
