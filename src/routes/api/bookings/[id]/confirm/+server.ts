import { readBody, requireRole } from '$lib/server/http';
import { ConfirmInput } from '$lib/domain/booking';
import { confirmBooking } from '$lib/server/booking/bookings';
import { bookingEndpoint } from '$lib/server/booking/http';

export const POST = bookingEndpoint(async (event) => {
	// The centre's side only: an organisation is refused before its input is read.
	const user = requireRole(event, 'advisor', 'coordinator', 'admin');
	const input = await readBody(event, ConfirmInput);
	return { booking: await confirmBooking(event.locals.db, user, event.params.id!, input) };
});
