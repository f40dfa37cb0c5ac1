import { endpoint, requireRole } from '$lib/server/http';
import { resetUserPassword } from '$lib/server/users';

/**
 * Sets a new temporary password for someone else's account (no body): answers it once, ends the account's
 * sessions and makes the person choose their own at the next sign-in. The admin's own password: /account.
 */
export const POST = endpoint(async (event) => {
	const admin = requireRole(event, 'admin');
	const { db } = event.locals;
	return await resetUserPassword(db, admin, event.params.id!);
});
