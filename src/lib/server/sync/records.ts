/**
 * Synced records as the device receives them, and who may see which: the one place the server decides what a
 * user's device holds. Push answers and pull pages both go through here, so they can never disagree.
 */
import type { Kysely, Selectable } from 'kysely';
import { createHash } from 'node:crypto';
import type { Identity } from '$lib/domain/roles';
import type {
	ColleagueVisit,
	Consultation,
	ConsultationReview,
	ConsultationStatus,
	CountedFacts,
	LateBaseline
} from '$lib/domain/consultation';
import type {
	FieldConflict,
	SyncConsultation,
	SyncEntity,
	SyncOrganisation,
	SyncRecord
} from '$lib/domain/sync';
import { sameValue } from '$lib/domain/sync';
import type { ConsultationAmendmentsTable, ConsultationsTable, DB, OrganisationsTable } from '../db/schema';
import { byIds } from '../db/by-ids';
import { toAmendment, toConsultation } from '../consultations';
import { canReadOrganisation } from '../permissions';

export function toSyncConsultation(row: Selectable<ConsultationsTable>): SyncConsultation {
	return {
		...toConsultation(row),
		receipt: row.receipt,
		conflicts: JSON.parse(row.conflicts) as FieldConflict[],
		review: reviewOf(row)
	};
}

/** The coordinator's side of a record (issue 5), from its review columns; NO_REVIEW's shape when nothing is set. */
export function reviewOf(
	row: Pick<
		Selectable<ConsultationsTable>,
		'approvedBy' | 'approvedAt' | 'flagComment' | 'flaggedBy' | 'flaggedAt' | 'lateSince' | 'lateBaseline'
	>
): ConsultationReview {
	return {
		late: row.lateSince
			? {
					since: row.lateSince,
					baseline: row.lateBaseline ? (JSON.parse(row.lateBaseline) as LateBaseline) : null
				}
			: null,
		flag:
			row.flagComment !== null && row.flaggedBy && row.flaggedAt
				? { comment: row.flagComment, by: row.flaggedBy, at: row.flaggedAt }
				: null,
		approvedBy: row.approvedBy ?? null,
		approvedAt: row.approvedAt ?? null
	};
}

/** The statuses whose hours count (a draft's do not). */
export const countsHours = (status: ConsultationStatus): boolean => status !== 'draft';

export const COUNTED_FIELDS = [
	'date',
	'durationMin',
	'placeKind',
	'topics',
	'status',
	'organisationId'
] as const satisfies readonly (keyof CountedFacts)[];

/** The given counted fields of a record's facts (an audit entry lists only the fields that changed). */
export const pickFacts = (
	facts: CountedFacts,
	fields: readonly (keyof CountedFacts)[]
): Partial<CountedFacts> =>
	Object.fromEntries(fields.map((field) => [field, facts[field]])) as Partial<CountedFacts>;

/** The counted fields whose values differ between two records' facts. */
export const changedFacts = (before: CountedFacts, after: CountedFacts): (keyof CountedFacts)[] =>
	COUNTED_FIELDS.filter((field) => !sameValue(before[field], after[field]));

/** The facts a month's hours are made of, from a record (shared shape) or a row (topics as JSON text). */
export function countedFactsOf(
	record: Pick<Consultation, keyof CountedFacts> | Pick<Selectable<ConsultationsTable>, keyof CountedFacts>
): CountedFacts {
	return {
		date: record.date,
		durationMin: record.durationMin,
		placeKind: record.placeKind,
		topics: typeof record.topics === 'string' ? (JSON.parse(record.topics) as string[]) : record.topics,
		status: record.status,
		organisationId: record.organisationId
	};
}

export function toSyncAmendment(row: Selectable<ConsultationAmendmentsTable>) {
	return { ...toAmendment(row), receipt: row.receipt };
}

export function toSyncOrganisation(row: Selectable<OrganisationsTable>): SyncOrganisation {
	const { seq: _seq, ...organisation } = row;
	return organisation;
}

/** The columns a colleague's visit is made of (never the notes, participants or signature). */
export const COLLEAGUE_VISIT_COLUMNS = [
	'c.id',
	'c.advisorId',
	'c.centreId',
	'c.organisationId',
	'c.date',
	'c.startTime',
	'c.endTime',
	'c.durationMin',
	'c.placeKind',
	'c.topics',
	'c.followUps',
	'c.status',
	'c.deletedAt',
	'c.seq'
] as const;

/** The row `COLLEAGUE_VISIT_COLUMNS` and the author's name select. */
type ColleagueVisitRow = Pick<
	Selectable<ConsultationsTable>,
	Exclude<keyof ColleagueVisit, 'advisorName'> | 'deletedAt'
> & { advisorName: string };

/** A colleague's visit as an advisor's phone receives it; null when it is none to show (deleted, or a draft). */
export function toColleagueVisit(row: ColleagueVisitRow): ColleagueVisit | null {
	if (row.deletedAt || row.status === 'draft' || row.organisationId === null) return null;
	return {
		id: row.id,
		advisorId: row.advisorId,
		advisorName: row.advisorName,
		centreId: row.centreId,
		organisationId: row.organisationId,
		date: row.date,
		startTime: row.startTime,
		endTime: row.endTime,
		durationMin: row.durationMin,
		placeKind: row.placeKind,
		topics: JSON.parse(row.topics) as string[],
		followUps: row.followUps,
		status: row.status
	};
}

/** Who keeps consultations on their device: an advisor their own, a coordinator their centres'. */
export function canSeeConsultation(user: Identity, row: { advisorId: string; centreId: string }): boolean {
	if (user.role === 'advisor') return row.advisorId === user.userId;
	if (user.role === 'coordinator') return user.centreIds.includes(row.centreId);
	return false;
}

/**
 * A fingerprint of what the user may see. The pull cursor carries it: when a user's role, centres or organisation
 * change, the old cursor no longer matches and the device is sent its whole new slice (records it may no longer
 * see are dropped).
 */
export function scopeKey(user: Identity, options: { visits?: boolean } = {}): string {
	// A client that starts receiving colleagues' visits gets a new scope, so its first pull sends all of them.
	const visits = options.visits ? ['visits'] : [];
	const scope = [user.role, [...user.centreIds].sort().join(','), user.organisationId ?? '', ...visits].join(
		'|'
	);
	return createHash('sha256').update(scope).digest('hex').slice(0, 12);
}

/** The server's current copy of a record as this user may see it; null when missing, deleted or not theirs. */
export async function currentRecord(
	db: Kysely<DB>,
	user: Identity,
	entity: SyncEntity,
	id: string
): Promise<SyncRecord | null> {
	if (entity === 'consultation') {
		const row = await db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
		return visibleConsultation(user, row);
	}
	if (entity === 'amendment') {
		const row = await db
			.selectFrom('consultationAmendments')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row) return null;
		const parent = await db
			.selectFrom('consultations')
			.select(['advisorId', 'centreId', 'deletedAt'])
			.where('id', '=', row.consultationId)
			.executeTakeFirst();
		return visibleAmendment(user, row, parent);
	}
	const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
	return visibleOrganisation(user, row);
}

/** `currentRecord` for many records at once (one query per table): the same answers, in the order asked. */
export async function currentRecords(
	db: Kysely<DB>,
	user: Identity,
	refs: readonly { entity: SyncEntity; id: string }[],
	/** Consultation rows the caller knows to be current (just written whole): not read again. */
	known: ReadonlyMap<string, Selectable<ConsultationsTable>> = new Map()
): Promise<(SyncRecord | null)[]> {
	const idsOf = (entity: SyncEntity) => refs.filter((ref) => ref.entity === entity).map((ref) => ref.id);
	const amendments = new Map(
		(
			await byIds(idsOf('amendment'), (chunk) =>
				db.selectFrom('consultationAmendments').selectAll().where('id', 'in', chunk).execute()
			)
		).map((row) => [row.id, row])
	);
	const consultationIds = [
		...idsOf('consultation'),
		...[...amendments.values()].map((a) => a.consultationId)
	].filter((id) => !known.has(id));
	const consultations = new Map(known);
	for (const row of await byIds(consultationIds, (chunk) =>
		db.selectFrom('consultations').selectAll().where('id', 'in', chunk).execute()
	)) {
		consultations.set(row.id, row);
	}
	const organisations = new Map(
		(
			await byIds(idsOf('organisation'), (chunk) =>
				db.selectFrom('organisations').selectAll().where('id', 'in', chunk).execute()
			)
		).map((row) => [row.id, row])
	);
	return refs.map(({ entity, id }) => {
		if (entity === 'consultation') return visibleConsultation(user, consultations.get(id));
		if (entity === 'amendment') {
			const row = amendments.get(id);
			return row ? visibleAmendment(user, row, consultations.get(row.consultationId)) : null;
		}
		return visibleOrganisation(user, organisations.get(id));
	});
}

function visibleConsultation(
	user: Identity,
	row: Selectable<ConsultationsTable> | undefined
): SyncRecord | null {
	if (!row || row.deletedAt || !canSeeConsultation(user, row)) return null;
	return { entity: 'consultation', record: toSyncConsultation(row) };
}

function visibleAmendment(
	user: Identity,
	row: Selectable<ConsultationAmendmentsTable>,
	parent: { advisorId: string; centreId: string; deletedAt: string | null } | undefined
): SyncRecord | null {
	if (!parent || parent.deletedAt || !canSeeConsultation(user, parent)) return null;
	return { entity: 'amendment', record: toSyncAmendment(row) };
}

function visibleOrganisation(
	user: Identity,
	row: Selectable<OrganisationsTable> | undefined
): SyncRecord | null {
	if (!row || !canReadOrganisation(user, row)) return null;
	return { entity: 'organisation', record: toSyncOrganisation(row) };
}
