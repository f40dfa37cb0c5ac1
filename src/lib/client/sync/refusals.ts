/**
 * Where one record stands with the server, and the changes the server refused, as the screens read them: the
 * visit's state chip (only on this phone → sent → accepted, refused, two versions) and the sync panel's list of
 * refusals with what to do about each.
 */
import { Dexie } from 'dexie';
import {
	CONSULTATION_FORM_FIELDS,
	pickFormFields,
	type ConsultationForm,
	type ConsultationFormField,
	type Signature
} from '$lib/domain/consultation';
import { consultationIdOf, MERGE_TEXT_FIELDS, sameValue, type MergeTextField } from '$lib/domain/sync';
import type { LocalConsultation, LocalDb, OutboxEntry, Refusal, RepoContext } from '../db/local-db';
import { isSent, sentThrough } from '../db/outbox';
import { saveDraft, signConsultation } from '../db/consultations';

/** only on this phone (something unsent) → sent, awaiting the answer → accepted by the server. */
export type RecordSyncState = 'local' | 'sent' | 'accepted';

export interface ConsultationSync {
	/** Outbox entries of the record and of its amendments; null when nothing waits. */
	pending: 'local' | 'sent' | null;
	/** Refusals of the record's own changes and of its amendments, oldest first. */
	refusals: Refusal[];
}

const amendmentRange = (db: LocalDb) =>
	db.outbox.where('[entity+entityId]').between(['amendment', Dexie.minKey], ['amendment', Dexie.maxKey]);

/** The outbox and refusals of one consultation (its amendments included). */
export async function consultationSync(db: LocalDb, id: string): Promise<ConsultationSync> {
	const ofAmendment = (row: { fields: Record<string, unknown> }) => row.fields.consultationId === id;
	const [own, amendments, refused, refusedAmendments, through] = await Promise.all([
		db.outbox.where('[entity+entityId]').equals(['consultation', id]).toArray(),
		amendmentRange(db).filter(ofAmendment).toArray(),
		db.refusals.where('[entity+entityId]').equals(['consultation', id]).toArray(),
		db.refusals
			.where('[entity+entityId]')
			.between(['amendment', Dexie.minKey], ['amendment', Dexie.maxKey])
			.filter(ofAmendment)
			.toArray(),
		sentThrough(db)
	]);
	const entries: OutboxEntry[] = [...own, ...amendments];
	return {
		pending:
			entries.length === 0 ? null : entries.some((entry) => !isSent(entry, through)) ? 'local' : 'sent',
		refusals: [...refused, ...refusedAmendments].sort((a, b) => a.at.localeCompare(b.at))
	};
}

/** The chip: what waits decides; with nothing waiting, a record the server has a version of is accepted. */
export function recordSyncState(
	record: Pick<LocalConsultation, 'version'>,
	pending: ConsultationSync['pending']
): RecordSyncState {
	return pending ?? (record.version > 0 ? 'accepted' : 'local');
}

/** Newest first: what the server refused most recently is what the user just saw happen. */
export async function listRefusals(db: LocalDb): Promise<Refusal[]> {
	const rows = await db.refusals.toArray();
	return rows.sort((a, b) => b.at.localeCompare(a.at) || a.opId.localeCompare(b.opId));
}

export function countRefusals(db: LocalDb): Promise<number> {
	return db.refusals.count();
}

/**
 * The texts the refused change carried (notes, next steps, address), non-empty ones: shown with the refusal, since
 * the card itself now shows the server's text (or is gone).
 */
export function refusedTexts(refusal: Refusal): { field: MergeTextField; value: string }[] {
	const values: Record<string, unknown> = refusal.kept ?? amendmentPrefill(refusal);
	return MERGE_TEXT_FIELDS.flatMap((field) => {
		const value = values[field];
		return typeof value === 'string' && value.trim() !== '' ? [{ field, value }] : [];
	});
}

/** Whether dismissing the refusal drops values that exist nowhere else (so the user is asked first). */
export function holdsWork(refusal: Refusal): boolean {
	return refusal.kept !== undefined || Object.keys(amendmentPrefill(refusal)).length > 0;
}

/** Refusals being restored right now (by their operation ids). */
const restoring = new Set<string>();

/**
 * Restores what a refusal kept, once: a second tap (or tab) while the first restore runs, or after it, restores
 * nothing more and answers null. The notice goes once `restore` has put the card back; a failure leaves it.
 */
async function restoreOnce(
	db: LocalDb,
	refusal: Refusal,
	restore: () => Promise<string>
): Promise<string | null> {
	if (restoring.has(refusal.opId)) return null;
	restoring.add(refusal.opId);
	try {
		if (!(await db.refusals.get(refusal.opId))) return null;
		const id = await restore();
		await db.refusals.delete(refusal.opId);
		return id;
	} finally {
		restoring.delete(refusal.opId);
	}
}

/**
 * "Przywróć jako nowy szkic": a card refused because it is gone from the server comes back as a new draft with
 * everything it held on this phone (a new id: the old one is deleted for good), and the notice goes. Answers the
 * new draft's id, or null when this refusal was already restored.
 */
export async function restoreAsDraft(
	db: LocalDb,
	ctx: RepoContext,
	refusal: Refusal
): Promise<string | null> {
	const kept = refusal.kept;
	if (!kept) throw new Error('This refusal keeps no card to restore');
	return restoreOnce(db, refusal, async () => {
		const id = ctx.newId();
		await saveDraft(db, ctx, id, kept);
		return id;
	});
}

/** A signature refused because the card changed on another device before it arrived (the signed version kept). */
export function canRestoreSigned(refusal: Refusal): boolean {
	return (
		refusal.code === 'signed_other_version' &&
		refusal.kept !== undefined &&
		typeof refusal.fields.signature === 'object' &&
		refusal.fields.signature !== null
	);
}

/**
 * "Przywróć podpisaną wersję": the card gets back the values it had when the representative signed it, and then the
 * signature — two steps the server takes in order, now based on the version that replaced them (the user has seen
 * it: it is what the card showed). Answers the card's id, or null when this refusal was already restored. Throws
 * as signing does when the card can no longer be signed (e.g. approved meanwhile).
 */
export async function restoreSignedVersion(
	db: LocalDb,
	ctx: RepoContext,
	refusal: Refusal
): Promise<string | null> {
	if (!canRestoreSigned(refusal)) throw new Error('This refusal keeps no signed version to restore');
	return restoreOnce(db, refusal, async () => {
		await saveDraft(db, ctx, refusal.entityId, refusal.kept!);
		await signConsultation(db, ctx, refusal.entityId, refusal.fields.signature as Signature);
		return refusal.entityId;
	});
}

/** One value "Przywróć podpisaną wersję" replaces: what the card holds now, and what was signed. */
export interface SignedChange {
	field: ConsultationFormField;
	current: unknown;
	signed: unknown;
}

/**
 * What restoring the signed version would replace: each form field where the card as it is now on this phone
 * differs from the version the representative signed (e.g. the start time and the next steps another device
 * changed meanwhile), in form order. Compared as the restore writes them (`saveDraft`: a field the kept version
 * lacks is left alone; lists by value). Empty when the refusal keeps no signed version or nothing differs.
 */
export function restoreSignedChanges(
	current: Partial<ConsultationForm> | undefined,
	refusal: Refusal
): SignedChange[] {
	const kept = refusal.kept;
	if (!current || !kept || !canRestoreSigned(refusal)) return [];
	return CONSULTATION_FORM_FIELDS.flatMap((field) => {
		const signed = kept[field];
		if (signed === undefined || sameValue(current[field], signed)) return [];
		return [{ field, current: current[field], signed }];
	});
}

/**
 * Two values of one field shortened to about `max` characters each, on one line, for "Pole: obecna → podpisana":
 * a long text keeps where the two differ (what they share before and after it is cut to a few words, marked "…"),
 * so a sentence added at the end of a long note is what shows, not the start both have.
 */
export function shortenChange(current: string, signed: string, max = 60): [string, string] {
	const a = oneLine(current);
	const b = oneLine(signed);
	if (a.length <= max && b.length <= max) return [a, b];
	let prefix = 0;
	while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
	let suffix = 0;
	while (
		suffix < a.length - prefix &&
		suffix < b.length - prefix &&
		a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
	) {
		suffix++;
	}
	const context = Math.max(8, Math.floor(max / 3));
	return [
		around(a, prefix, a.length - suffix, context, max),
		around(b, prefix, b.length - suffix, context, max)
	];
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** `text` from a little before `from` to a little after `to` (the differing part), at most about `max` long. */
function around(text: string, from: number, to: number, context: number, max: number): string {
	if (text.length <= max) return text;
	let start = Math.max(0, from - context);
	// Start at a word where one is near, rather than mid-word.
	if (start > 0) {
		const space = text.indexOf(' ', start);
		if (space !== -1 && space < from) start = space + 1;
	}
	let end = Math.min(text.length, Math.max(to, from) + context);
	if (end - start > max) end = start + max;
	// And end after a word, unless that would cut into the differing part.
	if (end < text.length && text[end] !== ' ') {
		const space = text.lastIndexOf(' ', end);
		if (space > Math.max(to, start)) end = space;
	}
	return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/** "Rozumiem, usuń z listy": the user has read it. Only the notice goes; records are not touched. */
export async function dismissRefusal(db: LocalDb, opId: string): Promise<void> {
	await db.refusals.delete(opId);
}

export function findRefusal(db: LocalDb, opId: string): Promise<Refusal | undefined> {
	return db.refusals.get(opId);
}

/** The consultation a refusal is about (an amendment's own record), or null for other entities. */
export function refusedConsultationId(refusal: Refusal): string | null {
	return consultationIdOf(refusal);
}

/**
 * A refused change of a signed card can become an amendment: an edit refused because the card was signed, or a
 * correction refused for its values (made again, fixed). Its form values come prefilled.
 */
export function canBecomeAmendment(refusal: Refusal): boolean {
	const fixable =
		(refusal.entity === 'consultation' && refusal.code === 'record_locked') ||
		(refusal.entity === 'amendment' && (refusal.code === 'invalid' || refusal.code === 'amended_elsewhere'));
	return fixable && Object.keys(amendmentPrefill(refusal)).length > 0;
}

/**
 * The form fields of a refused consultation change, or the corrected values of a refused correction (never status
 * or signature: those are not amendable).
 */
export function amendmentPrefill(refusal: Refusal): Partial<ConsultationForm> {
	return pickFormFields(
		refusal.entity === 'amendment' ? correctedValues(refusal.fields.changes) : refusal.fields
	);
}

/** The reason a refused correction gave, to be given again ('' for other refusals). */
export function amendmentReason(refusal: Refusal): string {
	return refusal.entity === 'amendment' && typeof refusal.fields.reason === 'string'
		? refusal.fields.reason
		: '';
}

/** An amendment's `changes` (field → { before, after }) as the values it set. */
function correctedValues(changes: unknown): Record<string, unknown> {
	if (!changes || typeof changes !== 'object') return {};
	return Object.fromEntries(
		Object.entries(changes as Record<string, unknown>).flatMap(([field, change]) =>
			change && typeof change === 'object' && 'after' in change ? [[field, change.after]] : []
		)
	);
}
