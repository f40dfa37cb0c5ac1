/** Booking test helpers: dates ahead, weekday windows, and calls to routes that answer text (.ics), not JSON. */
import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db/schema';
import { apiClient } from './api';
import { addDays, warsawInstant, warsawToday } from '$lib/domain/hours';
import { isWorkingDay } from '$lib/domain/calendar';

/** The first working day at least `days` ahead (Warsaw). */
export function workingDayAhead(days: number, now = new Date()): string {
	let date = addDays(warsawToday(now), days);
	while (!isWorkingDay(date)) date = addDays(date, 1);
	return date;
}

/**
 * The n-th working day after today (Warsaw): different n, different days, whatever holidays lie between (a run of
 * `workingDayAhead` offsets can land on one day: 1 January 2027 is a Friday, so +33, +34, +35 and +36 from
 * 29 November 2026 are all Monday 4 January).
 */
export function nthWorkingDay(n: number, now = new Date()): string {
	let date = warsawToday(now);
	for (let left = n; left > 0;) {
		date = addDays(date, 1);
		if (isWorkingDay(date)) left -= 1;
	}
	return date;
}

export const at = (date: string, time: string) => warsawInstant(date, time)!.toISOString();

export function weekdayWindows(overrides: Record<string, unknown> = {}) {
	return [1, 2, 3, 4, 5].map((weekday) => ({
		weekday,
		startTime: '09:00',
		endTime: '15:00',
		validFrom: warsawToday(new Date()),
		formats: ['premises', 'centre', 'remote'],
		slotLengths: [60, 120],
		bufferMin: 30,
		...overrides
	}));
}

/** GET of a route answering text (calendars), with an optional session. */
export function textGet(db: Kysely<DB>) {
	const call = apiClient(db);
	return async (path: string, options: { token?: string; locale?: 'pl' | 'en' } = {}) => {
		const response = await call('GET', path, options);
		return { status: response.status, headers: response.headers, text: response.bytes.toString('utf8') };
	};
}
