/**
 * The sync engine: one run pushes the outbox in batches (oldest first), then pulls pages until the server has
 * nothing more. Framework-free and clock-injected: the browser's scheduler, the tests and the fault simulation
 * run this same code.
 *
 * Exactly-once, from the device's side: an entry is marked sent (SENT_THROUGH) before it leaves and stays in the
 * outbox until the server's answer for its operation id is stored. A lost answer means the same operation id goes
 * again; the server answers it from its record of that id and applies nothing twice.
 */
import { PUSH_BATCH_OPS, PUSH_MAX_OPS, PULL_DEFAULT_LIMIT, type PushOperation } from '$lib/domain/sync';
import type { LocalDb, OutboxEntry } from '../db/local-db';
import { markSentThrough, SENT_THROUGH, sentThrough } from '../db/outbox';
import {
	applyPullPage,
	applyPushResults,
	DEVICE_ID,
	LAST_SYNC_AT,
	LAST_SYNC_ERROR,
	OutboxRecords,
	refusalOf,
	SYNC_CURSOR
} from '../db/sync-apply';
import type { SyncTransport, TransportFailure } from './transport';

/** Batches also stop at this many bytes of JSON, so a batch of signed cards stays well under the server's limit. */
const BATCH_MAX_BYTES = 1024 * 1024;

/**
 * Meta key: after a request timed out, the most operations a push and records a pull page may carry (absent: no
 * limit). A line too slow for a request of some size would time it out again and again; halving the size at each
 * timeout lets even a very slow line move the outbox, and each run that ends well doubles it back.
 */
export const SLOW_LINE_LIMIT = 'slowLineLimit';
/** The smallest request the slow-line limit shrinks to. */
export const SLOW_LINE_MIN = 10;

export interface SyncProgress {
	phase: 'push' | 'pull';
	/** Outbox entries answered by the server in this run, and how many there were to send. */
	sent: number;
	total: number;
	/** Changes received in this run's pull. */
	received: number;
}

export interface SyncOptions {
	now: () => Date;
	newId: () => string;
	/** Operations per request (at most PUSH_MAX_OPS); by default `batchSizeFor` the outbox. */
	batchSize?: number;
	pullLimit?: number;
	onProgress?: (progress: SyncProgress) => void;
}

export type SyncOutcome =
	| { ok: true; pushed: number; refused: number; received: number }
	| { ok: false; failure: TransportFailure; pushed: number; refused: number; received: number };

export interface SyncError {
	kind: TransportFailure['kind'];
	message: string;
	at: string;
}

/** The device's id, made once per user database: the server uses it to tell a device's own edits from others'. */
export async function deviceIdOf(db: LocalDb, newId: () => string): Promise<string> {
	return db.transaction('rw', db.meta, async () => {
		const stored = (await db.meta.get(DEVICE_ID))?.value;
		if (typeof stored === 'string') return stored;
		const id = newId();
		await db.meta.put({ key: DEVICE_ID, value: id });
		return id;
	});
}

/** How many of `total` waiting entries one request carries: PUSH_BATCH_OPS, or a tenth of a large outbox. */
export function batchSizeFor(total: number): number {
	return Math.min(PUSH_MAX_OPS, Math.max(PUSH_BATCH_OPS, Math.ceil(total / 10)));
}

export function toOperation(entry: OutboxEntry): PushOperation {
	// The coordinator's review is the server's (issue 5): a device never sends it, even if a record carried it.
	const { review: _review, ...fields } = entry.fields;
	return {
		opId: entry.opId,
		entity: entry.entity,
		entityId: entry.entityId,
		op: entry.op,
		fields: entry.entity === 'consultation' ? fields : entry.fields,
		baseVersion: entry.baseVersion,
		...(entry.resolves?.length ? { resolves: entry.resolves as PushOperation['resolves'] } : {})
	};
}

/**
 * The oldest entries (after the entry `after`, when given), up to `limit` and BATCH_MAX_BYTES (at least one),
 * marked as sent in the same transaction: SENT_THROUGH moves up to the batch's last key.
 */
async function nextBatch(db: LocalDb, limit: number, after?: number): Promise<OutboxEntry[]> {
	return db.transaction('rw', [db.outbox, db.meta], async () => {
		const candidates = await (
			after === undefined ? db.outbox.orderBy('seq') : db.outbox.where('seq').above(after)
		)
			.limit(limit)
			.toArray();
		const batch: OutboxEntry[] = [];
		let bytes = 0;
		for (const entry of candidates) {
			bytes += JSON.stringify(entry.fields).length;
			if (batch.length > 0 && bytes > BATCH_MAX_BYTES) break;
			batch.push(entry);
		}
		await markSentThrough(db, batch.at(-1)?.seq);
		return batch;
	});
}

/** Failures the server gives before it reads a push (no session, a client too old): nothing of it was applied. */
function refusedUnread(failure: TransportFailure): boolean {
	return failure.kind === 'unauthorized' || failure.kind === 'outdated';
}

/**
 * A push refused unread left nothing on the server: its entries are unsent again (the phone says "only on this
 * phone", and later edits fold into them) — down to the entries marked sent before this run, which stay marked.
 */
async function unmarkSent(db: LocalDb, through: number, floor: number): Promise<void> {
	await db.transaction('rw', db.meta, async () => {
		const value = Math.max(through, floor);
		if (value < (await sentThrough(db))) await db.meta.put({ key: SENT_THROUGH, value });
	});
}

async function noteFailure(
	db: LocalDb,
	batch: readonly OutboxEntry[],
	failure: TransportFailure,
	now: Date,
	requestSize: number
) {
	await db.transaction('rw', [db.meta, db.outbox], async () => {
		// A request already as small as the limit gets that timed out says the line moves nothing, not that it is slow.
		if (failure.kind === 'offline' && failure.timedOut && requestSize > SLOW_LINE_MIN) {
			const limit = Math.max(SLOW_LINE_MIN, Math.floor(requestSize / 2));
			await db.meta.put({ key: SLOW_LINE_LIMIT, value: limit });
		}
		const stored = await db.outbox.bulkGet(batch.map((entry) => entry.seq!));
		const retried = stored.filter((entry): entry is OutboxEntry => entry !== undefined);
		for (const entry of retried) entry.attempts += 1;
		if (retried.length > 0) await db.outbox.bulkPut(retried);
		const error: SyncError = {
			kind: failure.kind,
			message: 'message' in failure ? failure.message : '',
			at: now.toISOString()
		};
		await db.meta.put({ key: LAST_SYNC_ERROR, value: error });
	});
}

/**
 * A batch the server refused as a whole (HTTP 4xx) would block the outbox forever. It is split: each entry goes
 * alone, and the one the server refuses alone becomes a Refusal the user sees, with the server's message.
 */
async function isolatePoison(
	db: LocalDb,
	transport: SyncTransport,
	deviceId: string,
	batch: readonly OutboxEntry[],
	now: Date
): Promise<{ answered: number; refused: number; failure?: TransportFailure }> {
	let answered = 0;
	let refused = 0;
	for (const entry of batch) {
		const result = await transport.push({ deviceId, ops: [toOperation(entry)] });
		if (result.ok) {
			refused += (await applyPushResults(db, [entry], result.data.results, now)).refused;
		} else if (result.kind === 'rejected') {
			await db.transaction('rw', [db.outbox, db.refusals], async () => {
				await db.outbox.where('opId').equals(entry.opId).delete();
				await db.refusals.put(
					refusalOf(entry, { code: 'invalid', message: result.message, fields: {} }, now)
				);
			});
			refused += 1;
		} else {
			return { answered, refused, failure: result };
		}
		answered += 1;
	}
	return { answered, refused };
}

/**
 * A request sent now and awaited later, once the previous answer or page is stored: its rejection must not go
 * unhandled meanwhile if storing fails first.
 */
function awaitedLater<T>(request: Promise<T>): Promise<T> {
	request.catch(() => undefined);
	return request;
}

export async function syncOnce(
	db: LocalDb,
	transport: SyncTransport,
	options: SyncOptions
): Promise<SyncOutcome> {
	const deviceId = await deviceIdOf(db, options.newId);
	// Entries marked sent before this run may have been applied (an answer lost): they stay marked, whatever happens.
	const sentBefore = await sentThrough(db);
	let pushed = 0;
	let refused = 0;
	let received = 0;
	// One read of the outbox gives the total to send and the records with unsent entries.
	const known = await OutboxRecords.read(db);
	let total = known.seen;
	const slowLine = (await db.meta.get(SLOW_LINE_LIMIT))?.value;
	const lineLimit = typeof slowLine === 'number' ? slowLine : Infinity;
	const batchSize = Math.min(options.batchSize ?? batchSizeFor(total), PUSH_MAX_OPS, lineLimit);
	const pullLimit = Math.min(options.pullLimit ?? PULL_DEFAULT_LIMIT, lineLimit);
	const report = (phase: SyncProgress['phase']) =>
		options.onProgress?.({ phase, sent: pushed, total: Math.max(total, pushed), received });
	/** `requestSize`: the operations or records the failed request carried (for a timeout's slow-line limit). */
	const fail = async (failure: TransportFailure, batch: readonly OutboxEntry[], requestSize: number) => {
		await noteFailure(db, batch, failure, options.now(), requestSize);
		if (batch.length > 0 && refusedUnread(failure)) await unmarkSent(db, batch[0]!.seq! - 1, sentBefore);
		return { ok: false as const, failure, pushed, refused, received };
	};

	report('push');
	const send = (batch: readonly OutboxEntry[]) =>
		awaitedLater(transport.push({ deviceId, ops: batch.map(toOperation) }));
	let batch = await nextBatch(db, batchSize);
	let sending = batch.length > 0 ? send(batch) : null;
	while (sending) {
		const result = await sending;
		sending = null;
		let next: OutboxEntry[] = [];
		if (!result.ok && result.kind === 'rejected') {
			const isolated = await isolatePoison(db, transport, deviceId, batch, options.now());
			pushed += isolated.answered;
			refused += isolated.refused;
			if (isolated.failure) return fail(isolated.failure, batch.slice(isolated.answered), 1);
		} else if (!result.ok) {
			return fail(result, batch, batch.length);
		} else {
			// The server has applied this batch, so the next one may leave now (the server's order is kept: it gets
			// them one after another) while this answer is stored. The next batch is the entries after this one; an
			// entry of this batch left without an answer is picked up again from the front below.
			next = await nextBatch(db, batchSize, batch.at(-1)!.seq!);
			if (next.length > 0) sending = send(next);
			refused += (await applyPushResults(db, batch, result.data.results, options.now(), known)).refused;
			pushed += batch.length;
		}
		// Each stored answer first took in the entries written meanwhile (`refresh`), so "sent of total" grows with
		// them without counting the outbox after every batch (a scan of every entry in a browser).
		total = Math.max(total, known.seen);
		report('push');
		if (!sending) {
			next = await nextBatch(db, batchSize);
			if (next.length > 0) sending = send(next);
		}
		batch = next;
	}

	const fetchPage = (cursor: string | null) => awaitedLater(transport.pull(cursor, pullLimit));
	const stored = (await db.meta.get(SYNC_CURSOR))?.value;
	let fetching = fetchPage(typeof stored === 'string' ? stored : null);
	let restarted = false;
	for (;;) {
		const page = await fetching;
		if (!page.ok) {
			// A cursor the server cannot read (e.g. after a protocol change) is dropped: the next pull starts over.
			if (page.kind === 'rejected' && page.code === 'bad_cursor') await db.meta.delete(SYNC_CURSOR);
			return fail(page, [], pullLimit);
		}
		// The next page is asked for while this one is stored; pages are still stored one after another, in order,
		// each with its own cursor, so a failure leaves the cursor of the last page stored.
		if (page.data.more) fetching = fetchPage(page.data.cursor);
		const { restart } = await applyPullPage(db, page.data);
		if (restart) {
			// The device lacked a signature the server counted on (applyPullPage): start over, once; a pull from no
			// cursor sends every record whole, so it cannot ask for this again.
			if (restarted) throw new Error('pull: a kept signature is missing even after starting over');
			restarted = true;
			fetching = fetchPage(null);
			continue;
		}
		received += page.data.changes.length;
		report('pull');
		if (!page.data.more) break;
	}

	await db.transaction('rw', db.meta, async () => {
		await db.meta.put({ key: LAST_SYNC_AT, value: options.now().toISOString() });
		await db.meta.delete(LAST_SYNC_ERROR);
		if (lineLimit === Infinity) return;
		if (lineLimit * 2 >= PULL_DEFAULT_LIMIT) await db.meta.delete(SLOW_LINE_LIMIT);
		else await db.meta.put({ key: SLOW_LINE_LIMIT, value: lineLimit * 2 });
	});
	return { ok: true, pushed, refused, received };
}
