/**
 * Devices for sync tests: each has its own IndexedDB (fake-indexeddb), the real client repositories and sync
 * engine, and a transport that calls the real API route handlers in-process with the device's session.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db/schema';
import { newId } from '$lib/domain/ids';
import { openLocalDb, type LocalDb, type RepoContext } from '$lib/client/db/local-db';
import { syncOnce, type SyncOptions } from '$lib/client/sync/engine';
import type { SyncTransport, TransportResult } from '$lib/client/sync/transport';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '$lib/domain/sync';
import { apiClient, signInToken, type ApiCall, type ApiResponse } from './api';

function asResult<T>(response: ApiResponse): TransportResult<T> {
	if (response.status === 200) return { ok: true, data: response.body as T };
	if (response.status === 401) return { ok: false, kind: 'unauthorized' };
	const message = response.body.error?.message ?? '';
	if (response.status === 426) return { ok: false, kind: 'outdated', message };
	if (response.status >= 500) return { ok: false, kind: 'retry', status: response.status, message };
	return {
		ok: false,
		kind: 'rejected',
		status: response.status,
		code: response.body.error?.code ?? '',
		message
	};
}

/** The real routes, in-process, as one signed-in device sees them. */
export function apiTransport(call: ApiCall, token: () => string | undefined): SyncTransport {
	const headers = { [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) };
	return {
		push: async (body) => asResult(await call('POST', '/api/sync/push', { token: token(), body, headers })),
		pull: async (cursor, limit) => {
			const query = new URLSearchParams({ limit: String(limit) });
			if (cursor) query.set('cursor', cursor);
			return asResult(await call('GET', `/api/sync/pull?${query}`, { token: token(), headers }));
		}
	};
}

export interface TestDevice {
	db: LocalDb;
	ctx: RepoContext;
	token: string | undefined;
	transport: SyncTransport;
	sync(options?: Partial<SyncOptions>): ReturnType<typeof syncOnce>;
}

export async function openDevice(
	server: Kysely<DB>,
	account: { email: string; password: string; userId: string; centreId: string }
): Promise<TestDevice> {
	const call = apiClient(server);
	const db = await openLocalDb(account.userId, { indexedDB: new IDBFactory(), IDBKeyRange });
	const device: TestDevice = {
		db,
		ctx: { now: () => new Date(), newId, userId: account.userId, centreId: account.centreId },
		token: await signInToken(call, account.email, account.password),
		transport: apiTransport(call, () => device.token),
		sync: (options) => syncOnce(db, device.transport, { now: () => new Date(), newId, ...options })
	};
	return device;
}
