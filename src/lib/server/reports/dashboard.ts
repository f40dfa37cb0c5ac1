/**
 * The coordinator's dashboard on the server (GET /api/reports/dashboard): who may see which scope, then the rows
 * of the scope's project period in a handful of narrow queries, handed to the one dashboard function
 * (domain/dashboard.ts buildDashboard) — the same one the phone runs on its local copy, so both agree to the minute.
 *
 * Cost: one indexed range read of the consultations (centre_id, date) selecting ten short columns; topics are
 * JSON text whose few distinct values are parsed once each; a late baseline is parsed only where one is set.
 */
import { HOLDING_STATUSES } from '$lib/domain/booking';
import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { CountedFacts, PlaceKind } from '$lib/domain/consultation';
import {
	buildDashboard,
	DashboardError,
	type Dashboard,
	type DashboardBooking,
	type DashboardConsultation,
	type DashboardInput
} from '$lib/domain/dashboard';
import { isValidMonth, monthRange, warsawToday } from '$lib/domain/hours';
import type { QuotaRow } from '$lib/domain/quota';
import { isInPeriod } from '$lib/domain/coordination';
import type { BookingFormat, DB } from '../db/schema';
import { ApiError, forbidden, notFound } from '../http/api-error';
import { loadProjectPeriod, monthOutsidePeriod } from '../project-period';
import { byIds } from '../db/by-ids';
import { closedMonthsOf } from '../months';

export interface DashboardQuery {
	month: string;
	/** Absent: a coordinator's (first) centre; for an admin the whole network. */
	centreId?: string | null;
	advisorId?: string | null;
}

/** The place kind a booking's visit will have. */
const PLACE_OF_FORMAT: Record<BookingFormat, PlaceKind> = {
	premises: 'mobile',
	centre: 'centre',
	remote: 'remote'
};

const MS_PER_MIN = 60_000;

export function monthInvalid(): ApiError {
	return new ApiError(422, 'month_invalid', 'coordinatorApi.month.invalid', {}, {
		month: 'coordinatorApi.month.invalid'
	});
}

/** The scope the user asked for, or a refusal: coordinators see their own centres, admins any or the network. */
export function dashboardScope(
	user: Identity,
	query: Pick<DashboardQuery, 'centreId' | 'advisorId'>
): { centreId: string | null; advisorId: string | null } {
	const advisorId = query.advisorId || null;
	if (user.role === 'admin') return { centreId: query.centreId || null, advisorId };
	if (user.role !== 'coordinator') throw forbidden();
	const centreId = query.centreId || user.centreIds[0];
	if (!centreId || !user.centreIds.includes(centreId)) throw forbidden();
	return { centreId, advisorId };
}

/** Reads the rows of the scope's project period and builds the dashboard. */
export async function loadDashboardInput(
	db: Kysely<DB>,
	user: Identity,
	query: DashboardQuery,
	now = new Date()
): Promise<DashboardInput> {
	const scope = dashboardScope(user, query);
	if (typeof query.month !== 'string' || !isValidMonth(query.month)) throw monthInvalid();
	const period = await loadProjectPeriod(db);
	if (!isInPeriod(query.month, period)) throw monthOutsidePeriod(query.month, period);
	const today = warsawToday(now);
	const first = monthRange(period.startMonth);
	const last = monthRange(period.endMonth);
	const month = monthRange(query.month);
	const { centreId, advisorId } = scope;

	if (centreId !== null) {
		const centre = await db.selectFrom('centres').select('id').where('id', '=', centreId).executeTakeFirst();
		if (!centre) throw notFound();
	}

	// No id (lists are named by filters) and, for one centre, no centre column: fewer strings to make per row.
	const consultationColumns = [
		'advisorId',
		'organisationId',
		'date',
		'durationMin',
		'placeKind',
		'topics',
		'status',
		'lateSince',
		'lateBaseline'
	] as const;
	const scoped = db
		.selectFrom('consultations')
		.select(consultationColumns)
		.$if(centreId === null, (q) => q.select('centreId'))
		.$if(centreId !== null, (q) => q.where('centreId', '=', centreId!))
		.$if(advisorId !== null, (q) => q.where('advisorId', '=', advisorId!))
		.where('deletedAt', 'is', null);

	const [inPeriod, lateOutside, bookings, quotas, centres, advisors, organisations] = await Promise.all([
		// The period's records (drafts never count, unless a late change waits on them).
		scoped
			.where('date', '>=', first.firstDate)
			.where('date', '<=', last.lastDate)
			.where((eb) => eb.or([eb('status', '!=', 'draft'), eb('lateSince', 'is not', null)]))
			.execute(),
		// Late records dated outside the period whose baseline may still count inside it.
		scoped
			.where('lateSince', 'is not', null)
			.where((eb) => eb.or([eb('date', '<', first.firstDate), eb('date', '>', last.lastDate)]))
			.execute(),
		// Bookings holding the advisor's time (confirmed, rescheduled) in the month; the domain keeps today's on.
		db
			.selectFrom('bookings')
			.select(['advisorId', 'centreId', 'startsAt', 'endsAt', 'status', 'format'])
			.where('status', 'in', HOLDING_STATUSES)
			.where('startsAt', '>=', month.start.toISOString())
			.where('startsAt', '<', month.end.toISOString())
			.$if(centreId !== null, (q) => q.where('centreId', '=', centreId!))
			.$if(advisorId !== null, (q) => q.where('advisorId', '=', advisorId!))
			.execute(),
		db
			.selectFrom('quotas')
			.select(['month', 'centreId', 'advisorId', 'kind', 'targetMin'])
			.where((eb) =>
				eb.or([
					eb('month', 'is', null),
					eb.and([eb('month', '>=', period.startMonth), eb('month', '<=', period.endMonth)])
				])
			)
			.$if(centreId !== null, (q) =>
				q.where((eb) => eb.or([eb('centreId', '=', centreId!), eb('centreId', 'is', null)]))
			)
			.execute(),
		db
			.selectFrom('centres')
			.select(['id', 'name'])
			.$if(centreId !== null, (q) => q.where('id', '=', centreId!))
			.$if(centreId === null, (q) => q.where('active', '=', 1))
			.orderBy('kind', 'desc')
			.orderBy('name')
			.orderBy('id')
			.execute(),
		// Every advisor membership of the scope: the active ones share a centre's target.
		db
			.selectFrom('memberships')
			.innerJoin('users', 'users.id', 'memberships.userId')
			.select(['users.id', 'users.name', 'users.status', 'memberships.centreId'])
			.where('memberships.role', '=', 'advisor')
			.where('memberships.centreId', 'is not', null)
			.$if(centreId !== null, (q) => q.where('memberships.centreId', '=', centreId!))
			.execute(),
		// Only organisations created inside the period matter ("new in the period").
		db
			.selectFrom('organisations')
			.select(['id', 'createdAt'])
			.where('createdAt', '>=', first.start.toISOString())
			.where('createdAt', '<', last.end.toISOString())
			.execute()
	]);

	const topicsOf = topicParser();
	const consultations: DashboardConsultation[] = new Array(inPeriod.length + lateOutside.length);
	let i = 0;
	for (const rows of [inPeriod, lateOutside]) {
		for (const r of rows) {
			const c: DashboardConsultation = {
				advisorId: r.advisorId,
				centreId: centreId ?? r.centreId!,
				organisationId: r.organisationId,
				date: r.date,
				durationMin: r.durationMin,
				placeKind: r.placeKind,
				topics: topicsOf(r.topics),
				status: r.status
			};
			// A late record counts its baseline (nothing when null) until approved: parsed only where set.
			if (r.lateSince !== null) {
				c.review = { late: { since: r.lateSince, baseline: parseBaseline(r.lateBaseline) } };
			}
			consultations[i++] = c;
		}
	}

	// Advisors who worked for a centre they no longer belong to (moved, or left): their rows there keep their name,
	// as former advisors of that centre (inactive: no share of its target).
	const members = new Set(advisors.map((a) => `${a.centreId}|${a.id}`));
	const former = new Map<string, { advisorId: string; centreId: string }>();
	for (const c of consultations) {
		const pair = `${c.centreId}|${c.advisorId}`;
		if (!members.has(pair)) former.set(pair, { advisorId: c.advisorId, centreId: c.centreId });
	}
	const formerNames = new Map(
		(
			await byIds([...new Set([...former.values()].map((f) => f.advisorId))], (chunk) =>
				db.selectFrom('users').select(['id', 'name']).where('id', 'in', chunk).execute()
			)
		).map((u) => [u.id, u.name])
	);

	const plannedBookings: DashboardBooking[] = [];
	for (const b of bookings) {
		if (!b.startsAt || !b.endsAt) continue;
		const starts = new Date(b.startsAt);
		plannedBookings.push({
			advisorId: b.advisorId,
			centreId: b.centreId,
			date: warsawToday(starts),
			durationMin: Math.round((Date.parse(b.endsAt) - starts.getTime()) / MS_PER_MIN),
			status: b.status,
			placeKind: PLACE_OF_FORMAT[b.format] ?? 'mobile'
		});
	}

	return {
		month: query.month,
		today,
		period: { startMonth: period.startMonth, endMonth: period.endMonth },
		scope: { centreId, advisorId },
		consultations,
		bookings: plannedBookings,
		quotas: quotas as QuotaRow[],
		centres,
		advisors: [
			...advisors.map((a) => ({
				id: a.id,
				name: a.name,
				centreId: a.centreId!,
				active: a.status === 'active'
			})),
			...[...former.values()].flatMap(({ advisorId, centreId }) => {
				const name = formerNames.get(advisorId);
				return name === undefined ? [] : [{ id: advisorId, name, centreId, active: false }];
			})
		],
		organisations,
		closedMonths: await closedMonthsOf(
			db,
			centres.map((c) => c.id)
		)
	};
}

export async function loadDashboard(
	db: Kysely<DB>,
	user: Identity,
	query: DashboardQuery,
	now = new Date()
): Promise<Dashboard> {
	const input = await loadDashboardInput(db, user, query, now);
	try {
		return buildDashboard(input);
	} catch (error) {
		if (error instanceof DashboardError) {
			throw new ApiError(422, `dashboard_${error.code}`, 'coordinatorApi.month.invalid');
		}
		throw error;
	}
}

/** JSON topic arrays, parsed once per distinct text (records share a handful of topic combinations). */
function topicParser(): (text: string) => string[] {
	const cache = new Map<string, string[]>();
	return (text) => {
		let topics = cache.get(text);
		if (!topics) {
			try {
				const parsed: unknown = JSON.parse(text);
				topics = Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
			} catch {
				topics = [];
			}
			cache.set(text, topics);
		}
		return topics;
	};
}

function parseBaseline(text: string | null): CountedFacts | null {
	if (text === null) return null;
	try {
		const value = JSON.parse(text) as CountedFacts | null;
		return value && typeof value === 'object' && typeof value.date === 'string' ? value : null;
	} catch {
		return null;
	}
}
