/**
 * The coordinator's dashboard on the server (GET /api/reports/dashboard): the figures of a seeded centre to the
 * minute, the same result as the one dashboard function run on the same rows (what the phone does offline), and
 * who may see which scope.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, type ApiCall } from './helpers/api';
import { organisationBody } from './helpers/factories';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { createSession } from '$lib/server/auth/sessions';
import { loadDashboard } from '$lib/server/reports/dashboard';
import {
	buildDashboard,
	type Dashboard,
	type DashboardConsultation,
	type DashboardInput
} from '$lib/domain/dashboard';
import type { CountedFacts, PlaceKind } from '$lib/domain/consultation';
import type { Identity } from '$lib/domain/roles';
import type { QuotaRow } from '$lib/domain/quota';
import { warsawInstant } from '$lib/domain/hours';

const NOW = new Date('2026-11-26T10:00:00.000Z'); // Thursday 26 November 2026, 11:00 in Warsaw
const PERIOD = { startMonth: '2026-06', endMonth: '2027-03' };
const AT = '2026-01-05T10:00:00.000Z';

const id = (n: number) => `0190b000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const CENTRE = id(1);
const COORDINATOR = id(2);
const ADVISOR_A = id(3);
const ADVISOR_B = id(4);
const FORMER = id(5);
const ORG_OLD = id(6);
const ORG_NEW = id(7);

const identity = (userId: string, role: Identity['role'], centreIds: string[]): Identity => ({
	userId,
	email: `${userId}@example.org`,
	name: userId,
	role,
	centreIds,
	organisationId: null,
	mustChangePassword: false,
	locale: 'pl'
});
const coordinator = identity(COORDINATOR, 'coordinator', [CENTRE]);
const admin = identity(DEMO_USER_IDS.admin, 'admin', []);

interface Seeded extends DashboardConsultation {
	id: string;
	startTime: string;
	endTime: string;
	deleted?: boolean;
	lateSince?: string;
}

let n = 100;
function row(
	advisorId: string,
	date: string,
	durationMin: number,
	status: CountedFacts['status'],
	extra: Partial<Seeded> = {}
): Seeded {
	const start = 9 * 60;
	const end = start + durationMin;
	const hhmm = (m: number) =>
		`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
	return {
		id: id(++n),
		advisorId,
		centreId: CENTRE,
		organisationId: ORG_OLD,
		date,
		startTime: hhmm(start),
		endTime: hhmm(end),
		durationMin,
		placeKind: 'mobile',
		topics: ['accounting'],
		status,
		...extra
	};
}

const baseline: CountedFacts = {
	date: '2026-10-30',
	durationMin: 60,
	placeKind: 'mobile',
	topics: ['taxes'],
	status: 'signed',
	organisationId: ORG_OLD
};

const CONSULTATIONS: Seeded[] = [
	// November 2026 (current month).
	row(ADVISOR_A, '2026-11-02', 90, 'completed', { topics: ['accounting', 'model-1-4'] }),
	row(ADVISOR_A, '2026-11-03', 60, 'signed', { placeKind: 'centre', organisationId: ORG_NEW }),
	row(ADVISOR_A, '2026-11-10', 120, 'approved', { topics: ['model-2-1'] }),
	row(ADVISOR_B, '2026-11-12', 45, 'completed', { placeKind: 'remote', topics: [] }),
	row(ADVISOR_B, '2026-11-20', 75, 'signed', { organisationId: ORG_NEW }),
	row(ADVISOR_B, '2026-11-24', 30, 'draft'),
	row(ADVISOR_B, '2026-11-25', 600, 'completed', { deleted: true }),
	// A former advisor's record still counts.
	row(FORMER, '2026-11-05', 15, 'approved'),
	// Late: changed after October was closed; counts its October baseline (60) until approved.
	row(ADVISOR_A, '2026-10-30', 150, 'signed', {
		review: { late: { since: '2026-11-03T08:00:00.000Z', baseline } },
		lateSince: '2026-11-03T08:00:00.000Z'
	}),
	// Late and created late: counts nothing yet.
	row(ADVISOR_B, '2026-10-29', 40, 'completed', {
		review: { late: { since: '2026-11-04T08:00:00.000Z', baseline: null } },
		lateSince: '2026-11-04T08:00:00.000Z'
	}),
	// October.
	row(ADVISOR_A, '2026-10-14', 180, 'approved'),
	// Before the period: not read.
	row(ADVISOR_A, '2026-05-14', 240, 'approved')
];

interface SeededBooking {
	advisorId: string | null;
	date: string;
	start: string;
	end: string;
	status: 'confirmed' | 'rescheduled' | 'requested' | 'cancelled';
	format: 'premises' | 'centre' | 'remote';
}
const BOOKINGS: SeededBooking[] = [
	{
		advisorId: ADVISOR_A,
		date: '2026-11-27',
		start: '10:00',
		end: '11:30',
		status: 'confirmed',
		format: 'premises'
	},
	{
		advisorId: null,
		date: '2026-11-30',
		start: '12:00',
		end: '13:00',
		status: 'confirmed',
		format: 'remote'
	},
	{
		advisorId: ADVISOR_B,
		date: '2026-11-25',
		start: '10:00',
		end: '11:00',
		status: 'confirmed',
		format: 'premises'
	},
	{
		advisorId: ADVISOR_B,
		date: '2026-11-27',
		start: '10:00',
		end: '11:00',
		status: 'requested',
		format: 'premises'
	},
	// Moved to another day, it still holds the advisor's time: planned like a confirmed one.
	{
		advisorId: ADVISOR_B,
		date: '2026-11-27',
		start: '12:00',
		end: '12:45',
		status: 'rescheduled',
		format: 'premises'
	},
	{
		advisorId: ADVISOR_B,
		date: '2026-12-01',
		start: '10:00',
		end: '11:00',
		status: 'confirmed',
		format: 'premises'
	}
];

const QUOTAS: QuotaRow[] = [
	{ month: null, centreId: CENTRE, advisorId: null, kind: 'mobile', targetMin: 600 },
	{ month: '2026-11', centreId: CENTRE, advisorId: null, kind: 'mobile', targetMin: 900 },
	{ month: '2026-11', centreId: CENTRE, advisorId: ADVISOR_A, kind: 'mobile', targetMin: 300 }
];

async function seedCentre(database: TestDatabase) {
	const { db } = database;
	await db
		.updateTable('projectPeriods')
		.set({ startMonth: PERIOD.startMonth, endMonth: PERIOD.endMonth })
		.where('id', '=', 'current')
		.execute();
	await db
		.insertInto('centres')
		.values({
			id: CENTRE,
			name: 'COP Testowy',
			town: 'Lębork',
			kind: 'local',
			street: 'ul. Krótka 2',
			postalCode: '84-300',
			gminaTerc: '2208011',
			powiatTerc: '2208',
			email: null,
			phone: null,
			active: 1,
			createdAt: AT,
			updatedAt: AT
		})
		.execute();
	const people: [string, string, 'coordinator' | 'advisor', 'active' | 'deactivated'][] = [
		[COORDINATOR, 'Kamila Koordynatorka', 'coordinator', 'active'],
		[ADVISOR_A, 'Adam Doradca', 'advisor', 'active'],
		[ADVISOR_B, 'Beata Doradczyni', 'advisor', 'active'],
		[FORMER, 'Franciszek Były', 'advisor', 'deactivated']
	];
	for (const [userId, name, role, status] of people) {
		await db
			.insertInto('users')
			.values({
				id: userId,
				email: `${name.split(' ')[0]!.toLowerCase()}-${userId.slice(-4)}@example.org`,
				name,
				passwordHash: 'x',
				status,
				mustChangePassword: 0,
				locale: 'pl',
				createdAt: AT,
				updatedAt: AT
			})
			.execute();
		await db
			.insertInto('memberships')
			.values({
				id: id(900 + Number(userId.slice(-2))),
				userId,
				role,
				centreId: CENTRE,
				organisationId: null,
				createdAt: AT
			})
			.execute();
	}
	for (const [orgId, createdAt] of [
		[ORG_OLD, '2025-03-01T10:00:00.000Z'],
		[ORG_NEW, '2026-08-10T10:00:00.000Z']
	] as const) {
		const body = organisationBody();
		await db
			.insertInto('organisations')
			.values({
				id: orgId,
				name: body.name,
				kind: 'ngo',
				legalForm: body.legalForm,
				krs: body.krs,
				nip: body.nip,
				regon: body.regon,
				street: body.street,
				postalCode: body.postalCode,
				town: body.town,
				gminaTerc: body.gminaTerc,
				powiatTerc: body.powiatTerc,
				email: null,
				phone: null,
				website: null,
				centreId: CENTRE,
				status: 'active',
				createdAt,
				updatedAt: createdAt
			})
			.execute();
	}
	for (const c of CONSULTATIONS) {
		await db
			.insertInto('consultations')
			.values({
				id: c.id,
				advisorId: c.advisorId,
				centreId: c.centreId,
				organisationId: c.organisationId,
				date: c.date,
				startTime: c.startTime,
				endTime: c.endTime,
				durationMin: c.durationMin,
				placeKind: c.placeKind,
				topics: JSON.stringify(c.topics),
				status: c.status,
				signature: null,
				signedByName: null,
				signedAt: null,
				bookingId: null,
				createdAt: AT,
				updatedAt: AT,
				deletedAt: c.deleted ? AT : null,
				lateSince: c.lateSince ?? null,
				lateBaseline: c.review?.late?.baseline ? JSON.stringify(c.review.late.baseline) : null
			})
			.execute();
	}
	for (const [i, b] of BOOKINGS.entries()) {
		await db
			.insertInto('bookings')
			.values({
				id: id(500 + i),
				organisationId: ORG_OLD,
				centreId: CENTRE,
				advisorId: b.advisorId,
				topic: 'accounting',
				format: b.format,
				startsAt: warsawInstant(b.date, b.start)!.toISOString(),
				endsAt: warsawInstant(b.date, b.end)!.toISOString(),
				status: b.status,
				createdBy: COORDINATOR,
				createdAt: AT,
				updatedAt: AT,
				statusChangedAt: AT
			})
			.execute();
	}
	for (const [i, q] of QUOTAS.entries()) {
		await db
			.insertInto('quotas')
			.values({ id: id(700 + i), ...q, updatedAt: AT, updatedBy: null })
			.execute();
	}
}

/** The same rows, shaped by hand as the dashboard's input: what a phone holding them would pass. */
function inputByHand(month: string): DashboardInput {
	const places: Record<SeededBooking['format'], PlaceKind> = {
		premises: 'mobile',
		centre: 'centre',
		remote: 'remote'
	};
	return {
		month,
		today: '2026-11-26',
		period: PERIOD,
		scope: { centreId: CENTRE, advisorId: null },
		consultations: CONSULTATIONS.filter((c) => !c.deleted).map((c) => ({
			id: c.id,
			advisorId: c.advisorId,
			centreId: c.centreId,
			organisationId: c.organisationId,
			date: c.date,
			durationMin: c.durationMin,
			placeKind: c.placeKind,
			topics: c.topics,
			status: c.status,
			...(c.review ? { review: c.review } : {})
		})),
		bookings: BOOKINGS.map((b) => ({
			advisorId: b.advisorId,
			centreId: CENTRE,
			date: b.date,
			durationMin:
				(warsawInstant(b.date, b.end)!.getTime() - warsawInstant(b.date, b.start)!.getTime()) / 60_000,
			status: b.status,
			placeKind: places[b.format]
		})),
		quotas: QUOTAS,
		centres: [{ id: CENTRE, name: 'COP Testowy' }],
		advisors: [
			{ id: ADVISOR_A, name: 'Adam Doradca', centreId: CENTRE, active: true },
			{ id: ADVISOR_B, name: 'Beata Doradczyni', centreId: CENTRE, active: true },
			{ id: FORMER, name: 'Franciszek Były', centreId: CENTRE, active: false }
		],
		organisations: [
			{ id: ORG_OLD, createdAt: '2025-03-01T10:00:00.000Z' },
			{ id: ORG_NEW, createdAt: '2026-08-10T10:00:00.000Z' }
		]
	};
}

describe.each(ENGINES)('dashboard on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	const tokens: Record<string, string> = {};

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		await seedCentre(database);
		call = apiClient(database.db);
		for (const [name, userId] of [
			['coordinator', COORDINATOR],
			['demoCoordinator', DEMO_USER_IDS.coordinator],
			['admin', DEMO_USER_IDS.admin],
			['advisor', ADVISOR_A],
			['ngo', DEMO_USER_IDS.ngo]
		] as const) {
			tokens[name] = (await createSession(database.db, userId)).token;
		}
	});
	afterAll(async () => {
		await database?.close();
	});

	test('the current month of a centre, to the minute', async () => {
		const d = await loadDashboard(database.db, coordinator, { month: '2026-11' }, NOW);
		expect(d.monthState).toBe('current');
		expect(d.scope).toEqual({ centreId: CENTRE, advisorId: null });
		expect(d.totals).toMatchObject({
			count: 6,
			doneMin: 90 + 60 + 120 + 45 + 75 + 15,
			byStatus: { completed: 135, signed: 135, approved: 135 },
			byPlaceKind: { mobile: 300, centre: 60, remote: 45 },
			quotaDoneMin: 300,
			targetMin: 900,
			remainingMin: 600,
			// The late records are dated in October: November has none waiting.
			awaitingApproval: { count: 0, minutes: 0 },
			// 27 Nov (premises, 90), 27 Nov rescheduled (premises, 45) and 30 Nov (remote, 60); 25 Nov is gone,
			// 1 Dec is another month.
			plannedCount: 3,
			plannedMin: 195,
			plannedQuotaMin: 135,
			unplannedMin: 465,
			organisationsServed: 2
		});
		// November 2026: 21 weekdays − 11 November (Wednesday) = 20; from Thursday 26 November on: 26, 27, 30.
		expect(d.totals.pace).toEqual({
			workingDays: 20,
			workingDaysLeft: 3,
			neededPerDayMin: 200,
			forecastMin: Math.round((300 / 17) * 20),
			behind: true
		});
		expect(d.advisors.map((a) => [a.name, a.doneMin, a.quotaDoneMin, a.targetMin, a.plannedMin])).toEqual([
			['Adam Doradca', 270, 210, 300, 90],
			['Beata Doradczyni', 120, 75, 450, 45],
			// No longer active: his hours count, but he has no share of the target (the shares add up to it).
			['Franciszek Były', 15, 15, null, 0]
		]);
		expect(d.warnings.map((w) => w.kind)).toEqual(['behindPace']);
		const model = d.topics.month.byArea.find((a) => a.area === 'model-1')!;
		expect(model.minutes).toBe(45);
		expect(model.areas.find((a) => a.topic === 'model-1-4')).toMatchObject({ minutes: 45, mandatory: true });
		expect(d.topics.month.byTopic.map((t) => [t.topic, t.minutes])).toEqual([
			['accounting', 45 + 60 + 75 + 15],
			['model-1-4', 45],
			['model-2-1', 120],
			['none', 45]
		]);
		expect(d.organisations.servedMonth.count).toBe(2);
		expect(d.organisations.servedPeriod.count).toBe(2);
		expect(d.organisations.newPeriod.count).toBe(1);
	});

	test('an advisor moved to another centre keeps their name on their rows here, with no share of its target', async () => {
		const moved = () =>
			database.db.updateTable('memberships').where('userId', '=', ADVISOR_B).where('role', '=', 'advisor');
		await moved().set({ centreId: DEMO_CENTRE_IDS.slupsk }).execute();
		try {
			const d = await loadDashboard(database.db, coordinator, { month: '2026-11' }, NOW);
			expect(d.advisors.map((a) => [a.name, a.active, a.doneMin, a.targetMin])).toEqual([
				['Adam Doradca', true, 270, 300],
				['Beata Doradczyni', false, 120, null],
				['Franciszek Były', false, 15, null]
			]);
		} finally {
			await moved().set({ centreId: CENTRE }).execute();
		}
	});

	test('the late month counts baselines and warns', async () => {
		const d = await loadDashboard(database.db, coordinator, { month: '2026-10' }, NOW);
		expect(d.monthState).toBe('past');
		expect(d.totals.doneMin).toBe(180 + 60);
		expect(d.totals.awaitingApproval).toEqual({ count: 2, minutes: 190 });
		expect(d.totals.targetMin).toBe(600);
		expect(d.totals.pace).toMatchObject({ forecastMin: 240, neededPerDayMin: null, behind: true });
		expect(d.warnings.map((w) => w.kind)).toEqual(['targetMissed', 'lateWaiting']);
		expect(d.chart.map((p) => [p.month, p.targetMin, p.doneMin])).toEqual([
			['2026-06', 600, 0],
			['2026-07', 600, 0],
			['2026-08', 600, 0],
			['2026-09', 600, 0],
			['2026-10', 600, 240],
			['2026-11', 900, 405],
			['2026-12', 600, null],
			['2027-01', 600, null],
			['2027-02', 600, null],
			['2027-03', 600, null]
		]);
	});

	test('the server result equals the dashboard function on the same rows', async () => {
		for (const month of ['2026-10', '2026-11', '2026-12']) {
			const server = await loadDashboard(database.db, coordinator, { month }, NOW);
			const local: Dashboard = buildDashboard(inputByHand(month));
			expect(server).toEqual(local);
		}
	});

	test('the API answers the same JSON, in scope only', async () => {
		const ok = await call('GET', '/api/reports/dashboard?month=2026-11', { token: tokens.coordinator });
		expect(ok.status).toBe(200);
		const expected = await loadDashboard(database.db, coordinator, { month: '2026-11' }, new Date());
		expect(ok.body).toEqual(JSON.parse(JSON.stringify(expected)));

		const advisorScope = await call(
			'GET',
			`/api/reports/dashboard?month=2026-11&centreId=${CENTRE}&advisorId=${ADVISOR_B}`,
			{ token: tokens.coordinator }
		);
		expect(advisorScope.status).toBe(200);
		expect((advisorScope.body as unknown as Dashboard).totals.doneMin).toBe(120);

		const statusOf = async (token: string | undefined, query: string) =>
			(await call('GET', `/api/reports/dashboard?${query}`, { token })).status;
		expect(await statusOf(tokens.demoCoordinator, `month=2026-11&centreId=${CENTRE}`)).toBe(403);
		expect(await statusOf(tokens.coordinator, `month=2026-11&centreId=${DEMO_CENTRE_IDS.slupsk}`)).toBe(403);
		expect(await statusOf(tokens.advisor, 'month=2026-11')).toBe(403);
		expect(await statusOf(tokens.ngo, 'month=2026-11')).toBe(403);
		expect(await statusOf(undefined, 'month=2026-11')).toBe(401);

		const outside = await call('GET', '/api/reports/dashboard?month=2027-04', { token: tokens.coordinator });
		expect(outside.status).toBe(422);
		expect(outside.body.error?.code).toBe('month_outside_period');
		expect(await statusOf(tokens.coordinator, 'month=2026-13')).toBe(422);
		expect(await statusOf(tokens.coordinator, '')).toBe(422);
	});

	test('an admin sees any centre or the whole network', async () => {
		const centre = await loadDashboard(database.db, admin, { month: '2026-11', centreId: CENTRE }, NOW);
		expect(centre.totals.doneMin).toBe(405);
		const network = await loadDashboard(database.db, admin, { month: '2026-11' }, NOW);
		expect(network.scope.centreId).toBeNull();
		expect(network.centres.map((c) => c.centreId)).toContain(CENTRE);
		expect(network.centres.map((c) => c.centreId)).toContain(DEMO_CENTRE_IDS.slupsk);
		expect(network.totals.doneMin).toBe(network.centres.reduce((s, c) => s + c.doneMin, 0));
		expect(network.totals.doneMin).toBe(405);
		const response = await call('GET', '/api/reports/dashboard?month=2026-11', { token: tokens.admin });
		expect(response.status).toBe(200);
		expect((response.body as unknown as Dashboard).scope.centreId).toBeNull();
	});
});
