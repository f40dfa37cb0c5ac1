import { readBody, requireUser } from '$lib/server/http';
import { RescheduleInput } from '$lib/domain/booking';
import { rescheduleBooking } from '$lib/server/booking/bookings';
import { bookingEndpoint } from '$lib/server/booking/http';

export const POST = bookingEndpoint(async (event) => {
	const user = requireUser(event);
	const input = await readBody(event, RescheduleInput);
	return { booking: await rescheduleBooking(event.locals.db, user, event.params.id!, input) };
});
