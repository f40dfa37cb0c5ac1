/**
 * What the coordinator's dashboard reads from the device: the centre's consultations of the project period (from
 * the month index — never the records with their signature images), the slice's reference data (quotas, advisors,
 * centres, project period, closed months), the organisations served and the bookings, shaped as the input of the
 * one dashboard function (domain/dashboard.ts buildDashboard). Offline it is the same data, so the same figures.
 */
import { HOLDING_STATUSES, PLACE_KIND_OF_FORMAT, type BookingFormat } from '$lib/domain/booking';
import type { ProjectPeriod } from '$lib/domain/coordination';
import {
	buildDashboard,
	DashboardError,
	type Dashboard,
	type DashboardBooking,
	type DashboardConsultation,
	type DashboardInput
} from '$lib/domain/dashboard';
import { isValidMonth } from '$lib/domain/hours';
import type { QuotaRow } from '$lib/domain/quota';
import type { LocalDb, LocalOrganisation } from './local-db';
import type { MonthIndexRow } from './month-index';
import {
	ADVISOR_NAMES,
	CLOSED_MONTHS,
	PROJECT_PERIOD,
	QUOTAS,
	type AdvisorName,
	type ClosedMonth
} from './slice';

/** The project period as the slice brought it; null before the first slice from a server that sends it. */
export async function projectPeriodOnDevice(db: LocalDb): Promise<ProjectPeriod | null> {
	const value = (await db.meta.get(PROJECT_PERIOD))?.value as ProjectPeriod | null | undefined;
	return value && isValidMonth(value.startMonth) && isValidMonth(value.endMonth) ? value : null;
}

/** The months closed for the user's centres, as of the last slice. */
export async function closedMonthsOnDevice(db: LocalDb): Promise<ClosedMonth[]> {
	const value = (await db.meta.get(CLOSED_MONTHS))?.value as ClosedMonth[] | undefined;
	return Array.isArray(value) ? value : [];
}

export function isClosed(closed: readonly ClosedMonth[], centreId: string, month: string): boolean {
	return closed.some((c) => c.centreId === centreId && c.month === month);
}

async function quotasOnDevice(db: LocalDb): Promise<QuotaRow[]> {
	return ((await db.meta.get(QUOTAS))?.value as QuotaRow[] | undefined) ?? [];
}

async function advisorsByCentre(db: LocalDb): Promise<Record<string, AdvisorName[]>> {
	return ((await db.meta.get(ADVISOR_NAMES))?.value as Record<string, AdvisorName[]> | undefined) ?? {};
}

/**
 * The bookings the dashboard plans with: those holding the advisor's time, confirmed or rescheduled (issue 6 keeps
 * them in the `bookings` table); none on a device whose database has no such table, so the dashboard works the same
 * with or without bookings.
 */
export async function bookingsForDashboard(db: LocalDb): Promise<DashboardBooking[]> {
	const table = db.tables.find((t) => t.name === 'bookings') ? db.bookings : null;
	if (!table) return [];
	const rows = await table.where('status').anyOf(HOLDING_STATUSES).toArray();
	return rows.flatMap((b) =>
		b.date && b.lengthMin !== null && !b.pending
			? [
					{
						advisorId: b.advisorId,
						centreId: b.centreId,
						date: b.date,
						durationMin: b.lengthMin,
						status: b.status,
						placeKind: PLACE_KIND_OF_FORMAT[b.format as BookingFormat] ?? 'mobile'
					}
				]
			: []
	);
}

/** Every consultation of the period as the month index holds it (one small row per advisor and day). */
async function periodConsultations(
	db: LocalDb,
	period: Pick<ProjectPeriod, 'startMonth' | 'endMonth'>,
	centreOfAdvisor: ReadonlyMap<string, string>
): Promise<DashboardConsultation[]> {
	const first = `${period.startMonth}-01`;
	const last = `${period.endMonth}-31`;
	const keys = (await db.monthIndex.toCollection().primaryKeys()).filter(
		([, date]) => date >= first && date <= last
	);
	const rows = (await db.monthIndex.bulkGet(keys)).filter((r): r is MonthIndexRow => r !== undefined);
	const list: DashboardConsultation[] = [];
	for (const row of rows) {
		for (const [id, entry] of Object.entries(row.entries)) {
			const [date, status, placeKind, durationMin, organisationId, topics, centreId, late] = entry;
			list.push({
				id,
				advisorId: row.advisorId,
				centreId: centreId ?? centreOfAdvisor.get(row.advisorId) ?? '',
				date,
				status,
				placeKind,
				durationMin,
				organisationId,
				topics,
				review: { late: late ?? null }
			});
		}
	}
	return list;
}

export interface DeviceDashboardRequest {
	month: string;
	/** Warsaw today, 'YYYY-MM-DD'. */
	today: string;
	/** The coordinator's centres; the dashboard never shows another's. */
	centreIds: readonly string[];
	/** One of them, or null for all of them together. */
	centreId: string | null;
	advisorId?: string | null;
}

export type DeviceDashboard =
	| { kind: 'ready'; dashboard: Dashboard; period: ProjectPeriod }
	| { kind: 'noPeriod' }
	| { kind: 'outsidePeriod'; period: ProjectPeriod };

/** The input of buildDashboard from the device's copy (exported for tests and the benchmark). */
export async function deviceDashboardInput(
	db: LocalDb,
	request: DeviceDashboardRequest,
	period: ProjectPeriod
): Promise<DashboardInput> {
	const own = new Set(request.centreIds);
	const [names, quotas, centreRows, bookings, closedMonths] = await Promise.all([
		advisorsByCentre(db),
		quotasOnDevice(db),
		db.centres.toArray(),
		bookingsForDashboard(db),
		closedMonthsOnDevice(db)
	]);
	const advisors = Object.entries(names).flatMap(([centreId, list]) =>
		own.has(centreId) ? list.map((a) => ({ id: a.id, name: a.name, centreId })) : []
	);
	const centreOfAdvisor = new Map<string, string>();
	for (const a of advisors) if (!centreOfAdvisor.has(a.id)) centreOfAdvisor.set(a.id, a.centreId);
	const consultations = (await periodConsultations(db, period, centreOfAdvisor)).filter((c) =>
		own.has(c.centreId)
	);
	const organisationIds = [
		...new Set(consultations.flatMap((c) => (c.organisationId ? [c.organisationId] : [])))
	];
	const organisations = (await db.organisations.bulkGet(organisationIds))
		.filter((o): o is LocalOrganisation => o !== undefined)
		.map((o) => ({ id: o.id, createdAt: o.createdAt }));
	const centres = request.centreIds.map((id) => ({
		id,
		name: centreRows.find((c) => c.id === id)?.name ?? ''
	}));
	return {
		month: request.month,
		today: request.today,
		period: { startMonth: period.startMonth, endMonth: period.endMonth },
		scope: { centreId: request.centreId, advisorId: request.advisorId ?? null },
		consultations,
		bookings: bookings.filter((b) => own.has(b.centreId)),
		quotas,
		centres,
		advisors,
		organisations,
		closedMonths
	};
}

/** The dashboard of the coordinator's centres, computed on the device; read inside a live query. */
export async function deviceDashboard(
	db: LocalDb,
	request: DeviceDashboardRequest
): Promise<DeviceDashboard> {
	const period = await projectPeriodOnDevice(db);
	if (!period) return { kind: 'noPeriod' };
	if (request.month < period.startMonth || request.month > period.endMonth) {
		return { kind: 'outsidePeriod', period };
	}
	try {
		return {
			kind: 'ready',
			dashboard: buildDashboard(await deviceDashboardInput(db, request, period)),
			period
		};
	} catch (error) {
		if (error instanceof DashboardError && error.code === 'monthOutsidePeriod') {
			return { kind: 'outsidePeriod', period };
		}
		throw error;
	}
}
