/** Booking test helpers: dates ahead, weekday windows, and calls to routes that answer text (.ics), not JSON. */
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db/schema';
import { authenticate } from '$lib/server/auth/authenticate';
import { addDays, warsawInstant, warsawToday } from '$lib/domain/hours';
import { isWorkingDay } from '$lib/domain/calendar';

/** The first working day at least `days` ahead (Warsaw). */
export function workingDayAhead(days: number, now = new Date()): string {
	let date = addDays(warsawToday(now), days);
	while (!isWorkingDay(date)) date = addDays(date, 1);
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

const modules = import.meta.glob<Record<string, RequestHandler>>('/src/routes/api/**/+server.ts');
const routes = Object.entries(modules).map(([file, load]) => {
	const path = file.replace('/src/routes', '').replace('/+server.ts', '');
	const params: string[] = [];
	const pattern = path
		.replace(/\./g, '\\.')
		.replace(/\[(\w+)\]/g, (_, name: string) => (params.push(name), '([^/]+?)'));
	return { regex: new RegExp(`^${pattern}$`), params, load };
});

/** GET of a route answering text (calendars), with an optional session. */
export function textGet(db: Kysely<DB>) {
	return async (path: string, options: { token?: string; locale?: 'pl' | 'en' } = {}) => {
		const url = new URL(path, 'http://localhost:3000');
		const route = routes.find((r) => r.regex.test(url.pathname));
		if (!route) throw new Error(`no API route for ${url.pathname}`);
		const match = url.pathname.match(route.regex)!;
		const params = Object.fromEntries(
			route.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])
		);
		const handler = (await route.load()).GET!;
		const { user, sessionId } = await authenticate(db, options.token);
		const event = {
			request: new Request(url),
			url,
			params,
			locals: { db, user, sessionId, locale: options.locale ?? 'pl' },
			cookies: { get: () => undefined },
			getClientAddress: () => '127.0.0.1'
		} as unknown as RequestEvent;
		const response = await handler(event);
		return { status: response.status, headers: response.headers, text: await response.text() };
	};
}
