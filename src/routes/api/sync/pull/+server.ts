import { endpoint, requireUser } from '$lib/server/http';
import { ApiError } from '$lib/server/http/api-error';
import { validate } from '$lib/domain/schemas';
import { PullQuery, type PullResponse } from '$lib/domain/sync';
import { checkProtocol } from '$lib/server/sync/protocol';
import { pullChanges } from '$lib/server/sync/pull';

/** The changes this user may see since `cursor`, a page at a time (`more` says whether to ask again). */
export const GET = endpoint(async (event): Promise<PullResponse> => {
	const protocol = checkProtocol(event);
	const user = requireUser(event);
	const query = validate(PullQuery, Object.fromEntries(event.url.searchParams));
	if (!query.ok) {
		// The device drops a cursor refused as `bad_cursor` and starts over; any other code would leave it stuck.
		if ('cursor' in query.fieldErrors) throw new ApiError(400, 'bad_cursor', 'sync.badCursor');
		throw new ApiError(400, 'invalid', 'api.invalid', {}, query.fieldErrors);
	}
	return pullChanges(event.locals.db, user, query.value.cursor, query.value.limit, protocol);
});
