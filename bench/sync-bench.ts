/**
 * Sync benchmarks for `npm run bench`: the real device code (LocalDb on fake-indexeddb, the outbox, `syncOnce`,
 * `httpTransport`) against the built app (`build/index.js`, a child process) over loopback HTTP, beside PouchDB
 * replicating the very same documents (bench/pouchdb-peer.js).
 *
 *   npx tsx bench/sync-bench.ts [--quick] [--profile] [--only=push|pouchdb|browser|devices|devices-sqlite|devices-postgres] [--devices-engine]
 *
 * Needs a build (`npx vite build`; `npm run bench` builds when needed). Full: N = 10,000 documents, D = 50
 * devices × B = 10 batches; --quick: 1,000 documents, 10 devices × 5 batches.
 *
 * Figures go to stdout as one JSON line, `{"figures":[{ name, value, unit, better }]}` (scripts/bench.js records
 * them); progress and the profile go to stderr.
 *
 * - sync_push_10k_ops_per_s: one device pushes N consultation creates to a fresh SQLite file. The documents are
 *   `consultationDocs(N, seed)`, given to the demo advisor doradca@demo.pl (its id, centre, demo organisations;
 *   'signed' and 'approved' become 'completed', since a device may not send 'approved' and the generator's signed
 *   records carry no signature). They are bulk-added to the device — records in the local table, their outbox
 *   entries exactly as `saveDraft` + `completeConsultation` leave them (checked on the first one) — and sent by
 *   `syncOnce` in the batches it picks (`batchSizeFor`: 500 for N = 10,000, 100 for 1,000). Timed: `syncOnce`
 *   from its start to its end, push only — the transport answers the pull that follows as 'offline', so the run
 *   ends right after the last push answer is stored.
 * - sync_pull_10k_ms: a second, empty device of the same advisor runs `syncOnce` (empty outbox, cursor 0, all
 *   pages of 500) and ends holding the N records.
 * - sync_pull_10k_wire_kb / sync_pull_10k_uncompressed_kb: the bytes of that whole pull on the wire (Content-Length
 *   of every page) when asked for as a browser asks (brotli) and uncompressed (`pullBytes`), untimed.
 * - pouchdb_replicate_10k_ops_per_s: `pouchdbReplicate(consultationDocs(N, seed))` with PouchDB's defaults
 *   (batch_size 100; its server in this process), median of 3 runs (1 with --quick); sync_vs_pouchdb_ratio =
 *   ours / PouchDB's. pouchdb_pull_10k_ms: `pouchdbPull` of the same documents, the peer of sync_pull_10k_ms.
 * - sync_push_10k_browser_ops_per_s / pouchdb_replicate_10k_browser_ops_per_s / sync_vs_pouchdb_browser_ratio: the
 *   same push and the same PouchDB replication run in Chromium (bench/browser/sync.ts), each client on the
 *   browser's own IndexedDB in an on-disk profile — what a phone does; fake-indexeddb above is an in-memory stand-in
 *   with other costs (see `browserPush`).
 * - sync_50_devices_{ops_per_s,p99_ms}_{sqlite,postgres}: D devices of 10 extra advisors (5 devices each) push
 *   B batches of 50 creates each, all at once, each device one request at a time; ops per second over the whole
 *   window and the 99th percentile of one push request (fetch → answer parsed, as the device sees it). See
 *   `manyDevices` for why the devices there are the HTTP transport without a local database. The slowest pushes
 *   are those of the first wave, when every device opens its connection: a request on a new connection needs
 *   several event-loop turns to reach the group-commit queue while each group's transaction holds the loop
 *   (`GATHER_TURNS`); --profile shows the first pushes apart from the later ones.
 * - sync_pull_during_50_devices_p99_ms_{sqlite,postgres}: meanwhile, COP Słupsk's coordinator pulls the centre's new
 *   records (`watchPulls`: from its cursor, again 100 ms after reaching the end); the 99th percentile of one pull
 *   request. Checked: it ends holding every record its centre's devices pushed.
 * - --profile adds, on stderr, where the push's time goes (HTTP vs device vs server alone) and what-ifs.
 *
 * Each measurement starts its own server on a fresh database, seeded (demo data + 10 advisors) before it starts.
 * PostgreSQL: a fresh schema in BENCH_POSTGRES_URL / TEST_POSTGRES_URL (search_path set through the URL's
 * `options`), dropped afterwards; skipped with a notice when PostgreSQL cannot be reached.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { newId } from '$lib/domain/ids';
import type { ConsultationStatus } from '$lib/domain/consultation';
import {
	PULL_DEFAULT_LIMIT,
	PUSH_MAX_OPS,
	type OpResult,
	type PushOperation,
	type PullResponse,
	type PushResponse
} from '$lib/domain/sync';
import { openLocalDb, type LocalConsultation, type LocalDb, type OutboxEntry } from '$lib/client/db/local-db';
import { completeConsultation, saveDraft, serverFields } from '$lib/client/db/consultations';
import type { MonthIndexRow } from '$lib/client/db/month-index';
import { syncOnce, toOperation, type SyncOutcome } from '$lib/client/sync/engine';
import { syncTables } from '$lib/client/db/sync-apply';
import { httpTransport, type SyncTransport } from '$lib/client/sync/transport';
import { migrateToLatest, openDatabase } from '$lib/server/db/database';
import type { DB } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { pushOperations } from '$lib/server/sync/push';
import { loadIdentity } from '$lib/server/identity';
import { root } from '../scripts/lib/build.js';
import { browserBundle } from '../scripts/lib/browser-bundle.js';
import { chromiumLaunchOptions } from '../scripts/lib/chromium.js';
import {
	consultationDocs,
	listen as listenPouchServer,
	pouchdbPull,
	pouchdbReplicate
} from './pouchdb-peer.js';
import { fillDevice } from './sync-device';
import { benchFigures, freshSchema, percentile, POSTGRES_URL, postgresReachable } from './bench-kit';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const devicesEngine = args.includes('--devices-engine');
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

const SEED = 2026;
const DOCS = quick ? 1_000 : 10_000;
const DEVICES = quick ? 10 : 50;
const BATCHES = quick ? 5 : 10;
const BATCH_OPS = 50;
const EXTRA_ADVISORS = 10;

const { log, record, print } = benchFigures('sync-bench');

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const ms = (value: number) => `${value.toFixed(0)} ms`;

// ---------------------------------------------------------------------------------------------------------------
// Server: a fresh database, seeded, then the built app on it

interface Account {
	userId: string;
	email: string;
	centreId: string;
}

const DEMO_ADVISOR: Account = {
	userId: DEMO_USER_IDS.advisor,
	email: 'doradca@demo.pl',
	centreId: DEMO_CENTRE_IDS.slupsk
};
const DEMO_ADVISOR_2: Account = {
	userId: DEMO_USER_IDS.advisor2,
	email: 'doradca2@demo.pl',
	centreId: DEMO_CENTRE_IDS.lebork
};
/** Watches the storm of `manyDevices`: COP Słupsk's coordinator sees the consultations of its extra advisors. */
const DEMO_COORDINATOR: Account = {
	userId: DEMO_USER_IDS.coordinator,
	email: 'koordynator@demo.pl',
	centreId: DEMO_CENTRE_IDS.slupsk
};
const CENTRE_IDS = Object.values(DEMO_CENTRE_IDS);
const EXTRA: Account[] = Array.from({ length: EXTRA_ADVISORS }, (_, i) => ({
	userId: `0190b000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
	email: `doradca-bench-${i + 1}@demo.pl`,
	centreId: CENTRE_IDS[i % CENTRE_IDS.length]!
}));

/** Migrates, seeds the demo data and adds the extra advisors (with the demo password) before the app starts. */
async function prepareDatabase(url: string): Promise<void> {
	const { db, close } = openDatabase(url);
	try {
		await migrateToLatest(db);
		await seedDemo(db);
		const { passwordHash } = await db
			.selectFrom('users')
			.select('passwordHash')
			.where('id', '=', DEMO_USER_IDS.advisor)
			.executeTakeFirstOrThrow();
		const at = new Date().toISOString();
		await db
			.insertInto('users')
			.values(
				EXTRA.map((a, i) => ({
					id: a.userId,
					email: a.email,
					name: `Doradca Testowy ${i + 1}`,
					passwordHash,
					status: 'active' as const,
					mustChangePassword: 0 as const,
					locale: 'pl' as const,
					createdAt: at,
					updatedAt: at
				}))
			)
			.execute();
		await db
			.insertInto('memberships')
			.values(
				EXTRA.map((a) => ({
					id: newId(),
					userId: a.userId,
					role: 'advisor' as const,
					centreId: a.centreId,
					organisationId: null,
					createdAt: at
				}))
			)
			.execute();
	} finally {
		await close();
	}
}

interface App {
	baseUrl: string;
	child: ChildProcess;
	stderr: () => string;
}

let nextPort = 4500 + (process.pid % 200);

async function startApp(databaseUrl: string): Promise<App> {
	const port = nextPort++;
	const baseUrl = `http://localhost:${port}`;
	let stderr = '';
	// SYNC_BENCH_SERVER_FLAGS: Node flags for the app, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' to profile it.
	const flags = process.env.SYNC_BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
	const child = spawn(process.execPath, [...flags, join(root, 'build', 'index.js')], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'pipe'],
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: baseUrl,
			DATABASE_URL: databaseUrl,
			DEMO: '1',
			BODY_SIZE_LIMIT: '40M'
		}
	});
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-4000);
	});
	const deadline = performance.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}): ${stderr}`);
		try {
			if ((await fetch(`${baseUrl}/api/health`)).ok) break;
		} catch {
			/* not listening yet */
		}
		if (performance.now() > deadline) throw new Error(`app on ${baseUrl} did not answer: ${stderr}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return { baseUrl, child, stderr: () => stderr };
}

async function stopApp(app: App): Promise<void> {
	if (app.child.exitCode !== null) return;
	const exited = new Promise((resolve) => app.child.once('exit', resolve));
	app.child.kill('SIGTERM');
	await exited;
}

/** A fresh SQLite file or PostgreSQL schema, prepared; `drop` removes it. */
async function freshDatabase(
	engine: 'sqlite' | 'postgres'
): Promise<{ url: string; drop: () => Promise<void> }> {
	if (engine === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'doradca-sync-bench-'));
		const url = join(dir, 'bench.db');
		await prepareDatabase(url);
		return { url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
	}
	const { schema, drop } = await freshSchema();
	const url = new URL(POSTGRES_URL);
	url.searchParams.set('options', `-c search_path=${schema}`);
	try {
		await prepareDatabase(url.toString());
	} catch (error) {
		await drop();
		throw error;
	}
	return { url: url.toString(), drop };
}

/** Runs `fn` with the built app on a fresh database of `engine`; always stops the app and drops the database. */
async function withApp<T>(engine: 'sqlite' | 'postgres', fn: (app: App) => Promise<T>): Promise<T> {
	const database = await freshDatabase(engine);
	try {
		const app = await startApp(database.url);
		try {
			return await fn(app);
		} catch (error) {
			log(`app stderr: ${app.stderr()}`);
			throw error;
		} finally {
			await stopApp(app);
		}
	} finally {
		await database.drop();
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Devices

async function signIn(baseUrl: string, email: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: baseUrl },
		body: JSON.stringify({ email, password: DEMO_PASSWORD })
	});
	const token = /doradca_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
	if (!token) throw new Error(`sign-in of ${email} failed: ${response.status} ${await response.text()}`);
	return token;
}

/** What a device's transport saw: each push request's latency and the status of every answered operation. */
interface Tally {
	pushMs: number[];
	pullMs: number[];
	statuses: Map<string, number>;
	firstRefusal?: OpResult;
	/** Kept when set (profile): every push answer, in order. */
	answers?: PushResponse[];
}

/**
 * The real HTTP transport with the session cookie and Origin, measured. `pull: 'offline'` answers every pull
 * as the network being gone, without a request: `syncOnce` then stops right after its push phase.
 */
function benchTransport(
	baseUrl: string,
	token: string,
	tally: Tally,
	pull: 'real' | 'offline'
): SyncTransport {
	const inner = httpTransport({
		baseUrl,
		fetch: (input, init) => fetch(input, init),
		headers: () => ({ cookie: `doradca_session=${token}`, origin: baseUrl })
	});
	return {
		async push(body) {
			const started = performance.now();
			const result = await inner.push(body);
			tally.pushMs.push(performance.now() - started);
			if (result.ok) {
				tally.answers?.push(result.data);
				for (const op of result.data.results) {
					tally.statuses.set(op.status, (tally.statuses.get(op.status) ?? 0) + 1);
					if (op.status === 'refused') tally.firstRefusal ??= op;
				}
			}
			return result;
		},
		async pull(cursor, limit) {
			if (pull === 'offline') return { ok: false, kind: 'offline' };
			const started = performance.now();
			const result = await inner.pull(cursor, limit);
			tally.pullMs.push(performance.now() - started);
			return result;
		}
	};
}

const newTally = (): Tally => ({ pushMs: [], pullMs: [], statuses: new Map() });

function openDevice(userId: string): Promise<LocalDb> {
	return openLocalDb(userId, { indexedDB: new IDBFactory(), IDBKeyRange });
}

const ORGANISATION_IDS = DEMO_ORGANISATIONS.map((organisation) => organisation.id);

/** A generated document as one of `account`'s consultations, in a shape the server accepts from a device. */
function asConsultation(doc: Record<string, unknown>, index: number, account: Account): LocalConsultation {
	const { _id, advisorId: _a, centreId: _c, organisationId: _o, status, ...rest } = doc;
	void _id;
	return {
		...(rest as Omit<LocalConsultation, 'advisorId' | 'centreId' | 'organisationId' | 'status'>),
		advisorId: account.userId,
		centreId: account.centreId,
		organisationId: ORGANISATION_IDS[index % ORGANISATION_IDS.length]!,
		status: (status === 'draft' ? 'draft' : 'completed') as ConsultationStatus,
		version: 0,
		receipt: null,
		conflicts: []
	};
}

/** The outbox entry `saveDraft` (+ `completeConsultation`, folded into the create) leaves for a new record. */
function createEntry(record: LocalConsultation, now: string): OutboxEntry {
	return {
		opId: newId(),
		entity: 'consultation',
		entityId: record.id,
		op: 'create',
		fields: serverFields(record),
		baseVersion: null,
		createdAt: now,
		attempts: 0,
		mergeable: true
	};
}

/** The bulk-added entry must be what the app's own repository functions write; checked on one record. */
async function checkEntryShape(record: LocalConsultation): Promise<void> {
	const db = await openDevice(record.advisorId);
	const ctx = { now: () => new Date(), newId, userId: record.advisorId, centreId: record.centreId };
	const {
		id,
		advisorId: _a,
		centreId: _c,
		status: _s,
		signature: _g,
		bookingId: _b,
		...form
	} = serverFields(record);
	await saveDraft(db, ctx, id as string, form);
	if (record.status === 'completed') await completeConsultation(db, ctx, id as string);
	const [real] = await db.outbox.toArray();
	db.close();
	const keys = (fields: Record<string, unknown>) => Object.keys(fields).sort().join(',');
	const mine = createEntry(record, '');
	const same =
		real &&
		keys(real.fields) === keys(mine.fields) &&
		real.op === mine.op &&
		real.mergeable === mine.mergeable &&
		real.baseVersion === mine.baseVersion &&
		real.fields.status === mine.fields.status;
	if (!same) throw new Error(`bulk outbox entry differs from saveDraft's: ${JSON.stringify(real)}`);
}

function checkAllApplied(tally: Tally, expected: number, what: string) {
	const applied = tally.statuses.get('applied') ?? 0;
	if (applied !== expected) {
		throw new Error(
			`${what}: ${applied} of ${expected} applied (${JSON.stringify([...tally.statuses])}; first refusal ` +
				`${JSON.stringify(tally.firstRefusal ?? null)})`
		);
	}
}

function checkPushOnly(outcome: SyncOutcome, expected: number, what: string) {
	// The pull is cut off on purpose ('offline'); everything before it must have gone through.
	if (outcome.pushed !== expected || outcome.refused !== 0) {
		throw new Error(`${what}: pushed ${outcome.pushed}, refused ${outcome.refused} of ${expected}`);
	}
}

const syncOptions = { now: () => new Date(), newId };

// ---------------------------------------------------------------------------------------------------------------
// The measurements

interface Prepared {
	records: LocalConsultation[];
	entries: OutboxEntry[];
}

/** `n` generated documents as `account`'s records, and their outbox entries (made once, so a replay matches). */
function prepare(n: number, seed: number, account: Account, offset = 0): Prepared {
	const records = consultationDocs(n, seed).map((doc: Record<string, unknown>, i: number) =>
		asConsultation(doc, offset + i, account)
	);
	const now = new Date().toISOString();
	return { records, entries: records.map((record) => createEntry(record, now)) };
}

async function filledDevice(userId: string, { records, entries }: Prepared): Promise<LocalDb> {
	const db = await openDevice(userId);
	await fillDevice(db, structuredClone(records), structuredClone(entries));
	return db;
}

async function pushAndPull(): Promise<number> {
	const prepared = prepare(DOCS, SEED, DEMO_ADVISOR);
	await checkEntryShape(prepared.records[0]!);
	return withApp('sqlite', async (app) => {
		// Warm-up (untimed): another advisor's 200 records, so the figure does not pay for first-call compilation.
		const warmToken = await signIn(app.baseUrl, DEMO_ADVISOR_2.email);
		const warm = await filledDevice(DEMO_ADVISOR_2.userId, prepare(200, SEED + 1, DEMO_ADVISOR_2));
		const warmTally = newTally();
		checkPushOnly(
			await syncOnce(warm, benchTransport(app.baseUrl, warmToken, warmTally, 'offline'), syncOptions),
			200,
			'warm-up'
		);
		warm.close();

		const token = await signIn(app.baseUrl, DEMO_ADVISOR.email);
		const device = await filledDevice(DEMO_ADVISOR.userId, prepared);
		const tally = newTally();
		if (profile) tally.answers = [];
		const transport = benchTransport(app.baseUrl, token, tally, 'offline');
		const started = performance.now();
		const outcome = await syncOnce(device, transport, syncOptions);
		const pushMs = performance.now() - started;
		checkPushOnly(outcome, DOCS, 'push');
		checkAllApplied(tally, DOCS, 'push');
		if ((await device.outbox.count()) !== 0) throw new Error('push left entries in the outbox');
		const opsPerSec = (DOCS / pushMs) * 1000;
		record('sync_push_10k_ops_per_s', opsPerSec, 'ops/s', 'higher');
		device.close();

		// A second phone of the same advisor, empty: everything comes in through the pull.
		const fresh = await openDevice(DEMO_ADVISOR.userId);
		const pullStarted = performance.now();
		const pullTally = newTally();
		const pulled = await syncOnce(fresh, benchTransport(app.baseUrl, token, pullTally, 'real'), syncOptions);
		const pullMs = performance.now() - pullStarted;
		if (!pulled.ok) throw new Error(`pull failed: ${JSON.stringify(pulled.failure)}`);
		const held = await fresh.consultations.count();
		if (held !== DOCS) throw new Error(`pull left ${held} of ${DOCS} records on the device`);
		record('sync_pull_10k_ms', pullMs, 'ms', 'lower');
		fresh.close();
		// What that pull weighs on a phone's connection: as a browser asks for it, and uncompressed.
		const browserEncodings = 'gzip, deflate, br, zstd';
		record(
			'sync_pull_10k_wire_kb',
			(await pullBytes(app.baseUrl, token, browserEncodings)) / 1024,
			'KiB',
			'lower'
		);
		record(
			'sync_pull_10k_uncompressed_kb',
			(await pullBytes(app.baseUrl, token, 'identity')) / 1024,
			'KiB',
			'lower'
		);

		if (profile) {
			const http = sum(pullTally.pullMs);
			log(
				`profile: pull ${ms(pullMs)} = ${pullTally.pullMs.length} HTTP round trips ${ms(http)} + device ` +
					`between requests ${ms(pullMs - http)}`
			);
			await profilePush(prepared, pushMs, tally);
		}
		return opsPerSec;
	});
}

/**
 * The bytes on the wire (each answer's Content-Length) of a whole pull from cursor 0 in pages of the default size,
 * asking for `acceptEncoding`.
 */
async function pullBytes(baseUrl: string, token: string, acceptEncoding: string): Promise<number> {
	let bytes = 0;
	const transport = httpTransport({
		baseUrl,
		fetch: async (input, init) => {
			const response = await fetch(input, init);
			bytes += Number(response.headers.get('content-length') ?? NaN);
			return response;
		},
		headers: () => ({
			cookie: `doradca_session=${token}`,
			origin: baseUrl,
			'accept-encoding': acceptEncoding
		})
	});
	await pullToEnd(transport, null, acceptEncoding);
	return bytes;
}

/** Pulls every page (of the default size) from `cursor` to the end, one request at a time; the cursor after. */
async function pullToEnd(
	transport: SyncTransport,
	cursor: string | null,
	label: string,
	onPage: (page: PullResponse) => void = () => {}
): Promise<string> {
	for (;;) {
		const page = await transport.pull(cursor, PULL_DEFAULT_LIMIT);
		if (!page.ok) throw new Error(`pull (${label}) failed: ${JSON.stringify(page)}`);
		onPage(page.data);
		cursor = page.data.cursor;
		if (!page.data.more) return cursor;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Profile (--profile): where the push's time goes, and what-if measurements of changes outside this harness

/**
 * Splits the measured push into HTTP round trips and device time, then measures each side alone:
 * - device: the same `syncOnce` on a fresh device whose transport replays the recorded answers (no HTTP, no
 *   server), and a batched what-if of the same work (one bulkPut for `sentAt`, one bulkDelete of the answered
 *   entries, one bulkPut of the records, the month index a day row at a time);
 * - server: `pushOperations` in this process (no HTTP, no JSON) on a fresh SQLite file, with better-sqlite3 as
 *   Kysely's driver uses it (a statement prepared per query) and with a statement cache, counting statements.
 */
async function profilePush(prepared: Prepared, pushMs: number, tally: Tally): Promise<void> {
	const http = sum(tally.pushMs);
	log(
		`profile: push ${ms(pushMs)} = ${tally.pushMs.length} HTTP round trips ${ms(http)} (median ` +
			`${ms(percentile(tally.pushMs, 50))}) + device between requests ${ms(pushMs - http)}`
	);
	const answers = tally.answers!;

	const replayDevice = await filledDevice(DEMO_ADVISOR.userId, prepared);
	let next = 0;
	const replay: SyncTransport = {
		push: async () => ({ ok: true, data: answers[next++]! }),
		pull: async () => ({ ok: false, kind: 'offline' })
	};
	let started = performance.now();
	checkPushOnly(await syncOnce(replayDevice, replay, syncOptions), DOCS, 'replay');
	log(`profile: device alone (syncOnce, answers replayed): ${ms(performance.now() - started)}`);
	replayDevice.close();

	// A floor no client can go under: an answered entry has to leave the outbox, whatever else is stored.
	const floorDevice = await filledDevice(DEMO_ADVISOR.userId, prepared);
	const keys = (await floorDevice.outbox.toCollection().primaryKeys()) as number[];
	started = performance.now();
	for (let i = 0; i < keys.length; i += PUSH_MAX_OPS)
		await floorDevice.outbox.bulkDelete(keys.slice(i, i + PUSH_MAX_OPS));
	log(
		`profile: device floor (only deleting the answered outbox entries, ${PUSH_MAX_OPS} a transaction): ` +
			ms(performance.now() - started)
	);
	floorDevice.close();

	const batchedDevice = await filledDevice(DEMO_ADVISOR.userId, prepared);
	started = performance.now();
	for (const answer of answers) await batchedPushStep(batchedDevice, answer.results);
	log(`profile: device what-if, batched Dexie writes: ${ms(performance.now() - started)}`);
	if ((await batchedDevice.outbox.count()) !== 0) throw new Error('what-if left entries in the outbox');
	batchedDevice.close();

	const ops = prepared.entries.map((entry) => toOperation(entry));
	await serverAlone(ops.slice(0, 200), false); // warm-up
	for (const cached of [false, true, false, true]) {
		const { ms: serverMs, statements, sqliteMs, commitMs } = await serverAlone(ops, cached);
		log(
			`profile: server alone (pushOperations in-process, SQLite${cached ? ', statement cache' : ''}): ` +
				`${ms(serverMs)}, ${(statements / ops.length).toFixed(1)} statements per operation; inside SQLite ` +
				`${ms(sqliteMs)}, of which commits ${ms(commitMs)}`
		);
	}
}

/** One push step done with bulk operations: what `nextBatch` + `applyPushResults` cost at best here. */
async function batchedPushStep(db: LocalDb, results: readonly OpResult[]): Promise<void> {
	const batch = await db.transaction('rw', db.outbox, async () => {
		const entries = await db.outbox.orderBy('seq').limit(PUSH_MAX_OPS).toArray();
		const stamp = new Date().toISOString();
		for (const entry of entries) entry.sentAt = stamp;
		await db.outbox.bulkPut(entries);
		return entries;
	});
	await db.transaction('rw', syncTables(db), async () => {
		await db.outbox.bulkDelete(batch.map((entry) => entry.seq!));
		const records: LocalConsultation[] = [];
		for (const result of results)
			if (result.current?.entity === 'consultation') records.push(result.current.record);
		const previous = await db.consultations.bulkGet(records.map((record) => record.id));
		await db.consultations.bulkPut(records);
		const days = new Map<string, MonthIndexRow>();
		const dayKeys = [...new Set(records.map((r) => `${r.advisorId}|${r.date}`))].map(
			(key) => key.split('|') as [string, string]
		);
		const rows = await db.monthIndex.bulkGet(dayKeys);
		dayKeys.forEach((key, i) =>
			days.set(key.join('|'), rows[i] ?? { advisorId: key[0], date: key[1], entries: {} })
		);
		records.forEach((record, i) => {
			const before = previous[i];
			if (before) delete days.get(`${before.advisorId}|${before.date}`)?.entries[before.id];
			days.get(`${record.advisorId}|${record.date}`)!.entries[record.id] = [
				record.date,
				record.status,
				record.placeKind,
				record.durationMin,
				record.organisationId,
				[...record.topics]
			];
		});
		await db.monthIndex.bulkPut([...days.values()]);
	});
}

/** `pushOperations` on a fresh SQLite file, in this process, PUSH_MAX_OPS a batch; the driver optionally caching. */
async function serverAlone(
	ops: readonly PushOperation[],
	cacheStatements: boolean
): Promise<{ ms: number; statements: number; sqliteMs: number; commitMs: number }> {
	const dir = mkdtempSync(join(tmpdir(), 'doradca-sync-profile-'));
	const file = join(dir, 'profile.db');
	try {
		await prepareDatabase(file);
		// As openDatabase opens it (same pragmas and plugin), with prepare() counted and optionally cached.
		const sqlite = new SqliteDatabase(file);
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('busy_timeout = 5000');
		let statements = 0;
		let sqliteMs = 0;
		let commitMs = 0;
		const cache = new Map<string, SqliteDatabase.Statement>();
		const prepareStatement = sqlite.prepare.bind(sqlite);
		/** The statement, its running timed: SQLite's own work (the commits' fsync included), no JavaScript. */
		const timed = (source: string) => {
			const statement = prepareStatement(source);
			for (const method of ['run', 'all', 'get'] as const) {
				const run = statement[method].bind(statement) as (...params: unknown[]) => unknown;
				(statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
					const started = performance.now();
					try {
						return run(...params);
					} finally {
						const took = performance.now() - started;
						sqliteMs += took;
						if (source === 'commit') commitMs += took;
					}
				};
			}
			return statement;
		};
		sqlite.prepare = ((source: string) => {
			statements += 1;
			if (!cacheStatements) return timed(source);
			let statement = cache.get(source);
			if (!statement) cache.set(source, (statement = timed(source)));
			return statement;
		}) as typeof sqlite.prepare;
		const db = new Kysely<DB>({
			dialect: new SqliteDialect({ database: sqlite }),
			plugins: [new CamelCasePlugin()]
		});
		try {
			const user = await db
				.selectFrom('users')
				.selectAll()
				.where('id', '=', DEMO_ADVISOR.userId)
				.executeTakeFirstOrThrow();
			const identity = (await loadIdentity(db, user))!;
			const ctx = {
				user: identity,
				deviceId: newId(),
				via: 'device',
				locale: 'pl' as const,
				now: () => new Date()
			};
			statements = sqliteMs = commitMs = 0;
			const started = performance.now();
			for (let i = 0; i < ops.length; i += PUSH_MAX_OPS) {
				const results = await pushOperations(db, ctx, ops.slice(i, i + PUSH_MAX_OPS));
				if (results.some((result) => result.status !== 'applied'))
					throw new Error('server alone: not applied');
			}
			return { ms: performance.now() - started, statements, sqliteMs, commitMs };
		} finally {
			await db.destroy();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------------------------
// In Chromium: both clients on the browser's own IndexedDB

/**
 * The push as a phone runs it, beside PouchDB in the same browser (bench/browser/sync.ts): one Chromium with an
 * on-disk profile (a persistent context, so IndexedDB is written to disk as on a phone, not kept in memory as in
 * an incognito context), a page of each server's origin. Ours: a fresh app and SQLite file per run, a warm-up of
 * 200 records by another advisor, then the N records. PouchDB: its server in this process as in `pouchdb()`, a
 * warm-up of 200 documents, then the N documents into a fresh remote db per run. Median of 3 runs (1 with --quick).
 */
async function browserPush(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'doradca-sync-browser-'));
	const bundle = await browserBundle('sync.ts', 'DoradcaSyncBench', dir);
	const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
		...chromiumLaunchOptions,
		serviceWorkers: 'block',
		bypassCSP: true
	});
	const runs = quick ? 1 : 3;
	try {
		const prepared = prepare(DOCS, SEED, DEMO_ADVISOR);
		const warm = prepare(200, SEED + 1, DEMO_ADVISOR_2);
		const ours: number[] = [];
		for (let run = 0; run < runs; run++) {
			const pushMs = await withApp('sqlite', async (app) => {
				const page = await benchPage(context, app.baseUrl, bundle);
				const input = (account: Account, { records, entries }: Prepared) => ({
					email: account.email,
					password: DEMO_PASSWORD,
					userId: account.userId,
					records,
					entries
				});
				await page.evaluate((i) => window.DoradcaSyncBench.oursPush(i), input(DEMO_ADVISOR_2, warm));
				const pushMs = await page.evaluate(
					(i) => window.DoradcaSyncBench.oursPush(i),
					input(DEMO_ADVISOR, prepared)
				);
				await page.close();
				return pushMs;
			});
			ours.push((DOCS / pushMs) * 1000);
		}
		const server = await listenPouchServer();
		const peer: number[] = [];
		try {
			const page = await benchPage(context, `http://127.0.0.1:${server.port}`, bundle);
			const docs = consultationDocs(DOCS, SEED);
			await page.evaluate(([d, name]) => window.DoradcaSyncBench.pouchPush(d, name), [
				consultationDocs(200, 7),
				'warm'
			] as const);
			for (let run = 0; run < runs; run++) {
				const pushMs = await page.evaluate(([d, name]) => window.DoradcaSyncBench.pouchPush(d, name), [
					docs,
					`peer-${run}`
				] as const);
				peer.push((DOCS / pushMs) * 1000);
			}
			await page.close();
		} finally {
			await server.close();
		}
		log(
			`browser push runs (ops/s): ours ${ours.map(Math.round).join(', ')}; PouchDB ${peer.map(Math.round).join(', ')}`
		);
		record('sync_push_10k_browser_ops_per_s', percentile(ours, 50), 'ops/s', 'higher');
		record('pouchdb_replicate_10k_browser_ops_per_s', percentile(peer, 50), 'docs/s', 'higher');
		record('sync_vs_pouchdb_browser_ratio', percentile(ours, 50) / percentile(peer, 50), 'x', 'higher');
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

/** A blank page of `origin` (answered by Playwright, not the server) with the benchmark bundle injected. */
async function benchPage(context: BrowserContext, origin: string, bundle: string): Promise<Page> {
	const page = await context.newPage();
	await page.route(`${origin}/__bench`, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' })
	);
	await page.goto(`${origin}/__bench`);
	await page.addScriptTag({ content: bundle });
	return page;
}

declare global {
	interface Window {
		DoradcaSyncBench: typeof import('./browser/sync');
	}
}

async function pouchdb(): Promise<number> {
	await pouchdbReplicate(consultationDocs(200, 7)); // warm-up, as in the peer's selftest
	const runs: number[] = [];
	for (let i = 0; i < (quick ? 1 : 3); i++) {
		runs.push((await pouchdbReplicate(consultationDocs(DOCS, SEED))).opsPerSec);
	}
	log(`pouchdb replicate runs (docs/s): ${runs.join(', ')}`);
	const median = percentile(runs, 50);
	record('pouchdb_replicate_10k_ops_per_s', median, 'docs/s', 'higher');
	record('pouchdb_pull_10k_ms', (await pouchdbPull(consultationDocs(DOCS, SEED))).ms, 'ms', 'lower');
	if (profile) {
		const child = await pouchdbReplicate(consultationDocs(DOCS, SEED), { server: 'child' });
		log(`profile: pouchdb replicate with its server in a child process: ${child.opsPerSec} docs/s`);
	}
	return median;
}

/**
 * D devices pushing at once. By default each device is the real HTTP transport sending its prepared batches one
 * after another (as `syncOnce` does), without a local database: with every device in this one Node process, the
 * devices' fake-indexeddb work would otherwise compete with the server for the machine's cores and the figure
 * would measure the harness. `--devices-engine` runs the whole device instead (LocalDb + `syncOnce`).
 */
async function manyDevices(engine: 'sqlite' | 'postgres'): Promise<void> {
	const perDevice = BATCHES * BATCH_OPS;
	await withApp(engine, async (app) => {
		const tokens = new Map<string, string>();
		for (const account of EXTRA) tokens.set(account.userId, await signIn(app.baseUrl, account.email));
		const tallies: Tally[] = [];
		const devices: (() => Promise<void>)[] = [];
		const opened: LocalDb[] = [];
		for (let d = 0; d < DEVICES; d++) {
			const account = EXTRA[d % EXTRA.length]!;
			const prepared = prepare(perDevice, SEED + 100 + d, account, d);
			const tally = newTally();
			tallies.push(tally);
			const transport = benchTransport(app.baseUrl, tokens.get(account.userId)!, tally, 'offline');
			if (devicesEngine) {
				const db = await filledDevice(account.userId, prepared);
				opened.push(db);
				devices.push(async () => {
					const outcome = await syncOnce(db, transport, { ...syncOptions, batchSize: BATCH_OPS });
					checkPushOnly(outcome, perDevice, `device ${d}`);
				});
			} else {
				const ops = prepared.entries.map((entry) => toOperation(entry));
				const deviceId = newId();
				devices.push(async () => {
					for (let i = 0; i < ops.length; i += BATCH_OPS) {
						const result = await transport.push({ deviceId, ops: ops.slice(i, i + BATCH_OPS) });
						if (!result.ok) throw new Error(`device ${d}: push failed: ${JSON.stringify(result)}`);
					}
				});
			}
		}
		const watcher = newTally();
		const watch = await watchPulls(
			benchTransport(app.baseUrl, await signIn(app.baseUrl, DEMO_COORDINATOR.email), watcher, 'real')
		);
		watcher.pullMs.length = 0; // the catch-up before the storm does not count
		const lag = monitorEventLoopDelay({ resolution: 10 });
		lag.enable();
		const cpu = process.cpuUsage();
		const started = performance.now();
		const finishedAt = await Promise.all(devices.map((run) => run().then(() => performance.now() - started)));
		const elapsed = performance.now() - started;
		const { user, system } = process.cpuUsage(cpu);
		lag.disable();
		const watched = await watch.stop();
		const all: Tally = { ...newTally(), pushMs: tallies.flatMap((t) => t.pushMs) };
		for (const tally of tallies) {
			for (const [status, n] of tally.statuses) all.statuses.set(status, (all.statuses.get(status) ?? 0) + n);
			all.firstRefusal ??= tally.firstRefusal;
		}
		checkAllApplied(all, DEVICES * perDevice, `${DEVICES} devices on ${engine}`);
		for (const db of opened) db.close();
		record(
			`sync_50_devices_ops_per_s_${engine}`,
			((DEVICES * perDevice) / elapsed) * 1000,
			'ops/s',
			'higher'
		);
		record(`sync_50_devices_p99_ms_${engine}`, percentile(all.pushMs, 99), 'ms', 'lower');
		record(`sync_pull_during_50_devices_p99_ms_${engine}`, percentile(watcher.pullMs, 99), 'ms', 'lower');
		const watchedDevices = Array.from({ length: DEVICES }, (_, d) => EXTRA[d % EXTRA.length]!).filter(
			(account) => account.centreId === DEMO_COORDINATOR.centreId
		).length;
		if (watched !== watchedDevices * perDevice)
			throw new Error(`the coordinator pulled ${watched} new consultations of its centre`);
		if (profile) {
			log(
				`profile: ${engine}, ${all.pushMs.length} push requests in ${ms(elapsed)}; latency median ` +
					`${ms(percentile(all.pushMs, 50))}, p90 ${ms(percentile(all.pushMs, 90))}, max ` +
					`${ms(Math.max(...all.pushMs))}; devices' process busy ${(((user + system) / 1000 / elapsed) * 100).toFixed(0)}% ` +
					`of a core, event-loop delay p99 ${ms(lag.percentile(99) / 1e6)}; devices done after ` +
					`${ms(Math.min(...finishedAt))} (first) … ${ms(percentile(finishedAt, 50))} (median) … ` +
					`${ms(Math.max(...finishedAt))} (last)`
			);
			// The first wave (every device's first push, each on a new connection) is the slow one: see the top.
			const later = tallies.flatMap((t) => t.pushMs.slice(1));
			log(
				`profile: ${engine}, first pushes: max ${ms(Math.max(...tallies.map((t) => t.pushMs[0]!)))}; later ` +
					`pushes: p99 ${ms(percentile(later, 99))}, max ${ms(Math.max(...later))}`
			);
			log(
				`profile: ${engine}, the coordinator's ${watcher.pullMs.length} pull requests meanwhile: median ` +
					`${ms(percentile(watcher.pullMs, 50))}, max ${ms(Math.max(...watcher.pullMs))}`
			);
		}
	});
}

/**
 * A coordinator's phone syncing during the storm: once caught up (the demo data), pulls from where it last stopped
 * (its cursor, pages of the default size), one request at a time, again 100 ms after reaching the end, until
 * `stop`, which lets it pull to the end once more and gives how many new consultations it received meanwhile.
 */
async function watchPulls(transport: SyncTransport): Promise<{ stop: () => Promise<number> }> {
	let cursor: string | null = null;
	let received = 0;
	const toEnd = async () => {
		cursor = await pullToEnd(transport, cursor, 'coordinator', (page) => {
			received += page.changes.filter((change) => change.entity === 'consultation').length;
		});
	};
	await toEnd();
	const baseline = received;
	let stopping = false;
	const running = (async () => {
		for (;;) {
			const last = stopping;
			await toEnd();
			if (last) return received - baseline;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	})();
	return {
		stop: () => {
			stopping = true;
			return running;
		}
	};
}

// ---------------------------------------------------------------------------------------------------------------

if (!existsSync(join(root, 'build', 'index.js')))
	throw new Error('no build: run `npx vite build` (npm run bench builds)');
log(`${quick ? 'quick: ' : ''}${DOCS} docs; ${DEVICES} devices × ${BATCHES} batches × ${BATCH_OPS} ops`);
let ours: number | undefined;
let peer: number | undefined;
if (!only || only === 'push') ours = await pushAndPull();
if (!only || only === 'pouchdb') peer = await pouchdb();
if (ours !== undefined && peer !== undefined) record('sync_vs_pouchdb_ratio', ours / peer, 'x', 'higher');
if (!only || only === 'browser') await browserPush();
if (!only || only === 'devices' || only === 'devices-sqlite') await manyDevices('sqlite');
if (!only || only === 'devices' || only === 'devices-postgres') {
	if (await postgresReachable(log)) await manyDevices('postgres');
	else log('PostgreSQL figures skipped (set BENCH_POSTGRES_URL or TEST_POSTGRES_URL)');
}
print();
