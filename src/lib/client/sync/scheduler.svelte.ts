/**
 * When the device syncs, for every signed-in role: at start, when the network returns, when the page becomes
 * visible, every few minutes while online, shortly after a local change, and when the user asks ("Synchronizuj
 * teraz"). Never Background Sync: it is missing on iOS and Firefox, and a page that is open is where people look.
 *
 * - Single flight: a trigger during a run asks for one more run after it, never a second run beside it.
 * - One tab at a time per user (Web Locks, where the browser has them); the other tabs see the results through
 *   IndexedDB's live queries.
 * - Failures back off exponentially with full jitter (5 s → 5 min); success resets. An expired session or an app
 *   too old for the server waits for the user (sign in again, update), with the outbox kept as it is.
 *
 * The state screens read (`syncStatus`) is rune state; the class takes its clock, timers, network and lock from
 * its environment, so tests drive it without a browser.
 */
import { liveQuery, type Subscription } from 'dexie';
import { newId as makeId } from '$lib/domain/ids';
import type { LocalDb } from '../db/local-db';
import { isSent, sentThrough } from '../db/outbox';
import { LAST_SYNC_AT } from '../db/sync-apply';
import { syncOnce, type SyncProgress } from './engine';
import { backoffDelay, systemNow } from './status';
import { httpTransport, type SyncTransport, type TransportFailure } from './transport';
import { onServerBack, serverFetch } from '../network.svelte';

/** While online and healthy, the device asks the server this often. */
export const SYNC_INTERVAL_MS = 3 * 60_000;
/** A local change made while online is sent this soon (typing pauses longer than this between saves). */
export const AFTER_CHANGE_MS = 10_000;

/** `reachable`: the server answers again while the browser said online all along (a dead Wi-Fi came back). */
export type SyncTrigger = 'start' | 'online' | 'reachable' | 'visible' | 'timer' | 'manual';
/** Why the last run failed: the transport's kinds, or `storage` when the device's own database failed. */
export type SyncErrorKind = TransportFailure['kind'] | 'storage';

export interface SchedulerEnv {
	transport: SyncTransport;
	now(): Date;
	newId(): string;
	random(): number;
	setTimer(callback: () => void, ms: number): unknown;
	clearTimer(handle: unknown): void;
	isOnline(): boolean;
	/** Runs `task` holding the named lock. With `wait` false, answers 'busy' at once when another tab holds it. */
	withLock(name: string, wait: boolean, task: () => Promise<void>): Promise<'ran' | 'busy'>;
	/** After each successful run (the reference data: centres, quotas). Its failure does not fail the sync. */
	afterSuccess?(): Promise<unknown>;
	/** The server says this app version is too old. */
	onOutdated?(): void;
}

/** What the device's database says about sync, followed live. */
export interface DeviceSyncData {
	/** Outbox entries: changes not yet confirmed by the server. */
	pending: number;
	/** Of those, how many left in a push and wait for the answer. */
	inFlight: number;
	oldestPendingAt: string | null;
	lastSyncAt: string | null;
	refusals: number;
}

export interface SyncFailure {
	kind: SyncErrorKind;
	message: string;
	/** No answer came before the request's deadline (a slow or lossy line), rather than none at all. */
	timedOut?: true;
	/** The HTTP status of an answer that was not the server's own error (a proxy's page, a Wi-Fi login page). */
	status?: number;
}

const EMPTY: DeviceSyncData = {
	pending: 0,
	inFlight: 0,
	oldestPendingAt: null,
	lastSyncAt: null,
	refusals: 0
};

export async function readDeviceSyncData(db: LocalDb): Promise<DeviceSyncData> {
	const through = await sentThrough(db);
	const [pending, inFlight, oldest, lastSync, refusals] = await Promise.all([
		db.outbox.count(),
		db.outbox.filter((entry) => isSent(entry, through)).count(),
		db.outbox.orderBy('seq').first(),
		db.meta.get(LAST_SYNC_AT),
		db.refusals.count()
	]);
	return {
		pending,
		inFlight,
		oldestPendingAt: oldest?.createdAt ?? null,
		lastSyncAt: typeof lastSync?.value === 'string' ? lastSync.value : null,
		refusals
	};
}

export class SyncScheduler {
	running = $state(false);
	progress = $state.raw<SyncProgress | null>(null);
	error = $state.raw<SyncFailure | null>(null);
	failures = $state(0);
	/** When the next retry after a failure is planned (epoch ms), while backing off. */
	nextRetryAt = $state<number | null>(null);
	data = $state.raw<DeviceSyncData>(EMPTY);
	/** The first read of the device's data has come: until then `data` is a blank, not "nothing waits". */
	loaded = $state(false);
	/** The last run's counts (changes answered, refused, received). */
	lastRun = $state.raw<{ pushed: number; refused: number; received: number } | null>(null);

	private flight: Promise<void> | null = null;
	private again = false;
	/**
	 * The network came back, or the user asked, during a run: that run may have started on the dead network, so its
	 * failure must not swallow the request (it would wait for the back-off instead).
	 */
	private againAfterFailure = false;
	/** A `reachable` trigger already skipped the back-off in this streak of failures. */
	private reachableRetried = false;
	private stopped = false;
	private timer: unknown = null;
	private timerAt = 0;
	private subscription: Subscription | null = null;

	constructor(
		readonly userId: string,
		readonly db: LocalDb,
		private readonly env: SchedulerEnv
	) {}

	get lockName(): string {
		return `doradca-sync-${this.userId}`;
	}

	start(): void {
		this.subscription = liveQuery(() => readDeviceSyncData(this.db)).subscribe({
			next: (data) => {
				const grew = data.pending > this.data.pending;
				this.data = data;
				this.loaded = true;
				// A change made while online goes soon, not in three minutes (unless the device is backing off).
				if (grew && !this.running && this.error === null && this.env.isOnline()) {
					this.scheduleIn(AFTER_CHANGE_MS, false);
				}
			},
			// A closed or deleted database (sign-out) ends the subscription; nothing to show.
			error: () => undefined
		});
		void this.trigger('start');
	}

	stop(): void {
		this.stopped = true;
		this.cancelTimer();
		this.subscription?.unsubscribe();
		this.subscription = null;
	}

	/** Resolves when the run this trigger started or joined is over. */
	trigger(reason: SyncTrigger): Promise<void> {
		if (this.stopped) return Promise.resolve();
		// Offline, only the user's own request tries (and learns it is offline); the `online` event brings the rest.
		if (reason !== 'manual' && !this.env.isOnline()) return Promise.resolve();
		// While backing off, seeing the page again does not hammer a struggling server.
		const backingOff = this.nextRetryAt !== null && this.nextRetryAt > this.env.now().getTime();
		if (reason === 'visible' && backingOff) return Promise.resolve();
		// The server answers again after a run failed for want of an answer: one try now, not one every few seconds
		// where a push fails but a tiny probe gets through. A run in progress finds out by itself.
		if (reason === 'reachable') {
			if (this.flight || this.error?.kind !== 'offline' || this.reachableRetried) return Promise.resolve();
			this.reachableRetried = true;
		}
		if (this.flight) {
			this.again = true;
			if (reason === 'online' || reason === 'manual') this.againAfterFailure = true;
			return this.flight;
		}
		this.flight = this.fly(reason === 'manual').finally(() => (this.flight = null));
		return this.flight;
	}

	private async fly(manual: boolean): Promise<void> {
		this.cancelTimer();
		this.running = true;
		try {
			let result: 'ok' | 'failed' | 'busy';
			do {
				this.again = false;
				this.againAfterFailure = false;
				result = await this.runLocked(manual);
			} while (this.again && !this.stopped && (result === 'ok' || this.retriesNow(result)));
		} finally {
			this.running = false;
			this.progress = null;
		}
		this.scheduleNext();
	}

	/** After a failed run: once more at once only if asked meanwhile, and only if trying again can help. */
	private retriesNow(result: 'failed' | 'busy'): boolean {
		const kind = this.error?.kind;
		return result === 'failed' && this.againAfterFailure && kind !== 'unauthorized' && kind !== 'outdated';
	}

	private async runLocked(wait: boolean): Promise<'ok' | 'failed' | 'busy'> {
		let result: 'ok' | 'failed' = 'ok';
		const lock = await this.env.withLock(this.lockName, wait, async () => {
			result = await this.runOnce();
		});
		return lock === 'busy' ? 'busy' : result;
	}

	private async runOnce(): Promise<'ok' | 'failed'> {
		if (this.stopped) return 'ok';
		let failure: SyncFailure;
		// With no network at all, nothing is sent: a push attempt would mark its changes as gone, out of reach of
		// further edits, and show them "sent" while nothing left the phone. The user's own request learns it here.
		if (!this.env.isOnline()) {
			this.error = { kind: 'offline', message: '' };
			return 'failed';
		}
		try {
			const outcome = await syncOnce(this.db, this.env.transport, {
				now: () => this.env.now(),
				newId: () => this.env.newId(),
				onProgress: (progress) => (this.progress = progress)
			});
			this.lastRun = { pushed: outcome.pushed, refused: outcome.refused, received: outcome.received };
			if (outcome.ok) {
				this.failures = 0;
				this.reachableRetried = false;
				this.error = null;
				this.nextRetryAt = null;
				await this.env.afterSuccess?.().catch(() => undefined);
				return 'ok';
			}
			const cause = outcome.failure;
			failure = { kind: cause.kind, message: 'message' in cause ? cause.message : '' };
			if ('status' in cause && !failure.message) failure.status = cause.status;
			if (cause.kind === 'offline' && cause.timedOut) failure.timedOut = true;
		} catch (error) {
			failure = { kind: 'storage', message: error instanceof Error ? error.message : String(error) };
		}
		this.error = failure;
		if (failure.kind === 'outdated') this.env.onOutdated?.();
		else if (failure.kind !== 'unauthorized') this.failures += 1;
		return 'failed';
	}

	private scheduleNext(): void {
		if (this.stopped) return;
		const error = this.error;
		if (!error) {
			this.nextRetryAt = null;
			// Changes made during the run are sent soon; otherwise the usual check in a few minutes.
			this.scheduleIn(this.data.pending > 0 ? AFTER_CHANGE_MS : SYNC_INTERVAL_MS, true);
			return;
		}
		// The user has to act (sign in again, update the app), or the `online` event will come: no timer.
		if (error.kind === 'unauthorized' || error.kind === 'outdated' || !this.env.isOnline()) {
			this.nextRetryAt = null;
			return;
		}
		const delay = backoffDelay(this.failures, () => this.env.random());
		this.nextRetryAt = this.env.now().getTime() + delay;
		this.scheduleIn(delay, true);
	}

	/** Sets the timer; without `replace`, only brings an existing one closer. */
	private scheduleIn(ms: number, replace: boolean): void {
		if (this.stopped) return;
		const at = this.env.now().getTime() + ms;
		if (this.timer !== null) {
			if (!replace && this.timerAt <= at) return;
			this.cancelTimer();
		}
		this.timerAt = at;
		this.timer = this.env.setTimer(() => {
			this.timer = null;
			void this.trigger('timer');
		}, ms);
	}

	private cancelTimer(): void {
		if (this.timer !== null) this.env.clearTimer(this.timer);
		this.timer = null;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// The page's one scheduler, for the signed-in user

let active = $state.raw<SyncScheduler | null>(null);
let listening = false;

export function browserLock(name: string, wait: boolean, task: () => Promise<void>): Promise<'ran' | 'busy'> {
	const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
	if (!locks) return task().then(() => 'ran' as const);
	return locks.request(name, { ifAvailable: !wait }, async (lock) => {
		if (!lock) return 'busy' as const;
		await task();
		return 'ran' as const;
	});
}

function listen(): void {
	if (listening || typeof window === 'undefined') return;
	listening = true;
	window.addEventListener('online', () => void active?.trigger('online'));
	onServerBack(() => void active?.trigger('reachable'));
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible') void active?.trigger('visible');
	});
}

export interface StartSyncOptions {
	userId: string;
	db: LocalDb;
	afterSuccess?: () => Promise<unknown>;
	onOutdated?: () => void;
	/** Tests and simulations: another transport (the browser uses same-origin HTTP). */
	transport?: SyncTransport;
}

/** Starts syncing for this user and database (a no-op when already doing so); stops any other user's. */
export function startSync(options: StartSyncOptions): void {
	if (active && active.userId === options.userId && active.db === options.db) return;
	stopSync();
	listen();
	const scheduler = new SyncScheduler(options.userId, options.db, {
		transport: options.transport ?? httpTransport({ fetch: serverFetch }),
		now: systemNow,
		newId: makeId,
		random: Math.random,
		setTimer: (callback, ms) => setTimeout(callback, ms),
		clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
		// The browser's belief, not `network.online`: on a dead Wi-Fi the back-off keeps trying.
		isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
		withLock: browserLock,
		afterSuccess: options.afterSuccess,
		onOutdated: options.onOutdated
	});
	active = scheduler;
	scheduler.start();
	// Once per user database, after sign-in: ask the browser to keep the data even when space runs low.
	void ensurePersistentStorage(options.db);
}

export function stopSync(): void {
	active?.stop();
	active = null;
}

/** "Synchronizuj teraz" (and screens that changed something on the server): a run now, or one more after this. */
export function requestSync(): Promise<void> {
	return active?.trigger('manual') ?? Promise.resolve();
}

/**
 * A screen of what others change (the coordinator's list of the centre's cards) asks for their latest when it opens,
 * as seeing the app again does: online only, and not while backing off from a struggling server.
 */
export function syncOnOpen(): Promise<void> {
	return active?.trigger('visible') ?? Promise.resolve();
}

/** What waits on this device now, read afresh (for decisions that must not rest on a count not yet read). */
export function readPendingNow(): Promise<DeviceSyncData> {
	return active ? readDeviceSyncData(active.db) : Promise.resolve(EMPTY);
}

/** What the screens show: reactive, and calm defaults while nobody is signed in. */
export const syncStatus = {
	get active() {
		return active !== null;
	},
	get running() {
		return active?.running ?? false;
	},
	get progress() {
		return active?.progress ?? null;
	},
	get error() {
		return active?.error ?? null;
	},
	get nextRetryAt() {
		return active?.nextRetryAt ?? null;
	},
	/** Whether the counts below are read from the device (true with nobody signed in: nothing to read). */
	get loaded() {
		return active ? active.loaded : true;
	},
	get pending() {
		return active?.data.pending ?? 0;
	},
	get inFlight() {
		return active?.data.inFlight ?? 0;
	},
	get oldestPendingAt() {
		return active?.data.oldestPendingAt ?? null;
	},
	get lastSyncAt() {
		return active?.data.lastSyncAt ?? null;
	},
	get refusals() {
		return active?.data.refusals ?? 0;
	},
	get lastRun() {
		return active?.lastRun ?? null;
	},
	/** The server no longer knows the session: sign in again (the outbox waits). */
	get sessionExpired() {
		return active?.error?.kind === 'unauthorized';
	},
	get outdated() {
		return active?.error?.kind === 'outdated';
	}
};

// ---------------------------------------------------------------------------------------------------------------
// Keeping the data: persistent storage and how much is used

export type PersistState = 'granted' | 'denied' | 'unsupported' | 'unknown';

const storage = $state<{ persist: PersistState; usage: number | null; quota: number | null }>({
	persist: 'unknown',
	usage: null,
	quota: null
});

const PERSIST_ASKED = 'storagePersistAsked';

export const deviceStorage = {
	get persist() {
		return storage.persist;
	},
	get usage() {
		return storage.usage;
	},
	get quota() {
		return storage.quota;
	}
};

/**
 * Asks the browser once per user database (after sign-in) to keep this site's data even when space runs low,
 * and remembers the answer for the screens. Later calls only read the state.
 */
export async function ensurePersistentStorage(db: LocalDb): Promise<PersistState> {
	const manager = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!manager?.persisted || !manager.persist) return (storage.persist = 'unsupported');
	try {
		if (await manager.persisted()) return (storage.persist = 'granted');
		const asked = await db.meta.get(PERSIST_ASKED);
		if (asked) return (storage.persist = 'denied');
		await db.meta.put({ key: PERSIST_ASKED, value: Date.now() });
		return (storage.persist = (await manager.persist()) ? 'granted' : 'denied');
	} catch {
		return (storage.persist = 'unsupported');
	}
}

export async function refreshStorageEstimate(): Promise<void> {
	const manager = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!manager?.estimate) return;
	try {
		const estimate = await manager.estimate();
		storage.usage = estimate.usage ?? null;
		storage.quota = estimate.quota ?? null;
	} catch {
		// Not every browser answers; the panel then says nothing about space.
	}
}
