/** Runs in the `client` project: the scheduler's rune state as the phone has it, over a fake IndexedDB. */
import { afterEach, describe, expect, it } from 'vitest';
import type { PullResponse, PushRequest, PushResponse } from '$lib/domain/sync';
import { saveDraft } from '../db/consultations';
import { sentThrough } from '../db/outbox';
import { freshDb, markAllSent, testContext } from '../db/test-factories';
import type { LocalDb } from '../db/local-db';
import {
	AFTER_CHANGE_MS,
	readDeviceSyncData,
	requestSync,
	startSync,
	stopSync,
	SYNC_INTERVAL_MS,
	syncOnOpen,
	syncStatus,
	SyncScheduler,
	type SchedulerEnv
} from './scheduler.svelte';
import type { SyncTransport, TransportResult } from './transport';
import { until } from '../test-until';

const VISIT = '0190a000-0000-7000-8000-0000000000c1';

type Answer<T> = () => Promise<TransportResult<T>>;

/** A server whose next answers the test decides; by default it accepts everything and has nothing new. */
function fakeServer() {
	const calls = { push: 0, pull: 0 };
	const answers: { push: Answer<PushResponse> | null; pull: Answer<PullResponse> | null } = {
		push: null,
		pull: null
	};
	const transport: SyncTransport = {
		push: async (body: PushRequest): Promise<TransportResult<PushResponse>> => {
			calls.push += 1;
			if (answers.push) return answers.push();
			return {
				ok: true,
				data: {
					results: body.ops.map((op, index) => ({
						opId: op.opId,
						status: 'applied' as const,
						seq: index + 1,
						receipt: null,
						current: null
					}))
				}
			};
		},
		pull: async (): Promise<TransportResult<PullResponse>> => {
			calls.pull += 1;
			if (answers.pull) return answers.pull();
			return { ok: true, data: { changes: [], cursor: 'v1.1.000000000000', more: false, reset: false } };
		}
	};
	return {
		calls,
		transport,
		set push(answer: Answer<PushResponse> | null) {
			answers.push = answer;
		},
		set pull(answer: Answer<PullResponse> | null) {
			answers.pull = answer;
		}
	};
}

/** Timers the test fires by hand, a clock it moves, a network it switches, a lock it can hold. */
function fakeEnv(transport: SyncTransport, overrides: Partial<SchedulerEnv> = {}) {
	let clock = Date.parse('2025-03-10T08:00:00.000Z');
	let ids = 0;
	const timers = new Map<number, { callback: () => void; ms: number }>();
	let next = 0;
	const state = { online: true, lockBusy: false, outdated: 0, refreshed: 0 };
	const env: SchedulerEnv = {
		transport,
		now: () => new Date(clock),
		newId: () => `0190a000-0000-7000-8000-${String(++ids).padStart(12, '0')}`,
		random: () => 1,
		setTimer: (callback, ms) => {
			timers.set(++next, { callback, ms });
			return next;
		},
		clearTimer: (handle) => void timers.delete(handle as number),
		isOnline: () => state.online,
		withLock: async (_name, wait, task) => {
			if (state.lockBusy && !wait) return 'busy';
			await task();
			return 'ran';
		},
		afterSuccess: async () => void (state.refreshed += 1),
		onOutdated: () => void (state.outdated += 1),
		...overrides
	};
	return {
		env,
		state,
		/** The one timer waiting, if any (the scheduler keeps at most one). */
		timer: () => [...timers.values()].at(-1),
		timerCount: () => timers.size,
		/** Fires the waiting timer and waits for the run it starts to end. */
		async fire(scheduler: SyncScheduler) {
			const [id, timer] = [...timers.entries()].at(-1)!;
			timers.delete(id);
			clock += timer.ms;
			timer.callback();
			await idle(scheduler);
		}
	};
}

/** A run starts synchronously on its trigger; this waits until it (and any run it asked for) is over. */
async function idle(scheduler: SyncScheduler) {
	await until(() => !scheduler.running);
}

function deferred() {
	let release!: () => void;
	const promise = new Promise<void>((resolve) => (release = resolve));
	return { promise, release };
}

describe('readDeviceSyncData', () => {
	it('counts what waits and, of it, what has left (in flight)', async () => {
		const db = await freshDb('device-data');
		const ctx = testContext();
		await saveDraft(db, ctx, 'c1', { notes: 'a' });
		await saveDraft(db, ctx, 'c2', { notes: 'b' });
		expect(await readDeviceSyncData(db)).toMatchObject({ pending: 2, inFlight: 0 });
		await markAllSent(db);
		await saveDraft(db, ctx, 'c3', { notes: 'c' });
		expect(await readDeviceSyncData(db)).toMatchObject({ pending: 3, inFlight: 2 });
		db.close();
	});
});

describe('SyncScheduler', () => {
	let db: LocalDb;
	const schedulers: SyncScheduler[] = [];
	afterEach(() => {
		schedulers.splice(0).forEach((s) => s.stop());
		db?.close();
	});

	async function setUp(overrides: Partial<SchedulerEnv> = {}) {
		db = await freshDb('scheduler');
		const server = fakeServer();
		const fake = fakeEnv(server.transport, overrides);
		const scheduler = new SyncScheduler('advisor-1', db, fake.env);
		schedulers.push(scheduler);
		return { server, fake, scheduler };
	}

	it('runs at start, joins triggers that arrive during a run into one more run, then waits three minutes', async () => {
		const { server, fake, scheduler } = await setUp();
		await saveDraft(db, testContext(), VISIT, { notes: 'Statut' });
		const gate = deferred();
		server.pull = async () => {
			await gate.promise;
			return { ok: true, data: { changes: [], cursor: 'v1.1.000000000000', more: false, reset: false } };
		};

		scheduler.start();
		await until(() => server.calls.pull === 1);
		expect(scheduler.running).toBe(true);
		void scheduler.trigger('visible');
		void scheduler.trigger('online');
		const manual = scheduler.trigger('manual');
		gate.release();
		await manual;

		expect(server.calls.pull).toBe(2);
		expect(server.calls.push).toBe(1);
		expect(scheduler.running).toBe(false);
		expect(scheduler.error).toBeNull();
		expect(await db.outbox.count()).toBe(0);
		await until(() => scheduler.data.lastSyncAt === '2025-03-10T08:00:00.000Z');
		expect(scheduler.data.pending).toBe(0);
		expect(fake.state.refreshed).toBe(2);
		expect(fake.timerCount()).toBe(1);
		expect(fake.timer()?.ms).toBe(SYNC_INTERVAL_MS);
	});

	it('backs off exponentially with full jitter up to five minutes, and starts over after a success', async () => {
		const { server, fake, scheduler } = await setUp();
		server.pull = async () => ({ ok: false, kind: 'retry', status: 503, message: 'restarting' });
		scheduler.start();
		await idle(scheduler);

		const delays: number[] = [];
		for (let i = 0; i < 9; i++) {
			delays.push(fake.timer()!.ms);
			await fake.fire(scheduler);
		}
		// random() = 1: the full ceiling each time.
		expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
		expect(scheduler.error?.kind).toBe('retry');
		expect(scheduler.failures).toBe(10);
		expect(scheduler.nextRetryAt).not.toBeNull();

		// Seeing the page again while backing off does not hammer the server.
		const before = server.calls.pull;
		await scheduler.trigger('visible');
		expect(server.calls.pull).toBe(before);

		server.pull = null;
		await fake.fire(scheduler);
		expect(scheduler.error).toBeNull();
		expect(scheduler.failures).toBe(0);
		expect(scheduler.nextRetryAt).toBeNull();
		expect(fake.timer()?.ms).toBe(SYNC_INTERVAL_MS);
	});

	it('tries again at once when the network returns (or the user asks) during a run that then fails', async () => {
		const { server, fake, scheduler } = await setUp();
		await saveDraft(db, testContext(), VISIT, { notes: 'Zasięg wrócił' });
		const gate = deferred();
		// The first attempt left on the dead network: it fails once the 'online' event has already come.
		server.push = async () => {
			await gate.promise;
			return { ok: false, kind: 'offline' };
		};
		scheduler.start();
		await until(() => server.calls.push === 1);
		const online = scheduler.trigger('online');
		server.push = null;
		gate.release();
		await online;
		await idle(scheduler);

		expect(server.calls.push).toBe(2);
		expect(scheduler.error).toBeNull();
		expect(await db.outbox.count()).toBe(0);
		expect(fake.timer()?.ms).toBe(SYNC_INTERVAL_MS);
	});

	it('when the server answers again after a run that got no answer, tries once before the back-off', async () => {
		const { server, fake, scheduler } = await setUp();
		await saveDraft(db, testContext(), VISIT, { notes: 'Wi-Fi bez internetu' });
		// The line swallows the push: it is given up at its deadline, which the panel tells apart.
		server.push = async () => ({ ok: false, kind: 'offline', timedOut: true });
		scheduler.start();
		await idle(scheduler);
		expect(fake.timer()?.ms).toBe(5_000);
		expect(scheduler.error).toEqual({ kind: 'offline', message: '', timedOut: true });

		// A probe got through but the push still does not: the next "reachable" waits for the back-off.
		await scheduler.trigger('reachable');
		expect(server.calls.push).toBe(2);
		await scheduler.trigger('reachable');
		expect(server.calls.push).toBe(2);

		server.push = null;
		await fake.fire(scheduler);
		expect(server.calls.push).toBe(3);
		expect(scheduler.error).toBeNull();
		expect(await db.outbox.count()).toBe(0);

		// A new streak gets its one early try again; a server that answered with an error gets none.
		await saveDraft(db, testContext(), VISIT, { notes: 'Wi-Fi bez internetu, znowu' });
		server.push = async () => ({ ok: false, kind: 'offline' });
		await scheduler.trigger('manual');
		await scheduler.trigger('reachable');
		expect(server.calls.push).toBe(5);
		expect(scheduler.error).toEqual({ kind: 'offline', message: '' });
		server.push = async () => ({ ok: false, kind: 'retry', status: 503, message: 'restarting' });
		await fake.fire(scheduler);
		expect(server.calls.push).toBe(6);
		await scheduler.trigger('reachable');
		expect(server.calls.push).toBe(6);
	});

	it('a timer or the page seen again during a run that fails waits for the back-off', async () => {
		const { server, fake, scheduler } = await setUp();
		await saveDraft(db, testContext(), VISIT, { notes: 'Serwer w restarcie' });
		const gate = deferred();
		server.push = async () => {
			await gate.promise;
			return { ok: false, kind: 'retry', status: 503, message: 'restarting' };
		};
		scheduler.start();
		await until(() => server.calls.push === 1);
		void scheduler.trigger('visible');
		const timer = scheduler.trigger('timer');
		gate.release();
		await timer;
		await idle(scheduler);

		expect(server.calls.push).toBe(1);
		expect(scheduler.error?.kind).toBe('retry');
		expect(fake.timer()?.ms).toBe(5_000);
	});

	it('draws each wait at random below the ceiling', async () => {
		const { server, fake, scheduler } = await setUp({ random: () => 0.5 });
		server.pull = async () => ({ ok: false, kind: 'retry', status: 500, message: '' });
		scheduler.start();
		await idle(scheduler);
		// Without the server's own message, the status is kept for the panel to say what it means.
		expect(scheduler.error).toMatchObject({ kind: 'retry', message: '', status: 500 });
		expect(fake.timer()?.ms).toBe(2_500);
		await fake.fire(scheduler);
		expect(fake.timer()?.ms).toBe(5_000);
	});

	it('on an expired session keeps the outbox, sets no timer, and sends everything once the user is back', async () => {
		const { server, fake, scheduler } = await setUp();
		await saveDraft(db, testContext(), VISIT, { notes: 'Offline' });
		server.push = async () => ({ ok: false, kind: 'unauthorized' });
		scheduler.start();
		await idle(scheduler);

		expect(scheduler.error?.kind).toBe('unauthorized');
		expect(fake.timerCount()).toBe(0);
		expect(await db.outbox.count()).toBe(1);

		server.push = null;
		await scheduler.trigger('manual');
		expect(scheduler.error).toBeNull();
		expect(await db.outbox.count()).toBe(0);
	});

	it('when the app is too old for the server, asks for the update and keeps the outbox', async () => {
		const { server, fake, scheduler } = await setUp();
		await saveDraft(db, testContext(), VISIT, { notes: 'Stara wersja' });
		server.push = async () => ({ ok: false, kind: 'outdated', message: 'update' });
		scheduler.start();
		await idle(scheduler);
		expect(scheduler.error?.kind).toBe('outdated');
		expect(fake.state.outdated).toBe(1);
		expect(fake.timerCount()).toBe(0);
		expect(await db.outbox.count()).toBe(1);
	});

	it('offline it waits for the network; the user’s own request says so and sends nothing', async () => {
		const { server, fake, scheduler } = await setUp();
		await saveDraft(db, testContext(), VISIT, { notes: 'Statut' });
		fake.state.online = false;
		scheduler.start();
		await scheduler.trigger('visible');
		expect(server.calls.pull).toBe(0);

		await scheduler.trigger('manual');
		expect(scheduler.error?.kind).toBe('offline');
		// Nothing tried, nothing marked as gone: the change still folds later edits in and is "only on this phone".
		expect([server.calls.push, server.calls.pull]).toEqual([0, 0]);
		expect(await sentThrough(db)).toBe(0);
		// No retry timer while the browser says offline: the `online` event brings the next run.
		expect(fake.timerCount()).toBe(0);

		fake.state.online = true;
		server.pull = null;
		await scheduler.trigger('online');
		expect(scheduler.error).toBeNull();
	});

	it('leaves the run to another tab that holds the lock, but the user’s request waits for its turn', async () => {
		const { server, fake, scheduler } = await setUp();
		fake.state.lockBusy = true;
		scheduler.start();
		await idle(scheduler);
		expect(server.calls.pull).toBe(0);
		expect(scheduler.lockName).toBe('doradca-sync-advisor-1');

		await scheduler.trigger('manual');
		expect(server.calls.pull).toBe(1);
	});

	it('sends a change made while online soon, and stops everything on stop()', async () => {
		const { fake, scheduler } = await setUp();
		scheduler.start();
		await idle(scheduler);
		expect(fake.timer()?.ms).toBe(SYNC_INTERVAL_MS);

		await saveDraft(db, testContext(), VISIT, { notes: 'Nowa' });
		await until(() => scheduler.data.pending === 1);
		await until(() => fake.timer()?.ms === AFTER_CHANGE_MS);
		await fake.fire(scheduler);
		expect(await db.outbox.count()).toBe(0);

		scheduler.stop();
		expect(fake.timerCount()).toBe(0);
	});
});

describe('the page’s scheduler (startSync)', () => {
	afterEach(() => stopSync());

	it('reads the outbox before its counts are trusted; a screen opening asks for the latest (syncOnOpen), not while backing off', async () => {
		await syncOnOpen(); // nobody signed in: nothing to do, and no error
		const db = await freshDb('page-scheduler');
		const server = fakeServer();
		expect(syncStatus.loaded).toBe(true);
		startSync({ userId: 'advisor-1', db, transport: server.transport });
		// Until the outbox is read, its count is not known: screens must not say "all sent".
		expect(syncStatus.loaded).toBe(false);
		await until(() => server.calls.pull === 1 && !syncStatus.running && syncStatus.loaded);
		await syncOnOpen();
		await until(() => !syncStatus.running);
		expect(server.calls.pull).toBe(2);

		server.pull = async () => ({ ok: false, kind: 'retry', status: 503, message: 'Restarting' });
		await requestSync();
		await until(() => !syncStatus.running && syncStatus.nextRetryAt !== null);
		expect(server.calls.pull).toBe(3);
		await syncOnOpen();
		expect(server.calls.pull).toBe(3);
		stopSync();
		db.close();
	});
});
