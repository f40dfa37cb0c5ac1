/**
 * The sync protocol (docs/sync-protocol.md), shared by the device and the server: the shapes on the wire, their
 * schemas, the field-merge rule and receipt codes. Pure: no I/O, no clock.
 */
import * as v from 'valibot';
import type { Amendment, ColleagueVisit, Consultation, ConsultationReview } from './consultation';
import type { OrganisationRecord } from './records';
import { key, strict, typeMessage } from './schemas';
import type { MessageKey } from '../i18n/translate';

/**
 * Travels in the `Doradca-Protocol` header of every sync request. Raise it when the wire format changes.
 * 2: pull pages may hold colleagues' visits (entity 'visit'), sent only to clients that declare 2 or more.
 * 3: a pull may send a signed consultation without its signature when the device already holds it, and a push
 *    answer without the signature the operation itself carried (`signatureKept`), to clients that declare 3 or more.
 */
export const SYNC_PROTOCOL_VERSION = 3;
/** The first protocol whose clients understand 'visit' changes in a pull. */
export const SYNC_PROTOCOL_VISITS = 2;
/** The first protocol whose clients take a kept signature (`signatureKept`) from their own copy. */
export const SYNC_PROTOCOL_KEPT_SIGNATURES = 3;
/** The oldest client protocol this server still understands; older clients are told to update (HTTP 426). */
export const SYNC_PROTOCOL_MIN = 1;
export const SYNC_PROTOCOL_HEADER = 'doradca-protocol';

/** Operations per push request at most; the device never sends more in one batch. */
export const PUSH_MAX_OPS = 500;
/**
 * The device's usual batch: small enough that the user sees progress ("120 of 340"). A large outbox goes in
 * larger batches (a tenth of it, up to PUSH_MAX_OPS): on a slow link each request's round trip costs more than
 * its operations.
 */
export const PUSH_BATCH_OPS = 100;
/** A push body may carry signatures (PNG data URLs of up to 500 kB each), so it gets more room than other JSON. */
export const PUSH_MAX_BYTES = 4 * 1024 * 1024;
/** A lifeboat file holds everything a phone could not send, signatures included. */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;
export const IMPORT_MAX_OPS = 20_000;
export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 1000;

export const SYNC_ENTITIES = ['consultation', 'organisation', 'amendment'] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];
export const SYNC_OPS = ['create', 'update', 'delete'] as const;
export type SyncOp = (typeof SYNC_OPS)[number];

/** Free-text fields of a consultation: concurrent edits of one of these are never resolved by dropping a text. */
export const MERGE_TEXT_FIELDS = ['notes', 'followUps', 'address'] as const;
export type MergeTextField = (typeof MERGE_TEXT_FIELDS)[number];
const MAX_FIELDS_PER_OP = 40;

const uuid = v.pipe(v.string(typeMessage()), v.toLowerCase(), v.uuid(key('validation.id')));

export const PushOperation = strict({
	opId: uuid,
	entity: v.picklist(SYNC_ENTITIES, key('sync.unknownEntity')),
	entityId: uuid,
	op: v.picklist(SYNC_OPS, key('sync.unknownOp')),
	fields: v.pipe(
		v.record(v.string(), v.unknown(), typeMessage()),
		v.check((fields) => Object.keys(fields).length <= MAX_FIELDS_PER_OP, key('validation.invalid'))
	),
	baseVersion: v.nullable(
		v.pipe(
			v.number(typeMessage()),
			v.integer(key('validation.invalid')),
			v.minValue(0, key('validation.invalid'))
		)
	),
	/** Text fields whose conflict this change resolves (the user chose or combined the versions). */
	resolves: v.optional(v.array(v.picklist(MERGE_TEXT_FIELDS, key('validation.unknownField')), typeMessage()))
});
export type PushOperation = v.InferOutput<typeof PushOperation>;

/**
 * The consultation a change is about: its own record, or the card an amendment corrects; null for anything else
 * (an organisation, or an amendment that names no card). Of an operation, an outbox entry or a refusal alike.
 */
export function consultationIdOf(change: {
	entity: string;
	entityId: string;
	fields: Record<string, unknown>;
}): string | null {
	if (change.entity === 'consultation') return change.entityId;
	const id = change.fields.consultationId;
	return change.entity === 'amendment' && typeof id === 'string' ? id : null;
}

export const PushRequest = strict({
	deviceId: uuid,
	ops: v.pipe(
		v.array(PushOperation, typeMessage()),
		v.minLength(1, key('sync.emptyBatch')),
		v.maxLength(PUSH_MAX_OPS, key('sync.batchTooLarge'))
	)
});
export type PushRequest = v.InferOutput<typeof PushRequest>;

/** A lifeboat: what a device could not send, saved to a file, imported by a coordinator through the same path. */
export const LIFEBOAT_FORMAT = 'doradca-outbox';
export const LifeboatFile = strict({
	format: v.literal(LIFEBOAT_FORMAT, key('sync.lifeboat.notLifeboat')),
	version: v.literal(1, key('sync.lifeboat.version')),
	userId: uuid,
	deviceId: uuid,
	exportedAt: v.pipe(v.string(typeMessage()), v.isoTimestamp(key('validation.invalid'))),
	ops: v.pipe(v.array(PushOperation, typeMessage()), v.maxLength(IMPORT_MAX_OPS, key('sync.batchTooLarge')))
});
export type LifeboatFile = v.InferOutput<typeof LifeboatFile>;

// What `POST /api/sync/import` answers (server/sync/lifeboat.ts importLifeboat).

/** A refused operation as the coordinator reads it: which card, and why (the server's reason per field too). */
export interface ImportRefusal {
	opId: string;
	entity: string;
	entityId: string;
	code: string;
	message: string;
	/** Field → message, in the importer's language. */
	fields: Record<string, string>;
	/** The consultation it is about (a correction's own card), as the file or the server has it; null otherwise. */
	visit: {
		date: string | null;
		startTime: string | null;
		endTime: string | null;
		organisation: string | null;
	} | null;
}

export interface ImportSummary {
	applied: number;
	merged: number;
	refused: number;
	/** Accepted operations the server had already received (from the phone, or an earlier import of this file). */
	replayed: number;
	/** Every refused operation, also one refused at an earlier import of the same file. */
	refusals: ImportRefusal[];
}

export const PullQuery = strict({
	cursor: v.optional(
		v.pipe(v.string(typeMessage()), v.regex(/^v1\.\d{1,15}\.[0-9a-f]{12}$/, key('sync.badCursor')))
	),
	limit: v.optional(
		v.pipe(
			v.string(typeMessage()),
			v.regex(/^\d{1,4}$/, key('validation.invalid')),
			v.transform(Number),
			v.minValue(1, key('validation.invalid')),
			v.maxValue(PULL_MAX_LIMIT, key('validation.invalid'))
		)
	)
});

// ---------------------------------------------------------------------------------------------------------------
// Answers

export type OpStatus = 'applied' | 'merged' | 'refused';

export const REFUSAL_CODES = [
	'invalid',
	'not_found',
	'forbidden',
	'record_locked',
	'bad_transition',
	'already_exists',
	'deleted',
	'unsupported',
	'op_id_reused',
	'changed_elsewhere',
	'signed_other_version',
	'amended_elsewhere'
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** What the user reads for each refusal, and what to do about it. */
export const REFUSAL_MESSAGES: Record<RefusalCode, MessageKey> = {
	invalid: 'sync.refused.invalid',
	not_found: 'sync.refused.notFound',
	forbidden: 'sync.refused.notFound',
	record_locked: 'sync.refused.locked',
	bad_transition: 'sync.refused.badTransition',
	already_exists: 'sync.refused.alreadyExists',
	deleted: 'sync.refused.deleted',
	unsupported: 'sync.refused.unsupported',
	op_id_reused: 'sync.refused.opIdReused',
	changed_elsewhere: 'sync.refused.changedElsewhere',
	signed_other_version: 'sync.refused.signedOtherVersion',
	amended_elsewhere: 'sync.refused.amendedElsewhere'
};

/** A losing version of a text field, kept on the record until a user resolves it. */
export interface FieldConflict {
	field: MergeTextField;
	value: string;
	authorId: string;
	opId: string;
	/** The record version the conflict arose at; a resolution based on this version or later clears it. */
	version: number;
	at: string;
}

/** Server-side bookkeeping every synced record carries to the device. */
export interface SyncMeta {
	version: number;
	/** Receipt of the last change the server accepted for this record. */
	receipt: string | null;
}

/** `review` is server-owned (always sent by the server, never pushed); absent on a record not yet synced. */
export type SyncConsultation = Consultation &
	SyncMeta & { conflicts: FieldConflict[]; review?: ConsultationReview };
export type SyncAmendment = Amendment & { receipt: string | null };
export type SyncOrganisation = OrganisationRecord & SyncMeta;

export type SyncRecord =
	| { entity: 'consultation'; record: SyncConsultation }
	| { entity: 'amendment'; record: SyncAmendment }
	| { entity: 'organisation'; record: SyncOrganisation };

export interface OpResult {
	opId: string;
	status: OpStatus;
	/** Server sequence of the change; null for refusals. */
	seq: number | null;
	receipt: string | null;
	code?: RefusalCode;
	/** In the user's language. */
	message?: string;
	/** Field path → message, in the user's language (for `invalid`). */
	fields?: Record<string, string>;
	/** Text fields whose incoming value was kept as a conflict instead of replacing the server's. */
	conflicts?: string[];
	/** The server's copy of the record after this operation; null when the user may not (or can no longer) see it. */
	current: SyncRecord | null;
	/** True when the operation id had been seen before and this is the stored answer. */
	replayed?: boolean;
	/**
	 * The operation carried the record's signature and `current` has that very one: it is left out (null) and the
	 * device keeps what it sent (protocol 3).
	 */
	signatureKept?: true;
}

export interface PushResponse {
	results: OpResult[];
}

/** What a pull may carry: the synced records, and colleagues' visits (read-only summaries, never pushed). */
export type PulledRecord = SyncRecord | { entity: 'visit'; record: ColleagueVisit };
export type PulledEntity = PulledRecord['entity'];

export type SyncChange = { seq: number; id: string } & (
	| ({ deleted: false } & Exclude<PulledRecord, { entity: 'consultation' }>)
	| {
			deleted: false;
			entity: 'consultation';
			record: SyncConsultation;
			/**
			 * The record was signed at or before the pull's cursor, so the device holds its signature, which never
			 * changes: `record.signature` is null on the wire and the device keeps its own (protocol 3).
			 */
			signatureKept?: true;
	  }
	| { deleted: true; entity: PulledEntity }
);

export interface PullResponse {
	changes: SyncChange[];
	cursor: string;
	/** More pages wait: ask again with the new cursor. */
	more: boolean;
	/** The user's scope changed (or the cursor is from another scope): drop server records not sent again. */
	reset: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Merge

/** When and from which device a field last changed on the server. */
export interface FieldStamp {
	version: number;
	deviceId: string;
}

export interface MergeInput {
	/** The server's current values of the fields the change touches (and more). */
	current: Record<string, unknown>;
	version: number;
	stamps: Record<string, FieldStamp>;
	conflicts: readonly FieldConflict[];
}

export interface MergeChange {
	fields: Record<string, unknown>;
	baseVersion: number;
	deviceId: string;
	resolves?: readonly string[];
}

export interface MergeOutcome {
	/** The fields to write (only those whose value changes). */
	apply: Record<string, unknown>;
	/** Incoming texts that lost to a concurrent edit and are kept beside the record. */
	lost: { field: MergeTextField; value: string }[];
	/** Conflicts that remain after this change (resolved ones removed). */
	conflicts: FieldConflict[];
	/** The change was made against an older version: fields merged with someone else's change. */
	merged: boolean;
}

const isMergeText = (field: string): field is MergeTextField =>
	(MERGE_TEXT_FIELDS as readonly string[]).includes(field);

export function sameValue(a: unknown, b: unknown): boolean {
	return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The field-merge rule. The server's order decides, never device clocks:
 * - a field nobody else changed since `baseVersion` (or changed last by the same device) takes the new value;
 * - a field another device changed since then: the later change wins, except free text, where the server keeps
 *   its value and the incoming text is kept as a conflict for a person to resolve — text is never dropped;
 * - `resolves` clears the conflicts of a field the user has reconciled (those they could see at `baseVersion`); a
 *   text changed by another device after that version still wins, and the resolution is kept beside it.
 */
export function mergeChange(input: MergeInput, change: MergeChange): MergeOutcome {
	const apply: Record<string, unknown> = {};
	const lost: MergeOutcome['lost'] = [];
	const resolves = new Set(change.resolves ?? []);
	for (const [field, value] of Object.entries(change.fields)) {
		if (sameValue(input.current[field], value)) continue;
		const stamp = input.stamps[field];
		const concurrent =
			stamp !== undefined && stamp.version > change.baseVersion && stamp.deviceId !== change.deviceId;
		// Also for a resolution: it combined the versions the user saw at `baseVersion`, not a text written since.
		if (concurrent && isMergeText(field) && typeof value === 'string') {
			lost.push({ field, value });
		} else {
			apply[field] = value;
		}
	}
	const conflicts = input.conflicts.filter(
		(conflict) => !(resolves.has(conflict.field) && conflict.version <= change.baseVersion)
	);
	return { apply, lost, conflicts, merged: change.baseVersion < input.version || lost.length > 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Receipts

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_SYMBOLS = CROCKFORD + '*~$=U';

/**
 * A short code for an accepted change, read aloud over the phone or typed by a coordinator: the server sequence
 * in Crockford base32 (no I/L/O/U) and a mod-37 check symbol, e.g. "0009Z-4".
 */
export function receiptFor(seq: number): string {
	if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`Invalid sequence ${seq}`);
	let digits = '';
	let rest = seq;
	do {
		digits = CROCKFORD[rest % 32] + digits;
		rest = Math.floor(rest / 32);
	} while (rest > 0);
	return `${digits.padStart(5, '0')}-${CHECK_SYMBOLS[seq % 37]}`;
}

/** The sequence a receipt stands for, or null when it is mistyped (the check symbol catches one wrong digit). */
export function seqOfReceipt(receipt: string): number | null {
	const normal = receipt
		.trim()
		.toUpperCase()
		.replace(/[OI L]/g, (c) => (c === 'O' ? '0' : c === ' ' ? '' : '1'));
	const match = /^([0-9A-HJKMNP-TV-Z]{1,11})-?([0-9A-Z*~$=]{1})$/.exec(normal);
	if (!match) return null;
	const [, digits = '', check] = match;
	let seq = 0;
	for (const digit of digits) seq = seq * 32 + CROCKFORD.indexOf(digit);
	if (!Number.isSafeInteger(seq)) return null;
	return CHECK_SYMBOLS[seq % 37] === check ? seq : null;
}
