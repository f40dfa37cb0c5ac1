import { endpoint, readBody, requireRole } from '$lib/server/http';
import { BulkApproveInput } from '$lib/domain/coordination';
import { approveConsultations } from '$lib/server/review';

/** Approves up to 500 consultations in one transaction; every id gets its own result. */
export const POST = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const input = await readBody(event, BulkApproveInput);
	return approveConsultations(event.locals.db, user, input.ids, {
		comment: input.comment ?? null,
		locale: event.locals.locale
	});
});
