/**
 * The local workbench: the device's database for the signed-in user, the context every repository write gets
 * (clock, ids, who and where), and the reference data (centres, quotas) from the server. Records themselves
 * arrive through sync (sync/scheduler.svelte.ts), never through a download that could overwrite local work.
 */
import type { Identity } from '$lib/domain/roles';
import { newId } from '$lib/domain/ids';
import { rememberOwner } from './db/unsent-accounts';
import { openLocalDb, type LocalDb, type RepoContext } from './db/local-db';
import { applySlice, type ServerSlice } from './db/slice';
import { requestSync } from './sync/scheduler.svelte';
import { api } from './api';

// One open database per page, for the user signed in on it (another user gets another database).
let open: { userId: string; db: Promise<LocalDb> } | null = null;

export function localDb(identity: Identity): Promise<LocalDb> {
	if (open?.userId !== identity.userId) {
		void open?.db.then((db) => db.close()).catch(() => undefined);
		const db = openLocalDb(identity.userId);
		open = { userId: identity.userId, db };
		// Named in it, so the sign-in page can say whose unsent changes wait here once this session has ended.
		void db.then((opened) => rememberOwner(opened, identity)).catch(() => undefined);
	}
	return open.db;
}

/** Sign-out: closes the page's connection, so the user's database can be deleted at once. */
export async function closeLocalDb(): Promise<void> {
	const current = open;
	open = null;
	const db = await current?.db.catch(() => null);
	db?.close();
}

export function writeContext(identity: Identity): RepoContext {
	return { now: () => new Date(), newId, userId: identity.userId, centreId: identity.centreIds[0] ?? '' };
}

export type SliceRefresh = 'loaded' | 'offline' | 'failed';

/** Downloads the reference data (centres, quotas, advisors per centre); offline it leaves the device's copy. */
export async function refreshReference(identity: Identity): Promise<SliceRefresh> {
	const result = await api<ServerSlice>('/api/slice');
	if (!result.ok) return result.offline ? 'offline' : 'failed';
	await applySlice(await localDb(identity), result.data, { now: () => new Date() });
	return 'loaded';
}

/**
 * The device's copy again from the server, after something changed there (e.g. a coordinator's decision): the
 * reference data now, the records through a sync run.
 */
export async function refreshSlice(identity: Identity): Promise<SliceRefresh> {
	const result = await refreshReference(identity);
	void requestSync();
	return result;
}
