import { endpoint, requireUser } from '$lib/server/http';
import { loadDashboard } from '$lib/server/reports/dashboard';

/** GET /api/reports/dashboard?month=YYYY-MM&centreId=&advisorId= → the Dashboard (domain/dashboard.ts). */
export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const params = event.url.searchParams;
	return loadDashboard(event.locals.db, user, {
		month: params.get('month') ?? '',
		centreId: params.get('centreId'),
		advisorId: params.get('advisorId')
	});
});
