import { endpoint, notFound, readBody, requireUser } from '$lib/server/http';
import { BookingSettingsInput } from '$lib/domain/booking';
import { centreFormats, setCentreFormats } from '$lib/server/booking/availability';

export const GET = endpoint(async (event) => {
	requireUser(event);
	const centreId = event.params.id!;
	const { db } = event.locals;
	const centre = await db.selectFrom('centres').select('id').where('id', '=', centreId).executeTakeFirst();
	if (!centre) throw notFound();
	return { centreId, formats: await centreFormats(db, centreId) };
});

export const PUT = endpoint(async (event) => {
	const user = requireUser(event);
	const input = await readBody(event, BookingSettingsInput);
	return setCentreFormats(event.locals.db, user, event.params.id!, input.formats);
});
