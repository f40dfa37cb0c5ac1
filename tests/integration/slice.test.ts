/**
 * The device's reference data is chosen on the server by role: centres, hour targets and advisor counts. Records
 * (consultations, amendments, organisations) come through the sync pull; who receives which is tested in
 * sync-pull.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { seedDemo } from '$lib/server/db/seed';
import {
	DEMO_CENTRE_IDS,
	DEMO_ORGANISATION_IDS,
	DEMO_PASSWORD,
	DEMO_USER_IDS
} from '$lib/server/db/demo-data';
import { insertConsultation } from './helpers/coordinator';

describe.each(ENGINES)('slice on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
	});
	afterAll(async () => {
		await database?.close();
	});

	const sliceOf = async (email: string) => {
		const response = await call('GET', '/api/slice', {
			token: await signInToken(call, email, DEMO_PASSWORD)
		});
		expect(response.status).toBe(200);
		return response.body as {
			centres: { id: string; active: boolean }[];
			quotas: { centreId: string; targetMin: number }[];
			advisorsInCentre: Record<string, number>;
			generatedAt: string;
		};
	};

	test('an advisor gets the active centres, their centre targets and advisor count — and no records', async () => {
		const slice = await sliceOf('doradca@demo.pl');
		for (const records of ['consultations', 'amendments', 'organisations'])
			expect(slice).not.toHaveProperty(records);
		expect(slice.centres.length).toBe(Object.keys(DEMO_CENTRE_IDS).length);
		expect(slice.centres.every((c) => c.active === true)).toBe(true);
		expect(slice.quotas).toEqual([
			expect.objectContaining({ centreId: DEMO_CENTRE_IDS.slupsk, targetMin: 24 * 60 })
		]);
		expect(slice.advisorsInCentre).toEqual({ [DEMO_CENTRE_IDS.slupsk]: 1 });
		expect(Number.isNaN(Date.parse(slice.generatedAt))).toBe(false);
	});

	test("a coordinator gets their centre's targets, not another centre's", async () => {
		const slice = await sliceOf('koordynator@demo.pl');
		expect(slice.quotas.map((q) => q.centreId)).toEqual([DEMO_CENTRE_IDS.slupsk]);
		expect(slice.advisorsInCentre).toEqual({ [DEMO_CENTRE_IDS.slupsk]: 1 });
		const other = await sliceOf('doradca2@demo.pl');
		expect(other.quotas.every((q) => q.centreId === DEMO_CENTRE_IDS.lebork)).toBe(true);
		expect(other.advisorsInCentre).toEqual({ [DEMO_CENTRE_IDS.lebork]: 1 });
	});

	test('an NGO gets the centres and no targets', async () => {
		const slice = await sliceOf('ngo@demo.pl');
		expect(slice.centres.length).toBeGreaterThan(0);
		expect(slice.quotas).toEqual([]);
		expect(slice.advisorsInCentre).toEqual({});
	});

	test("an NGO gets its organisation's finished visits that were not booked, without notes; others none", async () => {
		const done = await insertConsultation(database.db, {
			notes: 'Notatka doradcy — tylko dla centrum',
			followUps: 'Przygotować sprawozdanie do 15.',
			status: 'signed'
		});
		await insertConsultation(database.db, { status: 'draft' });
		await insertConsultation(database.db, { deletedAt: new Date().toISOString() });
		await insertConsultation(database.db, { organisationId: DEMO_ORGANISATION_IDS.horyzont });
		const slice = (await sliceOf('ngo@demo.pl')) as unknown as {
			organisationVisits: Record<string, unknown>[];
		};
		expect(slice.organisationVisits).toEqual([
			{
				id: done,
				advisorId: DEMO_USER_IDS.advisor,
				advisorName: 'Damian Doradca',
				centreId: DEMO_CENTRE_IDS.slupsk,
				organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
				date: expect.any(String),
				startTime: '10:00',
				endTime: '11:30',
				durationMin: 90,
				placeKind: 'mobile',
				topics: ['accounting'],
				followUps: 'Przygotować sprawozdanie do 15.',
				status: 'signed'
			}
		]);
		expect(JSON.stringify(slice)).not.toContain('Notatka doradcy');
		const advisor = (await sliceOf('doradca@demo.pl')) as unknown as { organisationVisits: unknown[] };
		expect(advisor.organisationVisits).toEqual([]);
	});

	test('without a session there is no slice', async () => {
		expect((await call('GET', '/api/slice')).status).toBe(401);
	});
});

describe.each(ENGINES)('advisor names in the slice on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	const formerId = '0190a000-0000-7000-8000-0000000009f1';

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		// An advisor who has left the Słupsk centre: their past consultations still need a name on the list.
		const at = new Date().toISOString();
		await database.db
			.insertInto('users')
			.values({
				id: formerId,
				email: 'byly.doradca@demo.pl',
				name: 'Bartosz Były',
				passwordHash: 'not-a-hash',
				status: 'deactivated',
				mustChangePassword: 0,
				locale: 'pl',
				createdAt: at,
				updatedAt: at
			})
			.execute();
		await database.db
			.insertInto('memberships')
			.values({
				id: '0190a000-0000-7000-8000-0000000009f2',
				userId: formerId,
				role: 'advisor',
				centreId: DEMO_CENTRE_IDS.slupsk,
				organisationId: null,
				createdAt: at
			})
			.execute();
	});
	afterAll(async () => {
		await database?.close();
	});

	const advisorsOf = async (email: string) => {
		const response = await call('GET', '/api/slice', {
			token: await signInToken(call, email, DEMO_PASSWORD)
		});
		expect(response.status).toBe(200);
		return (response.body as { advisors: Record<string, { id: string; name: string }[]> }).advisors;
	};

	test("a coordinator gets the names of their centre's advisors (former ones too), by name", async () => {
		expect(await advisorsOf('koordynator@demo.pl')).toEqual({
			[DEMO_CENTRE_IDS.slupsk]: [
				{ id: formerId, name: 'Bartosz Były' },
				{ id: DEMO_USER_IDS.advisor, name: 'Damian Doradca' }
			]
		});
	});

	test("advisors and NGOs get no one's names", async () => {
		expect(await advisorsOf('doradca@demo.pl')).toEqual({});
		expect(await advisorsOf('ngo@demo.pl')).toEqual({});
	});
});
