import { json } from '@sveltejs/kit';
import { endpoint, readBody, requireRole } from '$lib/server/http';
import { CloseMonthInput } from '$lib/domain/coordination';
import type { ApiErrorBody } from '$lib/domain/api';
import { translate } from '$lib/i18n/translate';
import { closeMonth, openRecordCount, requireMonth } from '$lib/server/months';

/**
 * Closes the centre's month. With unapproved, late or draft records and no `confirm: true`: 409
 * 'month_has_open_records' with the month's `status` listing them.
 */
export const POST = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const month = requireMonth(event.params.month);
	const input = await readBody(event, CloseMonthInput);
	const result = await closeMonth(event.locals.db, user, month, input);
	if (result.closed) return { status: result.status };
	const body: ApiErrorBody & { status: typeof result.status } = {
		error: {
			code: 'month_has_open_records',
			message: translate(event.locals.locale, 'coordinatorApi.month.openRecords', {
				month,
				count: openRecordCount(result.status)
			})
		},
		status: result.status
	};
	return json(body, { status: 409 });
});
