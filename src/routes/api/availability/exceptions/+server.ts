import { json } from '@sveltejs/kit';
import { endpoint, readBody, requireUser } from '$lib/server/http';
import { ExceptionInput } from '$lib/domain/booking';
import { addException } from '$lib/server/booking/availability';

export const POST = endpoint(async (event) => {
	const user = requireUser(event);
	const input = await readBody(event, ExceptionInput);
	return json({ exception: await addException(event.locals.db, user, input) }, { status: 201 });
});
