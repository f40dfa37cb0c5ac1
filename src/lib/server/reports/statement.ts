/**
 * The rows of a monthly statement (zestawienie miesięczne) for one centre, optionally one advisor: what the PDF,
 * CSV and XLSX exports print. Counting follows the one hours module exactly: a record counts as
 * `summariseMinutes` counts it (counted statuses, not deleted, a late record by its baseline), and every total
 * here comes from `summariseMinutes`, never from a sum of our own.
 *
 * Rows:
 * - `rows`: what counts in the month, ordered by date and start time. A record with a late change waiting for
 *   approval counts (and is listed) with its baseline facts — date, duration, place kind, topics, status,
 *   organisation as they counted before the month was closed — and `latePending` set.
 * - `awaiting`: late records whose CURRENT facts fall in the month ("awaiting approval"): listed, never counted.
 */
import type { Kysely } from 'kysely';
import { monthLabel } from '$lib/domain/dates';
import type { DB } from '$lib/server/db/schema';
import { byIds } from '$lib/server/db/by-ids';
import type { Identity } from '$lib/domain/roles';
import {
	PLACE_KINDS,
	type ConsultationReview,
	type ConsultationStatus,
	type CountedFacts,
	type LateBaseline,
	type Participant,
	type PlaceKind
} from '$lib/domain/consultation';
import {
	COUNTED_STATUSES,
	isInMonth,
	isValidMonth,
	monthRange,
	NO_TOPIC,
	summariseMinutes,
	type MinutesSummary
} from '$lib/domain/hours';
import { compareTopics, isKnownTopic, topicLabelKey } from '$lib/domain/topics';
import { translate, type Locale, type MessageKey } from '$lib/i18n/translate';
import { ApiError, forbidden, notFound } from '$lib/server/http/api-error';
import { reviewOf } from '$lib/server/sync/records';
import { getQuotas } from '$lib/server/quotas';
import { polishOrder } from '$lib/domain/collation';

export interface StatementQuery {
	/** 'YYYY-MM'. */
	month: string;
	centreId: string;
	/** One advisor's statement; omitted: the whole centre. */
	advisorId?: string | null;
}

export interface StatementOrganisation {
	id: string;
	name: string;
	legalForm: string;
	krs: string | null;
	nip: string | null;
	regon: string | null;
	town: string;
}

export interface StatementRow {
	id: string;
	advisorId: string;
	advisorName: string;
	/** 'YYYY-MM-DD' (Warsaw). */
	date: string;
	/** 'HH:MM', or '' when a late change moved the record and its baseline's times are not known. */
	startTime: string;
	endTime: string;
	durationMin: number;
	placeKind: PlaceKind;
	address: string;
	topics: string[];
	/** Topic labels in the statement's language, in the order of `topics`. */
	topicLabels: string[];
	status: ConsultationStatus;
	organisation: StatementOrganisation | null;
	/** PNG data URL of the representative's signature, or null. */
	signatureImage: string | null;
	signerName: string | null;
	signedAt: string | null;
	receipt: string | null;
	/** Counted with its baseline facts while a late change waits for approval. */
	latePending: boolean;
}

export interface StatementTotals {
	/** summariseMinutes over the statement's records: the dashboard's done minutes. */
	summary: MinutesSummary;
	totalMin: number;
	count: number;
	/** Per advisor with counted minutes, by name. */
	byAdvisor: { advisorId: string; name: string; minutes: number; count: number }[];
	/** Per topic in taxonomy order (NO_TOPIC last); minutes split across a record's topics as summariseMinutes does. */
	byTopic: { topic: string; label: string; minutes: number }[];
	/** The late records' current minutes (not counted). */
	awaitingMin: number;
	awaitingCount: number;
}

export interface Statement {
	month: string;
	/** 'listopad 2026' / 'November 2026'. */
	monthLabel: string;
	locale: Locale;
	centre: { id: string; name: string; town: string };
	advisor: { id: string; name: string } | null;
	project: { name: string; startMonth: string; endMonth: string } | null;
	/** When the centre closed the month, and who; null while it is open (the figures may still change). */
	closure: { closedAt: string; closedByName: string | null } | null;
	/**
	 * Counted records approved after the month was (last) closed — late corrections, visits added late — so two
	 * statements of one closed month that differ say why; null when there are none or the month is open.
	 */
	changedAfterClose: { count: number; lastApprovedAt: string } | null;
	/**
	 * The month's target of mobile advisory for the statement's scope (the centre, or the advisor), as the quotas
	 * screen shows it; null when none is set or the reader (an advisor) does not plan targets.
	 */
	targetMin: number | null;
	rows: StatementRow[];
	awaiting: StatementRow[];
	totals: StatementTotals;
	generatedAt: Date;
}

/** The target the quotas screen shows for the centre or one of its advisors (a coordinator's or admin's view). */
async function targetOf(
	db: Kysely<DB>,
	user: Identity,
	month: string,
	centreId: string,
	advisorId: string | null
): Promise<number | null> {
	if (user.role !== 'admin' && user.role !== 'coordinator') return null;
	const centre = (await getQuotas(db, user, month)).centres.find((c) => c.centreId === centreId);
	if (!centre) return null;
	if (advisorId === null) return centre.targetMin;
	return centre.advisors.find((a) => a.advisorId === advisorId)?.targetMin ?? null;
}

/** The counted records approved after `closedAt` (ISO instants compare as text). */
function approvedSince(
	counted: readonly { record: { review: ConsultationReview } }[],
	closedAt: string
): Statement['changedAfterClose'] {
	const later = counted
		.map(({ record }) => record.review.approvedAt)
		.filter((at): at is string => at !== null && at > closedAt);
	return later.length ? { count: later.length, lastApprovedAt: later.reduce((a, b) => (a > b ? a : b)) } : null;
}

/** The month has nothing counted: the route answers 422 with this message in the user's language. */
export const emptyMonth = () => new ApiError(422, 'empty_month', 'report.emptyMonth');

export function badMonth(): ApiError {
	return new ApiError(400, 'bad_month', 'report.badMonth', {}, { month: 'report.badMonth' });
}

export function topicLabel(topic: string, locale: Locale): string {
	if (topic === NO_TOPIC) return translate(locale, 'report.noTopic');
	return isKnownTopic(topic) ? translate(locale, topicLabelKey(topic)) : topic;
}

/**
 * Who may export which statement: admin any centre; a coordinator their own centres; an advisor only their own
 * statement (advisorId defaults to them) in a centre they work for; NGO representatives nothing.
 * Returns the advisor id the statement is for (null: the whole centre).
 */
export function authoriseStatement(user: Identity, query: StatementQuery): string | null {
	const advisorId = query.advisorId || null;
	switch (user.role) {
		case 'admin':
			return advisorId;
		case 'coordinator':
			if (!user.centreIds.includes(query.centreId)) throw forbidden();
			return advisorId;
		case 'advisor':
			if (advisorId !== null && advisorId !== user.userId) throw forbidden();
			if (!user.centreIds.includes(query.centreId)) throw forbidden();
			return user.userId;
		default:
			throw forbidden();
	}
}

const SELECTED = [
	'c.id',
	'c.advisorId',
	'c.centreId',
	'c.organisationId',
	'c.date',
	'c.startTime',
	'c.endTime',
	'c.durationMin',
	'c.placeKind',
	'c.address',
	'c.topics',
	'c.status',
	'c.signature',
	'c.signedByName',
	'c.signedAt',
	'c.receipt',
	'c.approvedBy',
	'c.approvedAt',
	'c.flagComment',
	'c.flaggedBy',
	'c.flaggedAt',
	'c.lateSince',
	'c.lateBaseline'
] as const;

/** Loads a statement; throws ApiError 400/403/404, or 422 'empty_month' when nothing counts in the month. */
export async function loadStatement(
	db: Kysely<DB>,
	user: Identity,
	query: StatementQuery,
	locale: Locale,
	now = new Date()
): Promise<Statement> {
	// Who may export anything at all comes before reading the request: an NGO account learns nothing from it.
	if (user.role !== 'admin' && user.role !== 'coordinator' && user.role !== 'advisor') throw forbidden();
	if (typeof query.month !== 'string' || !isValidMonth(query.month)) throw badMonth();
	if (!query.centreId) throw new ApiError(400, 'invalid', 'api.invalid', {}, { centreId: 'report.centreRequired' });
	const advisorId = authoriseStatement(user, query);
	const { month } = query;
	const range = monthRange(month);

	const centre = await db
		.selectFrom('centres')
		.select(['id', 'name', 'town'])
		.where('id', '=', query.centreId)
		.executeTakeFirst();
	if (!centre) throw notFound();
	let advisor: { id: string; name: string } | null = null;
	if (advisorId !== null) {
		advisor =
			(await db.selectFrom('users').select(['id', 'name']).where('id', '=', advisorId).executeTakeFirst()) ??
			null;
		if (!advisor) throw notFound();
	}

	// The month's records, plus every late record of the scope: a late record's baseline may lie in this month
	// while its current date does not. Late records are few (only changes to closed months).
	let select = db
		.selectFrom('consultations as c')
		.select(SELECTED)
		.where('c.centreId', '=', centre.id)
		.where('c.deletedAt', 'is', null)
		.where((eb) =>
			eb.or([
				eb.and([eb('c.date', '>=', range.firstDate), eb('c.date', '<=', range.lastDate)]),
				eb('c.lateSince', 'is not', null)
			])
		);
	if (advisorId !== null) select = select.where('c.advisorId', '=', advisorId);
	const records = (await select.execute()).map((row) => {
		const topics = JSON.parse(row.topics) as string[];
		const review: ConsultationReview = reviewOf(row);
		return { row, topics, review };
	});

	const counted: { record: (typeof records)[number]; facts: LateBaseline }[] = [];
	const awaiting: (typeof records)[number][] = [];
	const wanted = new Set<string>(COUNTED_STATUSES);
	const countsInMonth = (facts: CountedFacts) => wanted.has(facts.status) && isInMonth(facts.date, month);
	for (const record of records) {
		const { row, topics, review } = record;
		const current: CountedFacts = {
			date: row.date,
			durationMin: row.durationMin,
			placeKind: row.placeKind,
			topics,
			status: row.status,
			organisationId: row.organisationId
		};
		const late = review.late;
		if (late) {
			if (countsInMonth(current)) awaiting.push(record);
			if (late.baseline && countsInMonth(late.baseline)) counted.push({ record, facts: late.baseline });
		} else if (countsInMonth(current)) counted.push({ record, facts: current });
	}

	// Totals: the one hours module over exactly the records loaded (it applies the same month and late rules).
	const summarised = records.map(({ row, topics, review }) => ({
		date: row.date,
		durationMin: row.durationMin,
		placeKind: row.placeKind,
		topics,
		status: row.status,
		organisationId: row.organisationId,
		advisorId: row.advisorId,
		review: { late: review.late }
	}));
	const summary = summariseMinutes(summarised, { month });
	if (summary.count === 0) throw emptyMonth();

	const organisationIds = new Set<string>();
	const advisorIds = new Set<string>();
	for (const { record, facts } of counted) {
		if (facts.organisationId) organisationIds.add(facts.organisationId);
		advisorIds.add(record.row.advisorId);
	}
	for (const { row } of awaiting) {
		if (row.organisationId) organisationIds.add(row.organisationId);
		advisorIds.add(row.advisorId);
	}
	const [organisations, advisors, project, closure] = await Promise.all([
		loadOrganisations(db, [...organisationIds]),
		loadNames(db, [...advisorIds]),
		db
			.selectFrom('projectPeriods')
			.select(['name', 'startMonth', 'endMonth'])
			.where('id', '=', 'current')
			.executeTakeFirst(),
		db
			.selectFrom('monthClosures')
			.leftJoin('users', 'users.id', 'monthClosures.closedBy')
			.select(['monthClosures.closedAt', 'users.name as closedByName'])
			.where('monthClosures.centreId', '=', centre.id)
			.where('monthClosures.month', '=', month)
			.executeTakeFirst()
	]);

	const toRow = (record: (typeof records)[number], facts: LateBaseline, latePending: boolean): StatementRow => {
		const { row } = record;
		// A baseline has the times it had (older ones none: then the record's own, when the counted date and
		// duration are its own, else none).
		const own = facts.date === row.date && facts.durationMin === row.durationMin;
		const times =
			facts.startTime !== undefined && facts.endTime !== undefined
				? { startTime: facts.startTime, endTime: facts.endTime }
				: own
					? { startTime: row.startTime, endTime: row.endTime }
					: { startTime: '', endTime: '' };
		const topics = [...new Set(facts.topics)].sort(compareTopics);
		return {
			id: row.id,
			advisorId: row.advisorId,
			advisorName: advisors.get(row.advisorId) ?? '',
			date: facts.date,
			...times,
			durationMin: facts.durationMin,
			placeKind: facts.placeKind,
			address: row.address,
			topics,
			topicLabels: topics.map((t) => topicLabel(t, locale)),
			status: facts.status,
			organisation: facts.organisationId ? (organisations.get(facts.organisationId) ?? null) : null,
			signatureImage: row.signature && row.signedByName ? row.signature : null,
			signerName: row.signature ? row.signedByName : null,
			signedAt: row.signature ? row.signedAt : null,
			receipt: row.receipt,
			latePending
		};
	};
	const byDateAndTime = (a: StatementRow, b: StatementRow) =>
		a.date.localeCompare(b.date) ||
		a.startTime.localeCompare(b.startTime) ||
		polishOrder.compare(a.advisorName, b.advisorName) ||
		a.id.localeCompare(b.id);

	const rows = counted.map(({ record, facts }) => toRow(record, facts, record.review.late !== null));
	rows.sort(byDateAndTime);
	const awaitingRows = awaiting.map((record) =>
		toRow(
			record,
			{
				date: record.row.date,
				durationMin: record.row.durationMin,
				placeKind: record.row.placeKind,
				topics: record.topics,
				status: record.row.status,
				organisationId: record.row.organisationId
			},
			true
		)
	);
	awaitingRows.sort(byDateAndTime);

	const byAdvisorRecords = new Map<string, typeof summarised>();
	for (const s of summarised) {
		const list = byAdvisorRecords.get(s.advisorId) ?? [];
		list.push(s);
		byAdvisorRecords.set(s.advisorId, list);
	}
	const byAdvisor = [...byAdvisorRecords]
		.map(([id, list]) => {
			const own = summariseMinutes(list, { month });
			return { advisorId: id, name: advisors.get(id) ?? '', minutes: own.totalMin, count: own.count };
		})
		.filter((a) => a.count > 0)
		.sort((a, b) => polishOrder.compare(a.name, b.name) || a.advisorId.localeCompare(b.advisorId));

	return {
		month,
		monthLabel: monthLabel(month, locale),
		locale,
		centre,
		advisor,
		project: project ?? null,
		closure: closure ?? null,
		changedAfterClose: closure ? approvedSince(counted, closure.closedAt) : null,
		targetMin: await targetOf(db, user, month, centre.id, advisor?.id ?? null),
		rows,
		awaiting: awaitingRows,
		totals: {
			summary,
			totalMin: summary.totalMin,
			count: summary.count,
			byAdvisor,
			byTopic: Object.entries(summary.byTopic).map(([topic, minutes]) => ({
				topic,
				label: topicLabel(topic, locale),
				minutes
			})),
			awaitingMin: summary.awaitingApproval.minutes,
			awaitingCount: summary.awaitingApproval.count
		},
		generatedAt: now
	};
}

async function loadOrganisations(db: Kysely<DB>, ids: string[]): Promise<Map<string, StatementOrganisation>> {
	const rows = await byIds(ids, (chunk) =>
		db
			.selectFrom('organisations')
			.select(['id', 'name', 'legalForm', 'krs', 'nip', 'regon', 'town'])
			.where('id', 'in', chunk)
			.execute()
	);
	return new Map(rows.map((row) => [row.id, row]));
}

async function loadNames(db: Kysely<DB>, ids: string[]): Promise<Map<string, string>> {
	const rows = await byIds(ids, (chunk) =>
		db.selectFrom('users').select(['id', 'name']).where('id', 'in', chunk).execute()
	);
	return new Map(rows.map((row) => [row.id, row.name]));
}

// ---------------------------------------------------------------------------------------------------------------
// One consultation: the karta doradztwa

export interface CardAmendment {
	at: string;
	authorName: string;
	reason: string;
	/** Field → before/after, as stored. */
	changes: Record<string, { before: unknown; after: unknown }>;
}

export interface Card {
	locale: Locale;
	id: string;
	receipt: string | null;
	centre: { id: string; name: string; town: string };
	advisorName: string;
	organisation: (StatementOrganisation & { street: string; postalCode: string }) | null;
	date: string;
	startTime: string;
	endTime: string;
	durationMin: number;
	placeKind: PlaceKind;
	address: string;
	topics: string[];
	topicLabels: string[];
	notes: string;
	participants: Participant[];
	participantCount: number;
	followUps: string;
	status: ConsultationStatus;
	signature: { image: string; signerName: string; signedAt: string } | null;
	amendments: CardAmendment[];
	review: ConsultationReview;
	project: { name: string } | null;
	generatedAt: Date;
}

/** Admin: any; an advisor: their own; a coordinator: their centres' (as sync's canSeeConsultation); else 404. */
export async function loadCard(
	db: Kysely<DB>,
	user: Identity,
	id: string,
	locale: Locale,
	now = new Date()
): Promise<Card> {
	const row = await db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
	const visible =
		row &&
		!row.deletedAt &&
		(user.role === 'admin' ||
			(user.role === 'advisor' && row.advisorId === user.userId) ||
			(user.role === 'coordinator' && user.centreIds.includes(row.centreId)));
	// Not there and not yours look the same: a card's existence is not leaked.
	if (!visible) throw notFound();

	const [centre, advisor, organisation, amendments, project] = await Promise.all([
		db.selectFrom('centres').select(['id', 'name', 'town']).where('id', '=', row.centreId).executeTakeFirstOrThrow(),
		db.selectFrom('users').select('name').where('id', '=', row.advisorId).executeTakeFirst(),
		row.organisationId
			? db
					.selectFrom('organisations')
					.select(['id', 'name', 'legalForm', 'krs', 'nip', 'regon', 'town', 'street', 'postalCode'])
					.where('id', '=', row.organisationId)
					.executeTakeFirst()
			: undefined,
		db
			.selectFrom('consultationAmendments as a')
			.leftJoin('users as u', 'u.id', 'a.authorId')
			.select(['a.createdAt', 'a.reason', 'a.changes', 'u.name as authorName'])
			.where('a.consultationId', '=', row.id)
			.orderBy('a.createdAt')
			.orderBy('a.id')
			.execute(),
		db.selectFrom('projectPeriods').select('name').where('id', '=', 'current').executeTakeFirst()
	]);
	const topics = [...new Set(JSON.parse(row.topics) as string[])].sort(compareTopics);
	return {
		locale,
		id: row.id,
		receipt: row.receipt,
		centre,
		advisorName: advisor?.name ?? '',
		organisation: organisation ?? null,
		date: row.date,
		startTime: row.startTime,
		endTime: row.endTime,
		durationMin: row.durationMin,
		placeKind: row.placeKind,
		address: row.address,
		topics,
		topicLabels: topics.map((t) => topicLabel(t, locale)),
		notes: row.notes,
		participants: JSON.parse(row.participants) as Participant[],
		participantCount: row.participantCount,
		followUps: row.followUps,
		status: row.status,
		signature:
			row.signature && row.signedByName && row.signedAt
				? { image: row.signature, signerName: row.signedByName, signedAt: row.signedAt }
				: null,
		amendments: amendments.map((a) => ({
			at: a.createdAt,
			authorName: a.authorName ?? '',
			reason: a.reason,
			changes: JSON.parse(a.changes) as CardAmendment['changes']
		})),
		review: reviewOf(row),
		project: project ?? null,
		generatedAt: now
	};
}

/** An ASCII slug for file names: 'Słupsk' → 'slupsk', 'Pruszcz Gdański' → 'pruszcz-gdanski'. */
export function fileSlug(text: string): string {
	return text
		.toLowerCase()
		.replace(/ł/g, 'l')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** 'zestawienie-2026-11-slupsk' (+ '-jan-kowalski' for one advisor), without the extension. */
export function statementFileName(statement: Statement): string {
	const parts = [
		translate(statement.locale, 'report.fileStatement'),
		statement.month,
		fileSlug(statement.centre.town)
	];
	if (statement.advisor) parts.push(fileSlug(statement.advisor.name));
	return parts.filter(Boolean).join('-');
}

export function cardFileName(card: Card): string {
	return [translate(card.locale, 'report.fileCard'), card.date, card.receipt ? fileSlug(card.receipt) : card.id.slice(-8)]
		.filter(Boolean)
		.join('-');
}

export const messageKeyOfStatus = (status: ConsultationStatus): MessageKey => `consultationStatus.${status}`;
export const messageKeyOfPlace = (place: PlaceKind): MessageKey => `placeShort.${place}`;

/** One of a statement's summaries: a titled list of minutes, which adds up to the statement's total. */
export interface StatementSummary {
	title: string;
	entries: { label: string; minutes: number }[];
}

/**
 * The summaries under a statement, in order, as the PDF and the XLSX show them: per advisor (when the statement is
 * of all the centre's advisors), per place and per topic.
 */
export function statementSummaries(statement: Statement): StatementSummary[] {
	const t = (key: MessageKey) => translate(statement.locale, key);
	const byAdvisor: StatementSummary[] =
		statement.advisor === null
			? [
					{
						title: t('report.byAdvisor'),
						entries: statement.totals.byAdvisor.map((a) => ({ label: a.name, minutes: a.minutes }))
					}
				]
			: [];
	return [
		...byAdvisor,
		{
			title: t('report.byPlace'),
			entries: PLACE_KINDS.map((kind) => ({
				label: t(messageKeyOfPlace(kind)),
				minutes: statement.totals.summary.byPlaceKind[kind]
			}))
		},
		{ title: t('report.byTopic'), entries: statement.totals.byTopic }
	];
}
