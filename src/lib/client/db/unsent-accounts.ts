/**
 * Unsent changes of accounts no longer signed in on this device: an account deactivated (or a session that ended)
 * while its phone held changes leaves them in its database, out of reach of the screens. The sign-in page lists
 * them, so they can be sent by signing in again, or saved to a file for a coordinator (the lifeboat).
 */
import { Dexie } from 'dexie';
import { DB_NAME_PREFIX, openLocalDb, type LocalDb } from './local-db';

/** Who a device's database belongs to, kept in it at sign-in (the page forgets the identity when a session ends). */
export const OWNER = 'owner';
export interface Owner {
	email: string;
	name: string;
}

export async function rememberOwner(db: LocalDb, owner: Owner): Promise<void> {
	await db.meta.put({ key: OWNER, value: { email: owner.email, name: owner.name } });
}

export interface UnsentAccount {
	userId: string;
	owner: Owner | null;
	pending: number;
	/** Open while listed: the lifeboat is saved from it. */
	db: LocalDb;
}

/** Every account's database on this device that still holds outbox entries, each open (close them when done). */
export async function accountsWithUnsentChanges(): Promise<UnsentAccount[]> {
	const names = (await Dexie.getDatabaseNames()).filter((name) => name.startsWith(DB_NAME_PREFIX));
	const found: UnsentAccount[] = [];
	for (const name of names) {
		const userId = name.slice(DB_NAME_PREFIX.length);
		const db = await openLocalDb(userId);
		const pending = await db.outbox.count();
		if (pending === 0) {
			db.close();
			continue;
		}
		const owner = (await db.meta.get(OWNER))?.value as Owner | undefined;
		found.push({ userId, owner: owner ?? null, pending, db });
	}
	return found;
}
