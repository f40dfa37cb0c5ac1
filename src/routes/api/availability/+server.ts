import { endpoint, readBody, requireUser } from '$lib/server/http';
import { AvailabilityInput } from '$lib/domain/booking';
import { getAvailability, replaceWindows } from '$lib/server/booking/availability';
import { idParam } from '$lib/server/booking/http';

export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	return getAvailability(event.locals.db, user, {
		advisorId: idParam(event.url, 'advisorId'),
		centreId: idParam(event.url, 'centreId')
	});
});

export const PUT = endpoint(async (event) => {
	const user = requireUser(event);
	const input = await readBody(event, AvailabilityInput);
	return { windows: await replaceWindows(event.locals.db, user, input) };
});
