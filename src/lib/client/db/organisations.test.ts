import { describe, expect, it } from 'vitest';
import {
	createLocalOrganisation,
	getOrganisation,
	listOrganisations,
	recentOrganisationIds
} from './organisations';
import {
	freshDbs,
	organisationInput,
	serverConsultation,
	serverOrganisation,
	snapshot,
	testContext
} from './test-factories';

const db = freshDbs();

describe('createLocalOrganisation', () => {
	it('stores the organisation as local and pending, with a create entry in the same write', async () => {
		const local = await db();
		const ctx = testContext({ centreId: 'cop-lebork' });
		const organisation = await createLocalOrganisation(local, ctx, organisationInput());

		expect(organisation).toMatchObject({
			name: 'Koło Gospodyń Wiejskich w Łebie',
			origin: 'local',
			status: 'pending',
			centreId: 'cop-lebork',
			createdAt: '2025-03-10T08:00:00.000Z'
		});
		expect(await getOrganisation(local, organisation.id)).toEqual(organisation);
		const { origin: _origin, ...fields } = organisation;
		expect(await local.outbox.toArray()).toMatchObject([
			{ entity: 'organisation', entityId: organisation.id, op: 'create', fields, baseVersion: null }
		]);
	});

	it('stores neither the organisation nor its entry when the outbox write fails', async () => {
		const local = await db();
		const before = await snapshot(local);
		local.outbox.hook('creating', () => {
			throw new Error('simulated failure');
		});
		await expect(createLocalOrganisation(local, testContext(), organisationInput())).rejects.toThrow(
			'simulated failure'
		);
		expect(await snapshot(local)).toEqual(before);
	});
});

describe('reading organisations', () => {
	it('lists by name in Polish order', async () => {
		const local = await db();
		await local.organisations.bulkPut(
			['Łebskie Stowarzyszenie', 'Lęborska Fundacja', 'Zielona Gmina', 'Ludowy Klub'].map((name, i) => ({
				...serverOrganisation({ id: `org-${i}`, name }),
				origin: 'server' as const
			}))
		);
		expect((await listOrganisations(local)).map((o) => o.name)).toEqual([
			'Lęborska Fundacja',
			'Ludowy Klub',
			'Łebskie Stowarzyszenie',
			'Zielona Gmina'
		]);
	});

	it("gives the advisor's recent organisations once each, most recent first", async () => {
		const local = await db();
		await local.consultations.bulkPut([
			serverConsultation({ id: 'c1', date: '2025-03-01', organisationId: 'org-a' }),
			serverConsultation({ id: 'c2', date: '2025-03-02', organisationId: 'org-b' }),
			serverConsultation({ id: 'c3', date: '2025-03-03', organisationId: 'org-a' }),
			serverConsultation({ id: 'c4', date: '2025-03-04', organisationId: null, status: 'draft' }),
			serverConsultation({ id: 'c5', date: '2025-03-05', organisationId: 'org-c' }),
			serverConsultation({ id: 'c6', date: '2025-03-09', organisationId: 'org-x', advisorId: 'advisor-2' })
		]);
		expect(await recentOrganisationIds(local, 'advisor-1', 10)).toEqual(['org-c', 'org-a', 'org-b']);
		expect(await recentOrganisationIds(local, 'advisor-1', 2)).toEqual(['org-c', 'org-a']);
		expect(await recentOrganisationIds(local, 'advisor-1', 0)).toEqual([]);
	});
});
