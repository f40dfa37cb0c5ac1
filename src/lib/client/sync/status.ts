/**
 * What the sync screens say about time and space, as pure functions: how long since the last sync, whether the
 * device should warn that its changes are getting old, and sizes and instants in the user's language.
 */
import { differenceInCalendarDays, format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { enGB, pl } from 'date-fns/locale';
import { TIME_ZONE } from '$lib/domain/dates';
import type { Locale } from '$lib/i18n/translate';

/** Changes older than this, with no sync since, earn a warning banner. */
export const STALE_AFTER_DAYS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The device clock, for the browser's scheduler (tests inject their own). */
export const systemNow = (): Date => new Date();

/** Whole days between two instants (0 within the first 24 hours). */
export function daysSince(iso: string, now: Date): number {
	return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS));
}

/**
 * The device holds unsent changes and has not reached the server for STALE_AFTER_DAYS: measured from the last
 * successful sync, or from the oldest waiting change when the device never synced. Null when all is well.
 */
export function staleDays(
	input: { pending: number; lastSyncAt: string | null; oldestPendingAt: string | null },
	now: Date
): number | null {
	if (input.pending === 0) return null;
	const since = input.lastSyncAt ?? input.oldestPendingAt;
	if (!since) return null;
	const days = daysSince(since, now);
	return days >= STALE_AFTER_DAYS ? days : null;
}

export interface InstantParts {
	/** Whether the instant is today or yesterday on the Warsaw calendar. */
	day: 'today' | 'yesterday' | 'earlier';
	/** "12:04" */
	time: string;
	/** "3 marca 2025" / "3 March 2025" */
	date: string;
}

/** An instant as people in Poland read it, in Warsaw time, whatever the device's zone. */
export function instantParts(iso: string, now: Date, locale: Locale): InstantParts {
	const at = new TZDate(Date.parse(iso), TIME_ZONE);
	const today = new TZDate(now.getTime(), TIME_ZONE);
	const days = differenceInCalendarDays(today, at);
	return {
		day: days === 0 ? 'today' : days === 1 ? 'yesterday' : 'earlier',
		time: format(at, 'HH:mm'),
		date: format(at, 'd MMMM yyyy', { locale: locale === 'pl' ? pl : enGB })
	};
}

/** "2,4 MB" / "2.4 MB". */
export function formatBytes(bytes: number, locale: Locale): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB'];
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit += 1;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	const number = new Intl.NumberFormat(locale === 'pl' ? 'pl-PL' : 'en-GB', {
		maximumFractionDigits: digits,
		minimumFractionDigits: 0
	}).format(value);
	return `${number} ${units[unit]}`;
}

/**
 * Full-jitter exponential backoff: a random wait up to `base · 2^(failures − 1)`, capped, at least `floor`.
 * Many phones coming back online at once therefore spread their retries instead of hammering the server together.
 */
export function backoffDelay(
	failures: number,
	random: () => number,
	options: { baseMs?: number; capMs?: number; floorMs?: number } = {}
): number {
	const base = options.baseMs ?? 5_000;
	const cap = options.capMs ?? 5 * 60_000;
	const floor = options.floorMs ?? 1_000;
	const ceiling = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
	return Math.max(floor, Math.floor(random() * ceiling));
}
