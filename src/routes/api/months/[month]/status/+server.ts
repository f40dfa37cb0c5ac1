import { endpoint, invalid, requireRole } from '$lib/server/http';
import { monthStatus, requireMonth } from '$lib/server/months';

/** Whether the centre's month is closed, what in it is not final, and when each advisor last synced. */
export const GET = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const month = requireMonth(event.params.month);
	const centreId = event.url.searchParams.get('centreId');
	if (!centreId) throw invalid('centreId', 'validation.required');
	return monthStatus(event.locals.db, user, month, centreId);
});
