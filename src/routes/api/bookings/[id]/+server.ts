import { endpoint, requireUser } from '$lib/server/http';
import { getBooking } from '$lib/server/booking/bookings';

export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	return { booking: await getBooking(event.locals.db, user, event.params.id!) };
});
