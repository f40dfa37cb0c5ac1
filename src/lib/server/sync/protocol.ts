import type { RequestEvent } from '@sveltejs/kit';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_MIN, SYNC_PROTOCOL_VERSION } from '$lib/domain/sync';
import { ApiError } from '../http/api-error';

/**
 * Every sync request says which protocol it speaks. Too old (or none): 426, the app updates itself and keeps its
 * outbox. Newer than this server (a rolling deploy): 409, the device simply tries again later. Returns the
 * declared version: what the answer may hold depends on it (a pull sends colleagues' visits only from 2 on).
 */
export function checkProtocol(event: RequestEvent): number {
	const declared = Number(event.request.headers.get(SYNC_PROTOCOL_HEADER) ?? '0');
	if (!Number.isInteger(declared) || declared < SYNC_PROTOCOL_MIN) {
		throw new ApiError(426, 'client_outdated', 'sync.clientOutdated');
	}
	if (declared > SYNC_PROTOCOL_VERSION) throw new ApiError(409, 'server_outdated', 'sync.serverOutdated');
	return declared;
}
