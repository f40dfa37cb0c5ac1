import { endpoint, requireUser } from '$lib/server/http';
import { getOrganisation } from '$lib/server/organisations';

export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const { db } = event.locals;
	return { organisation: await getOrganisation(db, user, event.params.id!) };
});
