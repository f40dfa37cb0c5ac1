/**
 * The demo history `npm start` seeds (DEMO_HISTORY=1): written through the real push and approval, on both engines,
 * and telling the story its header promises.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isWorkingDay } from '$lib/domain/calendar';
import { addMonths, monthOf, warsawToday } from '$lib/domain/hours';
import { DEMO_CENTRE_IDS, DEMO_USER_IDS, demoMonthlyTargetMin } from '$lib/server/db/demo-data';
import { seedDemoHistory } from '$lib/server/db/demo-history';
import { seedDemo } from '$lib/server/db/seed';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient } from './helpers/api';
import { DEMO_ACCOUNTS, syncClient } from './helpers/sync-server';

/** A Friday late in November: last month is October 2026, yesterday Thursday the 26th. */
const NOW = new Date('2026-11-27T09:00:00Z');

describe.each(ENGINES)('demo history on %s', (engine) => {
	let database: TestDatabase;
	let written: number;
	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db, { now: NOW });
		written = await seedDemoHistory(database.db, NOW);
	});
	afterAll(() => database?.close());

	const rowsOf = (advisorId: string) =>
		database.db
			.selectFrom('consultations')
			.selectAll()
			.where('advisorId', '=', advisorId)
			.orderBy('date')
			.execute();

	test('visits of both demo advisors, on working days from the first of last month to yesterday', async () => {
		const all = await database.db.selectFrom('consultations').selectAll().execute();
		expect(all).toHaveLength(written);
		for (const advisorId of [DEMO_USER_IDS.advisor, DEMO_USER_IDS.advisor2]) {
			const rows = await rowsOf(advisorId);
			expect(rows.length).toBeGreaterThan(5);
			expect(new Set(rows.map((r) => monthOf(r.date)))).toEqual(new Set(['2026-10', '2026-11']));
		}
		for (const row of all) {
			expect(row.date >= '2026-10-01' && row.date <= '2026-11-26', row.date).toBe(true);
			expect(isWorkingDay(row.date), row.date).toBe(true);
			expect(row.receipt).toMatch(/^[0-9A-Z]{5}-[0-9A-Z*~$=U]$/);
		}
	});

	test("Słupsk met last month's 24 h of mobile advisory, approved; this month its last cards await signatures", async () => {
		const rows = await rowsOf(DEMO_USER_IDS.advisor);
		const october = rows.filter((r) => r.date < '2026-11-01');
		expect(october.every((r) => r.status === 'approved' && r.signature !== null)).toBe(true);
		const mobile = october.filter((r) => r.placeKind === 'mobile').reduce((sum, r) => sum + r.durationMin, 0);
		expect(mobile).toBeGreaterThanOrEqual(24 * 60);
		const november = rows.filter((r) => r.date >= '2026-11-01');
		expect(november.slice(-3).map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
		expect(november.slice(0, -3).every((r) => r.status === 'signed')).toBe(true);
		expect(november.some((r) => r.placeKind === 'centre')).toBe(true);
	});

	test('Lębork (no demo coordinator) signed every card; they await approval', async () => {
		const rows = await rowsOf(DEMO_USER_IDS.advisor2);
		expect(rows.every((r) => r.status === 'signed' && r.centreId === DEMO_CENTRE_IDS.lebork)).toBe(true);
	});

	test('written as real use: one device operation per visit, approvals in the audit log', async () => {
		const ops = await database.db.selectFrom('syncOps').select(['via', 'status', 'op']).execute();
		const device = ops.filter((op) => op.via === 'device');
		expect(device).toHaveLength(written);
		expect(ops.every((op) => op.status === 'applied')).toBe(true);
		// Besides them only the coordinator's approvals, logged as reviews (their receipts are found by code).
		const reviews = ops.filter((op) => op.via === 'review');
		expect(reviews.every((op) => op.op === 'review')).toBe(true);
		expect(device.length + reviews.length).toBe(ops.length);
		const approvals = await database.db
			.selectFrom('auditLog')
			.select('entityId')
			.where('actorId', '=', DEMO_USER_IDS.coordinator)
			.execute();
		const october = (await rowsOf(DEMO_USER_IDS.advisor)).filter((r) => r.date < '2026-11-01');
		expect(new Set(approvals.map((a) => a.entityId))).toEqual(new Set(october.map((r) => r.id)));
		expect(reviews).toHaveLength(approvals.length);
	});

	test("the advisor's phone pulls the history on sign-in", async () => {
		const advisor = await syncClient(apiClient(database.db), {
			...DEMO_ACCOUNTS.advisor,
			centreId: DEMO_CENTRE_IDS.slupsk
		});
		const { changes } = await advisor.pullAll();
		const mine = (await rowsOf(DEMO_USER_IDS.advisor)).map((r) => r.id).sort();
		const pulled = changes
			.filter((c) => c.entity === 'consultation')
			.map((c) => c.id)
			.sort();
		expect(pulled).toEqual(mine);
	});
});

describe('demo history on any day', () => {
	// First days (no visits yet this month), a holiday, a Monday, the year's turn, a month of many holidays.
	test.each([
		'2026-01-01T08:00:00Z',
		'2026-01-02T08:00:00Z',
		'2026-05-04T08:00:00Z',
		'2026-11-02T08:00:00Z',
		'2026-12-31T20:00:00Z',
		'2027-03-01T05:00:00Z'
	])('%s: every visit is accepted and last month still meets the target', async (at) => {
		const now = new Date(at);
		const database = await openTestDatabase('sqlite');
		try {
			await seedDemo(database.db, { now });
			expect(await seedDemoHistory(database.db, now)).toBeGreaterThan(5);
			const rows = await database.db
				.selectFrom('consultations')
				.select(['date', 'durationMin', 'placeKind', 'centreId'])
				.execute();
			const lastMonth = addMonths(monthOf(warsawToday(now)), -1);
			for (const centreId of [DEMO_CENTRE_IDS.slupsk, DEMO_CENTRE_IDS.lebork]) {
				const mobile = rows
					.filter((r) => r.centreId === centreId && r.placeKind === 'mobile')
					.filter((r) => monthOf(r.date) === lastMonth)
					.reduce((sum, r) => sum + r.durationMin, 0);
				expect(mobile).toBeGreaterThanOrEqual(demoMonthlyTargetMin(centreId));
			}
			expect(rows.every((r) => r.date < warsawToday(now))).toBe(true);
		} finally {
			await database.close();
		}
	});
});
