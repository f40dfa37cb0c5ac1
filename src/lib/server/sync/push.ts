/**
 * Push: applies a device's operations exactly once. One transaction per batch (shared with the batches of other
 * devices waiting at that moment, each in its own savepoint: `inGroupCommit`): it first takes the sequence lock
 * (so what it reads to merge into cannot change under it), then for each operation either returns the stored
 * answer of an operation id seen before, or validates (shape, permission, business rules), applies, numbers and
 * records it. A refusal is recorded too, so a retried refusal gets the same answer and changes nothing.
 */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import * as v from 'valibot';
import {
	CONSULTATION_FORM_FIELDS,
	LOCKED_STATUSES,
	statusAfterAmendment,
	type ConsultationStatus,
	type CountedFacts,
	type LateBaseline
} from '$lib/domain/consultation';
import { monthOf } from '$lib/domain/hours';
import {
	AmendmentRecord,
	ConsultationRecord,
	futureDateErrors,
	latestCountedDate,
	unstorableText
} from '$lib/domain/consultation-rules';
import { OrganisationInput, validate, type FieldErrors } from '$lib/domain/schemas';
import type { Identity } from '$lib/domain/roles';
import {
	mergeChange,
	receiptFor,
	REFUSAL_MESSAGES,
	sameValue,
	type FieldConflict,
	type FieldStamp,
	type OpResult,
	type OpStatus,
	type PushOperation,
	type RefusalCode,
	type SyncEntity,
	consultationIdOf
} from '$lib/domain/sync';
import { translate, type Locale, type MessageKey } from '$lib/i18n/translate';
import { inGroupCommit } from '../db/group-commit';
import { clockSkewMin } from '../settings';
import { byIds, inChunks, ROWS_PER_INSERT } from '../db/by-ids';
import type { AuditLogTable, ConsultationsTable, DB, OrganisationsTable, SyncOpsTable } from '../db/schema';
import { auditRow, type AuditEntry } from '../audit';
import { linkableBookingId, markBookingDone, reopenBookingOfDeletedCard } from '../booking/bookings';
import {
	COUNTED_FIELDS,
	countedFactsOf,
	countsHours,
	currentRecord,
	currentRecords,
	canSeeConsultation,
	changedFacts,
	pickFacts,
	toSyncConsultation
} from './records';
import { lockSequenceAt, storeSequence } from './sequence';

export interface PushContext {
	user: Identity;
	deviceId: string;
	/** 'device', or 'import:<coordinator id>' for a lifeboat file. */
	via: string;
	locale: Locale;
	now: () => Date;
}

/**
 * Push answers for a client of protocol 3: a record whose signature is the one the operation itself sent goes back
 * without it (`signatureKept`); the device has the image it just sent (~25 kB of PNG each way otherwise).
 */
export function keepSentSignatures(ops: readonly PushOperation[], results: readonly OpResult[]): OpResult[] {
	return results.map((result, i) => {
		const sent = ops[i]?.fields.signature;
		const current = result.current;
		if (
			!sent ||
			current?.entity !== 'consultation' ||
			!current.record.signature ||
			!sameValue(current.record.signature, sent)
		) {
			return result;
		}
		return {
			...result,
			current: { entity: 'consultation', record: { ...current.record, signature: null } },
			signatureKept: true
		};
	});
}

/** What is stored per operation id: enough to give the same answer again. */
interface StoredOutcome {
	status: OpStatus;
	code?: RefusalCode;
	fields?: FieldErrors;
	conflicts?: string[];
	seq?: number;
}

class Refusal extends Error {
	constructor(
		readonly code: RefusalCode,
		readonly fields: FieldErrors = {}
	) {
		super(code);
	}
}

const refuse = (code: RefusalCode, fields?: FieldErrors) => new Refusal(code, fields);

/** Statuses a device may move a record between; approval is the coordinator's (issue 5), never a device's. */
const DEVICE_TRANSITIONS: Record<ConsultationStatus, readonly ConsultationStatus[]> = {
	draft: ['draft', 'completed'],
	completed: ['completed', 'signed'],
	signed: ['signed'],
	approved: ['approved']
};

const UPDATABLE_FIELDS = new Set<string>([...CONSULTATION_FORM_FIELDS, 'status', 'signature']);

/** Unique violations: two instances raced on one operation id; the retry finds the stored answer. */
function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export async function pushOperations(
	db: Kysely<DB>,
	ctx: PushContext,
	ops: readonly PushOperation[]
): Promise<OpResult[]> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await inGroupCommit(
				db,
				async (trx) => {
					const batch = await PushBatch.open(trx, ops);
					const results: OpResult[] = [];
					// Answers whose record no later operation of the batch can change get it read at the end, all at once.
					const atEnd: number[] = [];
					for (const [index, op] of ops.entries()) {
						const { result, withCurrent } = await pushOne(batch, ctx, op);
						batch.touched(op);
						results.push(result);
						if (!withCurrent) continue;
						if (batch.unchangedAfter(index, op)) atEnd.push(index);
						else {
							await batch.flushCreated();
							const { entity, id } = answeredRecord(op, result);
							result.current = await currentRecord(trx, ctx.user, entity, id);
						}
					}
					await batch.finish();
					const currents = await currentRecords(
						trx,
						ctx.user,
						atEnd.map((index) => ({ entity: ops[index]!.entity, id: ops[index]!.entityId })),
						batch.freshConsultations()
					);
					atEnd.forEach((index, i) => (results[index]!.current = currents[i]!));
					return results;
				},
				ops.length
			);
		} catch (error) {
			if (attempt >= 3 || !isUniqueViolation(error)) throw error;
		}
	}
}

type ConsultationRow = Selectable<ConsultationsTable>;
type OrganisationState = Pick<Selectable<OrganisationsTable>, 'id' | 'status' | 'centreId'>;

/**
 * What one push transaction keeps between its operations, so that most of a batch's reads and writes are one
 * statement each instead of one per operation. Every shortcut gives what the per-operation statement would have:
 * - it runs under the sequence lock, which every writer of consultations and of month closures takes first, so
 *   nothing but this transaction changes them meanwhile;
 * - the operation ids seen before and the batch's consultations are read once at the start; a consultation an
 *   operation of this batch touched is read again from the database (its own writes are the truth);
 * - sequence numbers are counted here from the locked counter (`lockSequenceAt`) and the last one stored at the
 *   end, in the same transaction;
 * - the answers to remember (sync_ops) and the audit rows are inserted at the end in their order (audit rows
 *   before any other audit write, e.g. a booking marked done, to keep the log's order).
 */
class PushBatch {
	private seq: number;
	private readonly startSeq: number;
	private readonly changed = new Set<string>();
	private readonly organisations = new Map<string, OrganisationState | undefined>();
	private readonly closures = new Map<string, Set<string>>();
	private readonly answers: Insertable<SyncOpsTable>[] = [];
	private readonly audit: Insertable<AuditLogTable>[] = [];
	private readonly created: ConsultationRow[] = [];
	/** New consultations no later operation of the batch touched, with the operation that created each. */
	private readonly fresh = new Map<string, { row: ConsultationRow; opId: string }>();
	/** The last operation index that may change each record ('entity:id'); amendments change their consultation. */
	private readonly lastTouch = new Map<string, number>();
	/** Records this batch of a lifeboat file has already marked as imported in their audit (once per batch). */
	readonly imported = new Set<string>();
	private readonly lastAmendment: number;

	private constructor(
		readonly trx: Transaction<DB>,
		seq: number,
		private readonly known: Map<string, Selectable<SyncOpsTable>>,
		private readonly consultations: Map<string, ConsultationRow | undefined>,
		ops: readonly PushOperation[]
	) {
		this.seq = this.startSeq = seq;
		ops.forEach((op, index) => this.lastTouch.set(`${op.entity}:${op.entityId}`, index));
		this.lastAmendment = ops.findLastIndex((op) => op.entity === 'amendment');
	}

	static async open(trx: Transaction<DB>, ops: readonly PushOperation[]): Promise<PushBatch> {
		const seq = await lockSequenceAt(trx);
		const known = new Map(
			(
				await byIds(
					ops.map((op) => op.opId),
					(chunk) => trx.selectFrom('syncOps').selectAll().where('opId', 'in', chunk).execute()
				)
			).map((row) => [row.opId, row])
		);
		const ids = [...new Set(ops.map(consultationIdOf).filter((id): id is string => id !== null))];
		const consultations = new Map<string, ConsultationRow | undefined>(ids.map((id) => [id, undefined]));
		const rows = await byIds(ids, (chunk) =>
			trx.selectFrom('consultations').selectAll().where('id', 'in', chunk).execute()
		);
		for (const row of rows) consultations.set(row.id, row);
		return new PushBatch(trx, seq, known, consultations, ops);
	}

	/** The stored answer of an operation id: from before this batch, or given earlier in it. */
	seen(opId: string): Selectable<SyncOpsTable> | undefined {
		return this.known.get(opId);
	}

	/** Deletes the stored answer of an operation id given before this batch. */
	async forget(opId: string): Promise<void> {
		await this.trx.deleteFrom('syncOps').where('opId', '=', opId).execute();
		this.known.delete(opId);
	}

	remember(row: Selectable<SyncOpsTable>): void {
		this.known.set(row.opId, row);
		this.answers.push(row);
	}

	/** After each operation (whatever its outcome): the records it may have changed are read afresh from now on. */
	touched(op: PushOperation): void {
		const consultationId = consultationIdOf(op);
		if (consultationId !== null) {
			this.changed.add(consultationId);
			if (this.fresh.get(consultationId)?.opId !== op.opId) this.fresh.delete(consultationId);
		}
		if (op.entity === 'organisation') this.organisations.delete(op.entityId);
	}

	/** Whether no operation after `index` can change the record of the operation at `index`. */
	unchangedAfter(index: number, op: PushOperation): boolean {
		if (op.entity === 'amendment') return false;
		if ((this.lastTouch.get(`${op.entity}:${op.entityId}`) ?? -1) > index) return false;
		return op.entity !== 'consultation' || this.lastAmendment <= index;
	}

	nextSeq(): number {
		return ++this.seq;
	}

	async consultation(id: string): Promise<ConsultationRow | undefined> {
		if (this.consultations.has(id) && !this.changed.has(id)) return this.consultations.get(id);
		await this.flushCreated();
		return this.trx.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
	}

	/**
	 * A new consultation, inserted with the batch's other new ones at the next read of the table or the end. The
	 * row names every column, so it is exactly what the table then holds: the answer need not read it back.
	 */
	createConsultation(row: ConsultationRow, opId: string): void {
		this.created.push(row);
		this.fresh.set(row.id, { row, opId });
	}

	/** The batch's new consultations as stored, for those no later operation of the batch touched. */
	freshConsultations(): Map<string, ConsultationRow> {
		return new Map([...this.fresh].map(([id, { row }]) => [id, row]));
	}

	/** Inserts the new consultations kept so far: before anything reads or references them, and at the end. */
	async flushCreated(): Promise<void> {
		for (const rows of inChunks(this.created.splice(0), ROWS_PER_INSERT)) {
			await this.trx.insertInto('consultations').values(rows).execute();
		}
	}

	async organisation(id: string): Promise<OrganisationState | undefined> {
		if (!this.organisations.has(id)) {
			const row = await this.trx
				.selectFrom('organisations')
				.select(['id', 'status', 'centreId'])
				.where('id', '=', id)
				.executeTakeFirst();
			this.organisations.set(id, row);
		}
		return this.organisations.get(id);
	}

	/** Whether any of these months is closed for the centre. */
	async anyClosed(centreId: string, months: readonly string[]): Promise<boolean> {
		let closed = this.closures.get(centreId);
		if (!closed) {
			const rows = await this.trx
				.selectFrom('monthClosures')
				.select('month')
				.where('centreId', '=', centreId)
				.execute();
			closed = new Set(rows.map((row) => row.month));
			this.closures.set(centreId, closed);
		}
		return months.some((month) => closed.has(month));
	}

	recordAudit(entry: AuditEntry): void {
		this.audit.push(auditRow(entry));
	}

	/** Inserts the audit rows kept so far (before another writer appends to the log, and at the end). */
	async flushAudit(): Promise<void> {
		for (const rows of inChunks(this.audit.splice(0), ROWS_PER_INSERT)) {
			await this.trx.insertInto('auditLog').values(rows).execute();
		}
	}

	async finish(): Promise<void> {
		await this.flushCreated();
		for (const rows of inChunks(this.answers.splice(0), ROWS_PER_INSERT)) {
			await this.trx.insertInto('syncOps').values(rows).execute();
		}
		await this.flushAudit();
		if (this.seq !== this.startSeq) await storeSequence(this.trx, this.seq);
	}
}

async function pushOne(
	batch: PushBatch,
	ctx: PushContext,
	op: PushOperation
): Promise<{ result: OpResult; withCurrent: boolean }> {
	let seen = batch.seen(op.opId);
	if (seen && seen.userId !== ctx.user.userId && seen.status === 'refused') {
		// Someone else's refused use of this id (a lifeboat file imported under the wrong author) changed nothing,
		// and must not stand in the way of the id's real author: it is forgotten, and the operation taken as new.
		await batch.forget(op.opId);
		seen = undefined;
	}
	if (seen) {
		if (seen.userId !== ctx.user.userId || seen.entityId !== op.entityId) {
			// Someone else's operation id: say nothing about it and change nothing.
			return {
				result: answer(ctx, op, { status: 'refused', code: 'op_id_reused' }, null, null),
				withCurrent: false
			};
		}
		const stored = JSON.parse(seen.outcome) as StoredOutcome;
		return { result: { ...answer(ctx, op, stored, seen.receipt, null), replayed: true }, withCurrent: true };
	}

	let outcome: StoredOutcome;
	try {
		const unstorable = unstorableFields(op.fields);
		if (unstorable) throw refuse('invalid', unstorable);
		outcome = await apply(batch, ctx, withSignatureTimeSeen(withoutServerFields(op), ctx.now()));
	} catch (error) {
		if (!(error instanceof Refusal)) throw error;
		outcome = {
			status: 'refused',
			code: error.code,
			...(Object.keys(error.fields).length ? { fields: error.fields } : {})
		};
	}
	const receipt = outcome.seq !== undefined ? receiptFor(outcome.seq) : null;
	if (outcome.status !== 'refused' && ctx.via.startsWith(IMPORT_VIA)) recordImport(batch, ctx, op);
	batch.remember({
		opId: op.opId,
		userId: ctx.user.userId,
		deviceId: ctx.deviceId,
		entity: op.entity,
		entityId: op.entityId,
		op: op.op,
		status: outcome.status,
		code: outcome.code ?? null,
		seq: outcome.seq ?? null,
		receipt,
		outcome: JSON.stringify(outcome),
		via: ctx.via,
		receivedAt: ctx.now().toISOString()
	});
	return { result: answer(ctx, op, outcome, receipt, null), withCurrent: true };
}

const IMPORT_VIA = 'import:';

/**
 * A change that came in a lifeboat file says so in its card's audit, in the same transaction, with whoever imported
 * it: the file's author is named by the file alone, so the trail must show who put it on the server.
 */
function recordImport(batch: PushBatch, ctx: PushContext, op: PushOperation): void {
	const consultationId = consultationIdOf(op);
	const entity = consultationId === null ? op.entity : 'consultation';
	const entityId = consultationId ?? op.entityId;
	if (batch.imported.has(`${entity}:${entityId}`)) return;
	batch.imported.add(`${entity}:${entityId}`);
	batch.recordAudit({
		actorId: ctx.via.slice(IMPORT_VIA.length),
		entity,
		entityId,
		action: 'imported',
		before: null,
		after: null,
		reason: null
	});
}

/**
 * The record an answer carries: the operation's own, except for an amendment the server did not store. Its answer
 * carries the consultation as the server holds it, so the device puts back what the refused correction changed
 * there (it had applied the correction to its copy at once).
 */
function answeredRecord(op: PushOperation, result: OpResult): { entity: SyncEntity; id: string } {
	const consultationId = consultationIdOf(op);
	if (
		op.entity === 'amendment' &&
		result.status === 'refused' &&
		result.code !== 'already_exists' &&
		consultationId !== null
	) {
		return { entity: 'consultation', id: consultationId };
	}
	return { entity: op.entity, id: op.entityId };
}

/** Deeper than any record's values (an amendment's participants: changes → field → before → list → person → name). */
const MAX_FIELD_DEPTH = 12;

/**
 * Fields holding what no record can, refused before anything compares or stores them: text with a NUL character or
 * a lone surrogate (unstorableText: the engines would store it apart) and nesting deeper than any record's
 * (comparing it as JSON would overflow the stack). The walk stops at that depth, so its own recursion is shallow.
 */
function unstorableFields(fields: Record<string, unknown>): FieldErrors | null {
	let errors: FieldErrors | null = null;
	for (const field in fields) {
		const problem = unstorable(fields[field], 1);
		if (problem) (errors ??= {})[field] = problem;
	}
	return errors;
}

/** Why a value cannot be stored (its first unstorable text, or nesting too deep), or null. */
function unstorable(value: unknown, depth: number): MessageKey | null {
	if (typeof value === 'string') return unstorableText(value);
	if (value === null || typeof value !== 'object') return null;
	if (depth > MAX_FIELD_DEPTH) return 'validation.invalid';
	for (const key in value) {
		const problem = unstorable((value as Record<string, unknown>)[key], depth + 1);
		if (problem) return problem;
	}
	return null;
}

function answer(
	ctx: PushContext,
	op: PushOperation,
	outcome: StoredOutcome,
	receipt: string | null,
	current: OpResult['current']
): OpResult {
	const result: OpResult = {
		opId: op.opId,
		status: outcome.status,
		seq: outcome.seq ?? null,
		receipt,
		current
	};
	if (outcome.code) {
		result.code = outcome.code;
		result.message = translate(ctx.locale, REFUSAL_MESSAGES[outcome.code]);
	}
	if (outcome.fields) {
		result.fields = Object.fromEntries(
			Object.entries(outcome.fields).map(([path, key]) => [path, translate(ctx.locale, key)])
		);
	}
	if (outcome.conflicts?.length) result.conflicts = outcome.conflicts;
	return result;
}

/** The coordinator's review is the server's alone: a `review` a device sends along is ignored, never stored. */
function withoutServerFields(op: PushOperation): PushOperation {
	if (op.entity !== 'consultation' || !('review' in op.fields)) return op;
	const { review: _review, ...fields } = op.fields;
	return { ...op, fields };
}

/**
 * A signature cannot have been taken after the server received it: a `signedAt` ahead of the server's clock by more
 * than CLOCK_SKEW_MIN (a phone whose clock runs ahead) is stored as the time the server got it, so the card never
 * says it was signed at an hour that had not come. Its answer then carries the signature back with that time.
 */
function withSignatureTimeSeen(op: PushOperation, now: Date): PushOperation {
	const signature = op.fields.signature as { signedAt?: unknown } | null | undefined;
	if (op.entity !== 'consultation' || typeof signature?.signedAt !== 'string') return op;
	const signedMs = Date.parse(signature.signedAt);
	if (!(signedMs > now.getTime() + clockSkewMin() * 60_000)) return op;
	return { ...op, fields: { ...op.fields, signature: { ...signature, signedAt: now.toISOString() } } };
}

function apply(batch: PushBatch, ctx: PushContext, op: PushOperation): Promise<StoredOutcome> {
	switch (`${op.entity}:${op.op}`) {
		case 'consultation:create':
			return createConsultation(batch, ctx, op);
		case 'consultation:update':
			return updateConsultation(batch, ctx, op);
		case 'consultation:delete':
			return deleteConsultation(batch, ctx, op);
		case 'amendment:create':
			return createAmendment(batch, ctx, op);
		case 'organisation:create':
			return createOrganisation(batch, ctx, op);
		default:
			throw refuse('unsupported');
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Consultations

function checked<TSchema extends v.GenericSchema>(schema: TSchema, value: unknown): v.InferOutput<TSchema> {
	const result = validate(schema, value);
	if (!result.ok) throw refuse('invalid', result.fieldErrors);
	return result.value;
}

/** The consultation's columns from a whole record (JSON text columns, the signature split into three). */
function consultationColumns(record: ConsultationRecord) {
	return {
		organisationId: record.organisationId,
		date: record.date,
		startTime: record.startTime,
		endTime: record.endTime,
		durationMin: record.durationMin,
		placeKind: record.placeKind,
		address: record.address,
		topics: JSON.stringify(record.topics),
		notes: record.notes,
		participants: JSON.stringify(record.participants),
		participantCount: record.participantCount,
		followUps: record.followUps,
		status: record.status,
		signature: record.signature?.image ?? null,
		signedByName: record.signature?.signerName ?? null,
		signedAt: record.signature?.signedAt ?? null,
		bookingId: record.bookingId
	};
}

/** The fields whose change may date a counted card after today. */
const CLOCK_FIELDS: readonly string[] = ['date', 'status'];

/**
 * Refuses a counted card dated after the server's today (a phone whose date is wrong), when the change sets its date
 * or completes it (`changed` null: a new record). A stored card is not judged again for an unrelated edit.
 */
function refuseFutureDate(ctx: PushContext, record: ConsultationRecord, changed: readonly string[] | null) {
	if (changed && !changed.some((field) => CLOCK_FIELDS.includes(field))) return;
	const errors = futureDateErrors(record, ctx.now(), clockSkewMin());
	if (Object.keys(errors).length > 0) throw refuse('invalid', errors);
}

async function checkOrganisation(batch: PushBatch, ctx: PushContext, organisationId: string | null) {
	if (organisationId === null) return;
	const organisation = await batch.organisation(organisationId);
	const readable =
		organisation &&
		organisation.status !== 'rejected' &&
		(organisation.status === 'active' ||
			(organisation.centreId !== null && ctx.user.centreIds.includes(organisation.centreId)));
	if (!readable) throw refuse('invalid', { organisationId: 'workbench.organisation.required' });
}

/** The review columns a late change writes beside the record. */
interface LateColumns {
	lateSince: string;
	lateBaseline: string | null;
}

interface CountedChange {
	action: string;
	before: Partial<CountedFacts> | null;
	after: Partial<CountedFacts> | null;
	late: LateColumns | null;
}

/**
 * What a change does to counted hours (issue 5): null when it changes none (a draft stays a draft, only notes
 * changed…). Otherwise the audit entry's before → after (only the counted fields that changed; null on the side
 * where the record did not count) and, when the record's date before or after the change lies in a month closed
 * for its centre, the late columns: applied as usual, but awaiting approval, and until then the month keeps
 * counting the baseline — the record as it counted before its first late change.
 */
async function countedChange(
	batch: PushBatch,
	ctx: PushContext,
	input: {
		centreId: string;
		action: 'created' | 'updated' | 'amended' | 'deleted';
		before: CountedFacts | null;
		after: CountedFacts | null;
		/** The stored row: its late state (an already late record keeps its first baseline) and its times. */
		row: { lateSince: string | null; lateBaseline: string | null; startTime: string; endTime: string } | null;
	}
): Promise<CountedChange | null> {
	const { before, after } = input;
	const beforeCounts = before !== null && countsHours(before.status);
	const afterCounts = after !== null && countsHours(after.status);
	if (!beforeCounts && !afterCounts) return null;
	const changed = before && after ? changedFacts(before, after) : [...COUNTED_FIELDS];
	if (beforeCounts && afterCounts && changed.length === 0) return null;

	const months = [...new Set([before?.date, after?.date].filter((d): d is string => !!d).map(monthOf))];
	const closed = await batch.anyClosed(input.centreId, months);
	const alreadyLate = input.row?.lateSince ?? null;
	const late: LateColumns | null = closed
		? {
				lateSince: ctx.now().toISOString(),
				lateBaseline: alreadyLate
					? (input.row?.lateBaseline ?? null)
					: beforeCounts
						? JSON.stringify({
								...before,
								...(input.row ? { startTime: input.row.startTime, endTime: input.row.endTime } : {})
							} satisfies LateBaseline)
						: null
			}
		: null;
	return {
		action: late ? `${input.action}:late` : input.action,
		before: beforeCounts ? (afterCounts ? pickFacts(before!, changed) : before) : null,
		after: afterCounts ? (beforeCounts ? pickFacts(after!, changed) : after) : null,
		late
	};
}

function auditCountedChange(
	batch: PushBatch,
	ctx: PushContext,
	consultationId: string,
	change: CountedChange,
	reason: string | null = null
): void {
	batch.recordAudit({
		actorId: ctx.user.userId,
		entity: 'consultation',
		entityId: consultationId,
		action: change.action,
		before: change.before,
		after: change.after,
		reason
	});
}

async function createConsultation(batch: PushBatch, ctx: PushContext, op: PushOperation) {
	const trx = batch.trx;
	if (ctx.user.role !== 'advisor') throw refuse('forbidden');
	const sent = checked(ConsultationRecord, op.fields);
	if (sent.id !== op.entityId) throw refuse('invalid', { id: 'validation.id' });
	if (sent.advisorId !== ctx.user.userId || !ctx.user.centreIds.includes(sent.centreId)) {
		throw refuse('forbidden');
	}
	const bookingId = await linkableBookingId(trx, sent.bookingId, sent.centreId);
	const record = bookingId === sent.bookingId ? sent : { ...sent, bookingId };
	if (record.status === 'approved') throw refuse('bad_transition');
	const existing = await batch.consultation(record.id);
	if (existing) throw refuse(existing.deletedAt ? 'deleted' : 'already_exists');
	refuseFutureDate(ctx, record, null);
	await checkOrganisation(batch, ctx, record.organisationId);
	const counted = await countedChange(batch, ctx, {
		centreId: record.centreId,
		action: 'created',
		before: null,
		after: countedFactsOf(record),
		row: null
	});

	const seq = batch.nextSeq();
	batch.createConsultation(
		{
			id: record.id,
			advisorId: record.advisorId,
			centreId: record.centreId,
			...consultationColumns(record),
			version: 1,
			createdAt: record.createdAt,
			updatedAt: ctx.now().toISOString(),
			deletedAt: null,
			seq,
			receipt: receiptFor(seq),
			signedSeq: record.signature ? seq : null,
			fieldStamps: '{}',
			conflicts: '[]',
			lateSince: counted?.late?.lateSince ?? null,
			lateBaseline: counted?.late?.lateBaseline ?? null,
			approvedBy: null,
			approvedAt: null,
			flagComment: null,
			flaggedBy: null,
			flaggedAt: null
		},
		op.opId
	);
	if (counted) auditCountedChange(batch, ctx, record.id, counted);
	await markBookingDoneOnTheDay(batch, ctx, record);
	return { status: 'applied' as const, seq };
}

/**
 * Issue 6: the consultation logged for a booking marks the booking done, in this same transaction (its audit row
 * after the consultation's) — once the card is dated today or before: a card prepared ahead for a planned visit
 * does not say the visit took place. Called again on each change of the card (marking is done once).
 */
async function markBookingDoneOnTheDay(
	batch: PushBatch,
	ctx: PushContext,
	record: Pick<ConsultationRecord, 'id' | 'bookingId' | 'advisorId' | 'centreId' | 'date'>
): Promise<void> {
	// The day as counted cards are judged (futureDateErrors): a phone's clock may run ahead by CLOCK_SKEW_MIN.
	if (!record.bookingId || record.date > latestCountedDate(ctx.now(), clockSkewMin())) return;
	await batch.flushCreated();
	await batch.flushAudit();
	await markBookingDone(batch.trx, {
		bookingId: record.bookingId,
		consultationId: record.id,
		advisorId: record.advisorId,
		centreId: record.centreId,
		now: ctx.now()
	});
}

async function loadOwnConsultation(batch: PushBatch, ctx: PushContext, id: string) {
	const row = await batch.consultation(id);
	if (!row || !canSeeConsultation(ctx.user, row)) throw refuse('not_found');
	// Coordinators see their centre's records but change them through review (issue 5), not through a device.
	if (row.advisorId !== ctx.user.userId) throw refuse('forbidden');
	if (row.deletedAt) throw refuse('deleted');
	return row;
}

/** Writes new values of a consultation with its next version, sequence and receipt, stamping the changed fields. */
async function writeConsultation(
	batch: PushBatch,
	ctx: PushContext,
	row: Selectable<ConsultationsTable>,
	next: ConsultationRecord,
	changed: readonly string[],
	conflicts: FieldConflict[],
	/** Server-owned columns the change sets besides the record's own: its late state, a withdrawn approval. */
	extra: Partial<
		Pick<Selectable<ConsultationsTable>, 'lateSince' | 'lateBaseline' | 'approvedBy' | 'approvedAt'>
	> | null = null
): Promise<number> {
	const seq = batch.nextSeq();
	const version = row.version + 1;
	const stamps = JSON.parse(row.fieldStamps) as Record<string, FieldStamp>;
	for (const field of changed) stamps[field] = { version, deviceId: ctx.deviceId };
	await batch.trx
		.updateTable('consultations')
		.set({
			...consultationColumns(next),
			version,
			seq,
			receipt: receiptFor(seq),
			...(changed.includes('signature') ? { signedSeq: seq } : {}),
			fieldStamps: JSON.stringify(stamps),
			conflicts: JSON.stringify(conflicts),
			updatedAt: ctx.now().toISOString(),
			...extra
		})
		.where('id', '=', row.id)
		.execute();
	return seq;
}

/** A device's signing step (completed → signed with a signature) reaching a record approved unsigned. */
function isSignatureAfterApproval(
	row: Selectable<ConsultationsTable>,
	apply: Record<string, unknown>
): boolean {
	if (row.status !== 'approved' || row.signature !== null || !apply.signature) return false;
	return Object.keys(apply).every(
		(field) => field === 'signature' || (field === 'status' && apply.status === 'signed')
	);
}

async function updateConsultation(batch: PushBatch, ctx: PushContext, op: PushOperation) {
	const unknown = Object.keys(op.fields).filter((field) => !UPDATABLE_FIELDS.has(field));
	if (unknown.length) {
		throw refuse(
			'invalid',
			Object.fromEntries(unknown.map((f) => [f, 'validation.unknownField' as MessageKey]))
		);
	}
	const row = await loadOwnConsultation(batch, ctx, op.entityId);
	// A signature covers the card as the signing phone showed it: one that arrives after another device changed
	// the card would vouch for hours and notes nobody signed. Refused; the phone keeps the signed version.
	// The signing step is the signature or the status 'signed', whichever of them comes apart from the other.
	const signing = 'signature' in op.fields || op.fields.status === 'signed';
	if (signing && changedElsewhereSince(row, op.baseVersion, ctx.deviceId, SIGNED_CONTENT)) {
		throw refuse('signed_other_version');
	}
	const current = toSyncConsultation(row);
	const merge = mergeChange(
		{
			current: current as unknown as Record<string, unknown>,
			version: row.version,
			stamps: JSON.parse(row.fieldStamps) as Record<string, FieldStamp>,
			conflicts: current.conflicts
		},
		{
			fields: op.fields,
			baseVersion: seenVersion(op.baseVersion, row.version) ?? 0,
			deviceId: ctx.deviceId,
			resolves: op.resolves
		}
	);
	if (isSignatureAfterApproval(row, merge.apply)) {
		// The coordinator approved a completed record while the phone, offline, took the representative's
		// signature: the evidence is kept and the approval stays (the signing step only adds the signature).
		delete merge.apply.status;
	} else if (
		(Object.keys(merge.apply).length > 0 || merge.lost.length > 0) &&
		LOCKED_STATUSES.includes(row.status)
	) {
		// A text that lost to a concurrent edit would still change a signed card (kept beside it as a conflict).
		throw refuse('record_locked');
	}
	const changed = Object.keys(merge.apply);
	if ('status' in merge.apply) {
		const to = merge.apply.status as ConsultationStatus;
		if (!DEVICE_TRANSITIONS[row.status].includes(to)) throw refuse('bad_transition');
	}

	const version = row.version + 1;
	const conflicts: FieldConflict[] = [
		...merge.conflicts,
		...merge.lost.map((lost) => ({
			...lost,
			authorId: ctx.user.userId,
			opId: op.opId,
			version,
			at: ctx.now().toISOString()
		}))
	];
	if (changed.length === 0 && merge.lost.length === 0 && sameValue(conflicts, current.conflicts)) {
		// Nothing to change (the same values arrived twice under different ids): accepted, nothing written.
		return { status: 'applied' as const };
	}
	const { version: _v, receipt: _r, conflicts: _c, review: _review, ...plain } = current;
	const next = checked(ConsultationRecord, { ...plain, ...merge.apply });
	refuseFutureDate(ctx, next, changed);
	if (next.organisationId !== row.organisationId) await checkOrganisation(batch, ctx, next.organisationId);
	const counted = await countedChange(batch, ctx, {
		centreId: row.centreId,
		action: 'updated',
		before: countedFactsOf(row),
		after: countedFactsOf(next),
		row
	});
	const seq = await writeConsultation(batch, ctx, row, next, changed, conflicts, counted?.late);
	if (counted) auditCountedChange(batch, ctx, row.id, counted);
	// A card prepared ahead marks its booking once it is dated today or before (completed on the day, or moved).
	await markBookingDoneOnTheDay(batch, ctx, next);
	return {
		status: merge.merged ? ('merged' as const) : ('applied' as const),
		seq,
		...(merge.lost.length ? { conflicts: merge.lost.map((lost) => lost.field) } : {})
	};
}

async function deleteConsultation(batch: PushBatch, ctx: PushContext, op: PushOperation) {
	const trx = batch.trx;
	const row = await batch.consultation(op.entityId);
	if (!row || !canSeeConsultation(ctx.user, row)) throw refuse('not_found');
	if (row.advisorId !== ctx.user.userId) throw refuse('forbidden');
	if (row.deletedAt) return { status: 'applied' as const };
	if (LOCKED_STATUSES.includes(row.status)) throw refuse('record_locked');
	if (row.status !== 'draft') throw refuse('bad_transition');
	// A draft another device changed after this one last saw it is kept: deleting it would drop that device's
	// typing unseen. This device gets the draft back, with the reason.
	if (changedElsewhereSince(row, op.baseVersion, ctx.deviceId)) throw refuse('changed_elsewhere');
	// Only drafts are deleted, and drafts do not count: this finds nothing to audit, also in a closed month.
	const counted = await countedChange(batch, ctx, {
		centreId: row.centreId,
		action: 'deleted',
		before: countedFactsOf(row),
		after: null,
		row
	});
	const seq = batch.nextSeq();
	const stamp = ctx.now().toISOString();
	await trx
		.updateTable('consultations')
		.set({ deletedAt: stamp, updatedAt: stamp, version: row.version + 1, seq, receipt: receiptFor(seq) })
		.where('id', '=', row.id)
		.execute();
	if (counted) auditCountedChange(batch, ctx, row.id, counted);
	await batch.flushAudit();
	await reopenBookingOfDeletedCard(trx, {
		bookingId: row.bookingId,
		consultationId: row.id,
		actorId: ctx.user.userId,
		now: ctx.now()
	});
	return {
		status:
			op.baseVersion !== null && op.baseVersion < row.version ? ('merged' as const) : ('applied' as const),
		seq
	};
}

/**
 * The version a change was made against, as far as the server can vouch for it. A base ahead of the record names
 * versions the server never wrote (a forged or broken client, or a database restored from an older backup): it
 * is taken as 0, having seen nothing, so another device's text since then is kept beside the record as a
 * conflict instead of being overwritten unseen.
 */
function seenVersion(baseVersion: number | null, version: number): number | null {
	return baseVersion !== null && baseVersion > version ? 0 : baseVersion;
}

/** Whether a field of the record was last written, after `baseVersion`, by another device than `deviceId`. */
function changedElsewhereSince(
	row: Selectable<ConsultationsTable>,
	baseVersion: number | null,
	deviceId: string,
	/** Only these fields count (all when omitted). */
	fields?: (field: string) => boolean
): boolean {
	// No base version (a change made before the device knew any) has seen nothing, as in mergeChange.
	const seen = seenVersion(baseVersion, row.version) ?? 0;
	if (seen >= row.version) return false;
	const stamps = JSON.parse(row.fieldStamps) as Record<string, FieldStamp>;
	return Object.entries(stamps).some(
		([field, stamp]) => stamp.version > seen && stamp.deviceId !== deviceId && (fields?.(field) ?? true)
	);
}

/** What a signature vouches for: the card's content, not its status or the signature itself. */
const SIGNED_CONTENT = (field: string) => field !== 'status' && field !== 'signature';

// ---------------------------------------------------------------------------------------------------------------
// Amendments

/**
 * An amendment corrects a signed record. The server's order decides: `before` is rewritten to the values the
 * record really had when the amendment arrived (another amendment may have come first), and the answer is
 * 'merged' when that differs from what the device saw. An amendment that changes an approved record withdraws
 * the approval (`statusAfterAmendment`): the coordinator approves the corrected card again.
 */
async function createAmendment(batch: PushBatch, ctx: PushContext, op: PushOperation) {
	const trx = batch.trx;
	const amendment = checked(AmendmentRecord, op.fields);
	if (amendment.id !== op.entityId) throw refuse('invalid', { id: 'validation.id' });
	if (amendment.authorId !== ctx.user.userId) throw refuse('forbidden');
	const row = await loadOwnConsultation(batch, ctx, amendment.consultationId);
	if (!LOCKED_STATUSES.includes(row.status)) throw refuse('bad_transition');
	const exists = await trx
		.selectFrom('consultationAmendments')
		.select('id')
		.where('id', '=', amendment.id)
		.executeTakeFirst();
	if (exists) throw refuse('already_exists');

	const current = toSyncConsultation(row);
	const { version: _v, receipt: _r, conflicts, review: _review, ...plain } = current;
	const changes: Record<string, { before: unknown; after: unknown }> = {};
	let stale = false;
	const correctedElsewhere: string[] = [];
	for (const [field, change] of Object.entries(amendment.changes)) {
		const before = plain[field as keyof typeof plain];
		if (!sameValue(before, change.before)) stale = true;
		if (!sameValue(before, change.after)) changes[field] = { before, after: change.after };
		// Another correction reached this value first, to a third value: this one was made without seeing it.
		if (!sameValue(before, change.before) && !sameValue(before, change.after)) correctedElsewhere.push(field);
	}
	const after = Object.fromEntries(Object.entries(changes).map(([field, c]) => [field, c.after]));
	const changesAnything = Object.keys(changes).length > 0;
	const status = changesAnything ? statusAfterAmendment(row.status, row.signature !== null) : row.status;
	const next = checked(ConsultationRecord, { ...plain, ...after, status });
	refuseFutureDate(ctx, next, Object.keys(changes));
	// Checked after its values: a correction that is wrong in itself says so first.
	if (correctedElsewhere.length > 0) {
		throw refuse(
			'amended_elsewhere',
			Object.fromEntries(correctedElsewhere.map((field) => [field, 'sync.amendment.correctedElsewhere']))
		);
	}
	if (next.organisationId !== row.organisationId) await checkOrganisation(batch, ctx, next.organisationId);

	// An amendment whose values the record already has (the same correction arrived from another device) is kept
	// as history, but the record itself does not change.
	if (changesAnything) {
		const counted = await countedChange(batch, ctx, {
			centreId: row.centreId,
			action: 'amended',
			before: countedFactsOf(row),
			after: countedFactsOf(next),
			row
		});
		const changed = Object.keys(changes);
		const withdrawn = status !== row.status;
		if (withdrawn) changed.push('status');
		await writeConsultation(batch, ctx, row, next, changed, conflicts, {
			...counted?.late,
			...(withdrawn ? { approvedBy: null, approvedAt: null } : {})
		});
		if (counted) auditCountedChange(batch, ctx, row.id, counted, amendment.reason);
	}
	const seq = batch.nextSeq();
	await trx
		.insertInto('consultationAmendments')
		.values({
			id: amendment.id,
			consultationId: amendment.consultationId,
			authorId: amendment.authorId,
			reason: amendment.reason,
			changes: JSON.stringify(changes),
			createdAt: amendment.createdAt,
			seq,
			receipt: receiptFor(seq)
		})
		.execute();
	return { status: stale ? ('merged' as const) : ('applied' as const), seq };
}

// ---------------------------------------------------------------------------------------------------------------
// Organisations

/** The fields a device sends besides the organisation's own (set by the app, checked here). */
const OrganisationEnvelope = v.object({
	id: v.string(),
	centreId: v.nullable(v.string()),
	status: v.string(),
	createdAt: v.pipe(v.string(), v.isoTimestamp()),
	updatedAt: v.string()
});

/**
 * An organisation met during a visit and added offline. It stays 'pending' until a coordinator confirms it,
 * unless the coordinator of its centre added it. A known NIP, KRS or REGON is refused: the organisation exists.
 */
async function createOrganisation(batch: PushBatch, ctx: PushContext, op: PushOperation) {
	const trx = batch.trx;
	if (ctx.user.role === 'ngo') throw refuse('forbidden');
	const { id, centreId, status: _s, createdAt, updatedAt: _u, ...inputFields } = op.fields;
	const envelope = checked(OrganisationEnvelope, { id, centreId, status: _s, createdAt, updatedAt: _u });
	if (envelope.id !== op.entityId) throw refuse('invalid', { id: 'validation.id' });
	const input = checked(OrganisationInput, inputFields);
	const home = envelope.centreId ?? ctx.user.centreIds[0] ?? null;
	if (ctx.user.role !== 'admin' && (home === null || !ctx.user.centreIds.includes(home)))
		throw refuse('forbidden');

	const exists = await trx
		.selectFrom('organisations')
		.select('id')
		.where('id', '=', op.entityId)
		.executeTakeFirst();
	if (exists) throw refuse('already_exists');
	for (const field of ['nip', 'krs', 'regon'] as const) {
		const value = input[field];
		if (!value) continue;
		const twin = await trx
			.selectFrom('organisations')
			.select('id')
			.where(field, '=', value)
			.where('status', '!=', 'rejected')
			.executeTakeFirst();
		if (twin) throw refuse('already_exists', { [field]: 'registration.identifierRegistered' });
	}
	const seq = batch.nextSeq();
	const now = ctx.now().toISOString();
	await trx
		.insertInto('organisations')
		.values({
			id: envelope.id,
			...input,
			centreId: home,
			status: ctx.user.role === 'coordinator' || ctx.user.role === 'admin' ? 'active' : 'pending',
			createdAt: envelope.createdAt,
			updatedAt: now,
			version: 1,
			seq,
			receipt: receiptFor(seq)
		})
		.execute();
	return { status: 'applied' as const, seq };
}
