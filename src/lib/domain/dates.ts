/** Calendar dates as people in Poland read them: Europe/Warsaw time, Polish (or English) names, weeks from Monday. */
import { format } from 'date-fns';
import { TZDate, tzOffset } from '@date-fns/tz';
import { pl, enGB } from 'date-fns/locale';
import type { Locale } from '$lib/i18n/translate';

export const TIME_ZONE = 'Europe/Warsaw';
const DATE_LOCALES = { pl, en: enGB } as const;

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const offsetCache = new Map<number, number>();

/** Intl's answer for a cache key: a UTC day's first (2d) or last (2d + 1) hour, or a UTC hour h (-h - 1). */
function cachedOffset(key: number, at: number): number {
	let offset = offsetCache.get(key);
	if (offset === undefined) {
		if (offsetCache.size >= 100_000) offsetCache.clear();
		offset = tzOffset(TIME_ZONE, new Date(at));
		offsetCache.set(key, offset);
	}
	return offset;
}

/**
 * Warsaw's offset from UTC in minutes at an instant. Asking Intl costs about 10 µs and validating one
 * consultation asks a dozen times, so offsets are remembered: since 1970 Warsaw has changed its clocks at most
 * once a day and only on whole UTC hours (its offsets are whole hours), so a UTC day whose first and last hours
 * agree has one offset, and otherwise each of its hours has one.
 */
export function warsawOffset(instant: number): number {
	if (instant < 0) return tzOffset(TIME_ZONE, new Date(instant));
	const day = Math.floor(instant / MS_PER_DAY);
	const dayStart = day * MS_PER_DAY;
	const first = cachedOffset(2 * day, dayStart);
	const last = cachedOffset(2 * day + 1, dayStart + MS_PER_DAY - MS_PER_HOUR);
	if (first === last) return first;
	const hour = Math.floor(instant / MS_PER_HOUR);
	return cachedOffset(-hour - 1, hour * MS_PER_HOUR);
}

/** "czwartek, 26 listopada 2026" / "Thursday, 26 November 2026". */
export function formatLongDate(instant: Date, locale: Locale): string {
	return format(new TZDate(instant, TIME_ZONE), 'EEEE, d MMMM yyyy', { locale: DATE_LOCALES[locale] });
}

// Calendar dates ('YYYY-MM-DD') and months ('YYYY-MM') as words. Noon UTC of a date is the same calendar day in
// Warsaw, and the 15th of a month is in that month, whatever the offset.
// Text that is not such a date is given back as it is (date-fns would throw), so no message or screen fails on it.
function formatDate(date: string, pattern: string, locale: Locale): string {
	const noon = new TZDate(`${date}T12:00:00Z`, TIME_ZONE);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(noon.getTime())) return date;
	return format(noon, pattern, { locale: DATE_LOCALES[locale] });
}

function formatMonth(month: string, pattern: string, locale: Locale): string {
	const mid = `${month}-15`;
	const text = formatDate(mid, pattern, locale);
	return text === mid ? month : text;
}

/** "czwartek, 4 grudnia 2026" / "Thursday, 4 December 2026". */
export function longDateLabel(date: string, locale: Locale): string {
	return formatDate(date, 'EEEE, d MMMM yyyy', locale);
}

/** A date of another year than `now`'s (in Warsaw) says its year: "26 marca" alone would read as this March. */
const otherYear = (date: string, now: Date) =>
	Number(date.slice(0, 4)) !== new TZDate(now.getTime(), TIME_ZONE).getFullYear();

/** "czwartek, 4 grudnia" / "Thursday, 4 December"; "piątek, 26 marca 2027" in another year than now's. */
export function dayLabel(date: string, locale: Locale, now: Date = new Date()): string {
	return formatDate(date, otherYear(date, now) ? 'EEEE, d MMMM yyyy' : 'EEEE, d MMMM', locale);
}

/** "czw., 4 gru" / "Thu, 4 Dec": a short day for chips and list lines ("pt., 26 mar 2027" in another year). */
export function shortDayLabel(date: string, locale: Locale, now: Date = new Date()): string {
	// The usual abbreviations ("niedz.", "wt.", "śr.", "pt."); date-fns's shortest Polish ones read "nie", "wto".
	return formatDate(date, otherYear(date, now) ? 'EEE, d MMM yyyy' : 'EEE, d MMM', locale);
}

/** "4 gru" / "4 Dec". */
export function dayMonthLabel(date: string, locale: Locale): string {
	return formatDate(date, 'd MMM', locale);
}

/** "4 gru 2026" / "4 Dec 2026". */
export function shortDateLabel(date: string, locale: Locale): string {
	return formatDate(date, 'd MMM yyyy', locale);
}

/** "listopad 2026" / "November 2026" (the standalone month name). */
export function monthLabel(month: string, locale: Locale): string {
	return formatMonth(month, 'LLLL yyyy', locale);
}

/** "lis" / "Nov". */
export function shortMonthLabel(month: string, locale: Locale): string {
	return formatMonth(month, 'LLL', locale);
}

/** A moment (ISO timestamp) as a person reads it, on the Warsaw clock: "27 lis 2026, 21:44" / "27 Nov 2026, 21:44". */
export function formatInstant(iso: string, locale: Locale): string {
	const instant = Date.parse(iso);
	// Shown as it came rather than failing the whole screen (date-fns throws on an invalid date).
	if (Number.isNaN(instant)) return iso;
	return format(new TZDate(instant, TIME_ZONE), 'd MMM yyyy, HH:mm', { locale: DATE_LOCALES[locale] });
}
