import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, withTransaction } from '$lib/server/db/database';
import { MIGRATIONS } from '$lib/server/db/migrations';
import * as pullIndexes from '$lib/server/db/migrations/006-pull-indexes';
import * as signedSeq from '$lib/server/db/migrations/007-signed-seq';
import * as targetsKept from '$lib/server/db/migrations/008-targets-kept-at-close';
import { seedDemo } from '$lib/server/db/seed';
import { insertConsultation } from './helpers/coordinator';
import type { DB } from '$lib/server/db/schema';
import { ENGINES, openTestDatabase, reopenTestDatabase, type TestDatabase } from './helpers/databases';
import { userRow } from './helpers/factories';

const NOW = '2026-03-02T09:00:00.000Z';

const countUsers = async (db: Kysely<DB>) =>
	(
		await db
			.selectFrom('users')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	).n;

const TABLES = [
	'centres',
	'users',
	'memberships',
	'sessions',
	'login_attempts',
	'known_devices',
	'organisations',
	'consultations',
	'bookings',
	'audit_log',
	'email_outbox'
];

describe.each(ENGINES)('%s', (engine) => {
	let t: TestDatabase;
	beforeEach(async () => {
		t = await openTestDatabase(engine);
	});
	afterEach(async () => {
		await t.close();
	});

	describe('migrations', () => {
		it('apply every registered migration, in order, on a fresh database', () => {
			expect(t.engine).toBe(engine);
			expect(t.applied).toEqual(Object.keys(MIGRATIONS).sort());
			expect(t.applied[0]).toBe('001-initial');
		});

		it('create every table with snake_case columns', async () => {
			const tables = await t.db.introspection.getTables();
			const names = tables.map((table) => table.name);
			for (const table of TABLES) expect(names).toContain(table);
			const centres = tables.find((table) => table.name === 'centres')!;
			expect(centres.columns.map((c) => c.name)).toEqual(
				expect.arrayContaining(['postal_code', 'gmina_terc', 'powiat_terc', 'created_at'])
			);
			if ('schema' in t.location) {
				// The tables live in the test's own schema (introspection lists every schema's tables).
				const { schema } = t.location;
				const own = tables.filter((x) => x.schema === schema).map((x) => x.name);
				for (const table of TABLES) expect(own).toContain(table);
			}
		});

		it("index consultations by advisor and by centre in sequence order (a pull's pages), and 006 reverts", async () => {
			const indexes = async () =>
				t.engine === 'sqlite'
					? (
							await sql<{
								name: string;
							}>`select name from sqlite_master where type = 'index' and tbl_name = 'consultations'`.execute(
								t.db
							)
						).rows.map((row) => row.name)
					: (
							await sql<{
								name: string;
							}>`select indexname as name from pg_indexes where tablename = 'consultations' and schemaname = current_schema()`.execute(
								t.db
							)
						).rows.map((row) => row.name);
			expect(await indexes()).toEqual(
				expect.arrayContaining(['consultations_advisor_id_seq_idx', 'consultations_centre_id_seq_idx'])
			);
			await pullIndexes.down(t.db);
			expect(await indexes()).not.toContain('consultations_advisor_id_seq_idx');
			await pullIndexes.up(t.db);
			expect(await indexes()).toContain('consultations_centre_id_seq_idx');
		});

		it('007 gives the signed records of an older database their sequence as the signing one', async () => {
			await seedDemo(t.db);
			await signedSeq.down(t.db);
			const unsigned = await insertConsultation(t.db, { status: 'completed' });
			const signed = await insertConsultation(t.db, { status: 'signed' });
			await signedSeq.up(t.db);
			const rows = await t.db.selectFrom('consultations').select(['id', 'seq', 'signedSeq']).execute();
			const byId = new Map(rows.map((row) => [row.id, row]));
			expect(byId.get(unsigned)!.signedSeq).toBeNull();
			expect(Number(byId.get(signed)!.signedSeq)).toBe(Number(byId.get(signed)!.seq));
		});

		it('008 keeps the targets of the months an older database has closed', async () => {
			await seedDemo(t.db);
			await targetsKept.down(t.db.withoutPlugins());
			const slupsk = await t.db
				.selectFrom('centres')
				.select('id')
				.where('name', 'like', '%Słupsk%')
				.executeTakeFirstOrThrow();
			await t.db
				.insertInto('monthClosures')
				.values({ centreId: slupsk.id, month: '2026-03', closedAt: NOW, closedBy: null })
				.execute();
			// As the migrator runs it: without the camelCase plugin.
			await targetsKept.up(t.db.withoutPlugins());
			const kept = await t.db
				.selectFrom('quotas')
				.select(['month', 'centreId', 'advisorId', 'targetMin', 'keptAtClose'])
				.where('month', '=', '2026-03')
				.orderBy('advisorId')
				.execute();
			const standing = await t.db
				.selectFrom('quotas')
				.select('targetMin')
				.where('month', 'is', null)
				.where('centreId', '=', slupsk.id)
				.executeTakeFirstOrThrow();
			// The centre's standing target and its one advisor's share of it.
			expect(kept.map((row) => [row.advisorId === null, row.targetMin, row.keptAtClose])).toEqual(
				expect.arrayContaining([
					[true, standing.targetMin, 1],
					[false, standing.targetMin, 1]
				])
			);
			expect(kept).toHaveLength(2);
		});

		it('are idempotent: a re-run, also from a new connection, applies nothing', async () => {
			expect(await migrateToLatest(t.db)).toEqual([]);
			const again = reopenTestDatabase(engine, t.location);
			try {
				expect(await migrateToLatest(again.db)).toEqual([]);
			} finally {
				await again.close();
			}
		});
	});

	it('maps camelCase names to snake_case SQL', async () => {
		await t.db.insertInto('users').values(userRow('u1', 'a@x.pl')).execute();
		const { rows } = await sql<{ must_change_password: number; password_hash: string }>`
			select must_change_password, password_hash from users`.execute(t.db.withoutPlugins());
		expect(rows).toEqual([{ must_change_password: 0, password_hash: 'x' }]);
	});

	it('returns auto-increment ids and counts as numbers', async () => {
		const base = {
			at: NOW,
			actorId: null,
			entity: 'e',
			entityId: '1',
			action: 'a',
			before: null,
			after: null,
			reason: null
		};
		const first = await t.db.insertInto('auditLog').values(base).returning('id').executeTakeFirstOrThrow();
		const second = await t.db.insertInto('auditLog').values(base).returning('id').executeTakeFirstOrThrow();
		expect(typeof first.id).toBe('number');
		expect(second.id).toBeGreaterThan(first.id);
		const { n } = await t.db
			.selectFrom('auditLog')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(n).toBe(2);
	});

	it('enforces foreign keys', async () => {
		await expect(
			t.db
				.insertInto('memberships')
				.values({
					id: 'm1',
					userId: 'nobody',
					role: 'advisor',
					centreId: null,
					organisationId: null,
					createdAt: NOW
				})
				.execute()
		).rejects.toThrow();
		await expect(
			t.db
				.insertInto('sessions')
				.values({
					id: 's1',
					userId: 'nobody',
					createdAt: NOW,
					expiresAt: NOW,
					lastSeenAt: NOW,
					userAgent: null,
					ip: null
				})
				.execute()
		).rejects.toThrow();
	});

	it('cascades a deleted user to memberships and sessions', async () => {
		await t.db.insertInto('users').values(userRow('u1', 'a@x.pl')).execute();
		await t.db
			.insertInto('memberships')
			.values({ id: 'm1', userId: 'u1', role: 'admin', centreId: null, organisationId: null, createdAt: NOW })
			.execute();
		await t.db
			.insertInto('sessions')
			.values({
				id: 's1',
				userId: 'u1',
				createdAt: NOW,
				expiresAt: NOW,
				lastSeenAt: NOW,
				userAgent: null,
				ip: null
			})
			.execute();
		await t.db.deleteFrom('users').where('id', '=', 'u1').execute();
		expect(await t.db.selectFrom('memberships').selectAll().execute()).toEqual([]);
		expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
	});

	it('refuses a second user with the same email', async () => {
		await t.db.insertInto('users').values(userRow('u1', 'same@x.pl')).execute();
		await expect(t.db.insertInto('users').values(userRow('u2', 'same@x.pl')).execute()).rejects.toThrow();
		expect(await countUsers(t.db)).toBe(1);
	});

	describe('withTransaction', () => {
		it('commits and returns the result', async () => {
			const result = await withTransaction(t.db, async (trx) => {
				await trx.insertInto('users').values(userRow('u1', 'a@x.pl')).execute();
				return 'done';
			});
			expect(result).toBe('done');
			expect(await countUsers(t.db)).toBe(1);
		});

		it('rolls back every write when the function throws, and rethrows', async () => {
			const failure = new Error('boom');
			await expect(
				withTransaction(t.db, async (trx) => {
					await trx.insertInto('users').values(userRow('u1', 'a@x.pl')).execute();
					await trx.insertInto('users').values(userRow('u2', 'b@x.pl')).execute();
					throw failure;
				})
			).rejects.toBe(failure);
			expect(await countUsers(t.db)).toBe(0);
		});

		it('rolls back when a statement fails half-way', async () => {
			await expect(
				withTransaction(t.db, async (trx) => {
					await trx.insertInto('users').values(userRow('u1', 'a@x.pl')).execute();
					await trx.insertInto('users').values(userRow('u2', 'a@x.pl')).execute();
				})
			).rejects.toThrow();
			expect(await countUsers(t.db)).toBe(0);
		});

		it('joins an enclosing transaction instead of committing on its own', async () => {
			await expect(
				withTransaction(t.db, async (outer) => {
					await withTransaction(outer, async (inner) => {
						expect(inner).toBe(outer);
						await inner.insertInto('users').values(userRow('u1', 'a@x.pl')).execute();
					});
					throw new Error('outer fails');
				})
			).rejects.toThrow('outer fails');
			expect(await countUsers(t.db)).toBe(0);
		});

		it(`${engine === 'postgres' ? 'retries' : 'does not retry'} a serialization failure`, async () => {
			let attempts = 0;
			const run = withTransaction(t.db, async (trx) => {
				attempts++;
				await trx
					.insertInto('users')
					.values(userRow(`u${attempts}`, `a${attempts}@x.pl`))
					.execute();
				if (attempts === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
				return attempts;
			});
			if (engine === 'postgres') {
				expect(await run).toBe(2);
				// Only the successful attempt's write remains.
				expect((await t.db.selectFrom('users').select('id').execute()).map((u) => u.id)).toEqual(['u2']);
			} else {
				await expect(run).rejects.toMatchObject({ code: '40001' });
				expect(attempts).toBe(1);
			}
		});

		it('does not retry other errors', async () => {
			let attempts = 0;
			await expect(
				withTransaction(t.db, async () => {
					attempts++;
					throw Object.assign(new Error('unique'), { code: '23505' });
				})
			).rejects.toThrow('unique');
			expect(attempts).toBe(1);
		});
	});
});

describe('postgres: several instances', () => {
	it('concurrent first starts (two instances) apply each migration once', async () => {
		const fresh = await openTestDatabase('postgres', { migrate: false });
		const second = reopenTestDatabase('postgres', fresh.location);
		try {
			const [a, b] = await Promise.all([migrateToLatest(fresh.db), migrateToLatest(second.db)]);
			expect([...a, ...b]).toEqual(Object.keys(MIGRATIONS));
			expect(await countUsers(fresh.db)).toBe(0);
		} finally {
			await second.close();
			await fresh.close();
		}
	});

	it('re-runs the losing serializable transaction until both commit', async () => {
		const t = await openTestDatabase('postgres');
		try {
			let bothRead!: () => void;
			const barrier = new Promise<void>((resolve) => (bothRead = resolve));
			let reads = 0;
			let attempts = 0;
			// Each transaction counts users and inserts one: a classic write-skew PostgreSQL must refuse.
			const addUser = (id: string) =>
				withTransaction(
					t.db,
					async (trx) => {
						attempts++;
						const n = await countUsers(trx);
						if (++reads === 2) bothRead();
						await barrier;
						await trx
							.insertInto('users')
							.values(userRow(id, `${id}@x.pl`))
							.execute();
						return n;
					},
					{ isolation: 'serializable' }
				);
			const seen = await Promise.all([addUser('u1'), addUser('u2')]);
			expect(seen.sort()).toEqual([0, 1]);
			expect(attempts).toBe(3);
			expect(await countUsers(t.db)).toBe(2);
		} finally {
			await t.close();
		}
	});
});

describe('sqlite: opening', () => {
	const dir = mkdtempSync(join(tmpdir(), 'doradca-open-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('creates the parent folder of a sqlite: URL and sets the pragmas', async () => {
		const file = join(dir, 'nested', 'deeper', 'x.db');
		const handle = openDatabase(`sqlite:${file}`);
		try {
			expect(handle.engine).toBe('sqlite');
			expect(existsSync(join(dir, 'nested', 'deeper'))).toBe(true);
			const pragma = async (name: string) =>
				Object.values((await sql.raw(`pragma ${name}`).execute(handle.db)).rows[0] as object)[0];
			expect(await pragma('foreign_keys')).toBe(1);
			expect(await pragma('journal_mode')).toBe('wal');
			expect(await pragma('busy_timeout')).toBe(5000);
		} finally {
			await handle.close();
		}
	});

	it('opens sqlite::memory: and migrates it', async () => {
		const handle = openDatabase('sqlite::memory:');
		try {
			expect(await migrateToLatest(handle.db)).toEqual(Object.keys(MIGRATIONS));
			expect(await countUsers(handle.db)).toBe(0);
		} finally {
			await handle.close();
		}
	});
});

describe('getDatabase', () => {
	const dir = mkdtempSync(join(tmpdir(), 'doradca-singleton-'));
	const previous = process.env.DATABASE_URL;
	afterAll(() => {
		if (previous === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = previous;
		rmSync(dir, { recursive: true, force: true });
	});

	it('opens DATABASE_URL once, migrated, however many requests arrive at once', async () => {
		process.env.DATABASE_URL = `sqlite:${join(dir, 'app', 'doradca.db')}`;
		const { getDatabase, closeDatabase } = await import('$lib/server/db');
		try {
			const all = await Promise.all([getDatabase(), getDatabase(), getDatabase()]);
			expect(new Set(all).size).toBe(1);
			expect(await countUsers(all[0]!)).toBe(0);
			expect(existsSync(join(dir, 'app', 'doradca.db'))).toBe(true);
		} finally {
			await closeDatabase();
		}
	});
});
