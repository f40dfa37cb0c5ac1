/**
 * Applying the server's answers to the device copy: push results (acknowledged entries leave the outbox, refusals
 * are kept for the user) and pull pages (records, tombstones and the cursor, one transaction a page).
 *
 * The rule that keeps local work safe: the device shows the server's record with the changes still in the
 * outbox laid over it (`rebase`). A record is never replaced by a server copy that lacks the user's unsent edits.
 */
import { Dexie } from 'dexie';
import { CONSULTATION_FORM_FIELDS, pickFormFields } from '$lib/domain/consultation';
import type {
	OpResult,
	PulledEntity,
	PulledRecord,
	PullResponse,
	SyncChange,
	SyncAmendment,
	SyncEntity
} from '$lib/domain/sync';
import type { ColleagueVisit, Signature } from '$lib/domain/consultation';
import type { LocalConsultation, LocalDb, LocalOrganisation, OutboxEntry, Refusal } from './local-db';
import { reindexConsultation, reindexReplacements } from './month-index';
import { clearOrphanCardDrafts } from './form-drafts';

export const SYNC_CURSOR = 'syncCursor';
export const DEVICE_ID = 'deviceId';
export const LAST_SYNC_AT = 'lastSyncAt';
export const LAST_SYNC_ERROR = 'lastSyncError';

/** Fields a pending consultation entry may lay over the server's copy. */
const OVERLAY_FIELDS = new Set<string>([...CONSULTATION_FORM_FIELDS, 'status', 'signature']);

/** Every table a sync answer may write: one transaction over all of them stores a page or a push answer. */
export function syncTables(db: LocalDb) {
	return [
		db.meta,
		db.consultations,
		db.amendments,
		db.organisations,
		db.outbox,
		db.monthIndex,
		db.refusals,
		db.colleagueVisits
	];
}

function entriesFor(db: LocalDb, entity: SyncEntity, id: string): Promise<OutboxEntry[]> {
	return db.outbox.where('[entity+entityId]').equals([entity, id]).sortBy('seq');
}

/** The unsent changes of some consultations: their own outbox entries and their amendments', each in seq order. */
interface PendingChanges {
	own: OutboxEntry[];
	amendments: OutboxEntry[];
}

/**
 * Which consultations may still have entries of their own in the outbox, known through one push run, so that
 * storing its answers reads the pending edits of only those (a read per record otherwise: the costliest step of a
 * push in a browser's IndexedDB). The outbox is read whole once; each answer's transaction first adds the entries
 * written since (`refresh`), and the entries it removes are subtracted (`removed`). It never misses a record with
 * entries; it may over-report one (an entry deleted elsewhere stays counted), which only costs that record a read.
 */
export class OutboxRecords {
	readonly #counts = new Map<string, number>();
	#through = 0;
	#seen = 0;

	static async read(db: LocalDb): Promise<OutboxRecords> {
		const known = new OutboxRecords();
		await db.transaction('r', db.outbox, () => known.refresh(db));
		return known;
	}

	/**
	 * How many entries the outbox has held in all: those at the first read and those written since, up to the last
	 * `refresh` ("sent of total" while pushing, without counting the outbox again).
	 */
	get seen(): number {
		return this.#seen;
	}

	/** Counts the entries written since the last read. Call inside the transaction that then uses `mayHave`. */
	async refresh(db: LocalDb): Promise<void> {
		const added = await db.outbox.where('seq').above(this.#through).toArray();
		for (const entry of added) {
			if (entry.entity === 'consultation') this.#add(entry.entityId, 1);
			this.#through = Math.max(this.#through, entry.seq!);
		}
		this.#seen += added.length;
	}

	removed(entries: readonly OutboxEntry[]): void {
		for (const entry of entries) if (entry.entity === 'consultation') this.#add(entry.entityId, -1);
	}

	mayHave(id: string): boolean {
		return (this.#counts.get(id) ?? 0) > 0;
	}

	#add(id: string, delta: number) {
		const count = (this.#counts.get(id) ?? 0) + delta;
		if (count > 0) this.#counts.set(id, count);
		else this.#counts.delete(id);
	}
}

/**
 * The outbox entries that lay over each of these consultations: their own and their amendments'. With `known`,
 * only the records it names are looked up for entries of their own.
 */
async function pendingFor(
	db: LocalDb,
	ids: readonly string[],
	known?: OutboxRecords
): Promise<Map<string, PendingChanges>> {
	const pending = new Map<string, PendingChanges>(ids.map((id) => [id, { own: [], amendments: [] }]));
	// With `known` the outbox is not counted (a scan of every entry in a browser's IndexedDB): it leaves few lookups.
	const size = known ? undefined : await db.outbox.count();
	if (size === 0) return pending;
	const ofThese = (entry: OutboxEntry) =>
		typeof entry.fields.consultationId === 'string' && pending.has(entry.fields.consultationId);
	let own: OutboxEntry[];
	let amendments: OutboxEntry[];
	if (size !== undefined && size <= ids.length) {
		// A small outbox (as a pull page usually meets): read whole, once, rather than one read per record.
		const all = await db.outbox.toArray();
		own = all.filter((entry) => entry.entity === 'consultation' && pending.has(entry.entityId));
		amendments = all.filter((entry) => entry.entity === 'amendment' && ofThese(entry));
	} else {
		// One equality read per record, all in flight at once (faster here than one anyOf over the compound index).
		const lookedUp = known ? ids.filter((id) => known.mayHave(id)) : ids;
		own = (
			await Promise.all(
				lookedUp.map((id) => db.outbox.where('[entity+entityId]').equals(['consultation', id]).toArray())
			)
		).flat();
		amendments = await db.outbox
			.where('[entity+entityId]')
			.between(['amendment', Dexie.minKey], ['amendment', Dexie.maxKey])
			.filter(ofThese)
			.toArray();
	}
	for (const entry of own) pending.get(entry.entityId)!.own.push(entry);
	for (const entry of amendments) pending.get(entry.fields.consultationId as string)!.amendments.push(entry);
	const bySeq = (a: OutboxEntry, b: OutboxEntry) => a.seq! - b.seq!;
	for (const changes of pending.values()) {
		changes.own.sort(bySeq);
		changes.amendments.sort(bySeq);
	}
	return pending;
}

/** The server's consultation with the outbox's unsent changes (its own and its amendments') laid over it. */
function rebaseConsultation(record: LocalConsultation, pending: PendingChanges): LocalConsultation | null {
	const next: Record<string, unknown> = { ...record };
	for (const entry of pending.own) {
		if (entry.op === 'delete') return null;
		for (const [field, value] of Object.entries(entry.fields)) {
			if (OVERLAY_FIELDS.has(field)) next[field] = value;
		}
	}
	for (const entry of pending.amendments) {
		const changes = (entry.fields.changes ?? {}) as Record<string, { after: unknown }>;
		for (const [field, change] of Object.entries(changes)) next[field] = change.after;
	}
	return next as unknown as LocalConsultation;
}

/**
 * Stores the server's copies of several records, in order (a later copy of the same record wins), each rebased on
 * the pending changes: the same result as storing each in turn, with bulk reads and writes. Must run
 * inside a sync transaction, after the outbox holds exactly what is still unsent.
 */
export async function applyRecords(
	db: LocalDb,
	changes: readonly PulledRecord[],
	known?: OutboxRecords
): Promise<void> {
	const consultations: LocalConsultation[] = [];
	const amendments = new Map<string, SyncAmendment>();
	const organisations = new Map<string, LocalOrganisation>();
	const visits = new Map<string, ColleagueVisit>();
	for (const change of changes) {
		if (change.entity === 'consultation') consultations.push(change.record);
		else if (change.entity === 'amendment') {
			amendments.delete(change.record.id);
			amendments.set(change.record.id, change.record);
		} else if (change.entity === 'visit') {
			visits.set(change.record.id, change.record);
		} else {
			organisations.delete(change.record.id);
			organisations.set(change.record.id, { ...change.record, origin: 'server' });
		}
	}
	if (consultations.length > 0) {
		const ids = [...new Set(consultations.map((record) => record.id))];
		const pending = await pendingFor(db, ids, known);
		const written = new Map<string, LocalConsultation>();
		for (const record of consultations) {
			const next = rebaseConsultation(record, pending.get(record.id)!);
			if (next) written.set(record.id, next);
		}
		const records = [...written.values()];
		// Before the write: a record whose entry is not in its new day's row is read to find the day it leaves.
		await reindexReplacements(db, records);
		await db.consultations.bulkPut(records);
	}
	if (amendments.size > 0) await db.amendments.bulkPut([...amendments.values()]);
	if (organisations.size > 0) await db.organisations.bulkPut([...organisations.values()]);
	if (visits.size > 0) await db.colleagueVisits.bulkPut([...visits.values()]);
}

async function applyTombstone(db: LocalDb, entity: PulledEntity, id: string): Promise<void> {
	if (entity === 'consultation') {
		const previous = await db.consultations.get(id);
		if (!previous) return;
		await db.consultations.delete(id);
		await reindexConsultation(db, previous, undefined);
	} else if (entity === 'amendment') {
		await db.amendments.delete(id);
	} else if (entity === 'visit') {
		await db.colleagueVisits.delete(id);
	} else {
		// An organisation created on this phone and not yet accepted stays: the tombstone is about the server's copy.
		if ((await entriesFor(db, 'organisation', id)).length === 0) await db.organisations.delete(id);
	}
}

/**
 * Acknowledged entries leave the outbox; refused ones become Refusals the user reads; every record the server
 * returned replaces the local copy (with later unsent edits laid over it). One transaction for the whole batch.
 */
export function applyPushResults(
	db: LocalDb,
	sent: readonly OutboxEntry[],
	results: readonly OpResult[],
	now: Date,
	known?: OutboxRecords
): Promise<{ refused: number }> {
	const byOpId = new Map(sent.map((entry) => [entry.opId, entry]));
	return db.transaction('rw', syncTables(db), async () => {
		await known?.refresh(db);
		const answered = new Map<string, OutboxEntry>();
		const refusals: Refusal[] = [];
		const unstoredAmendments: string[] = [];
		const createdNow: OutboxEntry[] = [];
		for (const result of results) {
			const entry = byOpId.get(result.opId);
			if (!entry) continue;
			answered.set(entry.opId, entry);
			if (result.status !== 'refused') {
				if (entry.op === 'create') createdNow.push(entry);
				continue;
			}
			refusals.push(refusalOf(entry, result, now));
			if (entry.entity === 'amendment' && result.code !== 'already_exists')
				unstoredAmendments.push(entry.entityId);
		}
		await keepRefusedCards(db, refusals);
		await removeEntries(db, [...answered.values()]);
		known?.removed([...answered.values()]);
		await dropSupersededRefusals(db, createdNow);
		if (refusals.length > 0) await db.refusals.bulkPut(refusals);
		// A correction the server did not store leaves the card's history; the refusal keeps what it said. Its answer
		// carries the consultation as the server holds it, which puts back the values the correction had changed.
		if (unstoredAmendments.length > 0) await db.amendments.bulkDelete(unstoredAmendments);
		// Records after the outbox is updated, so the overlay holds exactly what is still unsent.
		await applyRecords(
			db,
			results.flatMap((result) => {
				if (!result.current) return [];
				if (!result.signatureKept || result.current.entity !== 'consultation') return [result.current];
				// The answer left out the signature this very operation sent: the record keeps the one sent. (Without
				// it at hand the copy waits for the pull that follows, which sends the record whole.)
				const sent = byOpId.get(result.opId)?.fields.signature as Signature | undefined;
				return sent ? [{ ...result.current, record: { ...result.current.record, signature: sent } }] : [];
			}),
			known
		);
		return { refused: refusals.length };
	});
}

/**
 * A record the server has now accepted whole (its create applied, e.g. after the refused one was corrected and sent
 * again) no longer needs the refusals of its earlier creates: they said it was not on the server, and it is.
 */
async function dropSupersededRefusals(db: LocalDb, created: readonly OutboxEntry[]): Promise<void> {
	if (created.length === 0) return;
	// One read of the (small) refusals table per answer, not a query per created record: a batch holds hundreds.
	const createdOps = new Map(created.map((entry) => [`${entry.entity}:${entry.entityId}`, entry.opId]));
	const superseded = await db.refusals
		.filter((refusal) => {
			const opId = createdOps.get(`${refusal.entity}:${refusal.entityId}`);
			return refusal.op === 'create' && opId !== undefined && opId !== refusal.opId;
		})
		.primaryKeys();
	if (superseded.length > 0) await db.refusals.bulkDelete(superseded);
}

/**
 * Refusals after which this phone's copy of the card is the only one left of what it held: the card is gone from
 * the server, or the signature this phone took is refused because the card changed elsewhere meanwhile (the copy
 * is the version that was signed).
 */
const KEEP_CARD_CODES = new Set<string>(['deleted', 'not_found', 'forbidden', 'signed_other_version']);

/**
 * Such a refused change keeps the whole card as this phone has it, before the answer's or the pull's version (or
 * tombstone) replaces it: what was typed, or signed, here would otherwise exist nowhere. The user can restore it
 * (refusals.ts: as a new draft, or the signed version).
 */
async function keepRefusedCards(db: LocalDb, refusals: Refusal[]): Promise<void> {
	const kept = refusals.filter(
		(r) => r.entity === 'consultation' && r.op === 'update' && KEEP_CARD_CODES.has(r.code)
	);
	if (kept.length === 0) return;
	const records = await db.consultations.bulkGet(kept.map((r) => r.entityId));
	kept.forEach((refusal, index) => {
		refusal.kept = pickFormFields({ ...records[index], ...refusal.fields });
	});
}

/**
 * Removes these entries from the outbox by their keys (`seq`), or by their operation ids when they have none. A
 * key always holds the same operation: keys are never reused, and nothing changes an entry's operation id.
 *
 * A whole batch (`nextBatch` sends a run of consecutive keys) goes in one range delete once the keys in its range
 * are read and found to be all its own: in a browser's IndexedDB each deleted key is otherwise a request of its own.
 */
async function removeEntries(db: LocalDb, entries: readonly OutboxEntry[]): Promise<void> {
	const keys = entries.flatMap((entry) => (entry.seq === undefined ? [] : [entry.seq]));
	if (keys.length > 1) {
		const ours = new Set(keys);
		const first = Math.min(...keys);
		const last = Math.max(...keys);
		const range = db.outbox.where('seq').between(first, last, true, true);
		// Keys read from the store are always set (`seq` is optional only on entries not yet added).
		const held = (await range.primaryKeys()).filter((key): key is number => key !== undefined);
		if (held.every((key) => ours.has(key))) await range.delete();
		else await db.outbox.bulkDelete(held.filter((key) => ours.has(key)));
	} else if (keys.length === 1) {
		await db.outbox.delete(keys[0]!);
	}
	for (const entry of entries) {
		if (entry.seq === undefined) await db.outbox.where('opId').equals(entry.opId).delete();
	}
}

export function refusalOf(
	entry: OutboxEntry,
	result: Pick<OpResult, 'code' | 'message' | 'fields'>,
	now: Date
): Refusal {
	return {
		opId: entry.opId,
		entity: entry.entity,
		entityId: entry.entityId,
		op: entry.op,
		fields: entry.fields,
		code: result.code ?? 'invalid',
		message: result.message ?? '',
		fieldMessages: result.fields ?? {},
		at: now.toISOString()
	};
}

/**
 * One pull page and its cursor, in one transaction. A `reset` page (first pull, or the user's scope changed)
 * first drops every server record the device holds without unsent changes: the pull sends back all the user may
 * still see.
 *
 * A consultation sent with `signatureKept` takes the signature of the device's own copy (signatures never change).
 * Should the copy lack it — the server counted on what this device holds, and it does not — nothing of the page is
 * stored, the cursor is dropped and `{ restart: true }` says to pull again from the start, which sends everything.
 */
export function applyPullPage(db: LocalDb, page: PullResponse): Promise<{ restart: boolean }> {
	return db.transaction('rw', syncTables(db), async () => {
		const changes = await withKeptSignatures(db, page.changes);
		if (!changes) {
			await db.meta.delete(SYNC_CURSOR);
			return { restart: true };
		}
		if (page.reset) await dropServerRecords(db);
		// In page order; each run of records between tombstones is stored with bulk reads and writes.
		let run: PulledRecord[] = [];
		for (const change of changes) {
			if (!change.deleted) {
				run.push(change);
				continue;
			}
			await applyRecords(db, run);
			run = [];
			await applyTombstone(db, change.entity, change.id);
		}
		await applyRecords(db, run);
		await db.meta.put({ key: SYNC_CURSOR, value: page.cursor });
		if (!page.more) await clearOrphanCardDrafts(db);
		return { restart: false };
	});
}

type ConsultationChange = Extract<SyncChange, { deleted: false; entity: 'consultation' }>;

const keepsSignature = (change: SyncChange): change is ConsultationChange =>
	!change.deleted && change.entity === 'consultation' && change.signatureKept === true;

/** The page's changes with each kept signature taken from the device's copy; null when a copy lacks it. */
async function withKeptSignatures(
	db: LocalDb,
	changes: readonly SyncChange[]
): Promise<readonly SyncChange[] | null> {
	const ids = [...new Set(changes.filter(keepsSignature).map((change) => change.id))];
	if (ids.length === 0) return changes;
	const held = new Map(
		(await db.consultations.bulkGet(ids)).flatMap((row) => (row?.signature ? [[row.id, row.signature]] : []))
	);
	if (held.size < ids.length) return null;
	return changes.map((change) =>
		keepsSignature(change)
			? { ...change, record: { ...change.record, signature: held.get(change.id)! } }
			: change
	);
}

async function dropServerRecords(db: LocalDb): Promise<void> {
	const entries = await db.outbox.toArray();
	const pending = new Set(entries.map((entry) => `${entry.entity}:${entry.entityId}`));
	// A pending amendment is an unsent change of its consultation too: the record stays, its new values laid over it.
	for (const entry of entries) {
		if (entry.entity === 'amendment' && typeof entry.fields.consultationId === 'string') {
			pending.add(`consultation:${entry.fields.consultationId}`);
		}
	}
	const keep = (entity: SyncEntity, id: string) => pending.has(`${entity}:${id}`);
	const consultations = await db.consultations
		.filter((row) => row.version > 0 && !keep('consultation', row.id))
		.toArray();
	for (const row of consultations) {
		await db.consultations.delete(row.id);
		await reindexConsultation(db, row, undefined);
	}
	await db.amendments.filter((row) => !keep('amendment', row.id)).delete();
	await db.organisations.filter((row) => row.origin === 'server' && !keep('organisation', row.id)).delete();
	await db.colleagueVisits.clear();
}
