import { endpoint, readBody } from '$lib/server/http';
import { RegistrationInput } from '$lib/domain/schemas';
import { registerOrganisation } from '$lib/server/registrations';

/** An NGO registers itself; it can sign in once a coordinator approves it. */
export const POST = endpoint(async (event) => {
	const input = await readBody(event, RegistrationInput);
	const { db, locale } = event.locals;
	const result = await registerOrganisation(db, input, locale);
	return new Response(JSON.stringify(result), {
		status: 201,
		headers: { 'content-type': 'application/json' }
	});
});
