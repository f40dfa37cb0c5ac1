/**
 * The coordinator's dashboard (issue 5) as one pure function: the phone builds it from its local copy (offline),
 * the server from its database (API, exports' totals, benchmark), and both get the same figures to the minute,
 * because every minute sum here is `summariseMinutes` (hours.ts) and every pace is `monthPace` (calendar.ts).
 *
 * What counts toward a target: a quota is a target for one kind of advisory (`QuotaRow.kind`, today only
 * 'mobile': advice at the organisation's premises), so remaining, pace, forecast, warnings and the chart's target
 * line compare the target with the minutes of that place kind (`quotaDoneMin`); `doneMin` is every counted minute.
 *
 * Late records (`review.late`): they count their baseline until approved (see hours.ts); their current minutes
 * are reported as `awaitingApproval` and raise a warning.
 *
 * Every figure can name the list of consultations behind it (`ConsultationsFilter`): rows, topic and area entries,
 * organisation counts and warnings carry one; `consultationsFilter(row, figure)` narrows a row's to one of its
 * figures, and `consultationsSearch(filter)` writes it as the /consultations address query.
 */
import { HOLDING_STATUSES } from './booking';
import type { ConsultationStatus, PlaceKind } from './consultation';
import {
	addMonths,
	isValidDate,
	isValidMonth,
	monthOf,
	monthRange,
	NO_TOPIC,
	summariseMinutes,
	type MinutesSummary,
	type SummarisedConsultation
} from './hours';
import { monthPace } from './calendar';
import { advisorTargetMin, centreTargetMin, type QuotaRow } from './quota';
import { findTopic, topicsOfPlane, type ModelPlane, type TopicId } from './topics';
import { polishOrder } from './collation';

// ---------------------------------------------------------------------------------------------------------------
// Input

/**
 * A consultation as the dashboard reads it: the counted facts, who and where, and the late flag if any. `id` is
 * not read (lists are named by filters); callers may pass their records as they are.
 */
export type DashboardConsultation = SummarisedConsultation & {
	id?: string;
	advisorId: string;
	centreId: string;
};

/** A booking as the dashboard reads it: only confirmed ones dated from today to the month's end are planned. */
export interface DashboardBooking {
	advisorId: string | null;
	centreId: string;
	/** Warsaw date of its start, 'YYYY-MM-DD'. */
	date: string;
	durationMin: number;
	/** BookingStatus; those holding the advisor's time (confirmed, rescheduled) are planned. */
	status: string;
	/** The place kind the visit will have ('premises' → 'mobile'), so planned minutes toward a target are known. */
	placeKind: PlaceKind;
}

export interface DashboardAdvisor {
	id: string;
	name: string;
	centreId: string;
	/** Absent = active. Inactive advisors get a row only when they have figures in the month. */
	active?: boolean;
}

export interface DashboardInput {
	/** The month shown, 'YYYY-MM'; must lie inside the period. */
	month: string;
	/** Today in Warsaw, 'YYYY-MM-DD' (hours.warsawToday): decides past / current / future and the pace. */
	today: string;
	/** The project period, months inclusive. */
	period: { startMonth: string; endMonth: string };
	/** centreId null = the whole network; advisorId narrows to one advisor. */
	scope: { centreId: string | null; advisorId?: string | null };
	/** Consultations of the whole period (and any with a late baseline in it); rows outside the scope are ignored. */
	consultations: readonly DashboardConsultation[];
	bookings: readonly DashboardBooking[];
	/** domain/quota.ts rows; the network target is the row with centreId null and advisorId null. */
	quotas: readonly QuotaRow[];
	centres: readonly { id: string; name: string }[];
	/** One entry per advisor membership (an advisor of two centres appears twice). */
	advisors: readonly DashboardAdvisor[];
	/** For "new in the period": organisations whose createdAt (ISO instant) falls inside the period. */
	organisations: readonly { id: string; createdAt: string }[];
	/** Months closed per centre: a closed month keeps the advisors' targets it was closed with (domain/quota.ts). */
	closedMonths?: readonly { centreId: string; month: string }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Output

/** A model plane ('model-1'…'model-3'), all classic topics together, topics outside the taxonomy, or none. */
export const AREA_KEYS = ['model-1', 'model-2', 'model-3', 'classic', 'other', 'none'] as const;
export type AreaKey = (typeof AREA_KEYS)[number];

/**
 * The list of consultations behind a figure. Statuses: without `status`, the counted ones (completed, signed,
 * approved). A consultation is in the list when the facts it COUNTS with match (for a late record: its baseline),
 * except with `late`, which lists the late records by their current facts.
 */
export interface ConsultationsFilter {
	/** 'YYYY-MM'; with `throughMonth`, the first month of a range. */
	month: string;
	/** Last month of the range, inclusive (figures of the whole period). */
	throughMonth?: string;
	centreId?: string;
	advisorId?: string;
	status?: ConsultationStatus;
	placeKind?: PlaceKind;
	/** A topic id (or hours.NO_TOPIC for records without topics). */
	topic?: string;
	area?: AreaKey;
	/** Only late records awaiting approval. */
	late?: true;
	/** Only consultations of organisations created inside the period. */
	organisationNew?: true;
}

/** Where a month stands against its target. */
export interface Pace {
	/** Working days of the month (weekends and Polish public holidays excluded). */
	workingDays: number;
	/** Working days from today on (today counts); all of them for a future month, 0 for a past one. */
	workingDaysLeft: number;
	/**
	 * Minutes a day needed on the working days left to reach the target (rounded up); null without a target, in a
	 * past month, or when no working day is left.
	 */
	neededPerDayMin: number | null;
	/**
	 * Minutes toward the target expected at the month's end: the current month's pace so far continued over its
	 * remaining working days (calendar.monthPace); a past month's is what was done; a future month's what is done.
	 */
	forecastMin: number;
	/** Current month: the forecast falls short of the target. Past month: it ended short. Future: never. */
	behind: boolean;
}

/** The month's figures of the whole scope, one centre or one advisor. Minutes are whole minutes. */
export interface HoursRow {
	/** The list behind `doneMin`; `consultationsFilter(row, figure)` narrows it to another figure of the row. */
	filter: ConsultationsFilter;
	/** Counted consultations (completed, signed, approved; late ones by their baseline). */
	count: number;
	/** Every counted minute of the month, all place kinds. */
	doneMin: number;
	byStatus: { completed: number; signed: number; approved: number };
	byPlaceKind: Record<PlaceKind, number>;
	/** The minutes that count toward the target: those of the quota's kind (place kind 'mobile'). */
	quotaDoneMin: number;
	/** Late records of the month (by their current facts): how many and their current minutes, not yet counted. */
	awaitingApproval: { count: number; minutes: number };
	/** Confirmed bookings dated from today to the month's end: how many and their minutes (all kinds). */
	plannedCount: number;
	plannedMin: number;
	/** Planned minutes of the quota's kind. */
	plannedQuotaMin: number;
	/** The month's target in minutes (domain/quota.ts rules), or null when none is set. */
	targetMin: number | null;
	/** targetMin − quotaDoneMin, never below 0; null without a target. */
	remainingMin: number | null;
	/** remainingMin not yet covered by planned minutes of the quota's kind; null without a target. */
	unplannedMin: number | null;
	pace: Pace;
	/** Distinct organisations advised in the month. */
	organisationsServed: number;
}

export interface CentreRow extends HoursRow {
	centreId: string;
	/** The centre's name ('' when the input does not know it). */
	name: string;
	/** Active advisors of the centre: the even share of the centre's target is divided among them. */
	advisorCount: number;
}

export interface AdvisorRow extends HoursRow {
	advisorId: string;
	centreId: string;
	/** Null for an advisor the input does not list (e.g. no longer a member) who has figures in the month. */
	name: string | null;
	active: boolean;
}

/** Minutes of one topic; `filter` lists the consultations behind them. */
export interface TopicFigure {
	topic: string;
	minutes: number;
	filter: ConsultationsFilter;
}

/** One Model Współpracy area (a model topic) within its plane. */
export interface ModelAreaFigure extends TopicFigure {
	topic: TopicId;
	/** The area's number within the plane. */
	area: number;
	/** One of the three areas every local government must implement in the project. */
	mandatory: boolean;
}

export interface AreaFigure {
	area: AreaKey;
	/** The plane of a 'model-n' area. */
	plane: ModelPlane | null;
	minutes: number;
	filter: ConsultationsFilter;
	/** A plane's areas, all of them, in taxonomy order (zero minutes included); empty for the other groups. */
	areas: ModelAreaFigure[];
}

export interface TopicBreakdown {
	/** Minutes per topic (a record's minutes split evenly across its topics, hours.ts), taxonomy order, no zeroes. */
	byTopic: TopicFigure[];
	/** The three planes, the classic topics, other topics and none, always all six in AREA_KEYS order. */
	byArea: AreaFigure[];
	/** The same as the scope's doneMin for that time: byTopic and byArea add up to it exactly. */
	totalMin: number;
}

export interface OrganisationCount {
	count: number;
	filter: ConsultationsFilter;
}

export interface ChartPoint {
	month: string;
	/** The scope's target for that month, null when none is set. */
	targetMin: number | null;
	/** Every counted minute; null for months after the current one. */
	doneMin: number | null;
	/** Minutes toward the target (the line to compare with targetMin); null for months after the current one. */
	quotaDoneMin: number | null;
	filter: ConsultationsFilter;
}

export interface PaceWarning {
	/** Current month: the forecast falls short of the target. Past month: it ended short. */
	kind: 'behindPace' | 'targetMissed';
	/** Null: the network as a whole (network scope only). */
	centreId: string | null;
	name: string | null;
	targetMin: number;
	quotaDoneMin: number;
	forecastMin: number;
	neededPerDayMin: number | null;
	/** The target minus the forecast. */
	shortMin: number;
	/** The consultations toward the target (the quota's place kind). */
	filter: ConsultationsFilter;
}

export type DashboardWarning =
	| PaceWarning
	| {
			/** The centre has no target for the month. */
			kind: 'noTarget';
			centreId: string;
			name: string;
			filter: ConsultationsFilter;
	  }
	| {
			/** Late records of the month wait for a coordinator's approval. */
			kind: 'lateWaiting';
			centreId: string;
			name: string;
			count: number;
			minutes: number;
			filter: ConsultationsFilter;
	  };

export type MonthState = 'past' | 'current' | 'future';

export interface Dashboard {
	month: string;
	today: string;
	/** The month against today: past months have no pace (forecast = done); future months have no done figures. */
	monthState: MonthState;
	period: { startMonth: string; endMonth: string };
	scope: { centreId: string | null; advisorId: string | null };
	/** The kind of advisory the targets are for; its place kind is what `quotaDoneMin` counts. */
	quotaKind: QuotaRow['kind'];
	/** The whole scope's month. */
	totals: HoursRow;
	/** One row per centre in the scope, in the input's centre order. */
	centres: CentreRow[];
	/**
	 * One row per advisor in the scope (active ones always, others with figures), by centre, then name (unlisted
	 * advisors last).
	 */
	advisors: AdvisorRow[];
	/** Behind pace / missed target first (largest shortfall first), then late records waiting, then no target. */
	warnings: DashboardWarning[];
	/** Every month of the period, in order. */
	chart: ChartPoint[];
	/** Minutes per topic and per Model Współpracy area: the month and the whole period. */
	topics: { month: TopicBreakdown; period: TopicBreakdown };
	organisations: {
		/** Distinct organisations advised in the month. */
		servedMonth: OrganisationCount;
		/** Distinct organisations advised in the period. */
		servedPeriod: OrganisationCount;
		/** Of those served in the period, the ones created inside the period. */
		newPeriod: OrganisationCount;
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

export type DashboardErrorCode = 'monthInvalid' | 'todayInvalid' | 'periodInvalid' | 'monthOutsidePeriod';

/** Input the dashboard cannot be built for; the API answers 422. */
export class DashboardError extends Error {
	constructor(readonly code: DashboardErrorCode) {
		super(`dashboard: ${code}`);
		this.name = 'DashboardError';
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Filters

/** A figure of a row: all counted minutes, one status, one place kind, the target's kind, or the late ones. */
export type RowFigure =
	'done' | 'completed' | 'signed' | 'approved' | PlaceKind | 'quotaDone' | 'awaitingApproval';

/** The list of consultations behind one figure of a row. */
export function consultationsFilter(
	row: { filter: ConsultationsFilter },
	figure: RowFigure = 'done'
): ConsultationsFilter {
	switch (figure) {
		case 'done':
			return { ...row.filter };
		case 'completed':
		case 'signed':
		case 'approved':
			return { ...row.filter, status: figure };
		case 'quotaDone':
			return { ...row.filter, placeKind: QUOTA_PLACE_KIND.mobile };
		case 'awaitingApproval':
			return { ...row.filter, late: true };
		default:
			return { ...row.filter, placeKind: figure };
	}
}

/**
 * The filter as the /consultations address query: month, through, centre, advisor, status, place, topic, area,
 * late=1, new=1 (only the ones set), e.g. 'month=2026-05&advisor=…&status=signed'.
 */
export function consultationsSearch(filter: ConsultationsFilter): string {
	const params: [string, string | undefined][] = [
		['month', filter.month],
		['through', filter.throughMonth],
		['centre', filter.centreId],
		['advisor', filter.advisorId],
		['status', filter.status],
		['place', filter.placeKind],
		['topic', filter.topic],
		['area', filter.area],
		['late', filter.late ? '1' : undefined],
		['new', filter.organisationNew ? '1' : undefined]
	];
	return params
		.filter((entry): entry is [string, string] => entry[1] !== undefined)
		.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
		.join('&');
}

// ---------------------------------------------------------------------------------------------------------------
// Building

/** The place kind whose minutes count toward a target of each quota kind. */
export const QUOTA_PLACE_KIND: Record<QuotaRow['kind'], PlaceKind> = { mobile: 'mobile' };

/** The network's own target for a month (the row with no centre and no advisor), month rows first. */
export function networkTargetMin(rows: readonly QuotaRow[], month: string): number | null {
	const network = rows.filter((r) => r.centreId === null && r.advisorId === null);
	return (network.find((r) => r.month === month) ?? network.find((r) => r.month === null))?.targetMin ?? null;
}

export function buildDashboard(input: DashboardInput): Dashboard {
	const { month, today, period } = input;
	if (!isValidMonth(month)) throw new DashboardError('monthInvalid');
	if (!isValidDate(today)) throw new DashboardError('todayInvalid');
	if (
		!isValidMonth(period.startMonth) ||
		!isValidMonth(period.endMonth) ||
		period.startMonth > period.endMonth
	) {
		throw new DashboardError('periodInvalid');
	}
	if (month < period.startMonth || month > period.endMonth) throw new DashboardError('monthOutsidePeriod');

	const scopeCentre = input.scope.centreId;
	const scopeAdvisor = input.scope.advisorId ?? null;
	const thisMonth = monthOf(today);
	const monthState: MonthState = month < thisMonth ? 'past' : month > thisMonth ? 'future' : 'current';
	const quotaKind: QuotaRow['kind'] = 'mobile';
	const quotaPlace = QUOTA_PLACE_KIND[quotaKind];
	const inScope = (r: { centreId: string; advisorId: string | null }) =>
		(scopeCentre === null || r.centreId === scopeCentre) &&
		(scopeAdvisor === null || r.advisorId === scopeAdvisor);

	// Consultations of the scope, bucketed by every month they may count in (their date's, and their late
	// baseline's): summariseMinutes with { month } then decides which facts count there.
	const scoped: DashboardConsultation[] = [];
	const byMonth = new Map<string, DashboardConsultation[]>();
	const bucket = (key: string, c: DashboardConsultation) => {
		const list = byMonth.get(key);
		if (list) list.push(c);
		else byMonth.set(key, [c]);
	};
	for (const c of input.consultations) {
		if (!inScope(c)) continue;
		scoped.push(c);
		const own = c.date.slice(0, 7);
		bucket(own, c);
		const baselineDate = c.review?.late?.baseline?.date;
		if (baselineDate !== undefined && baselineDate.slice(0, 7) !== own) bucket(baselineDate.slice(0, 7), c);
	}
	const monthRecords = byMonth.get(month) ?? [];

	// Planned: confirmed bookings from today to the month's end, as facts summariseMinutes can sum.
	const planned: (SummarisedConsultation & { centreId: string; advisorId: string | null })[] = [];
	if (monthState !== 'past') {
		for (const b of input.bookings) {
			if (
				!(HOLDING_STATUSES as readonly string[]).includes(b.status) ||
				!inScope(b) ||
				monthOf(b.date) !== month ||
				b.date < today
			)
				continue;
			planned.push({
				centreId: b.centreId,
				advisorId: b.advisorId,
				date: b.date,
				durationMin: b.durationMin,
				placeKind: b.placeKind,
				topics: [],
				status: 'completed',
				organisationId: null
			});
		}
	}

	// Centres and advisors of the scope.
	const centreNames = new Map(input.centres.map((c) => [c.id, c.name]));
	let centreIds: string[] = scopeCentre !== null ? [scopeCentre] : input.centres.map((c) => c.id);
	for (const c of monthRecords) if (!centreIds.includes(c.centreId)) centreIds.push(c.centreId);
	if (scopeAdvisor !== null && scopeCentre === null) {
		// One advisor across the network: only the centres they belong to or worked for this month.
		const theirs = new Set(monthRecords.map((c) => c.centreId));
		for (const a of input.advisors) if (a.id === scopeAdvisor) theirs.add(a.centreId);
		centreIds = centreIds.filter((id) => theirs.has(id));
	}
	const scopeCentres = new Set(centreIds);

	const activeInCentre = new Map<string, number>();
	for (const a of input.advisors) {
		if (a.active === false) continue;
		activeInCentre.set(a.centreId, (activeInCentre.get(a.centreId) ?? 0) + 1);
	}

	const pairKey = (centreId: string, advisorId: string) => `${centreId}\u0000${advisorId}`;
	const advisorEntries = new Map<
		string,
		{ advisorId: string; centreId: string; name: string | null; active: boolean }
	>();
	for (const a of input.advisors) {
		if (!scopeCentres.has(a.centreId) || (scopeAdvisor !== null && a.id !== scopeAdvisor)) continue;
		advisorEntries.set(pairKey(a.centreId, a.id), {
			advisorId: a.id,
			centreId: a.centreId,
			name: a.name,
			active: a.active !== false
		});
	}

	// Group the month's records and planned bookings by centre and by advisor.
	const recordsByCentre = groupBy(monthRecords, (c) => c.centreId);
	const recordsByAdvisor = groupBy(monthRecords, (c) => pairKey(c.centreId, c.advisorId));
	const plannedByCentre = groupBy(planned, (b) => b.centreId);
	const plannedByAdvisor = groupBy(planned, (b) =>
		b.advisorId === null ? null : pairKey(b.centreId, b.advisorId)
	);
	for (const key of recordsByAdvisor.keys()) {
		if (advisorEntries.has(key)) continue;
		const [centreId, advisorId] = key.split('\u0000') as [string, string];
		advisorEntries.set(key, { advisorId, centreId, name: null, active: false });
	}

	const baseFilter = (centreId: string | null, advisorId: string | null): ConsultationsFilter => ({
		month,
		...(centreId !== null ? { centreId } : {}),
		...(advisorId !== null ? { advisorId } : {})
	});

	const row = (
		records: readonly DashboardConsultation[],
		plannedRows: readonly SummarisedConsultation[],
		targetMin: number | null,
		filter: ConsultationsFilter,
		done = summariseMinutes(records, { month })
	): HoursRow => {
		const plan = summariseMinutes(plannedRows, { month });
		const quotaDoneMin = done.byPlaceKind[quotaPlace];
		const remainingMin = targetMin === null ? null : Math.max(0, targetMin - quotaDoneMin);
		return {
			filter,
			count: done.count,
			doneMin: done.totalMin,
			byStatus: {
				completed: done.byStatus.completed,
				signed: done.byStatus.signed,
				approved: done.byStatus.approved
			},
			byPlaceKind: done.byPlaceKind,
			quotaDoneMin,
			awaitingApproval: done.awaitingApproval,
			plannedCount: plan.count,
			plannedMin: plan.totalMin,
			plannedQuotaMin: plan.byPlaceKind[quotaPlace],
			targetMin,
			remainingMin,
			unplannedMin: remainingMin === null ? null : Math.max(0, remainingMin - plan.byPlaceKind[quotaPlace]),
			pace: paceOf(month, today, monthState, targetMin, quotaDoneMin),
			organisationsServed: done.organisations
		};
	};

	const centreTarget = (centreId: string, m: string) => centreTargetMin(input.quotas, centreId, m);
	const advisorTarget = (advisorId: string, centreId: string, m: string, active = true) =>
		advisorTargetMin(input.quotas, {
			advisorId,
			centreId,
			month: m,
			advisorsInCentre: activeInCentre.get(centreId) ?? 0,
			monthRowsOnly:
				!active || (input.closedMonths?.some((c) => c.centreId === centreId && c.month === m) ?? false)
		});
	const scopeTarget = (m: string): number | null => {
		if (scopeAdvisor !== null) {
			const entry = [...advisorEntries.values()].find((a) => a.advisorId === scopeAdvisor);
			return entry ? advisorTarget(scopeAdvisor, entry.centreId, m) : null;
		}
		if (scopeCentre !== null) return centreTarget(scopeCentre, m);
		const own = networkTargetMin(input.quotas, m);
		if (own !== null) return own;
		// No network row: the centres' targets together, when any centre has one.
		let sum: number | null = null;
		for (const id of centreIds) {
			const target = centreTarget(id, m);
			if (target !== null) sum = (sum ?? 0) + target;
		}
		return sum;
	};

	const monthSummary = summariseMinutes(monthRecords, { month });
	const totals = row(
		monthRecords,
		planned,
		scopeTarget(month),
		baseFilter(scopeCentre, scopeAdvisor),
		monthSummary
	);

	const centres: CentreRow[] = centreIds.map((centreId) => ({
		centreId,
		name: centreNames.get(centreId) ?? '',
		advisorCount: activeInCentre.get(centreId) ?? 0,
		...row(
			recordsByCentre.get(centreId) ?? [],
			plannedByCentre.get(centreId) ?? [],
			scopeAdvisor !== null ? advisorTarget(scopeAdvisor, centreId, month) : centreTarget(centreId, month),
			baseFilter(centreId, scopeAdvisor)
		)
	}));

	const centreOrder = new Map(centreIds.map((id, i) => [id, i]));
	const advisors: AdvisorRow[] = [...advisorEntries.entries()]
		.filter(([key, a]) => a.active || recordsByAdvisor.has(key) || plannedByAdvisor.has(key))
		.map(([key, a]) => ({
			advisorId: a.advisorId,
			centreId: a.centreId,
			name: a.name,
			active: a.active,
			...row(
				recordsByAdvisor.get(key) ?? [],
				plannedByAdvisor.get(key) ?? [],
				advisorTarget(a.advisorId, a.centreId, month, a.active),
				baseFilter(a.centreId, a.advisorId)
			)
		}))
		.sort(
			(a, b) =>
				centreOrder.get(a.centreId)! - centreOrder.get(b.centreId)! ||
				Number(a.name === null) - Number(b.name === null) ||
				polishOrder.compare(a.name ?? '', b.name ?? '') ||
				(a.advisorId < b.advisorId ? -1 : a.advisorId > b.advisorId ? 1 : 0)
		);

	// Warnings.
	const paceWarnings: PaceWarning[] = [];
	const lateWarnings: DashboardWarning[] = [];
	const targetWarnings: DashboardWarning[] = [];
	const paceWarning = (r: HoursRow, centreId: string | null, name: string | null) => {
		if (monthState === 'future' || r.targetMin === null || !r.pace.behind) return;
		paceWarnings.push({
			kind: monthState === 'past' ? 'targetMissed' : 'behindPace',
			centreId,
			name,
			targetMin: r.targetMin,
			quotaDoneMin: r.quotaDoneMin,
			forecastMin: r.pace.forecastMin,
			neededPerDayMin: r.pace.neededPerDayMin,
			shortMin: r.targetMin - r.pace.forecastMin,
			filter: consultationsFilter(r, 'quotaDone')
		});
	};
	if (scopeCentre === null && scopeAdvisor === null) paceWarning(totals, null, null);
	for (const c of centres) {
		paceWarning(c, c.centreId, c.name);
		if (c.awaitingApproval.count > 0) {
			lateWarnings.push({
				kind: 'lateWaiting',
				centreId: c.centreId,
				name: c.name,
				count: c.awaitingApproval.count,
				minutes: c.awaitingApproval.minutes,
				filter: consultationsFilter(c, 'awaitingApproval')
			});
		}
		if (c.targetMin === null) {
			targetWarnings.push({ kind: 'noTarget', centreId: c.centreId, name: c.name, filter: c.filter });
		}
	}
	paceWarnings.sort((a, b) => b.shortMin - a.shortMin);

	// The chart: every month of the period.
	const chart: ChartPoint[] = [];
	for (let m = period.startMonth; m <= period.endMonth; m = addMonths(m, 1)) {
		const future = m > thisMonth;
		const s = future ? null : summariseMinutes(byMonth.get(m) ?? [], { month: m });
		chart.push({
			month: m,
			targetMin: scopeTarget(m),
			doneMin: s ? s.totalMin : null,
			quotaDoneMin: s ? s.byPlaceKind[quotaPlace] : null,
			filter: { ...baseFilter(scopeCentre, scopeAdvisor), month: m }
		});
	}

	// The whole period: topics, organisations served and new ones.
	const months = { from: period.startMonth, to: period.endMonth };
	const periodSummary = summariseMinutes(scoped, { months });
	const periodFilter: ConsultationsFilter = {
		...baseFilter(scopeCentre, scopeAdvisor),
		month: period.startMonth,
		throughMonth: period.endMonth
	};
	const periodStart = monthRange(period.startMonth).start.getTime();
	const periodEnd = monthRange(period.endMonth).end.getTime();
	const newIds = new Set<string>();
	for (const o of input.organisations) {
		const created = Date.parse(o.createdAt);
		if (created >= periodStart && created < periodEnd) newIds.add(o.id);
	}
	// Only records that may count for a new organisation (by their own or their baseline's) are summed again.
	const ofNew = scoped.filter(
		(c) =>
			(c.organisationId !== null && newIds.has(c.organisationId)) ||
			(c.review?.late?.baseline?.organisationId != null && newIds.has(c.review.late.baseline.organisationId))
	);
	const newServed = summariseMinutes(ofNew, { months, organisationIds: newIds }).organisations;

	return {
		month,
		today,
		monthState,
		period: { startMonth: period.startMonth, endMonth: period.endMonth },
		scope: { centreId: scopeCentre, advisorId: scopeAdvisor },
		quotaKind,
		totals,
		centres,
		advisors,
		warnings: [...paceWarnings, ...lateWarnings, ...targetWarnings],
		chart,
		topics: {
			month: topicBreakdown(monthSummary, totals.filter),
			period: topicBreakdown(periodSummary, periodFilter)
		},
		organisations: {
			servedMonth: { count: monthSummary.organisations, filter: totals.filter },
			servedPeriod: { count: periodSummary.organisations, filter: periodFilter },
			newPeriod: { count: newServed, filter: { ...periodFilter, organisationNew: true } }
		}
	};
}

function paceOf(
	month: string,
	today: string,
	state: MonthState,
	targetMin: number | null,
	quotaDoneMin: number
): Pace {
	const p = monthPace({ month, today, targetMin: targetMin ?? 0, doneMin: quotaDoneMin });
	if (state === 'past') {
		return {
			workingDays: p.workingDays,
			workingDaysLeft: 0,
			neededPerDayMin: null,
			forecastMin: quotaDoneMin,
			behind: targetMin !== null && quotaDoneMin < targetMin
		};
	}
	return {
		workingDays: p.workingDays,
		workingDaysLeft: p.remainingWorkingDays,
		neededPerDayMin: targetMin === null ? null : p.neededPerDayMin,
		forecastMin: p.forecastMin,
		behind: state === 'current' && targetMin !== null && p.behind
	};
}

/** Where a topic id goes in byArea. */
export function areaOfTopic(topic: string): AreaKey {
	if (topic === NO_TOPIC) return 'none';
	const known = findTopic(topic);
	if (!known) return 'other';
	return known.group === 'model' ? (`model-${known.plane}` as AreaKey) : 'classic';
}

function topicBreakdown(summary: MinutesSummary, base: ConsultationsFilter): TopicBreakdown {
	const byTopic: TopicFigure[] = Object.entries(summary.byTopic)
		.filter(([, minutes]) => minutes > 0)
		.map(([topic, minutes]) => ({ topic, minutes, filter: { ...base, topic } }));
	const byArea: AreaFigure[] = AREA_KEYS.map((area) => {
		const plane = area.startsWith('model-') ? (Number(area.slice(6)) as ModelPlane) : null;
		return {
			area,
			plane,
			minutes: 0,
			filter: { ...base, area },
			areas:
				plane === null
					? []
					: topicsOfPlane(plane).map((t) => ({
							topic: t.id,
							area: t.area!,
							mandatory: t.mandatory === true,
							minutes: summary.byTopic[t.id] ?? 0,
							filter: { ...base, topic: t.id }
						}))
		};
	});
	const index = new Map(byArea.map((a) => [a.area, a]));
	for (const [topic, minutes] of Object.entries(summary.byTopic))
		index.get(areaOfTopic(topic))!.minutes += minutes;
	return { byTopic, byArea, totalMin: summary.totalMin };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		if (k === null) continue;
		const list = groups.get(k);
		if (list) list.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}
