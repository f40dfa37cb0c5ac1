import { endpoint, requireUser } from '$lib/server/http';
import { getBooking } from '$lib/server/booking/bookings';
import { bookingIcs, icsResponse } from '$lib/server/booking/calendar';

export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const booking = await getBooking(event.locals.db, user, event.params.id!);
	const viewer = user.role === 'ngo' ? 'organisation' : 'staff';
	return icsResponse(bookingIcs(booking, event.locals.locale, viewer), `doradca-${booking.id}.ics`);
});
