/**
 * The outbox: local changes waiting for the server, in the order they were made (`seq`).
 *
 * Compaction rule (applied as changes are recorded, inside the caller's transaction):
 * - An update folds its fields into the entity's LAST entry when that entry is unsent and mergeable; a create
 *   followed by updates stays one create. Keystroke saves therefore never flood the outbox.
 * - An entry that has left (`isSent`) is never touched: the server may already be applying it.
 * - An update that points a record at an organisation whose create waits in the outbox after the entry it would
 *   fold into is added after it instead: the server applies a push in order and must know the organisation first
 *   (a visit started, then its new organisation added on the spot).
 * - A delete drops the entity's unsent entries; if one of them was the create, the server never heard of the
 *   record and nothing is sent at all.
 */
import { Dexie } from 'dexie';
import type { LocalDb, OutboxEntity, OutboxEntry, OutboxOp, RepoContext } from './local-db';

export interface Change {
	entity: OutboxEntity;
	entityId: string;
	op: OutboxOp;
	fields: Record<string, unknown>;
	baseVersion: number | null;
	/** Defaults to true; false keeps this change a separate step (signing, amendments). */
	mergeable?: boolean;
	/** Text fields whose conflict this change resolves (sent as the operation's `resolves`). */
	resolves?: string[];
}

/**
 * The highest outbox key (`seq`) that has left the device in a push (meta). The engine sends entries oldest first
 * and keys only grow, so one number marks every entry that has left: no entry is rewritten to say so.
 */
export const SENT_THROUGH = 'sentThrough';

export function sentThrough(db: LocalDb): Promise<number> {
	// Dexie's own promise, not an async function's: a liveQuery keeps observing the reads awaited after it.
	return db.meta.get(SENT_THROUGH).then((row) => (typeof row?.value === 'number' ? row.value : 0));
}

/** Marks every entry up to `seq` as having left (a push, or a lifeboat file); inside the caller's transaction. */
export async function markSentThrough(db: LocalDb, seq: number | undefined): Promise<void> {
	if (seq !== undefined && seq > (await sentThrough(db)))
		await db.meta.put({ key: SENT_THROUGH, value: seq });
}

/** Whether an entry has left the device (marked by `sentThrough`, or by `sentAt` in older app versions). */
export function isSent(entry: OutboxEntry, through: number): boolean {
	return Boolean(entry.sentAt) || (entry.seq !== undefined && entry.seq <= through);
}

function entriesOf(db: LocalDb, entity: OutboxEntity, entityId: string) {
	return db.outbox.where('[entity+entityId]').equals([entity, entityId]);
}

/** Records one change. Must run inside a `localWrite` transaction together with the record's own write. */
export async function recordChange(db: LocalDb, ctx: RepoContext, change: Change): Promise<void> {
	const mergeable = change.mergeable ?? true;
	const existing = await entriesOf(db, change.entity, change.entityId).sortBy('seq');
	const through = existing.length > 0 ? await sentThrough(db) : 0;

	if (change.op === 'delete') {
		const unsent = existing.filter((entry) => !isSent(entry, through));
		await db.outbox.bulkDelete(unsent.map((entry) => entry.seq!));
		if (unsent.some((entry) => entry.op === 'create')) return;
	} else if (change.op === 'update' && mergeable) {
		const last = existing.at(-1);
		if (
			last &&
			!isSent(last, through) &&
			last.mergeable &&
			last.op !== 'delete' &&
			!(await createdAfter(db, change, last.seq!))
		) {
			await db.outbox.update(last.seq!, { fields: { ...last.fields, ...change.fields } });
			return;
		}
	}

	// A field still waiting in the outbox shows that entry's value over the server's newer one (sync-apply's
	// rebase), so a change of it builds on what the user saw when that entry was made: it takes that entry's base.
	// Otherwise the server would take it as made after another device's newer text and drop that text.
	let baseVersion = change.baseVersion;
	if (change.op === 'update' && baseVersion !== null) {
		for (const entry of existing) {
			if (Object.keys(change.fields).some((field) => field in entry.fields)) {
				baseVersion = Math.min(baseVersion, entry.baseVersion ?? 0);
			}
		}
	}

	await db.outbox.add({
		opId: ctx.newId(),
		entity: change.entity,
		entityId: change.entityId,
		op: change.op,
		fields: change.fields,
		baseVersion,
		createdAt: ctx.now().toISOString(),
		attempts: 0,
		mergeable,
		...(change.resolves?.length ? { resolves: change.resolves } : {})
	});
}

/** Whether the change points at an organisation whose create is in the outbox after the entry `seq`. */
async function createdAfter(db: LocalDb, change: Change, seq: number): Promise<boolean> {
	const organisationId = change.entity === 'consultation' ? change.fields.organisationId : undefined;
	if (typeof organisationId !== 'string') return false;
	const creates = await entriesOf(db, 'organisation', organisationId)
		.filter((entry) => entry.op === 'create' && entry.seq! > seq)
		.count();
	return creates > 0;
}

/**
 * Drops every entry of the entity, to record it again whole; false (and nothing dropped) while one of them has left,
 * since the server may be applying it. Must run inside a `localWrite` transaction.
 */
export async function dropUnsentEntries(
	db: LocalDb,
	entity: OutboxEntity,
	entityId: string
): Promise<boolean> {
	const entries = await entriesOf(db, entity, entityId).toArray();
	const through = entries.length > 0 ? await sentThrough(db) : 0;
	if (entries.some((entry) => isSent(entry, through))) return false;
	await db.outbox.bulkDelete(entries.map((entry) => entry.seq!));
	return true;
}

/** Changes not yet confirmed by the server (unsent or in flight): the header's "3 changes waiting". */
export function pendingCount(db: LocalDb): Promise<number> {
	return db.outbox.count();
}

/** The oldest entries first, for the sync engine's next push. */
export function pendingEntries(db: LocalDb, limit: number): Promise<OutboxEntry[]> {
	return db.outbox.orderBy('seq').limit(limit).toArray();
}

/**
 * 'local' while any change to the record is still in the outbox (only on this phone, or sent but not yet
 * confirmed), 'synced' otherwise. In-flight entries count as local: until the server confirms, its copy may lack
 * them, and the slice must not overwrite them.
 */
export async function entityState(
	db: LocalDb,
	entity: OutboxEntity,
	entityId: string
): Promise<'local' | 'synced'> {
	return (await entriesOf(db, entity, entityId).count()) > 0 ? 'local' : 'synced';
}

/** Ids of every entity of a kind with changes still in the outbox. */
export async function pendingEntityIds(db: LocalDb, entity: OutboxEntity): Promise<Set<string>> {
	const keys = await db.outbox
		.where('[entity+entityId]')
		.between([entity, Dexie.minKey], [entity, Dexie.maxKey])
		.keys();
	return new Set(keys.map((key) => (key as unknown as [string, string])[1]));
}

/** Whether the outbox still holds the create of this entity (unsent or in flight). */
export async function hasPendingCreate(
	db: LocalDb,
	entity: OutboxEntity,
	entityId: string
): Promise<boolean> {
	return (
		(await entriesOf(db, entity, entityId)
			.filter((entry) => entry.op === 'create')
			.count()) > 0
	);
}
