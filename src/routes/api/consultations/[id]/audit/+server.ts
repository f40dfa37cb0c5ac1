import { endpoint, requireRole } from '$lib/server/http';
import { consultationAudit } from '$lib/server/review';

/** The consultation's audit log, oldest first: who, when, what, before → after, reason. */
export const GET = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator', 'advisor');
	return consultationAudit(event.locals.db, user, event.params.id!);
});
