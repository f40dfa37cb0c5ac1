import { endpoint, requireRole } from '$lib/server/http';
import { quotaHistory } from '$lib/server/quotas';

/** Changes of targets, newest first; filters `centreId`, `advisorId`, `month` (YYYY-MM or 'standing'). */
export const GET = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const params = event.url.searchParams;
	return quotaHistory(event.locals.db, user, {
		centreId: params.get('centreId') || undefined,
		advisorId: params.get('advisorId') || undefined,
		month: params.get('month') || undefined
	});
});
