import { endpoint, readBody, requireRole } from '$lib/server/http';
import { UserUpdateInput } from '$lib/domain/schemas';
import { updateUser } from '$lib/server/users';

export const PATCH = endpoint(async (event) => {
	const admin = requireRole(event, 'admin');
	const input = await readBody(event, UserUpdateInput);
	const { db } = event.locals;
	await updateUser(db, admin, event.params.id!, input);
	return { ok: true };
});
