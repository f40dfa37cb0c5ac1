import { endpoint, readBody } from '$lib/server/http';
import { RegistrationInput } from '$lib/domain/schemas';
import { registerOrganisation } from '$lib/server/registrations';
import { claimRegistration } from '$lib/server/auth/rate-limit';
import { ApiError } from '$lib/server/http/api-error';

/** An NGO registers itself; it can sign in once a coordinator approves it. */
export const POST = endpoint(async (event) => {
	const input = await readBody(event, RegistrationInput);
	const { db, locale } = event.locals;
	const gate = await claimRegistration(db, event.getClientAddress());
	if (!gate.allowed) {
		throw new ApiError(
			429,
			'too_many_registrations',
			'registration.tooMany',
			{ minutes: Math.max(1, Math.ceil(gate.retryAfterSec / 60)) },
			{},
			{ 'Retry-After': String(gate.retryAfterSec) }
		);
	}
	const result = await registerOrganisation(db, input, locale);
	return new Response(JSON.stringify(result), {
		status: 201,
		headers: { 'content-type': 'application/json' }
	});
});
