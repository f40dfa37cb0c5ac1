/**
 * Consultations on the device: the advisor's drafts, completion, signing and amendments, and the queries the
 * screens read. Every write goes through `localWrite` and records its outbox entry in the same transaction.
 */
import { Dexie } from 'dexie';
import { format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import {
	canBeSigned,
	CONSULTATION_FORM_FIELDS,
	LOCKED_STATUSES,
	statusAfterAmendment,
	type ColleagueVisit,
	type ConsultationForm,
	type ConsultationFormField,
	type ConsultationStatus,
	type Signature
} from '$lib/domain/consultation';
import { TIME_ZONE } from '$lib/domain/dates';
import { sameValue, type MergeTextField } from '$lib/domain/sync';
import { unsendableFormErrors, validateForCompletion } from '$lib/domain/consultation-rules';
import type { FieldErrors } from '$lib/domain/schemas';
import {
	localWrite,
	type LocalAmendment,
	type LocalConsultation,
	type LocalDb,
	type RepoContext
} from './local-db';
import { dropUnsentEntries, hasPendingCreate, recordChange } from './outbox';
import { reindexConsultation } from './month-index';

export { monthFigures } from './month-index';

/** A signed or approved record is evidence: it changes only through `amendConsultation`. */
export class LockedRecordError extends Error {
	override readonly name = 'LockedRecordError';
	constructor(
		readonly consultationId: string,
		readonly status: ConsultationStatus
	) {
		super(`Consultation ${consultationId} is ${status}; amend it instead`);
	}
}

/**
 * The change would make a record the server refuses (a text over its limit, a length that cannot be): nothing is
 * stored, since such a change could never be sent. `fields`: message keys by field, for the form to show.
 */
export class UnsendableChangeError extends Error {
	override readonly name: string = 'UnsendableChangeError';
	constructor(
		readonly consultationId: string,
		readonly fields: FieldErrors
	) {
		super(`Consultation ${consultationId}: ${Object.keys(fields).join(', ')} would be refused`);
	}
}

function checkSendable(record: LocalConsultation): void {
	const fields = unsendableFormErrors(record);
	if (Object.keys(fields).length > 0) throw new UnsendableChangeError(record.id, fields);
}

/**
 * The change would leave a counted card (a completed one: it is in the month's hours) with values its status does
 * not allow — the completion rules: an end before its start, no topic… The server would refuse the whole card and
 * the month would count it as it is, so nothing is stored: the card keeps its last valid values. `fields`: every
 * rule the changed card breaks, as message keys by field. The visit form holds such values back itself
 * (`countedCardErrors`); this is its second line (saveDraft's `keepComplete`).
 */
export class InvalidCountedCardError extends UnsendableChangeError {
	override readonly name: string = 'InvalidCountedCardError';
}

/**
 * A day after the date of any card (records are of 2000–2100): judged by it, the completion rules that depend on
 * the clock (no date after today, no visit still going on today) never apply, as when the server checks a record.
 */
const AFTER_EVERY_CARD = new Date(Date.UTC(9999, 11, 30, 12));

/**
 * What a card whose status counts it (anything past a draft) may not hold: the completion rules of
 * `validateForCompletion`, first error per field. With `now`, judged as completing it then (the form's "Zapisz" and
 * its autosave, by the phone's clock); with null, only the rules that hold on any day: what the record itself must
 * keep, whenever it is checked. Overlaps with other visits only warn: not here.
 */
export function countedCardErrors(form: ConsultationForm, now: Date | null): FieldErrors {
	return validateForCompletion(form, { now: now ?? AFTER_EVERY_CARD, others: [] }).fieldErrors;
}

/**
 * A counted card is refused a change that breaks a completion rule it kept before. A card already breaking one
 * (stored before these checks, or arrived so) still takes changes that add no new problem, fixes first of all.
 */
function checkStillComplete(current: LocalConsultation, next: LocalConsultation): void {
	if (current.status === 'draft') return;
	const before = countedCardErrors(current, null);
	const after = countedCardErrors(next, null);
	if (Object.entries(after).some(([path, key]) => before[path] !== key)) {
		throw new InvalidCountedCardError(next.id, after);
	}
}

export class ConsultationNotFoundError extends Error {
	override readonly name = 'ConsultationNotFoundError';
	constructor(readonly consultationId: string) {
		super(`Consultation ${consultationId} is not on this device`);
	}
}

/** A step the record's status does not allow: signing a draft, amending a draft, deleting a completed record. */
export class StatusTransitionError extends Error {
	override readonly name = 'StatusTransitionError';
	constructor(
		readonly consultationId: string,
		readonly from: ConsultationStatus,
		readonly action: 'complete' | 'sign' | 'amend' | 'delete'
	) {
		super(`Cannot ${action} consultation ${consultationId} in status ${from}`);
	}
}

export class InvalidAmendmentError extends Error {
	override readonly name = 'InvalidAmendmentError';
	constructor(readonly problem: 'reasonRequired' | 'noChanges' | 'notOnServer') {
		super(`Invalid amendment: ${problem}`);
	}
}

export function isLocked(status: ConsultationStatus): boolean {
	return LOCKED_STATUSES.includes(status);
}

/** Today's date in Warsaw, YYYY-MM-DD: the default date of a new visit. */
function warsawDate(instant: Date): string {
	return format(new TZDate(instant, TIME_ZONE), 'yyyy-MM-dd');
}

/**
 * Keeps only form fields (a cast caller cannot smuggle in `status` or `signature`) and copies their values:
 * Svelte 5 `$state` proxies cannot be structured-cloned into IndexedDB, and form values are plain JSON.
 */
function formPatch(form: Partial<ConsultationForm>): Partial<ConsultationForm> {
	const patch: Record<string, unknown> = {};
	for (const field of CONSULTATION_FORM_FIELDS) {
		const value = form[field];
		if (value !== undefined) patch[field] = plain(value);
	}
	return patch as Partial<ConsultationForm>;
}

function plain<T>(value: T): T {
	return value !== null && typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as T) : value;
}

function changedFields(
	current: LocalConsultation,
	patch: Partial<ConsultationForm>
): Partial<ConsultationForm> {
	const changed: Record<string, unknown> = {};
	for (const [field, value] of Object.entries(patch)) {
		if (!sameValue(current[field as ConsultationFormField], value)) changed[field] = value;
	}
	return changed as Partial<ConsultationForm>;
}

function newDraft(ctx: RepoContext, id: string, now: Date): LocalConsultation {
	const stamp = now.toISOString();
	return {
		id,
		advisorId: ctx.userId,
		centreId: ctx.centreId,
		organisationId: null,
		date: warsawDate(now),
		startTime: '',
		endTime: '',
		durationMin: 0,
		placeKind: 'mobile',
		address: '',
		topics: [],
		notes: '',
		participants: [],
		participantCount: 1,
		followUps: '',
		status: 'draft',
		signature: null,
		bookingId: null,
		createdAt: stamp,
		updatedAt: stamp,
		version: 0,
		receipt: null,
		conflicts: []
	};
}

/** The record as the device sends it: version, receipt and conflicts are the server's bookkeeping. */
export function serverFields(record: LocalConsultation): Record<string, unknown> {
	const { version: _version, receipt: _receipt, conflicts: _conflicts, ...fields } = record;
	return fields;
}

async function load(db: LocalDb, id: string): Promise<LocalConsultation> {
	const record = await db.consultations.get(id);
	if (!record) throw new ConsultationNotFoundError(id);
	return record;
}

/** Writes the changed fields and their outbox entry; must run inside `localWrite`. */
async function update(
	db: LocalDb,
	ctx: RepoContext,
	current: LocalConsultation,
	changes: Partial<LocalConsultation>,
	mergeable = true
): Promise<LocalConsultation> {
	const next: LocalConsultation = { ...current, ...changes, updatedAt: ctx.now().toISOString() };
	await db.consultations.put(next);
	await reindexConsultation(db, current, next);
	// A record the server never accepted (its create was refused) is sent whole again, as a new create.
	const unknownToServer = current.version === 0 && !(await hasPendingCreate(db, 'consultation', current.id));
	await recordChange(
		db,
		ctx,
		unknownToServer
			? {
					entity: 'consultation',
					entityId: current.id,
					op: 'create',
					fields: serverFields(next),
					baseVersion: null
				}
			: {
					entity: 'consultation',
					entityId: current.id,
					op: 'update',
					fields: changes,
					baseVersion: current.version,
					mergeable
				}
	);
	return next;
}

/**
 * Creates the draft on the first call, patches it on later ones (a save per keystroke is fine: unchanged values
 * write nothing and unsent updates are compacted). Works on 'completed' too, which stays completed until signed.
 */
export function saveDraft(
	db: LocalDb,
	ctx: RepoContext,
	id: string,
	form: Partial<ConsultationForm>,
	options: {
		/** Set once, when the draft is created: the booking this visit was started from ("start consultation"). */
		bookingId?: string | null;
		/**
		 * A change that would break a completion rule of a counted card (one past a draft) throws
		 * InvalidCountedCardError and stores nothing (see checkStillComplete). The visit form asks for it.
		 */
		keepComplete?: boolean;
	} = {}
): Promise<LocalConsultation> {
	const patch = formPatch(form);
	return localWrite(db, [db.consultations, db.monthIndex], async () => {
		const current = await db.consultations.get(id);
		if (!current) {
			const record: LocalConsultation = {
				...newDraft(ctx, id, ctx.now()),
				...patch,
				bookingId: options.bookingId ?? null
			};
			checkSendable(record);
			await db.consultations.add(record);
			await reindexConsultation(db, undefined, record);
			await recordChange(db, ctx, {
				entity: 'consultation',
				entityId: id,
				op: 'create',
				fields: serverFields(record),
				baseVersion: null
			});
			return record;
		}
		if (isLocked(current.status)) throw new LockedRecordError(id, current.status);
		const changed = changedFields(current, patch);
		if (Object.keys(changed).length === 0) return current;
		const next = { ...current, ...changed };
		checkSendable(next);
		if (options.keepComplete) checkStillComplete(current, next);
		return update(db, ctx, current, changed);
	});
}

/**
 * Sends a visit the server never accepted again, as it now stands on the phone ("Wyślij ponownie" on its refused
 * create): the server holds no copy (version 0), so each later change of it was refused too. Its unsent entries go
 * (what they changed is on the record) and so do the record's refusals: the new create's answer is what counts.
 * Nothing happens while an entry of the record is in flight, or once the server has a version.
 */
export function resendConsultation(db: LocalDb, ctx: RepoContext, id: string): Promise<boolean> {
	return localWrite(db, [db.consultations, db.refusals], async () => {
		const current = await load(db, id);
		if (current.version > 0) return false;
		if (!(await dropUnsentEntries(db, 'consultation', id))) return false;
		await db.refusals.where('[entity+entityId]').equals(['consultation', id]).delete();
		await recordChange(db, ctx, {
			entity: 'consultation',
			entityId: id,
			op: 'create',
			fields: serverFields(current),
			baseVersion: null
		});
		return true;
	});
}

/** draft → completed. The caller validates the form first; completing twice is harmless. */
export function completeConsultation(db: LocalDb, ctx: RepoContext, id: string): Promise<LocalConsultation> {
	return localWrite(db, [db.consultations, db.monthIndex], async () => {
		const current = await load(db, id);
		if (isLocked(current.status)) throw new LockedRecordError(id, current.status);
		if (current.status === 'completed') return current;
		return update(db, ctx, current, { status: 'completed' });
	});
}

/**
 * completed → signed, with the representative's signature. Its own outbox step: what was signed is evidence. A card
 * a coordinator approved before it was signed takes the signature and stays approved (the server does the same).
 */
export function signConsultation(
	db: LocalDb,
	ctx: RepoContext,
	id: string,
	signature: Signature
): Promise<LocalConsultation> {
	return localWrite(db, [db.consultations, db.monthIndex], async () => {
		const current = await load(db, id);
		if (!canBeSigned(current)) {
			if (isLocked(current.status)) throw new LockedRecordError(id, current.status);
			throw new StatusTransitionError(id, current.status, 'sign');
		}
		const changes: Partial<LocalConsultation> =
			current.status === 'approved'
				? { signature: plain(signature) }
				: { status: 'signed', signature: plain(signature) };
		return update(db, ctx, current, changes, false);
	});
}

/**
 * Corrects a signed or approved record: an Amendment (what changed, from what, why) and the new values, in one
 * transaction. Only the amendment goes to the outbox: the server applies its `after` values to the record itself
 * (an edit of a signed record would be refused), so the correction and its reason arrive as one step.
 * The signature stays; an approved card goes back to awaiting approval (`statusAfterAmendment`), as the server
 * does. The history stays readable through `amendmentsOf`.
 */
export function amendConsultation(
	db: LocalDb,
	ctx: RepoContext,
	id: string,
	changes: Partial<ConsultationForm>,
	reason: string
): Promise<{ consultation: LocalConsultation; amendment: LocalAmendment }> {
	const patch = formPatch(changes);
	const why = reason.trim();
	return localWrite(db, [db.consultations, db.amendments, db.monthIndex], async () => {
		const current = await load(db, id);
		if (!isLocked(current.status)) throw new StatusTransitionError(id, current.status, 'amend');
		// A correction is of the card the server holds: one it refused to take (no version, nothing on its way) would
		// be refused as unknown, and sending the card again would carry the corrected values with no trail of them.
		if (current.version === 0 && !(await hasPendingCreate(db, 'consultation', id))) {
			throw new InvalidAmendmentError('notOnServer');
		}
		if (!why) throw new InvalidAmendmentError('reasonRequired');
		const changed = changedFields(current, patch);
		const fields = Object.keys(changed) as ConsultationFormField[];
		if (fields.length === 0) throw new InvalidAmendmentError('noChanges');

		const amendment: LocalAmendment = {
			receipt: null,
			id: ctx.newId(),
			consultationId: id,
			authorId: ctx.userId,
			reason: why,
			changes: Object.fromEntries(
				fields.map((field) => [field, { before: current[field], after: changed[field] }])
			),
			createdAt: ctx.now().toISOString()
		};
		await db.amendments.add(amendment);
		const { receipt: _receipt, ...sent } = amendment;
		await recordChange(db, ctx, {
			entity: 'amendment',
			entityId: amendment.id,
			op: 'create',
			fields: sent,
			baseVersion: null,
			mergeable: false
		});
		const consultation: LocalConsultation = {
			...current,
			...changed,
			status: statusAfterAmendment(current.status, current.signature !== null),
			updatedAt: ctx.now().toISOString()
		};
		await db.consultations.put(consultation);
		await reindexConsultation(db, current, consultation);
		return { consultation, amendment };
	});
}

/** Only drafts can be deleted. A draft the server never heard of leaves no trace in the outbox. */
export function deleteDraft(db: LocalDb, ctx: RepoContext, id: string): Promise<void> {
	return localWrite(db, [db.consultations, db.monthIndex], async () => {
		const current = await db.consultations.get(id);
		if (!current) return;
		if (isLocked(current.status)) throw new LockedRecordError(id, current.status);
		if (current.status !== 'draft') throw new StatusTransitionError(id, current.status, 'delete');
		await db.consultations.delete(id);
		await reindexConsultation(db, current, undefined);
		await recordChange(db, ctx, {
			entity: 'consultation',
			entityId: id,
			op: 'delete',
			fields: {},
			baseVersion: current.version
		});
	});
}

/**
 * Settles a text kept in two versions (`conflicts`): the chosen text is saved and sent with `resolves: [field]`,
 * so the server drops the versions the user saw. Its own outbox step, made against the record's current version.
 * A signed or approved record's text changes only by amendment: there it only confirms the text it already has.
 */
export function resolveConflict(
	db: LocalDb,
	ctx: RepoContext,
	id: string,
	field: MergeTextField,
	value: string
): Promise<LocalConsultation> {
	return localWrite(db, [db.consultations, db.monthIndex], async () => {
		const current = await load(db, id);
		if (isLocked(current.status) && current[field] !== value) throw new LockedRecordError(id, current.status);
		const next: LocalConsultation = {
			...current,
			[field]: value,
			conflicts: current.conflicts.filter((conflict) => conflict.field !== field),
			updatedAt: ctx.now().toISOString()
		};
		await db.consultations.put(next);
		await reindexConsultation(db, current, next);
		await recordChange(db, ctx, {
			entity: 'consultation',
			entityId: id,
			op: 'update',
			fields: { [field]: value },
			baseVersion: current.version,
			mergeable: false,
			resolves: [field]
		});
		return next;
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Queries (read the local copy only)

type Dated = Pick<LocalConsultation, 'date' | 'startTime' | 'id'>;
const byDateAndTime = (a: Dated, b: Dated) =>
	a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id);

export function getConsultation(db: LocalDb, id: string): Promise<LocalConsultation | undefined> {
	return db.consultations.get(id);
}

/** The advisor's unfinished drafts, last touched first. */
export function draftsOf(db: LocalDb, advisorId: string): Promise<LocalConsultation[]> {
	return db.consultations
		.where('status')
		.equals('draft')
		.filter((c) => c.advisorId === advisorId)
		.reverse()
		.sortBy('updatedAt');
}

/** Every record of the advisor in a Warsaw calendar month ('YYYY-MM'), in date and time order. */
export async function consultationsOfMonth(
	db: LocalDb,
	advisorId: string,
	month: string
): Promise<LocalConsultation[]> {
	const rows = await db.consultations
		.where('[advisorId+date]')
		.between([advisorId, `${month}-01`], [advisorId, `${month}-31`], true, true)
		.toArray();
	return rows.sort(byDateAndTime);
}

export async function consultationsOfDate(
	db: LocalDb,
	advisorId: string,
	date: string
): Promise<LocalConsultation[]> {
	const rows = await db.consultations.where('[advisorId+date]').equals([advisorId, date]).toArray();
	return rows.sort(byDateAndTime);
}

/**
 * The advisor's records dated `since` or later that a coordinator flagged for correction, latest flag first. From
 * a date on: the check reads each of those records, and flags are raised while a recent month is reviewed.
 */
export async function flaggedSince(
	db: LocalDb,
	advisorId: string,
	since: string
): Promise<LocalConsultation[]> {
	const flagAt = (c: LocalConsultation) => c.review?.flag?.at ?? '';
	const rows = await db.consultations
		.where('[advisorId+date]')
		.between([advisorId, since], [advisorId, Dexie.maxKey], true, true)
		.filter((c) => flagAt(c) !== '')
		.toArray();
	return rows.sort((a, b) => flagAt(b).localeCompare(flagAt(a)));
}

/** The advisor's latest records by visit date, newest first. */
export function recentConsultations(
	db: LocalDb,
	advisorId: string,
	limit: number
): Promise<LocalConsultation[]> {
	return advisorByDate(db, advisorId).reverse().limit(limit).toArray();
}

export function advisorByDate(db: LocalDb, advisorId: string) {
	return db.consultations
		.where('[advisorId+date]')
		.between([advisorId, Dexie.minKey], [advisorId, Dexie.maxKey], true, true);
}

/** A visit in an organisation's history: the user's own record, or a colleague's (pulled summary, read-only). */
export type OrganisationVisit = LocalConsultation | ColleagueVisit;

export const isColleagueVisit = (visit: OrganisationVisit): visit is ColleagueVisit => 'advisorName' in visit;

/** An organisation's visits on the phone, newest first: the user's records and their colleagues' visits. */
export async function visitsOfOrganisation(
	db: LocalDb,
	organisationId: string
): Promise<OrganisationVisit[]> {
	const own = await db.consultations.where('organisationId').equals(organisationId).toArray();
	const colleagues = await db.colleagueVisits.where('organisationId').equals(organisationId).toArray();
	return [...own, ...colleagues].sort(byDateAndTime).reverse();
}

/** The visits on the phone at each of these organisations (none listed: none there), in no particular order. */
export async function visitsByOrganisation(
	db: LocalDb,
	organisationIds: readonly string[]
): Promise<Map<string, OrganisationVisit[]>> {
	const ids = [...new Set(organisationIds)];
	if (ids.length === 0) return new Map();
	const own = await db.consultations.where('organisationId').anyOf(ids).toArray();
	const colleagues = await db.colleagueVisits.where('organisationId').anyOf(ids).toArray();
	const byOrganisation = new Map<string, OrganisationVisit[]>();
	for (const visit of [...own, ...colleagues]) {
		const list = byOrganisation.get(visit.organisationId!) ?? [];
		list.push(visit);
		byOrganisation.set(visit.organisationId!, list);
	}
	return byOrganisation;
}

/** The correction history of a record, oldest first (ids are UUIDv7, so they break ties in time order). */
export async function amendmentsOf(db: LocalDb, consultationId: string): Promise<LocalAmendment[]> {
	const rows = await db.amendments.where('consultationId').equals(consultationId).toArray();
	return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
