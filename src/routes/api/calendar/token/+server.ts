import { json } from '@sveltejs/kit';
import { endpoint, requireUser } from '$lib/server/http';
import { calendarTokenStatus, createCalendarToken, revokeCalendarTokens } from '$lib/server/booking/calendar';

export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	return calendarTokenStatus(event.locals.db, user);
});

export const POST = endpoint(async (event) => {
	const user = requireUser(event);
	const answer = await createCalendarToken(event.locals.db, user, event.url.origin);
	return json(answer, { status: 201 });
});

export const DELETE = endpoint(async (event) => {
	const user = requireUser(event);
	await revokeCalendarTokens(event.locals.db, user);
	return { ok: true };
});
