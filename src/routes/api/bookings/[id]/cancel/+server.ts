import { endpoint, readBody, requireUser } from '$lib/server/http';
import { ReasonInput } from '$lib/domain/booking';
import { cancelBooking } from '$lib/server/booking/bookings';

export const POST = endpoint(async (event) => {
	const user = requireUser(event);
	const { reason } = await readBody(event, ReasonInput);
	return { booking: await cancelBooking(event.locals.db, user, event.params.id!, reason) };
});
