/**
 * The sync engine against a scripted fake server (no HTTP, no database server): what it sends, in which batches,
 * what it does with each kind of failure, and what it leaves in the device database.
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	PUSH_MAX_OPS,
	PushRequest,
	receiptFor,
	type OpResult,
	type PullResponse,
	type PushOperation,
	type PushResponse,
	type SyncChange,
	type SyncRecord
} from '$lib/domain/sync';
import { saveDraft } from '../db/consultations';
import { isSent, sentThrough } from '../db/outbox';
import type { LocalConsultation, LocalDb, OutboxEntry } from '../db/local-db';
import { DEVICE_ID, LAST_SYNC_AT, LAST_SYNC_ERROR, SYNC_CURSOR } from '../db/sync-apply';
import { freshDbs, serverConsultation, signature, testContext, type TestContext } from '../db/test-factories';
import {
	SLOW_LINE_LIMIT,
	SLOW_LINE_MIN,
	syncOnce,
	type SyncError,
	type SyncOptions,
	type SyncProgress
} from './engine';
import type { SyncTransport, TransportResult } from './transport';

const db = freshDbs();

type Scripted<T> = TransportResult<T> | undefined;

/**
 * A server that applies each operation id once and answers a repeated id from its record of it, like the real one.
 * `onPush` / `onPull` may answer instead (a failure) or act first (apply, then lose the answer).
 */
class FakeServer implements SyncTransport {
	readonly pushes: PushRequest[] = [];
	readonly pulls: { cursor: string | null; limit: number }[] = [];
	/** Operation id → how many times it was applied (never more than once). */
	readonly applied = new Map<string, number>();
	private readonly answers = new Map<string, OpResult>();
	private seq = 0;
	onPush?: (body: PushRequest, call: number) => Promise<Scripted<PushResponse>> | Scripted<PushResponse>;
	onPull?: (cursor: string | null, call: number) => Promise<Scripted<PullResponse>> | Scripted<PullResponse>;
	currentFor: (op: PushOperation, seq: number) => SyncRecord | null = () => null;

	async push(body: PushRequest): Promise<TransportResult<PushResponse>> {
		// What the engine sends must pass the server's schema (no local bookkeeping such as seq or sentAt).
		expect(v.safeParse(PushRequest, body).issues).toBeUndefined();
		this.pushes.push(structuredClone(body));
		return (await this.onPush?.(body, this.pushes.length)) ?? { ok: true, data: this.answer(body) };
	}

	/** Applies what is new and answers everything, as the server's push route does. */
	answer(body: PushRequest): PushResponse {
		return {
			results: body.ops.map((op) => {
				const stored = this.answers.get(op.opId);
				if (stored) return { ...stored, replayed: true };
				this.applied.set(op.opId, (this.applied.get(op.opId) ?? 0) + 1);
				const seq = ++this.seq;
				const result: OpResult = {
					opId: op.opId,
					status: 'applied',
					seq,
					receipt: receiptFor(seq),
					current: this.currentFor(op, seq)
				};
				this.answers.set(op.opId, result);
				return result;
			})
		};
	}

	async pull(cursor: string | null, limit: number): Promise<TransportResult<PullResponse>> {
		this.pulls.push({ cursor, limit });
		return (
			(await this.onPull?.(cursor, this.pulls.length)) ?? {
				ok: true,
				// Nothing new (a reset with no records would drop everything the device got from the server).
				data: { changes: [], cursor: cursor ?? 'v1.0.000000000000', more: false, reset: false }
			}
		);
	}

	opIdsOf(push: number): string[] {
		return this.pushes[push - 1]!.ops.map((op) => op.opId);
	}
}

const uuid = (prefix: string, n: number) => `${prefix}-0000-7000-8000-${String(n).padStart(12, '0')}`;

function options(ctx: TestContext, extra: Partial<SyncOptions> = {}): SyncOptions {
	return { now: ctx.now, newId: ctx.newId, ...extra };
}

/** Unsent outbox entries, added directly (the engine does not care where they came from). */
async function queue(local: LocalDb, count: number, from = 1): Promise<OutboxEntry[]> {
	const entries = Array.from({ length: count }, (_, i): OutboxEntry => ({
		opId: uuid('10000000', from + i),
		entity: 'consultation',
		entityId: uuid('20000000', from + i),
		op: 'update',
		fields: { notes: `Notatka ${from + i}` },
		baseVersion: 1,
		createdAt: '2025-03-10T08:00:00.000Z',
		attempts: 0,
		mergeable: true
	}));
	await local.outbox.bulkAdd(entries);
	return local.outbox.orderBy('seq').toArray();
}

/** The outbox as content: what would be sent, without the engine's bookkeeping of attempts. */
async function outboxContent(local: LocalDb) {
	return (await local.outbox.orderBy('seq').toArray()).map(
		({ seq, opId, entityId, op, fields, baseVersion }) => ({
			seq,
			opId,
			entityId,
			op,
			fields,
			baseVersion
		})
	);
}

describe('syncOnce: exactly once', () => {
	it('a lost push answer: the next sync resends the same operation ids and the outbox empties exactly once', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const sent = await queue(local, 3);
		// The server applies the batch, then the connection drops before the answer arrives.
		server.onPush = (body, call) => {
			if (call !== 1) return undefined;
			server.answer(body);
			return { ok: false, kind: 'offline' };
		};

		const first = await syncOnce(local, server, options(ctx));
		expect(first).toMatchObject({ ok: false, failure: { kind: 'offline' }, pushed: 0 });
		expect(server.pulls).toEqual([]);
		// Still waiting, marked as sent (never merged into again), one attempt counted.
		const waiting = await local.outbox.orderBy('seq').toArray();
		expect(waiting.map((e) => e.opId)).toEqual(sent.map((e) => e.opId));
		const through = await sentThrough(local);
		expect(waiting.every((e) => isSent(e, through) && e.attempts === 1)).toBe(true);

		// Meanwhile the advisor starts a new draft: a new entry; those in flight stay exactly as they were sent.
		await saveDraft(local, ctx, ctx.newId(), { notes: 'Nowy szkic' });
		ctx.advance(60_000);
		const second = await syncOnce(local, server, options(ctx));
		expect(second).toMatchObject({ ok: true, pushed: 4, refused: 0 });
		expect(server.opIdsOf(2).slice(0, 3)).toEqual(server.opIdsOf(1));
		expect(server.pushes[1]!.ops.slice(0, 3)).toEqual(server.pushes[0]!.ops);
		expect([...server.applied.values()]).toEqual([1, 1, 1, 1]);
		expect(await local.outbox.count()).toBe(0);
		expect(await local.refusals.count()).toBe(0);

		// Nothing is left to send: a third run pushes nothing.
		await syncOnce(local, server, options(ctx));
		expect(server.pushes).toHaveLength(2);
	});

	it('the next batch leaves once the previous answer arrived (while it is stored), never two at once', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const sent = await queue(local, 250);
		let inFlight = 0;
		server.onPush = async (body) => {
			expect(inFlight).toBe(0);
			inFlight += 1;
			await new Promise((resolve) => setTimeout(resolve, 5));
			inFlight -= 1;
			return { ok: true, data: server.answer(body) };
		};
		const outcome = await syncOnce(local, server, options(ctx));
		expect(outcome).toMatchObject({ ok: true, pushed: 250, refused: 0 });
		expect(server.pushes.map((push) => push.ops.length)).toEqual([100, 100, 50]);
		expect(server.pushes.flatMap((push) => push.ops.map((op) => op.opId))).toEqual(sent.map((e) => e.opId));
		expect([...server.applied.values()].every((n) => n === 1)).toBe(true);
		expect(await local.outbox.count()).toBe(0);
	});

	it('an entry whose answer is missing is sent again in the same run, after the batches behind it', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const sent = await queue(local, 150);
		server.onPush = (body, call) => {
			const data = server.answer(body);
			// The first answer lacks its last result: that entry stays, marked as sent.
			return { ok: true, data: call === 1 ? { results: data.results.slice(0, -1) } : data };
		};
		const outcome = await syncOnce(local, server, options(ctx));
		expect(outcome).toMatchObject({ ok: true, refused: 0 });
		expect(server.pushes.map((push) => push.ops.length)).toEqual([100, 50, 1]);
		expect(server.opIdsOf(3)).toEqual([sent[99]!.opId]);
		expect(server.pushes[2]!.ops).toEqual([server.pushes[0]!.ops[99]]);
		expect([...server.applied.values()].every((n) => n === 1)).toBe(true);
		expect(await local.outbox.count()).toBe(0);
	});

	it('the batch sent while the previous answer was stored fails: that answer is kept, the batch waits', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const sent = await queue(local, 150);
		server.onPush = (_body, call) => (call === 2 ? { ok: false, kind: 'offline' } : undefined);
		const outcome = await syncOnce(local, server, options(ctx));
		expect(outcome).toMatchObject({ ok: false, failure: { kind: 'offline' }, pushed: 100 });
		const waiting = await local.outbox.orderBy('seq').toArray();
		expect(waiting.map((e) => e.opId)).toEqual(sent.slice(100).map((e) => e.opId));
		const through = await sentThrough(local);
		expect(waiting.every((e) => isSent(e, through) && e.attempts === 1)).toBe(true);
		expect(server.pulls).toEqual([]);
	});

	it('sends the same device id with every push, made once per database', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		await queue(local, 1);
		await syncOnce(local, server, options(ctx));
		await queue(local, 1, 2);
		await syncOnce(local, server, options(ctx));
		const deviceId = (await local.meta.get(DEVICE_ID))?.value;
		expect(typeof deviceId).toBe('string');
		expect(server.pushes.map((push) => push.deviceId)).toEqual([deviceId, deviceId]);
	});
});

describe('syncOnce: failures', () => {
	it.each([
		['unauthorized', { ok: false, kind: 'unauthorized' }],
		['outdated', { ok: false, kind: 'outdated', message: 'Zaktualizuj aplikację' }],
		['retry', { ok: false, kind: 'retry', status: 503, message: 'Service Unavailable' }]
	] as const)('a push answered %s leaves the outbox as it was and pulls nothing', async (kind, failure) => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		await queue(local, 3);
		const before = await outboxContent(local);
		server.onPush = () => failure;

		const outcome = await syncOnce(local, server, options(ctx));
		expect(outcome).toMatchObject({ ok: false, failure: { kind }, pushed: 0, refused: 0, received: 0 });
		expect(await outboxContent(local)).toEqual(before);
		expect(await local.refusals.count()).toBe(0);
		expect(server.pushes).toHaveLength(1);
		expect(server.pulls).toEqual([]);
		expect((await local.meta.get(LAST_SYNC_ERROR))?.value).toMatchObject({ kind });
		expect(await local.meta.get(LAST_SYNC_AT)).toBeUndefined();
	});

	it('a push refused unread (session ended) is unsent again; what left in an earlier run stays sent', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const entries = await queue(local, 4);
		// An earlier run sent the first two and lost the answer: the server may have applied them.
		server.onPush = () => ({ ok: false, kind: 'offline' });
		await syncOnce(local, server, { ...options(ctx), batchSize: 2 });
		expect(await sentThrough(local)).toBe(entries[1]!.seq);

		server.onPush = () => ({ ok: false, kind: 'unauthorized' });
		await syncOnce(local, server, { ...options(ctx), batchSize: 4 });
		expect(server.pushes.at(-1)!.ops).toHaveLength(4);
		// The 401 applied nothing: the two sent for the first time now are "only on this phone" again.
		expect(await sentThrough(local)).toBe(entries[1]!.seq);
		const through = await sentThrough(local);
		expect((await local.outbox.orderBy('seq').toArray()).map((entry) => isSent(entry, through))).toEqual([
			true,
			true,
			false,
			false
		]);
	});

	it.each([
		['unauthorized', { ok: false, kind: 'unauthorized' }],
		['outdated', { ok: false, kind: 'outdated', message: 'Zaktualizuj aplikację' }]
	] as const)('a pull answered %s keeps the cursor', async (kind, failure) => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		await local.meta.put({ key: SYNC_CURSOR, value: 'v1.5.000000000000' });
		server.onPull = () => failure;
		expect(await syncOnce(local, server, options(ctx))).toMatchObject({ ok: false, failure: { kind } });
		expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.5.000000000000');
	});

	it('a cursor the server cannot read is dropped, so the next pull starts over', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		await local.meta.put({ key: SYNC_CURSOR, value: 'v1.5.000000000000' });
		server.onPull = (_cursor, call) =>
			call === 1
				? { ok: false, kind: 'rejected', status: 400, code: 'bad_cursor', message: 'Zły kursor' }
				: undefined;
		expect(await syncOnce(local, server, options(ctx))).toMatchObject({ ok: false });
		expect(await local.meta.get(SYNC_CURSOR)).toBeUndefined();
		expect(await syncOnce(local, server, options(ctx))).toMatchObject({ ok: true });
		expect(server.pulls.map((pull) => pull.cursor)).toEqual(['v1.5.000000000000', null]);
	});

	it('a batch refused as a whole is sent entry by entry, and only the poison entry becomes a refusal', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const entries = await queue(local, 5);
		const poison = entries[2]!;
		server.onPush = (body) =>
			body.ops.some((op) => op.opId === poison.opId)
				? { ok: false, kind: 'rejected', status: 400, code: 'invalid_request', message: 'Nieprawidłowe dane' }
				: undefined;

		const outcome = await syncOnce(local, server, options(ctx));
		expect(outcome).toEqual({ ok: true, pushed: 5, refused: 1, received: 0 });
		const ids = entries.map((e) => e.opId);
		expect(server.pushes.map((push) => push.ops.map((op) => op.opId))).toEqual([
			ids,
			...ids.map((id) => [id])
		]);
		expect([...server.applied.keys()]).toEqual(ids.filter((id) => id !== poison.opId));
		expect(await local.outbox.count()).toBe(0);
		expect(await local.refusals.toArray()).toEqual([
			{
				opId: poison.opId,
				entity: 'consultation',
				entityId: poison.entityId,
				op: 'update',
				fields: poison.fields,
				code: 'invalid',
				message: 'Nieprawidłowe dane',
				fieldMessages: {},
				at: ctx.now().toISOString()
			}
		]);
	});

	it('isolating a poison batch stops at a network failure and keeps the unanswered entries', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const entries = await queue(local, 4);
		server.onPush = (body, call) => {
			if (call === 1)
				return { ok: false, kind: 'rejected', status: 400, code: 'invalid_request', message: 'x' };
			if (call === 3) return { ok: false, kind: 'offline' };
			return undefined;
		};
		const outcome = await syncOnce(local, server, options(ctx));
		expect(outcome).toMatchObject({ ok: false, failure: { kind: 'offline' }, pushed: 1, refused: 0 });
		expect((await local.outbox.orderBy('seq').toArray()).map((e) => e.opId)).toEqual(
			entries.slice(1).map((e) => e.opId)
		);
		expect(await local.refusals.count()).toBe(0);
	});
});

describe('syncOnce: batches and progress', () => {
	it('entries made during a sync go in a later batch, over the server copy the first batch brought back', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const id = ctx.newId();
		await saveDraft(local, ctx, id, { notes: 'Pierwsza wersja' });
		server.currentFor = (op, seq) =>
			op.op === 'create'
				? {
						entity: 'consultation',
						record: {
							...(op.fields as unknown as LocalConsultation),
							version: 1,
							receipt: receiptFor(seq),
							conflicts: []
						}
					}
				: null;
		// The advisor keeps typing while the first push is on its way.
		server.onPush = async (_body, call) => {
			if (call === 1) await saveDraft(local, ctx, id, { notes: 'Druga wersja', durationMin: 30 });
			return undefined;
		};
		const progress: SyncProgress[] = [];

		const outcome = await syncOnce(local, server, options(ctx, { onProgress: (p) => progress.push(p) }));
		expect(outcome).toEqual({ ok: true, pushed: 2, refused: 0, received: 0 });
		expect(server.pushes.map((push) => push.ops.map((op) => [op.op, op.fields.notes]))).toEqual([
			[['create', 'Pierwsza wersja']],
			[['update', 'Druga wersja']]
		]);
		expect(server.pushes[1]!.ops[0]!.fields).toEqual({ notes: 'Druga wersja', durationMin: 30 });
		expect(await local.outbox.count()).toBe(0);
		// The server's copy (version 1) with the later edit laid over it; the edit's own answer carried no record.
		expect(await local.consultations.get(id)).toMatchObject({
			version: 1,
			receipt: receiptFor(1),
			notes: 'Druga wersja',
			durationMin: 30
		});
		expect(progress.filter((p) => p.phase === 'push').map((p) => [p.sent, p.total])).toEqual([
			[0, 1],
			[1, 2],
			[2, 2]
		]);
	});

	it.each([
		[100, [0, 100, 200, 300, 340]],
		[80, [0, 80, 160, 240, 320, 340]],
		[undefined, [0, 100, 200, 300, 340]]
	])('reports progress as sent of total (batch size %s)', async (batchSize, sentSteps) => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		await queue(local, 340);
		server.onPull = (cursor, call) => ({
			ok: true,
			data: { changes: [], cursor: `v1.${call}.000000000000`, more: call < 2, reset: false }
		});
		const progress: SyncProgress[] = [];

		const outcome = await syncOnce(
			local,
			server,
			options(ctx, { batchSize, onProgress: (p) => progress.push(p) })
		);
		expect(outcome).toEqual({ ok: true, pushed: 340, refused: 0, received: 0 });
		expect(server.pushes.map((push) => push.ops.length)).toEqual(
			sentSteps.slice(1).map((n, i) => n - sentSteps[i]!)
		);
		const push = progress.filter((p) => p.phase === 'push');
		expect(push.map((p) => `${p.sent} of ${p.total}`)).toEqual(sentSteps.map((n) => `${n} of 340`));
		expect(progress.filter((p) => p.phase === 'pull').map((p) => [p.sent, p.total])).toEqual([
			[340, 340],
			[340, 340]
		]);
		expect(server.pulls.map((pull) => pull.cursor)).toEqual([null, 'v1.1.000000000000']);
	});

	it('pulls again from the start when a page counts on a signature the phone does not hold', async () => {
		const local = await db();
		await local.meta.put({ key: SYNC_CURSOR, value: 'v1.40.000000000000' });
		const record = serverConsultation({ status: 'approved', signature: signature(), version: 3 });
		const server = new FakeServer();
		server.onPull = (cursor) => ({
			ok: true,
			data:
				cursor === null
					? {
							changes: [{ seq: 41, id: record.id, deleted: false, entity: 'consultation', record }],
							cursor: 'v1.41.000000000000',
							more: false,
							reset: true
						}
					: {
							changes: [
								{
									seq: 41,
									id: record.id,
									deleted: false,
									entity: 'consultation',
									record: { ...record, signature: null },
									signatureKept: true
								}
							],
							cursor: 'v1.41.000000000000',
							more: false,
							reset: false
						}
		});

		const outcome = await syncOnce(local, server, options(testContext()));

		expect(outcome).toEqual({ ok: true, pushed: 0, refused: 0, received: 1 });
		expect(server.pulls.map((pull) => pull.cursor)).toEqual(['v1.40.000000000000', null]);
		expect(await local.consultations.get(record.id)).toEqual(record);
		expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.41.000000000000');
	});

	it.each([
		[undefined, [160, 160, 160, 160, 160, 160, 160, 160, 160, 160]],
		[5000, [500, 500, 500, 100]]
	])(
		'sends a large outbox in larger batches, never more than PUSH_MAX_OPS a request (batch size %s)',
		async (batchSize, sizes) => {
			const local = await db();
			const server = new FakeServer();
			await queue(local, 1600);

			const outcome = await syncOnce(local, server, options(testContext(), { batchSize }));

			expect(outcome).toMatchObject({ ok: true, pushed: 1600, refused: 0 });
			expect(server.pushes.map((push) => push.ops.length)).toEqual(sizes);
			expect(Math.max(...sizes)).toBeLessThanOrEqual(PUSH_MAX_OPS);
			expect(await local.outbox.count()).toBe(0);
		}
	);

	it('pulls page after page with the cursor each page gave, counting the changes received', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const record = (n: number) => ({
			seq: n,
			id: uuid('30000000', n),
			deleted: true as const,
			entity: 'consultation' as const
		});
		server.onPull = (_cursor, call) => ({
			ok: true,
			data: {
				changes: [record(call * 2 - 1), record(call * 2)],
				cursor: `v1.${call * 2}.000000000000`,
				more: call < 3,
				reset: false
			}
		});
		const outcome = await syncOnce(local, server, options(ctx, { pullLimit: 2 }));
		expect(outcome).toEqual({ ok: true, pushed: 0, refused: 0, received: 6 });
		expect(server.pulls).toEqual([
			{ cursor: null, limit: 2 },
			{ cursor: 'v1.2.000000000000', limit: 2 },
			{ cursor: 'v1.4.000000000000', limit: 2 }
		]);
		expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.6.000000000000');
	});

	it('asks for the next page while storing one, one request at a time; a page that fails keeps the cursor before it', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		const storedWhenAsked: unknown[] = [];
		let inFlight = 0;
		let most = 0;
		server.onPull = async (_cursor, call) => {
			storedWhenAsked.push((await local.meta.get(SYNC_CURSOR))?.value ?? null);
			most = Math.max(most, ++inFlight);
			await new Promise((resolve) => setTimeout(resolve, 5));
			inFlight -= 1;
			const change: SyncChange =
				call === 3
					? // Not storable (an object as its key): storing this page throws.
						{ seq: 3, id: 'x', deleted: false, entity: 'organisation', record: { id: {} } as never }
					: { seq: call, id: uuid('30000000', call), deleted: true, entity: 'consultation' };
			return {
				ok: true,
				data: { changes: [change], cursor: `v1.${call}.000000000000`, more: call < 4, reset: false }
			};
		};

		await expect(syncOnce(local, server, options(ctx, { pullLimit: 1 }))).rejects.toThrow();
		// Page 2 was asked for before page 1 was stored, page 3 before page 2 was.
		expect(storedWhenAsked.slice(0, 3)).toEqual([null, null, 'v1.1.000000000000']);
		expect(most).toBe(1);
		expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.2.000000000000');
	});
});

describe('syncOnce: a line too slow for its requests', () => {
	const timedOut = { ok: false, kind: 'offline', timedOut: true } as const;

	it('a push that timed out halves the batch of the next runs; runs that end well double it back', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		await queue(local, 200);
		server.onPush = (_body, call) => (call === 1 ? timedOut : undefined);

		const first = await syncOnce(local, server, options(ctx, { batchSize: 100 }));
		expect(first).toMatchObject({ ok: false, failure: { kind: 'offline', timedOut: true } });
		expect((await local.meta.get(SLOW_LINE_LIMIT))?.value).toBe(50);

		// The same entries go again, 50 a request (the caller's batch size is a ceiling, not a floor).
		expect(await syncOnce(local, server, options(ctx, { batchSize: 100 }))).toMatchObject({
			ok: true,
			pushed: 200
		});
		expect(server.pushes.slice(1).map((push) => push.ops.length)).toEqual([50, 50, 50, 50]);
		expect(server.pulls.at(-1)?.limit).toBe(50);
		expect([...server.applied.values()].every((times) => times === 1)).toBe(true);
		expect((await local.meta.get(SLOW_LINE_LIMIT))?.value).toBe(100);

		// 100 → 200 → 400 → gone (the next doubling would pass a full pull page).
		for (const expected of [200, 400, undefined]) {
			expect(await syncOnce(local, server, options(ctx))).toMatchObject({ ok: true });
			expect((await local.meta.get(SLOW_LINE_LIMIT))?.value).toBe(expected);
		}
	});

	it('a pull page that timed out halves the page size; the limit never goes below its minimum', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		server.onPull = () => timedOut;

		await syncOnce(local, server, options(ctx, { pullLimit: 500 }));
		expect((await local.meta.get(SLOW_LINE_LIMIT))?.value).toBe(250);
		for (let run = 0; run < 6; run++) await syncOnce(local, server, options(ctx, { pullLimit: 500 }));
		expect(server.pulls.map((pull) => pull.limit)).toEqual([500, 250, 125, 62, 31, 15, SLOW_LINE_MIN]);
		expect((await local.meta.get(SLOW_LINE_LIMIT))?.value).toBe(SLOW_LINE_MIN);
	});

	it('no answer without a timeout (the network is gone) leaves the request size alone', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		await queue(local, 30);
		server.onPush = () => ({ ok: false, kind: 'offline' });
		await syncOnce(local, server, options(ctx));
		expect(await local.meta.get(SLOW_LINE_LIMIT)).toBeUndefined();
	});

	it('a request already at the minimum that timed out leaves the size alone: the line moves nothing at all', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		await queue(local, SLOW_LINE_MIN);
		server.onPush = () => timedOut;
		await syncOnce(local, server, options(ctx));
		expect(server.pushes[0]!.ops).toHaveLength(SLOW_LINE_MIN);
		expect(await local.meta.get(SLOW_LINE_LIMIT)).toBeUndefined();
	});
});

describe('syncOnce: last sync and last error', () => {
	it('LAST_SYNC_AT is set only on success; LAST_SYNC_ERROR is set on failure and cleared on success', async () => {
		const local = await db();
		const ctx = testContext();
		const server = new FakeServer();
		await queue(local, 2);
		let offline = true;
		server.onPush = () => (offline ? { ok: false, kind: 'offline' } : undefined);

		await syncOnce(local, server, options(ctx));
		expect(await local.meta.get(LAST_SYNC_AT)).toBeUndefined();
		expect((await local.meta.get(LAST_SYNC_ERROR))?.value).toEqual({
			kind: 'offline',
			message: '',
			at: '2025-03-10T08:00:00.000Z'
		} satisfies SyncError);

		offline = false;
		ctx.advance(60_000);
		expect(await syncOnce(local, server, options(ctx))).toMatchObject({ ok: true });
		expect((await local.meta.get(LAST_SYNC_AT))?.value).toBe('2025-03-10T08:01:00.000Z');
		expect(await local.meta.get(LAST_SYNC_ERROR)).toBeUndefined();

		// A later failure (here in the pull) reports itself and leaves the last success as it was.
		server.onPull = () => ({ ok: false, kind: 'retry', status: 503, message: 'Service Unavailable' });
		ctx.advance(60_000);
		expect(await syncOnce(local, server, options(ctx))).toMatchObject({ ok: false });
		expect((await local.meta.get(LAST_SYNC_AT))?.value).toBe('2025-03-10T08:01:00.000Z');
		expect((await local.meta.get(LAST_SYNC_ERROR))?.value).toEqual({
			kind: 'retry',
			message: 'Service Unavailable',
			at: '2025-03-10T08:02:00.000Z'
		} satisfies SyncError);
	});
});
