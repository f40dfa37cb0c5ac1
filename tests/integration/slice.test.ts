/** The device's slice is chosen on the server by role: nobody downloads what they may not see. */
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
import { newId } from '$lib/domain/ids';

describe.each(ENGINES)('slice on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	const own = newId();
	const other = newId();

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		const at = new Date().toISOString();
		const row = (id: string, advisorId: string, centreId: string) => ({
			id,
			advisorId,
			centreId,
			organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
			date: '2026-11-20',
			startTime: '10:00',
			endTime: '11:30',
			durationMin: 90,
			placeKind: 'mobile' as const,
			topics: JSON.stringify(['accounting']),
			participants: JSON.stringify([{ name: 'Maria Prezes', role: 'prezes' }]),
			status: 'signed' as const,
			signature: 'data:image/png;base64,AAAA',
			signedByName: 'Maria Prezes',
			signedAt: at,
			bookingId: null,
			createdAt: at,
			updatedAt: at,
			deletedAt: null
		});
		await database.db
			.insertInto('consultations')
			.values([
				row(own, DEMO_USER_IDS.advisor, DEMO_CENTRE_IDS.slupsk),
				row(other, DEMO_USER_IDS.advisor2, DEMO_CENTRE_IDS.lebork)
			])
			.execute();
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
			consultations: { id: string; topics: string[]; signature: { signerName: string } | null }[];
			organisations: { id: string }[];
			centres: { active: boolean }[];
			quotas: { centreId: string; targetMin: number }[];
			advisorsInCentre: Record<string, number>;
		};
	};

	test('an advisor gets their own consultations only, in the shared shape, with their centre targets', async () => {
		const slice = await sliceOf('doradca@demo.pl');
		expect(slice.consultations.map((c) => c.id)).toEqual([own]);
		expect(slice.consultations[0]).toMatchObject({
			topics: ['accounting'],
			signature: { signerName: 'Maria Prezes' }
		});
		expect(slice.centres.every((c) => c.active === true)).toBe(true);
		expect(slice.quotas).toEqual([
			expect.objectContaining({ centreId: DEMO_CENTRE_IDS.slupsk, targetMin: 24 * 60 })
		]);
		expect(slice.advisorsInCentre).toEqual({ [DEMO_CENTRE_IDS.slupsk]: 1 });
		expect(slice.organisations.length).toBeGreaterThanOrEqual(20);
	});

	test("a coordinator gets their centre's consultations, not another centre's", async () => {
		const slice = await sliceOf('koordynator@demo.pl');
		expect(slice.consultations.map((c) => c.id)).toEqual([own]);
	});

	test('an NGO gets its own organisation and no advisory notes', async () => {
		const slice = await sliceOf('ngo@demo.pl');
		expect(slice.organisations.map((o) => o.id)).toEqual([DEMO_ORGANISATION_IDS.aktywniRazem]);
		expect(slice.consultations).toEqual([]);
	});

	test('without a session there is no slice', async () => {
		expect((await call('GET', '/api/slice')).status).toBe(401);
	});
});
