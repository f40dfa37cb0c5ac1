import { endpoint, readBody, requireRole } from '$lib/server/http';
import { FlagInput } from '$lib/domain/coordination';
import { flagConsultation, unflagConsultation } from '$lib/server/review';

/** Flags a consultation with a comment for the advisor (replaces an earlier flag). */
export const POST = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const input = await readBody(event, FlagInput);
	return flagConsultation(event.locals.db, user, event.params.id!, input.comment);
});

/** Removes the flag. */
export const DELETE = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	return unflagConsultation(event.locals.db, user, event.params.id!);
});
