import { endpoint, readBody, requireUser } from '$lib/server/http';
import {
	PUSH_MAX_BYTES,
	PushRequest,
	SYNC_PROTOCOL_KEPT_SIGNATURES,
	type PushResponse
} from '$lib/domain/sync';
import { checkProtocol } from '$lib/server/sync/protocol';
import { keepSentSignatures, pushOperations } from '$lib/server/sync/push';

/** A batch of the device's outbox: each operation applied exactly once, answered applied, merged or refused. */
export const POST = endpoint(async (event): Promise<PushResponse> => {
	const protocol = checkProtocol(event);
	const user = requireUser(event);
	const body = await readBody(event, PushRequest, { maxBytes: PUSH_MAX_BYTES, perOperation: true });
	const results = await pushOperations(
		event.locals.db,
		{ user, deviceId: body.deviceId, via: 'device', locale: event.locals.locale, now: () => new Date() },
		body.ops
	);
	return {
		results: protocol >= SYNC_PROTOCOL_KEPT_SIGNATURES ? keepSentSignatures(body.ops, results) : results
	};
});
