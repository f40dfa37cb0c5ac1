/**
 * The coordinator's review list: their centres' consultations as this device holds them (the sync pull brings
 * exactly those), one month at a time, so the screen works with no signal.
 *
 * A month is read through the month index (month-index.ts): its day rows name the month's consultations and their
 * status, so only the records shown are loaded — never the whole table with its signature images.
 */
import type {
	ConsultationReview,
	ConsultationStatus,
	CountedFacts,
	PlaceKind
} from '$lib/domain/consultation';
import { areaOfTopic } from '$lib/domain/dashboard';
import {
	addMonths,
	COUNTED_STATUSES,
	findOverlaps,
	monthRange,
	NO_TOPIC,
	summariseMinutes,
	type SummarisedConsultation
} from '$lib/domain/hours';
import { fold } from '$lib/domain/organisation-search';
import type { LocalAmendment, LocalCentre, LocalConsultation, LocalDb, LocalOrganisation } from './local-db';
import type { MonthIndexRow } from './month-index';
import { ADVISOR_NAMES, type AdvisorName } from './slice';
import { polishOrder } from '$lib/domain/collation';

export interface ReviewFilter {
	/** 'YYYY-MM' (Warsaw calendar). */
	month: string;
	/** One advisor, or all when empty. */
	advisorId?: string | null;
	/** One status, or all when empty. */
	status?: ConsultationStatus | null;
	/** Part of the organisation's name; case and Polish diacritics are ignored. */
	search?: string;
	/** With a month: the last month of a range, inclusive (the dashboard's figures of the whole period). */
	throughMonth?: string | null;
	/** One centre (a coordinator of several), or all when empty. */
	centreId?: string | null;
	/** One organisation by id, or all when empty. */
	organisationId?: string | null;
	/** One place kind. */
	placeKind?: PlaceKind | null;
	/** Records with this topic id among their topics (hours.NO_TOPIC: records without topics). */
	topic?: string | null;
	/** Records with a topic in this reporting area (domain/dashboard.ts areaOfTopic: 'model-1', 'classic', …). */
	area?: string | null;
	/** Only records waiting for approval after reaching a closed month ("spóźnione"), by their current facts. */
	late?: boolean;
	/** Only records a coordinator flagged with a comment. */
	flagged?: boolean;
	/**
	 * The dashboard's lists: only what counts (no drafts), each record by the facts it counts with — a late
	 * record by its baseline (none: not listed) — so the list adds up to the figure it was opened from.
	 */
	counted?: boolean;
	/** Only organisations created in [from, to) (ISO instants): "new in the project period". */
	organisationCreated?: { from: string; to: string } | null;
}

/** One line of the list: the record's facts and the names the screen shows beside them. */
export interface ReviewRow {
	id: string;
	date: string;
	startTime: string;
	endTime: string;
	durationMin: number;
	placeKind: PlaceKind;
	topics: string[];
	status: ConsultationStatus;
	receipt: string | null;
	advisorId: string;
	/** Null when the advisor is not in the device's list (the slice has not arrived yet). */
	advisorName: string | null;
	organisationId: string | null;
	/** Null when no organisation is chosen (a draft) or its record is not on the device. */
	organisationName: string | null;
	centreId: string;
	/** When the organisation's record was created (null when not on the device). */
	organisationCreatedAt: string | null;
	/** The coordinator's side (server-owned); NO_REVIEW-like nulls for a record the server has not answered yet. */
	late: ConsultationReview['late'];
	flag: ConsultationReview['flag'];
	/** Its hours overlap another counted visit of the same advisor that day: the same time would count twice. */
	overlaps: boolean;
}

export interface ReviewDay {
	date: string;
	rows: ReviewRow[];
}

/** The centres on this device, in Polish alphabetical order (for choosing one). */
export async function centreDirectory(db: LocalDb): Promise<LocalCentre[]> {
	return (await db.centres.toArray()).sort((a, b) => polishOrder.compare(a.name, b.name));
}

/** Every advisor of the coordinator's centres, once each, in Polish alphabetical order. */
export async function advisorDirectory(db: LocalDb): Promise<AdvisorName[]> {
	const stored = (await db.meta.get(ADVISOR_NAMES))?.value as Record<string, AdvisorName[]> | undefined;
	const byId = new Map<string, AdvisorName>();
	for (const advisors of Object.values(stored ?? {})) {
		for (const advisor of advisors) byId.set(advisor.id, { id: advisor.id, name: advisor.name });
	}
	return [...byId.values()].sort((a, b) => polishOrder.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** The month's day rows, of one advisor (a range on the index) or of all (keys first, then only those days). */
async function monthRows(db: LocalDb, month: string, advisorId: string | null): Promise<MonthIndexRow[]> {
	const { firstDate, lastDate } = monthRange(month);
	if (advisorId) {
		return db.monthIndex
			.where('[advisorId+date]')
			.between([advisorId, firstDate], [advisorId, lastDate], true, true)
			.toArray();
	}
	const keys = (await db.monthIndex.toCollection().primaryKeys()).filter(
		([, date]) => date >= firstDate && date <= lastDate
	);
	const rows = await db.monthIndex.bulkGet(keys);
	return rows.filter((row): row is MonthIndexRow => row !== undefined);
}

/** Newest first: later dates, then later start times; a draft without a time goes last in its day. */
export function compareNewestFirst(
	a: Pick<ReviewRow, 'date' | 'startTime' | 'id'>,
	b: Pick<ReviewRow, 'date' | 'startTime' | 'id'>
): number {
	return b.date.localeCompare(a.date) || b.startTime.localeCompare(a.startTime) || a.id.localeCompare(b.id);
}

/** The facts a row is listed by: its own, or with `counted` a late record's baseline (null: it counts nothing). */
function listedFacts(row: ReviewRow, filter: Omit<ReviewFilter, 'month'>): CountedFacts | null {
	if (!filter.counted || filter.late || !row.late) return row;
	return row.late.baseline;
}

/** Whether a row passes the filter (months aside): the list narrows the month's rows in memory with it. */
export function matchesReview(row: ReviewRow, filter: Omit<ReviewFilter, 'month'>): boolean {
	const facts = listedFacts(row, filter);
	if (!facts) return false;
	if (filter.counted && !COUNTED_STATUSES.includes(facts.status)) return false;
	if (filter.status && facts.status !== filter.status) return false;
	if (filter.advisorId && row.advisorId !== filter.advisorId) return false;
	if (filter.centreId && row.centreId !== filter.centreId) return false;
	if (filter.organisationId && facts.organisationId !== filter.organisationId) return false;
	if (filter.placeKind && facts.placeKind !== filter.placeKind) return false;
	if (filter.topic) {
		const none = filter.topic === NO_TOPIC && facts.topics.length === 0;
		if (!none && !facts.topics.includes(filter.topic)) return false;
	}
	if (filter.area) {
		const areas: string[] = facts.topics.length === 0 ? ['none'] : facts.topics.map(areaOfTopic);
		if (!areas.includes(filter.area)) return false;
	}
	if (filter.late && !row.late) return false;
	if (filter.flagged && !row.flag) return false;
	if (filter.organisationCreated) {
		const created = row.organisationCreatedAt;
		const { from, to } = filter.organisationCreated;
		if (!created || Date.parse(created) < Date.parse(from) || Date.parse(created) >= Date.parse(to)) {
			return false;
		}
	}
	const search = fold(filter.search ?? '');
	return !search || fold(row.organisationName ?? '').includes(search);
}

/** The months of a filter: one, or month … throughMonth (at most 36, a project period). */
function monthsOf(filter: ReviewFilter): string[] {
	const months = [filter.month];
	const last = filter.throughMonth ?? filter.month;
	while (months.length < 36 && months.at(-1)! < last) months.push(addMonths(months.at(-1)!, 1));
	return months;
}

/** The month's consultations that pass the filter, newest first. */
export async function reviewMonth(db: LocalDb, filter: ReviewFilter): Promise<ReviewRow[]> {
	const rows = (
		await Promise.all(monthsOf(filter).map((month) => monthRows(db, month, filter.advisorId || null)))
	).flat();
	const ids = rows.flatMap((row) =>
		Object.entries(row.entries)
			// A late record may be listed by its baseline's status, so only an unreviewed status narrows here.
			.filter(([, entry]) => !filter.status || filter.counted || entry[1] === filter.status)
			.map(([id]) => id)
	);
	const records = (await db.consultations.bulkGet(ids)).filter(
		(record): record is LocalConsultation => record !== undefined
	);
	const organisationIds = [...new Set(records.flatMap((r) => (r.organisationId ? [r.organisationId] : [])))];
	const organisations = new Map(
		(await db.organisations.bulkGet(organisationIds))
			.filter((o): o is LocalOrganisation => o !== undefined)
			.map((o) => [o.id, o])
	);
	const advisors = new Map((await advisorDirectory(db)).map((a) => [a.id, a.name]));
	const overlapping = await overlappingVisits(db, rows, records);

	const list: ReviewRow[] = [];
	for (const record of records) {
		const row: ReviewRow = {
			id: record.id,
			date: record.date,
			startTime: record.startTime,
			endTime: record.endTime,
			durationMin: record.durationMin,
			placeKind: record.placeKind,
			topics: record.topics,
			status: record.status,
			receipt: record.receipt ?? null,
			advisorId: record.advisorId,
			advisorName: advisors.get(record.advisorId) ?? null,
			organisationId: record.organisationId,
			organisationName: record.organisationId
				? (organisations.get(record.organisationId)?.name ?? null)
				: null,
			centreId: record.centreId,
			organisationCreatedAt: record.organisationId
				? (organisations.get(record.organisationId)?.createdAt ?? null)
				: null,
			late: record.review?.late ?? null,
			flag: record.review?.flag ?? null,
			overlaps: overlapping.has(record.id)
		};
		// The index may lag a record that just moved to another day or status; the record itself decides.
		if (matchesReview(row, filter)) list.push(row);
	}
	return list.sort(compareNewestFirst);
}

/**
 * The counted visits that overlap another counted visit of the same advisor and day, whatever the list's filters:
 * only days with two counted entries or more are read (most days have one), `known` saving reads of records at hand.
 */
async function overlappingVisits(
	db: LocalDb,
	days: readonly MonthIndexRow[],
	known: readonly LocalConsultation[]
): Promise<Set<string>> {
	const countedIds = (day: MonthIndexRow) =>
		Object.entries(day.entries)
			.filter(([, entry]) => COUNTED_STATUSES.includes(entry[1]))
			.map(([id]) => id);
	const crowded = days.map(countedIds).filter((ids) => ids.length > 1);
	if (crowded.length === 0) return new Set();
	const held = new Map(known.map((record) => [record.id, record]));
	const missing = crowded.flat().filter((id) => !held.has(id));
	for (const record of await db.consultations.bulkGet(missing)) if (record) held.set(record.id, record);
	const found = new Set<string>();
	for (const ids of crowded) {
		const visits = ids.flatMap((id) => {
			const record = held.get(id);
			return record && COUNTED_STATUSES.includes(record.status) ? [record] : [];
		});
		for (const visit of visits) if (findOverlaps(visit, visits).length > 0) found.add(visit.id);
	}
	return found;
}

/** A row as the sums read it (hours.ts summariseMinutes): a late record with its baseline, which counts for now. */
export function summarisedRow(row: ReviewRow): SummarisedConsultation {
	return { ...row, review: { late: row.late } };
}

/** What a row adds to the list's total (the same rule as the total: summariseMinutes over summarisedRow). */
export interface RowHours {
	/** Minutes the month counts now; null when it counts nothing (a draft, a late record whose baseline did not). */
	countedMin: number | null;
	/** A late record: the minutes it will count once approved (null when not late, or its change counts nothing). */
	pendingMin: number | null;
}

/** The row's counted and pending minutes, so the rows' counted figures add up to the list's total. */
export function rowHours(row: ReviewRow): RowHours {
	const sum = summariseMinutes([summarisedRow(row)]);
	return {
		countedMin: sum.count > 0 ? sum.totalMin : null,
		pendingMin: row.late && sum.awaitingApproval.count > 0 ? sum.awaitingApproval.minutes : null
	};
}

/**
 * Whether a row may be approved with the others ("approve selected"): completed or signed, or approved and late
 * since. A flagged record is left out — the server refuses it in a batch; it is approved on its own card.
 */
export function bulkApprovable(row: Pick<ReviewRow, 'status' | 'late' | 'flag'>): boolean {
	if (row.status === 'draft' || row.flag) return false;
	return row.status !== 'approved' || row.late !== null;
}

/** Consecutive rows of one date under one heading; keeps the rows' order. */
export function groupByDate(rows: readonly ReviewRow[]): ReviewDay[] {
	const days: ReviewDay[] = [];
	for (const row of rows) {
		const last = days.at(-1);
		if (last?.date === row.date) last.rows.push(row);
		else days.push({ date: row.date, rows: [row] });
	}
	return days;
}

export interface ReviewDetail {
	consultation: LocalConsultation;
	organisation: LocalOrganisation | null;
	advisorName: string | null;
	/** Oldest first, each with its author's name when known. */
	amendments: (LocalAmendment & { authorName: string | null })[];
}

/** Everything the read-only card shows, or undefined when the record is not on this device. */
export async function reviewDetail(db: LocalDb, id: string): Promise<ReviewDetail | undefined> {
	const consultation = await db.consultations.get(id);
	if (!consultation) return undefined;
	const [organisation, amendments, advisors] = await Promise.all([
		consultation.organisationId ? db.organisations.get(consultation.organisationId) : undefined,
		db.amendments.where('consultationId').equals(id).toArray(),
		advisorDirectory(db)
	]);
	const names = new Map(advisors.map((a) => [a.id, a.name]));
	return {
		consultation,
		organisation: organisation ?? null,
		advisorName: names.get(consultation.advisorId) ?? null,
		amendments: amendments
			.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
			.map((amendment) => ({ ...amendment, authorName: names.get(amendment.authorId) ?? null }))
	};
}
