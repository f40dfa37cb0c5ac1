import { endpoint, readBody, requireRole } from '$lib/server/http';
import { RegistrationDecisionInput } from '$lib/domain/schemas';
import { decideRegistration } from '$lib/server/registrations';

/** Approve or reject a pending NGO registration (coordinator of its COP, or admin). */
export const POST = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const input = await readBody(event, RegistrationDecisionInput);
	const { db } = event.locals;
	await decideRegistration(
		db,
		user,
		event.params.id!,
		input.decision === 'approve' ? { approve: true } : { approve: false, reason: input.reason ?? '' }
	);
	return { ok: true };
});
