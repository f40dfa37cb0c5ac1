import { endpoint, invalid, requireUser } from '$lib/server/http';
import { BOOKING_FORMATS, CELL_MIN, MAX_SLOT_LENGTH_MIN, type BookingFormat } from '$lib/domain/booking';
import { freeSlots } from '$lib/server/booking/availability';
import { dateParam, idParam } from '$lib/server/booking/http';

export const GET = endpoint(async (event) => {
	requireUser(event);
	const { url } = event;
	const format = url.searchParams.get('format') ?? '';
	if (!(BOOKING_FORMATS as readonly string[]).includes(format)) throw invalid('format', 'validation.choice');
	const lengthText = url.searchParams.get('length');
	let lengthMin: number | undefined;
	if (lengthText) {
		lengthMin = Number(lengthText);
		if (!Number.isInteger(lengthMin) || lengthMin < CELL_MIN || lengthMin > MAX_SLOT_LENGTH_MIN) {
			throw invalid('length', 'bookingApi.length');
		}
	}
	const slots = await freeSlots(event.locals.db, {
		centreId: idParam(url, 'centreId', true)!,
		from: dateParam(url, 'from'),
		to: dateParam(url, 'to'),
		format: format as BookingFormat,
		lengthMin,
		advisorId: idParam(url, 'advisorId')
	});
	return { slots };
});
