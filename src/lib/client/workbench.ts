/**
 * The local workbench: the device's database for the signed-in user, the context every repository write gets
 * (clock, ids, who and where), and the download of the user's slice from the server.
 */
import type { Identity } from '$lib/domain/roles';
import { newId } from '$lib/domain/ids';
import { openLocalDb, type LocalDb, type RepoContext } from './db/local-db';
import { applySlice, type ServerSlice } from './db/slice';
import { api } from './api';

// One open database per page, for the user signed in on it (another user gets another database).
let open: { userId: string; db: Promise<LocalDb> } | null = null;

export function localDb(identity: Identity): Promise<LocalDb> {
	if (open?.userId !== identity.userId) {
		void open?.db.then((db) => db.close());
		open = { userId: identity.userId, db: openLocalDb(identity.userId) };
	}
	return open.db;
}

export function writeContext(identity: Identity): RepoContext {
	return { now: () => new Date(), newId, userId: identity.userId, centreId: identity.centreIds[0] ?? '' };
}

export type SliceRefresh = 'loaded' | 'offline' | 'failed';

/** Downloads the user's slice and stores it; offline it leaves the device's copy as it is. */
export async function refreshSlice(identity: Identity): Promise<SliceRefresh> {
	const result = await api<ServerSlice>('/api/slice');
	if (!result.ok) return result.offline ? 'offline' : 'failed';
	await applySlice(await localDb(identity), result.data, { now: () => new Date() });
	return 'loaded';
}
