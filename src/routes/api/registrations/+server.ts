import { endpoint, requireRole } from '$lib/server/http';
import { listPendingRegistrations } from '$lib/server/registrations';

export const GET = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const { db } = event.locals;
	return { registrations: await listPendingRegistrations(db, user) };
});
