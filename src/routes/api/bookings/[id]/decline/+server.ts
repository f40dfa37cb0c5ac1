import { endpoint, readBody, requireRole } from '$lib/server/http';
import { ReasonInput } from '$lib/domain/booking';
import { declineBooking } from '$lib/server/booking/bookings';

export const POST = endpoint(async (event) => {
	// The centre's side only: an organisation is refused before its input is read.
	const user = requireRole(event, 'advisor', 'coordinator', 'admin');
	const { reason } = await readBody(event, ReasonInput);
	return { booking: await declineBooking(event.locals.db, user, event.params.id!, reason) };
});
