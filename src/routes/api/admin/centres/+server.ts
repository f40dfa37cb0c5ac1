import { endpoint, readBody, requireRole } from '$lib/server/http';
import { CentreInput } from '$lib/domain/schemas';
import { createCentre, listCentres } from '$lib/server/centres';

export const GET = endpoint(async (event) => {
	requireRole(event, 'admin');
	const { db } = event.locals;
	return { centres: await listCentres(db, { activeOnly: false }) };
});

export const POST = endpoint(async (event) => {
	const admin = requireRole(event, 'admin');
	const input = await readBody(event, CentreInput);
	const { db } = event.locals;
	return { centre: await createCentre(db, admin, input) };
});
