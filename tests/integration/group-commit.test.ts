/**
 * Group commit (src/lib/server/db/group-commit.ts) on both engines: work waiting at the same moment shares one
 * transaction, each piece in its own savepoint; every piece gets its own outcome, and only after the commit.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GATHER_TURNS, GROUP_MAX_WEIGHT, inGroupCommit } from '$lib/server/db/group-commit';
import { withTransaction } from '$lib/server/db/database';
import type { DB } from '$lib/server/db/schema';
import { ENGINES, openTestDatabase, reopenTestDatabase, type TestDatabase } from './helpers/databases';
import { userRow } from './helpers/factories';

const NOW = '2026-03-02T09:00:00.000Z';

const userIds = async (db: Kysely<DB>) =>
	(await db.selectFrom('users').select('id').orderBy('id').execute()).map((row) => row.id);

/** Inserts a user and says which transaction it ran in. */
const addUser =
	(id: string, email?: string) =>
	async (trx: Transaction<DB>): Promise<Transaction<DB>> => {
		await trx.insertInto('users').values(userRow(id, email)).execute();
		return trx;
	};

describe.each(ENGINES)('group commit on %s', (engine) => {
	let t: TestDatabase;
	beforeEach(async () => {
		t = await openTestDatabase(engine);
	});
	afterEach(async () => {
		await t.close();
	});

	it('runs work submitted at once in one transaction, each answered with its own result', async () => {
		const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((id) => inGroupCommit(t.db, addUser(id))));
		expect(a).toBe(b);
		expect(b).toBe(c);
		expect(await userIds(t.db)).toEqual(['a', 'b', 'c']);
		// Results are each piece's own, in any order of submission.
		const values = await Promise.all([1, 2, 3].map((n) => inGroupCommit(t.db, async () => n * 10)));
		expect(values).toEqual([10, 20, 30]);
	});

	it('gives an answer only once the shared transaction is committed (another connection sees it)', async () => {
		const other = reopenTestDatabase(engine, t.location);
		try {
			const seen = await Promise.all(
				['a', 'b'].map((id) =>
					inGroupCommit(t.db, addUser(id)).then(() =>
						other.db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()
					)
				)
			);
			expect(seen).toEqual([{ id: 'a' }, { id: 'b' }]);
		} finally {
			await other.close();
		}
	});

	it('rolls back and fails only the work that throws; the rest of its group is committed', async () => {
		const failure = new Error('boom');
		const outcomes = await Promise.allSettled([
			inGroupCommit(t.db, addUser('a')),
			inGroupCommit(t.db, async (trx) => {
				await addUser('b')(trx);
				throw failure;
			}),
			inGroupCommit(t.db, addUser('c'))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((outcomes[1] as PromiseRejectedResult).reason).toBe(failure);
		expect(await userIds(t.db)).toEqual(['a', 'c']);
	});

	it('recovers from a statement that fails inside one piece of work (PostgreSQL aborts the transaction)', async () => {
		const outcomes = await Promise.allSettled([
			inGroupCommit(t.db, addUser('a', 'same@x.pl')),
			inGroupCommit(t.db, async (trx) => {
				await addUser('b')(trx);
				await addUser('c', 'same@x.pl')(trx); // unique email: the statement fails
			}),
			inGroupCommit(t.db, addUser('d'))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await userIds(t.db)).toEqual(['a', 'd']);
	});

	it('starts a new transaction past GROUP_MAX_WEIGHT', async () => {
		const half = GROUP_MAX_WEIGHT / 2;
		const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((id) => inGroupCommit(t.db, addUser(id), half)));
		expect(a).toBe(b);
		expect(c).not.toBe(a);
		expect(await userIds(t.db)).toEqual(['a', 'b', 'c']);
		// A single piece heavier than the limit still runs.
		expect(await inGroupCommit(t.db, async () => 'heavy', GROUP_MAX_WEIGHT * 2)).toBe('heavy');
	});

	it('waits a few event-loop turns for work still on its way (a request on a new connection) before a group', async () => {
		const turn = () => new Promise((resolve) => setImmediate(resolve));
		const first = inGroupCommit(t.db, addUser('a'));
		for (let i = 0; i < GATHER_TURNS - 1; i++) await turn();
		const joined = inGroupCommit(t.db, addUser('b'));
		expect(await first).toBe(await joined);
		// Work that comes later than that waits for the next transaction.
		const third = inGroupCommit(t.db, addUser('c'));
		for (let i = 0; i < GATHER_TURNS + 2; i++) await turn();
		const fourth = inGroupCommit(t.db, addUser('d'));
		expect(await third).not.toBe(await fourth);
		expect(await userIds(t.db)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('keeps taking work that arrives while a transaction runs, in later transactions', async () => {
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const first = inGroupCommit(t.db, async (trx) => {
			await held;
			return addUser('a')(trx);
		});
		await new Promise((resolve) => setTimeout(resolve, 20));
		const later = Promise.all(['b', 'c'].map((id) => inGroupCommit(t.db, addUser(id))));
		release();
		const [trxA, [trxB, trxC]] = await Promise.all([first, later]);
		expect(trxB).toBe(trxC);
		expect(trxB).not.toBe(trxA);
		expect(await userIds(t.db)).toEqual(['a', 'b', 'c']);
	});

	it('joins an enclosing transaction instead of queueing', async () => {
		await expect(
			withTransaction(t.db, async (outer) => {
				const inner = await inGroupCommit(outer, addUser('a'));
				expect(inner).toBe(outer);
				throw new Error('outer fails');
			})
		).rejects.toThrow('outer fails');
		expect(await userIds(t.db)).toEqual([]);
	});

	it(`${engine === 'postgres' ? 'runs the whole group again after' : 'fails on'} a serialization failure`, async () => {
		let attempts = 0;
		const outcomes = await Promise.allSettled([
			inGroupCommit(t.db, addUser('a')),
			inGroupCommit(t.db, async (trx) => {
				attempts++;
				await addUser('b')(trx);
				if (attempts === 1) throw Object.assign(new Error('could not serialize'), { code: '40001' });
				return trx;
			})
		]);
		if (engine === 'postgres') {
			expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
			expect(attempts).toBe(2);
			expect(await userIds(t.db)).toEqual(['a', 'b']);
		} else {
			// SQLite never reports one; such an error fails the group like any failed commit, and nothing is stored.
			expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
			expect(await userIds(t.db)).toEqual([]);
		}
	});
});

describe('group commit on sqlite: a failed commit', () => {
	let t: TestDatabase;
	beforeEach(async () => {
		t = await openTestDatabase('sqlite');
	});
	afterEach(async () => {
		await t.close();
	});

	it('fails every piece of the group and stores none of them', async () => {
		const outcomes = await Promise.allSettled([
			inGroupCommit(t.db, addUser('a')),
			inGroupCommit(t.db, async (trx) => {
				// Checked at commit: a session of a user that does not exist makes the commit itself fail.
				await sql`pragma defer_foreign_keys = on`.execute(trx);
				await trx
					.insertInto('sessions')
					.values({ id: 's', userId: 'nobody', createdAt: NOW, expiresAt: NOW, lastSeenAt: NOW })
					.execute();
			}),
			inGroupCommit(t.db, addUser('c'))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(await userIds(t.db)).toEqual([]);
		// The connection is usable afterwards.
		await inGroupCommit(t.db, addUser('d'));
		expect(await userIds(t.db)).toEqual(['d']);
	});
});
