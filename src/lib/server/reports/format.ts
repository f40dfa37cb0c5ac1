/** How the exports write dates, instants and totals. */
import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { TIME_ZONE } from '$lib/domain/dates';
import { decimalHours, formatHoursMinutes } from '$lib/domain/hours';
import { translate, type Locale } from '$lib/i18n/translate';

/** 'Razem: 123:45 (123,75 h)' — h:mm and decimal hours from the one hours module. */
export function totalLine(minutes: number, locale: Locale): string {
	return translate(locale, 'report.total', {
		hm: formatHoursMinutes(minutes),
		hours: decimalHours(minutes, locale)
	});
}

/** '20.11.2026' (pl) / '2026-11-20' (en) from 'YYYY-MM-DD'. */
export function displayDate(date: string, locale: Locale): string {
	if (locale === 'en') return date;
	const [y, m, d] = date.split('-');
	return `${d}.${m}.${y}`;
}

/** An ISO instant as Warsaw wall time: '20.11.2026 11:31' (pl) / '2026-11-20 11:31' (en). */
export function displayInstant(iso: string, locale: Locale): string {
	const instant = new Date(iso);
	if (Number.isNaN(instant.getTime())) return iso;
	return format(new TZDate(instant, TIME_ZONE), locale === 'pl' ? 'dd.MM.yyyy HH:mm' : 'yyyy-MM-dd HH:mm');
}

/** An ISO instant as Warsaw wall time for spreadsheets: '2026-11-20 11:31'. */
export function sheetInstant(iso: string | null): string {
	return iso ? displayInstant(iso, 'en') : '';
}
