import { endpoint, requireUser } from '$lib/server/http';
import { listOrganisations } from '$lib/server/organisations';

export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const { db } = event.locals;
	return { organisations: await listOrganisations(db, user) };
});
