import { endpoint, readBody, requireRole } from '$lib/server/http';
import { ApproveInput } from '$lib/domain/coordination';
import { approveConsultation } from '$lib/server/review';

/** Approves a completed, signed or late consultation (coordinator of its centre, admin); body optional. */
export const POST = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const input = event.request.body === null ? {} : await readBody(event, ApproveInput);
	return approveConsultation(event.locals.db, user, event.params.id!, input.comment ?? null);
});
