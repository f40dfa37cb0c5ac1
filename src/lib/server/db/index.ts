/**
 * The app's database, opened on first use from `DATABASE_URL` (default: a SQLite file under ./data) and migrated
 * before anyone gets it.
 */
import type { Kysely } from 'kysely';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './database';
import type { DB } from './schema';

export const DEFAULT_DATABASE_URL = './data/doradca.db';

// The promise, not the handle, is memoised: concurrent first requests share one open and one migration.
let opening: Promise<DatabaseHandle> | null = null;

export function getDatabaseHandle(): Promise<DatabaseHandle> {
	opening ??= (async () => {
		const handle = openDatabase(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
		try {
			await migrateToLatest(handle.db);
			return handle;
		} catch (error) {
			await handle.close().catch(() => {});
			throw error;
		}
	})().catch((error: unknown) => {
		// A failed start (database down, say) must not stick: the next request tries again.
		opening = null;
		throw error;
	});
	return opening;
}

export async function getDatabase(): Promise<Kysely<DB>> {
	return (await getDatabaseHandle()).db;
}

/** For graceful shutdown; a later `getDatabase()` opens it again. */
export async function closeDatabase(): Promise<void> {
	const current = opening;
	opening = null;
	if (current) await (await current.catch(() => null))?.close();
}

export { migrateToLatest, openDatabase, withTransaction } from './database';
export type { DB } from './schema';
