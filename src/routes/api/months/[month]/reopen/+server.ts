import { endpoint, readBody, requireRole } from '$lib/server/http';
import { ReopenMonthInput } from '$lib/domain/coordination';
import { reopenMonth, requireMonth } from '$lib/server/months';

/** Reopens a closed month of the centre; the reason (3–500 characters) goes to the audit log. */
export const POST = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const month = requireMonth(event.params.month);
	const input = await readBody(event, ReopenMonthInput);
	return { status: await reopenMonth(event.locals.db, user, month, input) };
});
