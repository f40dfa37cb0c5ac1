import { endpoint, requireUser } from '$lib/server/http';
import { loadSlice } from '$lib/server/slice';

/** Everything this user's device keeps for working offline, scoped by role on the server. */
export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	return await loadSlice(event.locals.db, user);
});
