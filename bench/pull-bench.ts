/**
 * Pull as the user's data grows, for `npm run bench`: an advisor holding N records (and the visits of a colleague
 * in the same centre) pulls, on SQLite and on PostgreSQL, in this process (`pullChanges`, no HTTP: the server's
 * own cost, which every sync run of every device pays).
 *
 *   npx tsx bench/pull-bench.ts [--quick]
 *
 * N = 20,000 records of the advisor and 500 of a colleague (--quick: 2,000 and 50), pushed through the real
 * `pushOperations`. Figures, each on SQLite and PostgreSQL:
 * - sync_pull_first_20k_ms: the advisor's first pull, every page of 500 (median of 3);
 * - sync_pull_nothing_new_ms: a pull from the newest cursor, with nothing new to send (median of 20) — what
 *   every sync run costs the server when nothing changed;
 * - the same two `_without_pull_indexes`: the peer, the same database with migration 006's two indexes dropped
 *   (the (advisor, date) and (centre, date) indexes alone, as before it), measured in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { newId } from '$lib/domain/ids';
import type { PushOperation } from '$lib/domain/sync';
import type { Identity } from '$lib/domain/roles';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '$lib/server/db/database';
import type { DB } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATIONS, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { down as dropPullIndexes } from '$lib/server/db/migrations/006-pull-indexes';
import { pushOperations } from '$lib/server/sync/push';
import { pullChanges } from '$lib/server/sync/pull';
import { loadIdentity } from '$lib/server/identity';
import { consultationDocs } from './pouchdb-peer.js';
import { benchFigures, freshSchema, median, POSTGRES_URL, postgresReachable } from './bench-kit';

const quick = process.argv.includes('--quick');
const OWN = quick ? 2_000 : 20_000;
const COLLEAGUE = quick ? 50 : 500;
const { log, record, print } = benchFigures('pull-bench');
const label = quick ? '2k' : '20k';

const ORGANISATION_IDS = DEMO_ORGANISATIONS.map((organisation) => organisation.id);

async function identityOf(db: Kysely<DB>, userId: string): Promise<Identity> {
	const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
	return (await loadIdentity(db, user))!;
}

/** `count` completed consultations of `user`, pushed as a device would, 500 a request. */
async function fill(db: Kysely<DB>, user: Identity, count: number, seed: number): Promise<void> {
	const ctx = { user, deviceId: newId(), via: 'device', locale: 'pl' as const, now: () => new Date() };
	const ops: PushOperation[] = consultationDocs(count, seed).map(
		(doc: Record<string, unknown>, i: number) => {
			const { _id, status: _status, ...fields } = doc;
			void _id;
			return {
				opId: newId(),
				entity: 'consultation',
				entityId: fields.id as string,
				op: 'create',
				fields: {
					...fields,
					advisorId: user.userId,
					centreId: DEMO_CENTRE_IDS.slupsk,
					organisationId: ORGANISATION_IDS[i % ORGANISATION_IDS.length],
					status: 'completed'
				},
				baseVersion: null
			};
		}
	);
	for (let i = 0; i < ops.length; i += 500) {
		const results = await pushOperations(db, ctx, ops.slice(i, i + 500));
		if (results.some((result) => result.status !== 'applied')) throw new Error('fill: not applied');
	}
}

/** The advisor's pull from `cursor` to the end; returns the last cursor and how many changes came. */
async function pullToEnd(db: Kysely<DB>, user: Identity, cursor?: string) {
	let changes = 0;
	for (;;) {
		const page = await pullChanges(db, user, cursor, 500);
		changes += page.changes.length;
		cursor = page.cursor;
		if (!page.more) return { cursor, changes };
	}
}

async function timings(db: Kysely<DB>, advisor: Identity) {
	const first: number[] = [];
	let cursor = '';
	for (let run = 0; run < 3; run++) {
		const started = performance.now();
		const end = await pullToEnd(db, advisor);
		first.push(performance.now() - started);
		// Every record, every colleague visit and every organisation, once.
		if (end.changes !== OWN + COLLEAGUE + DEMO_ORGANISATIONS.length)
			throw new Error(`first pull: ${end.changes} changes`);
		cursor = end.cursor;
	}
	const nothingNew: number[] = [];
	for (let run = 0; run < 20; run++) {
		const started = performance.now();
		const page = await pullChanges(db, advisor, cursor, 500);
		nothingNew.push(performance.now() - started);
		if (page.changes.length !== 0) throw new Error('a pull with nothing new sent changes');
	}
	return { first: median(first), nothingNew: median(nothingNew) };
}

async function measure(handle: DatabaseHandle, engine: 'sqlite' | 'postgres'): Promise<void> {
	const { db } = handle;
	await migrateToLatest(db);
	await seedDemo(db);
	const advisor = await identityOf(db, DEMO_USER_IDS.advisor);
	// The colleague: the demo account of another centre, moved to Słupsk for this run.
	await db
		.updateTable('memberships')
		.set({ centreId: DEMO_CENTRE_IDS.slupsk })
		.where('userId', '=', DEMO_USER_IDS.advisor2)
		.execute();
	const colleague = await identityOf(db, DEMO_USER_IDS.advisor2);
	const started = performance.now();
	await fill(db, advisor, OWN, 2026);
	await fill(db, colleague, COLLEAGUE, 7);
	log(`${engine}: ${OWN} + ${COLLEAGUE} records pushed in ${(performance.now() - started).toFixed(0)} ms`);

	const ours = await timings(db, advisor);
	record(`sync_pull_first_${label}_ms_${engine}`, ours.first, 'ms', 'lower');
	record(`sync_pull_nothing_new_ms_${engine}`, ours.nothingNew, 'ms', 'lower');
	await dropPullIndexes(db);
	const before = await timings(db, advisor);
	record(`sync_pull_first_${label}_ms_${engine}_without_pull_indexes`, before.first, 'ms', 'lower');
	record(`sync_pull_nothing_new_ms_${engine}_without_pull_indexes`, before.nothingNew, 'ms', 'lower');
}

log(`${quick ? 'quick: ' : ''}an advisor with ${OWN} records and a colleague's ${COLLEAGUE}`);
const dir = mkdtempSync(join(tmpdir(), 'doradca-pull-bench-'));
const sqlite = openDatabase(join(dir, 'bench.db'));
try {
	await measure(sqlite, 'sqlite');
} finally {
	await sqlite.close();
	rmSync(dir, { recursive: true, force: true });
}
if (await postgresReachable(log)) {
	const { schema, drop } = await freshSchema();
	const handle = openDatabase(POSTGRES_URL, { searchPath: schema, poolMax: 4 });
	try {
		await measure(handle, 'postgres');
	} finally {
		await handle.close();
		await drop();
	}
} else {
	log('PostgreSQL figures skipped (set BENCH_POSTGRES_URL or TEST_POSTGRES_URL)');
}
print();
