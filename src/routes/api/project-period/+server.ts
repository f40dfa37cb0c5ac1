import { endpoint, readBody, requireRole } from '$lib/server/http';
import { ProjectPeriodInput } from '$lib/domain/coordination';
import { getProjectPeriod, updateProjectPeriod } from '$lib/server/project-period';

/** The project period and its months (admin, coordinators; devices get it in the slice). */
export const GET = endpoint(async (event) => {
	requireRole(event, 'admin', 'coordinator');
	return getProjectPeriod(event.locals.db);
});

/** Changes the project period (admin only; audited). */
export const PUT = endpoint(async (event) => {
	const admin = requireRole(event, 'admin');
	const input = await readBody(event, ProjectPeriodInput);
	return updateProjectPeriod(event.locals.db, admin, input);
});
