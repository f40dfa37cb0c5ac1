/**
 * A registration that looks like an organisation already in the system reaches the coordinator with that
 * organisation named beside it (the QA case: "Stowarzyszenie Aktywni Razem", stowarzyszenie zwykłe, at the same
 * address in Słupsk as the demo's "Stowarzyszenie „Aktywni Razem”"); an unrelated registration has none, and the
 * anonymous registering visitor is told nothing about existing organisations. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { organisationBody, uniqueEmail } from './helpers/factories';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATION_IDS, DEMO_PASSWORD } from '$lib/server/db/demo-data';
import type { RegistrationDuplicate } from '$lib/domain/organisation-duplicates';

interface Listed {
	id: string;
	name: string;
	likelyDuplicates: RegistrationDuplicate[];
}

function registration(organisation: Record<string, unknown>, centreId: string = DEMO_CENTRE_IDS.slupsk) {
	return {
		organisation: organisationBody(organisation),
		centreId,
		representative: { name: 'Anna Zgłaszająca', email: uniqueEmail('rep'), password: 'bardzo-dobre-haslo' },
		consent: true
	};
}

const NEAR_DUPLICATE = {
	name: 'Stowarzyszenie Aktywni Razem',
	legalForm: 'stowarzyszenie_zwykle',
	krs: null,
	nip: null,
	regon: null,
	street: 'ul. Wojska Polskiego 21',
	postalCode: '76-200',
	town: 'Słupsk',
	gminaTerc: '2263011',
	powiatTerc: '2263'
};

describe.each(ENGINES)('pending registrations with likely duplicates (%s)', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	let coordinator: string;
	let admin: string;
	let nearId: string;
	let unrelatedId: string;
	let leborkTwinId: string;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		coordinator = await signInToken(call, 'koordynator@demo.pl', DEMO_PASSWORD);
		admin = await signInToken(call, 'admin@demo.pl', DEMO_PASSWORD);

		const near = await call('POST', '/api/register', { body: registration(NEAR_DUPLICATE) });
		expect(near.status).toBe(201);
		// The visitor hears only that the registration waits: nothing about which organisations exist.
		expect(Object.keys(near.body)).toEqual(['organisationId']);
		nearId = near.body.organisationId as string;

		const unrelated = await call('POST', '/api/register', {
			body: registration({ name: 'Fundacja Zupełnie Nowa Przystań', street: 'ul. Kaszubska 3' })
		});
		expect(unrelated.status).toBe(201);
		unrelatedId = unrelated.body.organisationId as string;

		// The same NGO registered again through another centre: pending in Lębork, which the Słupsk coordinator
		// does not review, so it is no duplicate to show them (the admin sees it).
		const twin = await call('POST', '/api/register', {
			body: registration({ ...NEAR_DUPLICATE, name: 'Aktywni Razem' }, DEMO_CENTRE_IDS.lebork)
		});
		expect(twin.status).toBe(201);
		leborkTwinId = twin.body.organisationId as string;
	});

	afterAll(async () => {
		await database?.close();
	});

	async function listed(token: string): Promise<Listed[]> {
		const response = await call('GET', '/api/registrations', { token });
		expect(response.status).toBe(200);
		return response.body.registrations as Listed[];
	}

	test('the near-duplicate is listed with the organisation it repeats, and why', async () => {
		const registrations = await listed(coordinator);
		const near = registrations.find((r) => r.id === nearId);
		expect(near?.likelyDuplicates).toEqual([
			{
				id: DEMO_ORGANISATION_IDS.aktywniRazem,
				name: 'Stowarzyszenie „Aktywni Razem”',
				street: 'ul. Wojska Polskiego 21',
				postalCode: '76-200',
				town: 'Słupsk',
				status: 'active',
				why: 'sameNameAndAddress'
			}
		]);
	});

	test('an unrelated registration has no likely duplicates', async () => {
		const registrations = await listed(coordinator);
		expect(registrations.find((r) => r.id === unrelatedId)?.likelyDuplicates).toEqual([]);
	});

	test("another centre's pending registration is not shown to this coordinator", async () => {
		const registrations = await listed(coordinator);
		expect(registrations.map((r) => r.id)).not.toContain(leborkTwinId);
		const ids = registrations.flatMap((r) => r.likelyDuplicates.map((d) => d.id));
		expect(ids).not.toContain(leborkTwinId);
	});

	test('the admin sees both pending registrations of one NGO as each other’s likely duplicates', async () => {
		const registrations = await listed(admin);
		const near = registrations.find((r) => r.id === nearId);
		const twin = registrations.find((r) => r.id === leborkTwinId);
		expect(near?.likelyDuplicates.map((d) => [d.id, d.status, d.why])).toEqual([
			[DEMO_ORGANISATION_IDS.aktywniRazem, 'active', 'sameNameAndAddress'],
			[leborkTwinId, 'pending', 'sameNameAndAddress']
		]);
		expect(twin?.likelyDuplicates.map((d) => d.id)).toEqual([DEMO_ORGANISATION_IDS.aktywniRazem, nearId]);
	});

	test('a rejected registration is no longer anyone’s duplicate', async () => {
		const rejected = await call('POST', `/api/registrations/${leborkTwinId}`, {
			token: admin,
			body: { decision: 'reject', reason: 'Zgłoszenie podwójne' }
		});
		expect(rejected.status).toBe(200);
		const near = (await listed(admin)).find((r) => r.id === nearId);
		expect(near?.likelyDuplicates.map((d) => d.id)).toEqual([DEMO_ORGANISATION_IDS.aktywniRazem]);
	});
});
