/**
 * The device's working copy of the signed-in user's slice of data, in IndexedDB (Dexie). Screens read it, never the
 * network. One database per user (`doradca-<userId>`), so two accounts on one phone never mix and sign-out deletes
 * exactly one user's data.
 *
 * Invariant: every local change is ONE transaction that writes the record AND its outbox entry (`localWrite` +
 * `recordChange` in outbox.ts). Either both are stored or neither is — a dead battery mid-save loses nothing twice.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Amendment, Consultation } from '$lib/domain/consultation';
import type { OrganisationRecord } from '$lib/domain/records';
import { rebuildMonthIndex, type MonthIndexRow } from './month-index';

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
}

export type LocalConsultation = Consultation & {
	/** The server's version of this record; 0 until the server has accepted it. */
	version: number;
};

export type LocalAmendment = Amendment;

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
	/** Set by the sync engine when the entry leaves in a push; from then on it is never merged into. */
	sentAt?: string;
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

export class LocalDb extends Dexie {
	meta!: EntityTable<MetaRow, 'key'>;
	centres!: EntityTable<LocalCentre, 'id'>;
	organisations!: EntityTable<LocalOrganisation, 'id'>;
	consultations!: EntityTable<LocalConsultation, 'id'>;
	amendments!: EntityTable<LocalAmendment, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
	monthIndex!: Table<MonthIndexRow, [string, string]>;

	constructor(userId: string) {
		super(localDbName(userId));
		this.version(1).stores(SCHEMA_V1);
		this.version(2)
			.stores(SCHEMA_V2)
			.upgrade((tx) =>
				rebuildMonthIndex({ consultations: tx.table('consultations'), monthIndex: tx.table('monthIndex') })
			);
	}
}

/** Opens (and creates or upgrades) the user's database now, so storage failures surface at sign-in, not mid-form. */
export async function openLocalDb(userId: string): Promise<LocalDb> {
	const db = new LocalDb(userId);
	await db.open();
	return db;
}

/** Sign-out: removes this user's database only. Open connections are closed by Dexie's versionchange handler. */
export async function deleteLocalDb(userId: string): Promise<void> {
	await Dexie.delete(localDbName(userId));
}

/**
 * The one write-transaction helper: rw on the given tables plus the outbox. Nested calls join the outer
 * transaction, so a repository function can build on another without splitting the write.
 */
export function localWrite<T>(db: LocalDb, tables: readonly Table[], scope: () => Promise<T>): Promise<T> {
	return db.transaction('rw', [...tables, db.outbox], scope);
}
