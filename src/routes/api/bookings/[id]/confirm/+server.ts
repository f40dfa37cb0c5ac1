import { readBody, requireUser } from '$lib/server/http';
import { ConfirmInput } from '$lib/domain/booking';
import { confirmBooking } from '$lib/server/booking/bookings';
import { bookingEndpoint } from '$lib/server/booking/http';

export const POST = bookingEndpoint(async (event) => {
	const user = requireUser(event);
	const input = await readBody(event, ConfirmInput);
	return { booking: await confirmBooking(event.locals.db, user, event.params.id!, input) };
});
