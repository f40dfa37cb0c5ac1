import { endpoint, readBody, requireRole } from '$lib/server/http';
import { UserCreateInput } from '$lib/domain/schemas';
import { createUser, listUsers } from '$lib/server/users';

export const GET = endpoint(async (event) => {
	requireRole(event, 'admin');
	const { db } = event.locals;
	return { users: await listUsers(db) };
});

/** Creates an account with a temporary password, shown once to the admin and changed at first sign-in. */
export const POST = endpoint(async (event) => {
	const admin = requireRole(event, 'admin');
	const input = await readBody(event, UserCreateInput);
	const { db } = event.locals;
	return await createUser(db, admin, input);
});
