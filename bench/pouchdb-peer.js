#!/usr/bin/env node
/**
 * Peer benchmark for our sync protocol: PouchDB replicating the same consultation records to a
 * CouchDB-compatible server on loopback, in documents per second.
 *
 * - Client: `pouchdb-core` with the in-memory adapter (`pouchdb-adapter-memory`, memdown — pure JS, no native
 *   build), the HTTP adapter, replication and map/reduce.
 * - Server: `express-pouchdb` (the HTTP layer of pouchdb-server) in its `minimumForPouchDB` mode — the routes a
 *   PouchDB replication needs (`_bulk_docs`, `_revs_diff`, `_changes`, `_bulk_get`, `_local` checkpoints, …),
 *   without the config/log files, auth, Fauxton and `_replicator` of the full mode — backed by a PouchDB
 *   constructor on the same in-memory adapter. Nothing touches the disk.
 * - Replication uses PouchDB's defaults (batch_size 100, batches_limit 10) unless `batchSize` is given.
 * - The server runs in this process by default, as asked; `{ server: 'child' }` runs it in a child Node process
 *   instead (this file with `--serve`), so that client and server each get a core, like our own app server.
 *
 * Exports `consultationDocs(n, seed)` — the deterministic, dependency-free generator that the benchmark of our own
 * sync uses too, so both replicate the very same documents — and `pouchdbReplicate` (push) / `pouchdbPull`.
 *
 * Run `node bench/pouchdb-peer.js --selftest [n]` for a check that prints the figures (n defaults to 1,000).
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import PouchAdapterHttp from 'pouchdb-adapter-http';
import PouchAdapterMemory from 'pouchdb-adapter-memory';
import PouchMapReduce from 'pouchdb-mapreduce';
import PouchReplication from 'pouchdb-replication';

PouchDB.plugin(PouchAdapterMemory).plugin(PouchAdapterHttp).plugin(PouchReplication).plugin(PouchMapReduce);

/** The client side's constructor: in-memory local dbs; `http://` names go through the HTTP adapter. */
const ClientPouch = PouchDB.defaults({ adapter: 'memory' });

// ---------------------------------------------------------------------------------------------------------------
// The documents
// ---------------------------------------------------------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG giving floats in [0, 1). Same seed → same sequence, on every platform. */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const hex = (random, digits) => {
	let out = '';
	for (let i = 0; i < digits; i++) out += Math.floor(random() * 16).toString(16);
	return out;
};

/** A UUIDv7-shaped id: 48-bit millisecond timestamp, then seeded random bits (version 7, variant 10xx). */
function uuid7(random, ms) {
	const time = ms.toString(16).padStart(12, '0');
	const variant = (8 + Math.floor(random() * 4)).toString(16);
	return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

const pad2 = (n) => String(n).padStart(2, '0');
const pick = (random, list) => list[Math.floor(random() * list.length)];

// Value domains mirror src/lib/domain (consultation.ts, topics.ts); kept inline so this file has no build step.
const PLACE_KINDS = ['mobile', 'centre', 'remote'];
const STATUSES = ['draft', 'completed', 'signed', 'approved'];
const TOPICS = [
	'formalities',
	'opp',
	'accounting',
	'taxes',
	'paid-activity',
	'employment',
	'volunteering',
	'fundraising',
	'grant-sources',
	'applications',
	'grant-settlement',
	'local-government',
	'promotion',
	'management',
	'data-protection',
	'social-economy',
	'partnerships',
	'other',
	'model-1-1',
	'model-1-4',
	'model-2-1',
	'model-3-1'
];
const FIRST_NAMES = [
	'Anna',
	'Jan',
	'Katarzyna',
	'Piotr',
	'Małgorzata',
	'Tomasz',
	'Agnieszka',
	'Paweł',
	'Ewa'
];
const LAST_NAMES = [
	'Kowalska',
	'Nowak',
	'Wiśniewska',
	'Wójcik',
	'Kamińska',
	'Lewandowski',
	'Zielińska',
	'Szymański'
];
const ROLES = [
	'prezes',
	'prezeska',
	'skarbnik',
	'sekretarz',
	'wolontariusz',
	'członkini zarządu',
	'księgowa'
];
const TOWNS = [
	'Gdańsk',
	'Gdynia',
	'Słupsk',
	'Łeba',
	'Kościerzyna',
	'Lębork',
	'Kartuzy',
	'Chojnice',
	'Malbork'
];
const STREETS = [
	'ul. Nadmorska',
	'ul. Długa',
	'ul. Kościuszki',
	'ul. Jana Pawła II',
	'ul. Polna',
	'ul. Szkolna'
];
const SENTENCES = [
	'Omówiono zmiany w statucie i procedurę zgłoszenia do KRS.',
	'Stowarzyszenie planuje złożyć wniosek w konkursie FIO w przyszłym kwartale.',
	'Wyjaśniono zasady rozliczania dotacji oraz wymagane załączniki do sprawozdania.',
	'Przeanalizowano budżet projektu i kwalifikowalność kosztów osobowych.',
	'Zarząd pyta o możliwość prowadzenia odpłatnej działalności pożytku publicznego.',
	'Przekazano wzory umów wolontariackich i porozumień z partnerami.',
	'Ustalono harmonogram kolejnych spotkań i listę dokumentów do przygotowania.',
	'Poruszono kwestie ochrony danych osobowych uczestników zajęć.'
];

/**
 * `n` consultation records shaped like ours (src/lib/domain/consultation.ts), deterministic for a given `seed`:
 * the same (n, seed) gives the same documents, byte for byte. Each has `_id` (a UUID string, equal to `id`) and
 * no `_rev`. About 1 KB of JSON each. Treat the result as read-only; the benchmarks below copy it before use.
 */
export function consultationDocs(n, seed = 1) {
	const random = prng(seed);
	const centres = Array.from({ length: 8 }, () => uuid7(random, 1_735_689_600_000));
	const advisors = Array.from({ length: 40 }, () => uuid7(random, 1_735_689_600_000));
	const organisations = Array.from({ length: 600 }, () => uuid7(random, 1_735_689_600_000));
	const docs = new Array(n);
	const epochDay = Date.UTC(2025, 0, 2) / 86_400_000;
	for (let i = 0; i < n; i++) {
		const day = new Date((epochDay + Math.floor(random() * 365)) * 86_400_000);
		const date = day.toISOString().slice(0, 10);
		const startMin = 8 * 60 + Math.floor(random() * 16) * 30; // 08:00 … 15:30 on the half hour
		const durationMin = 30 + Math.floor(random() * 6) * 30; // 30 … 180 minutes
		const endMin = startMin + durationMin;
		const named = 1 + Math.floor(random() * 3);
		const participants = Array.from({ length: named }, () => ({
			name: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
			role: pick(random, ROLES)
		}));
		const topics = [
			...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, TOPICS)))
		];
		const notes = Array.from({ length: 3 + Math.floor(random() * 4) }, () => pick(random, SENTENCES)).join(
			' '
		);
		// Written on the day, a little after the end; some edited later.
		const createdMs =
			Date.parse(`${date}T00:00:00.000Z`) + (endMin + 5 + Math.floor(random() * 120)) * 60_000;
		const updatedMs = createdMs + (random() < 0.3 ? Math.floor(random() * 7 * 86_400_000) : 0);
		const id = uuid7(random, createdMs);
		const placeKind = pick(random, PLACE_KINDS);
		docs[i] = {
			_id: id,
			id,
			advisorId: pick(random, advisors),
			centreId: pick(random, centres),
			organisationId: pick(random, organisations),
			date,
			startTime: `${pad2(Math.floor(startMin / 60))}:${pad2(startMin % 60)}`,
			endTime: `${pad2(Math.floor(endMin / 60))}:${pad2(endMin % 60)}`,
			durationMin,
			placeKind,
			address:
				placeKind === 'remote'
					? ''
					: `${pick(random, STREETS)} ${1 + Math.floor(random() * 120)}, ${pick(random, TOWNS)}`,
			topics,
			notes,
			participants,
			participantCount: named + Math.floor(random() * 3),
			followUps: random() < 0.5 ? '' : pick(random, SENTENCES),
			status: pick(random, STATUSES),
			signature: null,
			bookingId: null,
			createdAt: new Date(createdMs).toISOString(),
			updatedAt: new Date(updatedMs).toISOString()
		};
	}
	return docs;
}

// ---------------------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------------------

/**
 * The server side's constructor: a separate `defaults` constructor on the memory adapter, with a `prefix` so that
 * its databases never share memdown's in-process store with the client's local dbs. Made once per process:
 * express-pouchdb hooks pouchdb-all-dbs onto PouchDB's 'created'/'destroyed' events, which every constructor
 * shares, and a second hook would race the first on the same bookkeeping docs (409 conflicts in the log).
 */
let serverPouch;
const serverPouchDB = () => (serverPouch ??= PouchDB.defaults({ adapter: 'memory', prefix: 'server-' }));

/** Listens with express-pouchdb on 127.0.0.1:`port` (0 = any free port). Resolves with { port, close }. */
export async function listen(port = 0) {
	const app = express();
	app.use('/', expressPouchDB(serverPouchDB(), { mode: 'minimumForPouchDB' }));
	const server = createServer(app);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return {
		port: server.address().port,
		close: async () => {
			// node-fetch keeps connections alive (Node 20's global agent), so close them rather than wait.
			const closed = new Promise((resolve) => server.close(resolve));
			server.closeAllConnections();
			await closed;
		}
	};
}

/** The server in a child Node process (this file with --serve); resolves once it listens. */
async function listenInChild(port = 0) {
	const child = fork(fileURLToPath(import.meta.url), ['--serve', String(port)], { stdio: 'inherit' });
	const actualPort = await new Promise((resolve, reject) => {
		child.once('message', (message) => resolve(message.port));
		child.once('exit', (code) => reject(new Error(`peer server exited with code ${code}`)));
	});
	return {
		port: actualPort,
		close: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
	};
}

/** Starts a server and a unique, created, empty remote db on it. */
async function startRemote({ port, server }) {
	const handle = server === 'child' ? await listenInChild(port) : await listen(port);
	const remote = new ClientPouch(`http://127.0.0.1:${handle.port}/peer-${nextName()}`);
	await remote.info(); // creates the db (PUT) outside the timed section
	return { handle, remote };
}

let names = 0;
const nextName = () => `${process.pid}-${++names}`;

/** A fresh in-memory local db holding copies of `docs` (so the caller's array is never touched). */
async function filledLocal(docs) {
	const local = new ClientPouch(`local-${nextName()}`);
	const copies = structuredClone(docs);
	for (let i = 0; i < copies.length; i += 1000) {
		const results = await local.bulkDocs(copies.slice(i, i + 1000));
		const failed = results.find((result) => result.error);
		if (failed) throw new Error(`loading the local db failed: ${JSON.stringify(failed)}`);
	}
	return local;
}

const replicationOptions = (batchSize) => (batchSize ? { batch_size: batchSize } : {});

function timing(ms, n) {
	return { ms: Math.round(ms * 10) / 10, opsPerSec: Math.round((n / ms) * 1000), docs: n };
}

async function expectCount(db, n, what) {
	const { doc_count } = await db.info();
	if (doc_count !== n) throw new Error(`${what} has ${doc_count} docs, expected ${n}`);
}

// ---------------------------------------------------------------------------------------------------------------
// The benchmarks
// ---------------------------------------------------------------------------------------------------------------

/**
 * Starts a CouchDB-compatible HTTP server (express-pouchdb, in-memory adapter) on 127.0.0.1:port, replicates
 * `docs` from a local in-memory PouchDB to it, and returns the timing.
 *
 * Timed: `PouchDB.replicate(local, remote)` alone — the local db is already filled, the server already listening
 * and its db created and empty. Checks afterwards that the remote holds every doc. Closes everything.
 *
 * @param {object[]} docs plain objects with `_id` (see consultationDocs)
 * @param {{ port?: number, batchSize?: number, server?: 'inprocess' | 'child' }} [options]
 *   port 0 (default) picks a free one; batchSize unset = PouchDB's default (100); server 'child' runs it in
 *   another process
 * @returns {Promise<{ ms: number, opsPerSec: number, docs: number }>}
 */
export async function pouchdbReplicate(docs, { port = 0, batchSize, server = 'inprocess' } = {}) {
	const local = await filledLocal(docs);
	const { handle, remote } = await startRemote({ port, server });
	try {
		const started = performance.now();
		const result = await PouchDB.replicate(local, remote, replicationOptions(batchSize));
		const ms = performance.now() - started;
		if (!result.ok || result.docs_written !== docs.length)
			throw new Error(`push wrote ${result.docs_written} of ${docs.length} docs`);
		await expectCount(remote, docs.length, 'remote');
		return timing(ms, docs.length);
	} finally {
		await Promise.allSettled([remote.close(), local.destroy()]);
		await handle.close();
	}
}

/**
 * Same server and docs, but measures the pull direction: the server's db is filled first (by an untimed push
 * replication from a local db, so its docs carry real revisions and history), then replication from the server
 * into a fresh, empty local db is timed. Checks that the local db then holds every doc.
 *
 * @param {object[]} docs
 * @param {{ port?: number, batchSize?: number, server?: 'inprocess' | 'child' }} [options] as pouchdbReplicate
 * @returns {Promise<{ ms: number, opsPerSec: number, docs: number }>}
 */
export async function pouchdbPull(docs, { port = 0, batchSize, server = 'inprocess' } = {}) {
	const source = await filledLocal(docs);
	const { handle, remote } = await startRemote({ port, server });
	const target = new ClientPouch(`pulled-${nextName()}`);
	let sourceDestroyed = false;
	try {
		await PouchDB.replicate(source, remote);
		await source.destroy(); // frees memory; the pull target is a different, empty db anyway
		sourceDestroyed = true;
		await expectCount(remote, docs.length, 'remote');
		const started = performance.now();
		const result = await PouchDB.replicate(remote, target, replicationOptions(batchSize));
		const ms = performance.now() - started;
		if (!result.ok || result.docs_written !== docs.length)
			throw new Error(`pull wrote ${result.docs_written} of ${docs.length} docs`);
		await expectCount(target, docs.length, 'pulled local db');
		return timing(ms, docs.length);
	} finally {
		await Promise.allSettled([remote.close(), target.destroy(), sourceDestroyed ? null : source.destroy()]);
		await handle.close();
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Run directly
// ---------------------------------------------------------------------------------------------------------------

async function selftest(n) {
	const docs = consultationDocs(n, 42);
	const again = consultationDocs(n, 42);
	if (JSON.stringify(docs) !== JSON.stringify(again))
		throw new Error('consultationDocs is not deterministic');
	const bytes = Buffer.byteLength(JSON.stringify(docs));
	console.log(`${n} docs, ${Math.round(bytes / n)} B of JSON each on average`);
	const row = (label, { ms, opsPerSec }) =>
		console.log(
			`${label.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms ${String(opsPerSec).padStart(8)} docs/s`
		);
	// Warm-up (untimed): the first replication in a process also pays for JIT compilation of PouchDB and express.
	await pouchdbReplicate(consultationDocs(200, 7));
	for (const server of ['inprocess', 'child']) {
		for (const batchSize of [undefined, 500]) {
			const tag = `${server}, batch_size ${batchSize ?? '100 (default)'}`;
			row(`push ${tag}`, await pouchdbReplicate(docs, { server, batchSize }));
			row(`pull ${tag}`, await pouchdbPull(docs, { server, batchSize }));
		}
	}
	if (JSON.stringify(docs) !== JSON.stringify(again))
		throw new Error('the benchmark changed the caller’s docs');
	console.log('selftest ok: the remote (push) and the local db (pull) held all docs each time');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const flag = process.argv[2];
	if (flag === '--serve') {
		// Child mode (server: 'child'): serve until the parent kills us.
		const { port, close } = await listen(Number(process.argv[3] ?? 0));
		process.once('SIGTERM', () => close().then(() => process.exit(0)));
		process.send?.({ port });
	} else if (flag === '--selftest') {
		await selftest(Number(process.argv[3] ?? 1000));
	} else {
		console.error('usage: node bench/pouchdb-peer.js --selftest [n]');
		process.exitCode = 2;
	}
}
