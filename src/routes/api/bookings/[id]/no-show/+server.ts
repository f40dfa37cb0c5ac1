import { endpoint, requireUser } from '$lib/server/http';
import { markNoShow } from '$lib/server/booking/bookings';

export const POST = endpoint(async (event) => {
	const user = requireUser(event);
	return { booking: await markNoShow(event.locals.db, user, event.params.id!) };
});
