/**
 * What the devices sent and what the server told them, as the simulation saw it on the wire. The checks compare
 * this record of promises against the database: an operation acknowledged once must be there exactly once.
 */
import type { OpResult, OpStatus, PushOperation, RefusalCode } from '$lib/domain/sync';

export interface SentOp {
	opId: string;
	device: string;
	userId: string;
	entity: PushOperation['entity'];
	entityId: string;
	op: PushOperation['op'];
	fields: Record<string, unknown>;
	baseVersion: number | null;
	resolves: readonly string[];
}

export interface Ack {
	opId: string;
	device: string;
	status: OpStatus;
	seq: number | null;
	receipt: string | null;
	code?: RefusalCode;
	conflicts: readonly string[];
}

export interface TraceEvent {
	ms: number;
	device: string;
	record: string | null;
	text: string;
}

export class Ledger {
	/** Every operation that left a device at least once (the last body sent wins: it never changes). */
	readonly sent = new Map<string, SentOp>();
	/** The first answer each operation got; later answers (replays) must agree with it. */
	readonly acks = new Map<string, Ack>();
	/** Answers given twice for one operation id that disagree: a replay must be the stored answer. */
	readonly disagreements: string[] = [];
	/** Whole pushes refused with HTTP 4xx (the engine then turns each op into a local refusal without an id). */
	readonly rejectedPushes: { device: string; opIds: string[]; message: string }[] = [];
	/** Answers the server gave from its record of an operation id seen before (a retry after a lost answer). */
	replays = 0;
	/**
	 * A flight recorder: what each device did and saw, per record (and sync boundaries per device). Timing makes a
	 * failure hard to replay, so a failing check prints the story of the record it failed on.
	 */
	readonly events: TraceEvent[] = [];
	private readonly started = Date.now();

	trace(device: string, record: string | null, text: string): void {
		this.events.push({ ms: Date.now() - this.started, device, record, text });
	}

	/** The events of one record, with the sync boundaries of the devices that touched it. */
	story(record: string): string {
		const devices = new Set(this.events.filter((e) => e.record === record).map((e) => e.device));
		return this.events
			.filter((e) => e.record === record || (e.record === null && devices.has(e.device)))
			.map((e) => `  ${String(e.ms).padStart(6)} ms ${e.device} ${e.text}`)
			.join('\n');
	}

	recordSent(device: string, userId: string, ops: readonly PushOperation[]): void {
		for (const op of ops) {
			this.sent.set(op.opId, {
				opId: op.opId,
				device,
				userId,
				entity: op.entity,
				entityId: op.entityId,
				op: op.op,
				fields: op.fields,
				baseVersion: op.baseVersion,
				resolves: op.resolves ?? []
			});
		}
	}

	recordResults(device: string, results: readonly OpResult[]): void {
		for (const result of results) {
			const ack: Ack = {
				opId: result.opId,
				device,
				status: result.status,
				seq: result.seq,
				receipt: result.receipt,
				conflicts: result.conflicts ?? [],
				...(result.code ? { code: result.code } : {})
			};
			if (result.replayed) this.replays += 1;
			const first = this.acks.get(result.opId);
			if (!first) {
				this.acks.set(result.opId, ack);
				continue;
			}
			if (
				first.status !== ack.status ||
				first.seq !== ack.seq ||
				first.receipt !== ack.receipt ||
				first.code !== ack.code ||
				first.device !== ack.device
			) {
				this.disagreements.push(
					`op ${result.opId}: first answer ${describeAck(first)}, later ${describeAck(ack)} (device ${device})`
				);
			}
		}
	}

	/** Counts for the summary line. */
	totals() {
		let applied = 0;
		let merged = 0;
		let refused = 0;
		let conflicts = 0;
		let resolutions = 0;
		const codes: Record<string, number> = {};
		for (const ack of this.acks.values()) {
			if (ack.code) codes[ack.code] = (codes[ack.code] ?? 0) + 1;
			if (ack.status === 'applied') applied += 1;
			else if (ack.status === 'merged') merged += 1;
			else refused += 1;
			if (ack.conflicts.length > 0) conflicts += 1;
			if (ack.status !== 'refused' && (this.sent.get(ack.opId)?.resolves.length ?? 0) > 0) resolutions += 1;
		}
		return {
			pushed: this.acks.size,
			applied,
			merged,
			refused,
			conflicts,
			resolutions,
			replays: this.replays,
			codes
		};
	}
}

export function describeAck(ack: Ack): string {
	return `${ack.status}${ack.code ? `/${ack.code}` : ''} seq=${ack.seq ?? '-'} receipt=${ack.receipt ?? '-'}`;
}
