/**
 * A simulated phone: its own IndexedDB (fake-indexeddb, one factory per device, so nothing is shared), the real
 * repositories and the real sync engine over HTTP through the fault proxy, with the device's own session cookie.
 * The transport is wrapped only to write down what went out and what came back (the Ledger).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openLocalDb, type LocalDb, type RepoContext } from '$lib/client/db/local-db';
import { syncOnce, type SyncOutcome } from '$lib/client/sync/engine';
import { httpTransport, type SyncTransport } from '$lib/client/sync/transport';
import type { PushOperation } from '$lib/domain/sync';
import type { Ledger } from './ledger';
import type { Account } from './setup';

const SESSION_COOKIE = 'doradca_session';
/** Longer than any fault delay or server restart: a request that takes longer is a hang, not a fault. */
const REQUEST_TIMEOUT_MS = 30_000;
const SIGN_IN_ATTEMPTS = 30;

/**
 * Ids from the device's own seeded stream, shaped like UUIDv7 (time-ordered prefix from a counter), so the same
 * seed gives the same record and operation ids in every run.
 */
export function seededIds(random: () => number, base: number): () => string {
	let counter = 0;
	const hex = (digits: number) =>
		Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
	return () => {
		counter += 1;
		const time = (base + counter).toString(16).padStart(12, '0');
		const variant = (8 + Math.floor(random() * 4)).toString(16);
		return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
	};
}

/** The fields a trace line needs: status, text fields (tokens only) and conflicts, when present. */
export function brief(record: object): string {
	const fields = record as Record<string, unknown>;
	const parts: string[] = [];
	if (typeof fields.status === 'string') parts.push(`status=${fields.status}`);
	for (const field of ['notes', 'followUps'] as const) {
		if (typeof fields[field] === 'string')
			parts.push(`${field}=${(fields[field] as string).match(/\[[a-z0-9.]+\]/g)?.join('') ?? '∅'}`);
	}
	if (Array.isArray(fields.conflicts) && fields.conflicts.length > 0) {
		parts.push(
			`conflicts=${(fields.conflicts as { field: string; value: string; version: number }[]).map((c) => `${c.field}@${c.version}:${c.value.match(/\[[a-z0-9.]+\]/g)?.join('') ?? ''}`).join('|')}`
		);
	}
	const others = Object.keys(fields).filter(
		(k) => !['status', 'notes', 'followUps', 'conflicts'].includes(k)
	);
	if (others.length > 0 && others.length < 6) parts.push(`+${others.join(',')}`);
	return parts.join(' ');
}

export interface DeviceStats {
	syncs: number;
	failures: Record<string, number>;
	signIns: number;
}

export class SimDevice {
	readonly ctx: RepoContext;
	readonly transport: SyncTransport;
	readonly stats: DeviceStats = { syncs: 0, failures: {}, signIns: 0 };
	private cookie: string | null = null;
	private running: Promise<SyncOutcome> | null = null;

	private constructor(
		readonly name: string,
		readonly account: Account,
		readonly db: LocalDb,
		private readonly baseUrl: string,
		readonly ledger: Ledger,
		newId: () => string
	) {
		this.ctx = { now: () => new Date(), newId, userId: account.userId, centreId: account.centreId };
		const http = httpTransport({
			baseUrl,
			deadlineMs: () => REQUEST_TIMEOUT_MS,
			// The server checks Origin on every API call (its CSRF rule); ORIGIN is the proxy's URL.
			headers: () => ({
				origin: baseUrl,
				...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {})
			})
		});
		const recordOf = (op: PushOperation) =>
			op.entity === 'amendment' ? String(op.fields.consultationId) : op.entityId;
		this.transport = {
			push: async (body) => {
				ledger.recordSent(name, account.userId, body.ops);
				for (const op of body.ops) {
					ledger.trace(
						name,
						recordOf(op),
						`push ${op.opId.slice(-6)} ${op.entity} ${op.op} base ${op.baseVersion ?? '-'}${op.resolves ? ` resolves ${op.resolves.join(',')}` : ''} ${brief(op.fields)}`
					);
				}
				const result = await http.push(body);
				if (result.ok) {
					ledger.recordResults(name, result.data.results);
					const byId = new Map(body.ops.map((op) => [op.opId, op]));
					for (const r of result.data.results) {
						const op = byId.get(r.opId);
						if (!op) continue;
						const current =
							r.current?.entity === 'consultation'
								? ` → v${r.current.record.version} ${brief(r.current.record)}`
								: '';
						ledger.trace(
							name,
							recordOf(op),
							`answer ${r.opId.slice(-6)} ${r.status}${r.code ? `/${r.code}` : ''} seq ${r.seq ?? '-'}${r.replayed ? ' (replayed)' : ''}${current}`
						);
					}
				} else {
					ledger.trace(name, null, `push failed: ${result.kind}`);
				}
				if (!result.ok && result.kind === 'rejected') {
					ledger.rejectedPushes.push({
						device: name,
						opIds: body.ops.map((op) => op.opId),
						message: `${result.status} ${result.code}: ${result.message}`
					});
				}
				return result;
			},
			pull: async (cursor, limit) => {
				const result = await http.pull(cursor, limit);
				if (result.ok) {
					for (const change of result.data.changes) {
						if (change.entity !== 'consultation') continue;
						ledger.trace(
							name,
							change.id,
							change.deleted ? 'pulled tombstone' : `pulled v${change.record.version} ${brief(change.record)}`
						);
					}
				} else ledger.trace(name, null, `pull failed: ${result.kind}`);
				return result;
			}
		};
	}

	static async open(
		name: string,
		account: Account,
		baseUrl: string,
		ledger: Ledger,
		newId: () => string
	): Promise<SimDevice> {
		const db = await openLocalDb(account.userId, { indexedDB: new IDBFactory(), IDBKeyRange });
		return new SimDevice(name, account, db, baseUrl, ledger, newId);
	}

	get sessionCookie(): string | null {
		return this.cookie;
	}

	get syncing(): boolean {
		return this.running !== null;
	}

	/**
	 * Signs in as a person would: again after a lost answer, never with a wrong password (five wrong ones would
	 * lock the account). Network failures don't count against the login limit, so retrying them is safe.
	 */
	async signIn(): Promise<void> {
		let last = '';
		for (let attempt = 1; attempt <= SIGN_IN_ATTEMPTS; attempt++) {
			try {
				const response = await fetch(`${this.baseUrl}/api/session`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: this.baseUrl },
					body: JSON.stringify({ email: this.account.email, password: this.account.password }),
					signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
				});
				const text = await response.text();
				if (response.ok) {
					const cookie = response.headers
						.getSetCookie()
						.map((line) => line.split(';')[0] ?? '')
						.find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
					if (cookie) {
						this.cookie = cookie.slice(SESSION_COOKIE.length + 1);
						this.stats.signIns += 1;
						return;
					}
					last = 'answer without a session cookie';
				} else if (response.status === 401 || response.status === 403 || response.status === 429) {
					throw new Error(`sign-in of ${this.account.email} refused: ${response.status} ${text}`);
				} else {
					last = `${response.status} ${text.slice(0, 200)}`;
				}
			} catch (error) {
				if (error instanceof Error && error.message.startsWith('sign-in of')) throw error;
				last = String(error);
			}
			await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
		}
		throw new Error(`device ${this.name} could not sign in as ${this.account.email}: ${last}`);
	}

	/**
	 * One run of the real engine, one at a time per device (as the app's scheduler does). A lost session means
	 * signing in again; the outbox simply waits for the next run.
	 */
	sync(): Promise<SyncOutcome> {
		this.running ??= (async () => {
			try {
				this.ledger.trace(this.name, null, 'sync start');
				const outcome = await syncOnce(this.db, this.transport, {
					now: () => new Date(),
					newId: this.ctx.newId
				});
				this.ledger.trace(this.name, null, `sync end ${outcome.ok ? 'ok' : outcome.failure.kind}`);
				this.stats.syncs += 1;
				if (!outcome.ok) {
					const kind = outcome.failure.kind;
					this.stats.failures[kind] = (this.stats.failures[kind] ?? 0) + 1;
					if (kind === 'unauthorized') await this.signIn();
				}
				return outcome;
			} finally {
				this.running = null;
			}
		})();
		return this.running;
	}

	/** Waits for a sync in flight, if any. */
	async idle(): Promise<void> {
		await this.running?.catch(() => undefined);
	}
}
