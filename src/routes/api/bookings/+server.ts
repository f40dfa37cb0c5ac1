import { json } from '@sveltejs/kit';
import { readBody, requireUser } from '$lib/server/http';
import { BOOKING_STATUSES, BookingRequestInput, type BookingStatus } from '$lib/domain/booking';
import { createBooking, listBookings } from '$lib/server/booking/bookings';
import { bookingEndpoint, dateParam } from '$lib/server/booking/http';
import { endpoint } from '$lib/server/http';

export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const statuses = (event.url.searchParams.get('status') ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s): s is BookingStatus => (BOOKING_STATUSES as readonly string[]).includes(s));
	const from = dateParam(event.url, 'from');
	const to = dateParam(event.url, 'to');
	const bookings = await listBookings(event.locals.db, user, {
		statuses,
		from: from ? `${from}T00:00:00.000Z` : undefined,
		to: to ? `${to}T23:59:59.999Z` : undefined
	});
	return { bookings };
});

export const POST = bookingEndpoint(async (event) => {
	const user = requireUser(event);
	const input = await readBody(event, BookingRequestInput);
	const { booking, created } = await createBooking(event.locals.db, user, input);
	return json({ booking }, { status: created ? 201 : 200 });
});
