/**
 * The sync push measured where an advisor's phone runs it: in Chromium, on the browser's own IndexedDB, bundled by
 * bench/sync-bench.ts (`--only=browser`). Beside it, PouchDB in the same browser on its IndexedDB adapter
 * replicating the very same documents, so both clients pay for a real, durable local store.
 *
 * Each function runs on a page of its server's origin (the app's, or the PouchDB server's), so every request is
 * same-origin, as in production: no CORS preflights for either.
 */
import PouchDB from 'pouchdb-core';
import PouchAdapterHttp from 'pouchdb-adapter-http';
import PouchAdapterIdb from 'pouchdb-adapter-idb';
import PouchReplication from 'pouchdb-replication';
import {
	deleteLocalDb,
	openLocalDb,
	type LocalConsultation,
	type OutboxEntry
} from '$lib/client/db/local-db';
import { newId } from '$lib/domain/ids';
import { syncOnce } from '$lib/client/sync/engine';
import { httpTransport, type SyncTransport } from '$lib/client/sync/transport';
import { fillDevice } from '../sync-device';

PouchDB.plugin(PouchAdapterIdb).plugin(PouchAdapterHttp).plugin(PouchReplication);

export interface OursInput {
	email: string;
	password: string;
	userId: string;
	records: LocalConsultation[];
	entries: OutboxEntry[];
}

/**
 * Signs in (the session cookie of this origin), fills this user's device database with `records` and their outbox
 * entries, then times `syncOnce` with the real HTTP transport, push only: the pull that follows is answered as
 * 'offline' without a request, so the run ends when the last push answer is stored. Throws unless every entry was
 * applied and the outbox is empty.
 */
export async function oursPush({ email, password, userId, records, entries }: OursInput): Promise<number> {
	const signIn = await fetch('/api/session', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	if (!signIn.ok) throw new Error(`sign-in of ${email} failed: ${signIn.status}`);
	await deleteLocalDb(userId);
	const db = await openLocalDb(userId);
	try {
		await fillDevice(db, records, entries);
		const http = httpTransport();
		const transport: SyncTransport = {
			push: (body) => http.push(body),
			pull: async () => ({ ok: false, kind: 'offline' })
		};
		const started = performance.now();
		const outcome = await syncOnce(db, transport, { now: () => new Date(), newId });
		const ms = performance.now() - started;
		const left = await db.outbox.count();
		if (outcome.pushed !== records.length || outcome.refused !== 0 || left !== 0)
			throw new Error(
				`pushed ${outcome.pushed}, refused ${outcome.refused} of ${records.length}; ${left} left in the outbox`
			);
		return ms;
	} finally {
		db.close();
		await deleteLocalDb(userId);
	}
}

/**
 * Fills a fresh PouchDB (IndexedDB adapter) with `docs`, creates `remoteName` on this origin's CouchDB-compatible
 * server, and times `PouchDB.replicate(local, remote)` with PouchDB's defaults. Throws unless every doc was written.
 */
export async function pouchPush(docs: object[], remoteName: string): Promise<number> {
	const local = new PouchDB(`bench-${remoteName}`, { adapter: 'idb' });
	const remote = new PouchDB(`${location.origin}/${remoteName}`);
	try {
		for (let i = 0; i < docs.length; i += 1000) {
			const results = await local.bulkDocs(docs.slice(i, i + 1000));
			const failed = results.find((result: { error?: unknown }) => result.error);
			if (failed) throw new Error(`loading the local db failed: ${JSON.stringify(failed)}`);
		}
		await remote.info(); // creates the remote db outside the timed section
		const started = performance.now();
		const result = await PouchDB.replicate(local, remote);
		const ms = performance.now() - started;
		if (!result.ok || result.docs_written !== docs.length)
			throw new Error(`PouchDB wrote ${result.docs_written} of ${docs.length} docs`);
		return ms;
	} finally {
		await local.destroy();
		await remote.close();
	}
}
