import { endpoint, readBody, requireRole } from '$lib/server/http';
import { IMPORT_MAX_BYTES, LifeboatFile } from '$lib/domain/sync';
import { checkProtocol } from '$lib/server/sync/protocol';
import { importLifeboat } from '$lib/server/sync/lifeboat';

/** A coordinator (or admin) imports an advisor's lifeboat file through the same exactly-once path as a push. */
export const POST = endpoint(async (event) => {
	checkProtocol(event);
	const user = requireRole(event, 'coordinator', 'admin');
	const file = await readBody(event, LifeboatFile, { maxBytes: IMPORT_MAX_BYTES, perOperation: true });
	return importLifeboat(event.locals.db, user, file, event.locals.locale);
});
