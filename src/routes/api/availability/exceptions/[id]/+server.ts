import { endpoint, requireUser } from '$lib/server/http';
import { deleteException } from '$lib/server/booking/availability';

export const DELETE = endpoint(async (event) => {
	const user = requireUser(event);
	await deleteException(event.locals.db, user, event.params.id!);
	return { ok: true };
});
