import { endpoint } from '$lib/server/http';
import { listCentres } from '$lib/server/centres';

/** The active COPs, for the registration form (public: names and towns only). */
export const GET = endpoint(async (event) => {
	const { db } = event.locals;
	const centres = await listCentres(db, { activeOnly: true });
	return { centres: centres.map(({ id, name, town, kind }) => ({ id, name, town, kind })) };
});
