/**
 * The device's working copy of the signed-in user's slice of data, in IndexedDB (Dexie). Screens read it, never the
 * network. One database per user (`doradca-<userId>`), so two accounts on one phone never mix and sign-out deletes
 * exactly one user's data.
 *
 * Invariant: every local change is ONE transaction that writes the record AND its outbox entry (`localWrite` +
 * `recordChange` in outbox.ts). Either both are stored or neither is — a dead battery mid-save loses nothing twice.
 */
import { Dexie, type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { OrganisationRecord } from '$lib/domain/records';
import type { RefusalCode, SyncAmendment, SyncConsultation } from '$lib/domain/sync';
import { rebuildMonthIndex, type MonthIndexRow } from './month-index';
import type { BookingRequestInput, BookingView, Slot } from '$lib/domain/booking';
import type { ColleagueVisit, ConsultationForm } from '$lib/domain/consultation';

/** What every repository write needs; injected so tests and simulations control time and ids. */
export interface RepoContext {
	now: () => Date;
	newId: () => string;
	userId: string;
	centreId: string;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

/** Mirrors the server's centres row (camelCase); `active` is a real boolean here, not SQLite's 0/1. */
export interface LocalCentre {
	id: string;
	name: string;
	town: string;
	kind: 'regional' | 'local';
	street: string;
	postalCode: string;
	gminaTerc: string;
	powiatTerc: string;
	email: string | null;
	phone: string | null;
	active: boolean;
	createdAt: string;
	updatedAt: string;
}

/** The organisation as the server sends it, plus where this copy came from. */
export interface LocalOrganisation extends OrganisationRecord {
	/** 'local' until the server's copy arrives: created on this phone, possibly not yet sent. */
	origin: 'server' | 'local';
	/** Receipt of the server's last accepted change (absent until accepted). */
	receipt?: string | null;
	version?: number;
}

/**
 * The consultation with the server's bookkeeping: `version` is 0 until the server has accepted the record,
 * `receipt` names its last accepted change, `conflicts` are texts kept from concurrent edits for the user to resolve.
 */
export type LocalConsultation = SyncConsultation;

export type LocalAmendment = SyncAmendment;

/** A change the server refused, kept (with its content) until the user has read it and decided what to do. */
export interface Refusal {
	opId: string;
	entity: OutboxEntity;
	entityId: string;
	op: OutboxOp;
	fields: Record<string, unknown>;
	code: RefusalCode;
	/** In the user's language, from the server. */
	message: string;
	fieldMessages: Record<string, string>;
	at: string;
	/**
	 * The whole card as it stood on this phone, when the change was refused because the card is gone from the server
	 * (deleted on another device, or out of reach): the only copy left, to be restored as a new draft.
	 */
	kept?: Partial<ConsultationForm>;
}

export type OutboxEntity = 'consultation' | 'organisation' | 'amendment';
export type OutboxOp = 'create' | 'update' | 'delete';

export interface OutboxEntry {
	/** Auto-increment: the order changes were made on this device (never the device clock). */
	seq?: number;
	/** The id the server uses to apply this operation exactly once. */
	opId: string;
	entity: OutboxEntity;
	entityId: string;
	op: OutboxOp;
	/** The changed fields; for a create, all of them. */
	fields: Record<string, unknown>;
	/** The server version the change was made against; null for creates and unversioned entities. */
	baseVersion: number | null;
	createdAt: string;
	attempts: number;
	/**
	 * Whether later edits may be folded into this entry while it is unsent. False for signing and amendments:
	 * their exact content is evidence for the funder and must reach the server as one separate step.
	 */
	mergeable: boolean;
	/**
	 * Set on entries that left in a push of an app version before 2026-11; the engine now marks what has left with
	 * one number (outbox.ts SENT_THROUGH). Either way a sent entry is never merged into.
	 */
	sentAt?: string;
	/** Text fields whose conflict this change resolves (domain/sync.ts mergeChange). */
	resolves?: string[];
}

export const DB_NAME_PREFIX = 'doradca-';

export function localDbName(userId: string): string {
	return `${DB_NAME_PREFIX}${userId}`;
}

/**
 * Schema history. Never edit a published version: add `this.version(n + 1).stores({ changed tables only })` and,
 * when rows change shape, `.upgrade((tx) => tx.table('…').toCollection().modify(…))`. Dexie keeps every row
 * of tables it is not told to drop, so the outbox and drafts survive upgrades (local-db.test.ts proves it).
 */
export const SCHEMA_V1 = {
	meta: 'key',
	centres: 'id',
	organisations: 'id, name, nip, krs, gminaTerc',
	consultations: 'id, [advisorId+date], organisationId, status, updatedAt',
	amendments: 'id, consultationId',
	outbox: '++seq, &opId, [entity+entityId]'
} as const;

/**
 * v2 adds the month index (month-index.ts): one row per advisor and day with the summed fields of each
 * consultation, so the month screen reads ~30 small rows, not thousands of records. The upgrade builds it.
 */
export const SCHEMA_V2 = { ...SCHEMA_V1, monthIndex: '[advisorId+date]' } as const;

/**
 * v3 (sync): refused changes kept for the user. The outbox and every record keep their rows; records gain
 * `receipt` and `conflicts`, which the upgrade fills in so screens never meet an undefined.
 */
export const SCHEMA_V3 = { ...SCHEMA_V2, refusals: 'opId, [entity+entityId]' } as const;

/** A booking as the server sent it (the slice, or the answer to a request); replaced whole by each slice. */
export type LocalBooking = BookingView & {
	/** A request queued on this device and not answered yet: shown as "not sent yet"; its id is its clientId. */
	pending?: boolean;
};

/**
 * A booking request made on this device (issue 6), kept until the server answers. `queued` is "not sent yet";
 * `refused` keeps the server's answer (message, next free slots) for the organisation to read and choose again.
 */
export interface BookingOutboxRow {
	clientId: string;
	request: BookingRequestInput;
	state: 'queued' | 'refused';
	createdAt: string;
	attempts: number;
	lastTriedAt?: string;
	answer?: { code: string; message: string; nextFreeSlots: Slot[] };
}

/**
 * v4 (booking): the user's bookings from the slice, and the outbox of booking requests made offline. Nothing
 * older changes shape; every earlier row stays.
 */
export const SCHEMA_V4 = {
	...SCHEMA_V3,
	bookings: 'id, status, startsAt, advisorId, organisationId',
	bookingOutbox: 'clientId, state, createdAt'
} as const;

/**
 * v5 drops the consultations' `updatedAt` index: nothing queries by it (drafts are sorted in memory), and every
 * index is one more write per stored record — in a browser's IndexedDB the costliest step of storing a sync answer.
 * Rows do not change.
 */
export const SCHEMA_V5 = {
	...SCHEMA_V4,
	consultations: 'id, [advisorId+date], organisationId, status'
} as const;

/**
 * v6 (protocol 2): colleagues' visits, the summaries of other advisors' finished visits in the user's centres
 * (domain ColleagueVisit), found by organisation. Server-owned and read-only here; nothing older changes shape.
 */
export const SCHEMA_V6 = { ...SCHEMA_V5, colleagueVisits: 'id, organisationId' } as const;

export class LocalDb extends Dexie {
	meta!: EntityTable<MetaRow, 'key'>;
	centres!: EntityTable<LocalCentre, 'id'>;
	organisations!: EntityTable<LocalOrganisation, 'id'>;
	consultations!: EntityTable<LocalConsultation, 'id'>;
	amendments!: EntityTable<LocalAmendment, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
	monthIndex!: Table<MonthIndexRow, [string, string]>;
	refusals!: EntityTable<Refusal, 'opId'>;
	bookings!: EntityTable<LocalBooking, 'id'>;
	bookingOutbox!: EntityTable<BookingOutboxRow, 'clientId'>;
	colleagueVisits!: EntityTable<ColleagueVisit, 'id'>;

	/** `options` lets tests and the sync simulation give each device its own IndexedDB (fake-indexeddb). */
	constructor(userId: string, options?: DexieOptions) {
		super(localDbName(userId), options);
		this.version(1).stores(SCHEMA_V1);
		this.version(2)
			.stores(SCHEMA_V2)
			.upgrade((tx) =>
				rebuildMonthIndex({ consultations: tx.table('consultations'), monthIndex: tx.table('monthIndex') })
			);
		this.version(3)
			.stores(SCHEMA_V3)
			.upgrade(async (tx) => {
				await tx
					.table('consultations')
					.toCollection()
					.modify((row: Partial<LocalConsultation>) => {
						row.receipt ??= null;
						row.conflicts ??= [];
					});
				await tx
					.table('amendments')
					.toCollection()
					.modify((row: Partial<LocalAmendment>) => {
						row.receipt ??= null;
					});
			});
		this.version(4).stores(SCHEMA_V4);
		this.version(5).stores(SCHEMA_V5);
		this.version(6).stores(SCHEMA_V6);
	}
}

/** Opens (and creates or upgrades) the user's database now, so storage failures surface at sign-in, not mid-form. */
export async function openLocalDb(userId: string, options?: DexieOptions): Promise<LocalDb> {
	const db = new LocalDb(userId, options);
	await db.open();
	return db;
}

/** Sign-out: removes this user's database only. Open connections are closed by Dexie's versionchange handler. */
export async function deleteLocalDb(userId: string): Promise<void> {
	await Dexie.delete(localDbName(userId));
}

/**
 * The one write-transaction helper: rw on the given tables plus the outbox (and meta). Nested calls join the outer
 * transaction, so a repository function can build on another without splitting the write.
 */
export function localWrite<T>(db: LocalDb, tables: readonly Table[], scope: () => Promise<T>): Promise<T> {
	// The meta table too: whether an entry has left is read from it (outbox.ts sentThrough).
	return db.transaction('rw', [...tables, db.outbox, db.meta], scope);
}
