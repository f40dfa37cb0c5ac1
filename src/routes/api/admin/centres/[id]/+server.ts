import { endpoint, readBody, requireRole } from '$lib/server/http';
import { CentreUpdateInput } from '$lib/domain/schemas';
import { updateCentre } from '$lib/server/centres';

export const PATCH = endpoint(async (event) => {
	const admin = requireRole(event, 'admin');
	const input = await readBody(event, CentreUpdateInput);
	const { db } = event.locals;
	return { centre: await updateCentre(db, admin, event.params.id!, input) };
});
