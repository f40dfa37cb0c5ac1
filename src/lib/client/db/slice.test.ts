import { describe, expect, it } from 'vitest';
import { saveDraft } from './consultations';
import { createLocalOrganisation } from './organisations';
import { applySlice, SLICE_LOADED_AT, type ServerSlice } from './slice';
import {
	freshDbs,
	organisationInput,
	serverCentre,
	serverConsultation,
	serverOrganisation,
	testContext
} from './test-factories';

const db = freshDbs();

function slice(overrides: Partial<ServerSlice> = {}): ServerSlice {
	return {
		centres: [serverCentre()],
		organisations: [serverOrganisation()],
		quotas: [{ month: null, centreId: 'centre-1', advisorId: null, kind: 'mobile', targetMin: 1440 }],
		advisorsInCentre: { 'centre-1': 2 },
		consultations: [serverConsultation()],
		amendments: [],
		...overrides
	};
}

describe('applySlice', () => {
	it('loads every table and records when', async () => {
		const local = await db();
		await applySlice(local, slice(), testContext());
		expect(await local.centres.count()).toBe(1);
		expect((await local.meta.get('quotas'))?.value).toEqual([
			{ month: null, centreId: 'centre-1', advisorId: null, kind: 'mobile', targetMin: 1440 }
		]);
		expect((await local.meta.get('advisorsInCentre'))?.value).toEqual({ 'centre-1': 2 });
		expect(await local.organisations.get('org-server-1')).toMatchObject({ origin: 'server' });
		expect(await local.consultations.get('cons-server-1')).toMatchObject({ version: 1 });
		expect(await local.meta.get(SLICE_LOADED_AT)).toEqual({
			key: SLICE_LOADED_AT,
			value: '2025-03-10T08:00:00.000Z'
		});
	});

	it('replaces server rows and removes those the server no longer sends', async () => {
		const local = await db();
		await applySlice(local, slice(), testContext());
		await applySlice(
			local,
			slice({
				centres: [serverCentre({ id: 'centre-2' })],
				organisations: [serverOrganisation({ name: 'Nowa nazwa' })],
				consultations: [serverConsultation({ id: 'cons-server-2' })]
			}),
			testContext()
		);
		expect((await local.centres.toArray()).map((c) => c.id)).toEqual(['centre-2']);
		expect((await local.organisations.get('org-server-1'))?.name).toBe('Nowa nazwa');
		expect((await local.consultations.toArray()).map((c) => c.id)).toEqual(['cons-server-2']);
	});

	it('never overwrites or removes a record with changes still in the outbox', async () => {
		const local = await db();
		const ctx = testContext();
		await applySlice(local, slice(), ctx);
		// An edit of a server record, and a new draft, both unsent.
		await saveDraft(local, ctx, 'cons-server-1', { notes: 'Poprawione na telefonie' });
		await saveDraft(local, ctx, 'draft-1', { notes: 'Nowy szkic' });
		const organisation = await createLocalOrganisation(local, ctx, organisationInput());
		// The edit is in flight: still protected until the server confirms it.
		await local.outbox
			.filter((e) => e.entityId === 'cons-server-1')
			.modify({ sentAt: '2025-03-10T08:05:00.000Z' });

		await applySlice(
			local,
			slice({
				consultations: [serverConsultation({ notes: 'Stara wersja z serwera', version: 1 })],
				organisations: []
			}),
			ctx
		);
		expect((await local.consultations.get('cons-server-1'))?.notes).toBe('Poprawione na telefonie');
		expect((await local.consultations.get('draft-1'))?.notes).toBe('Nowy szkic');
		expect(await local.organisations.get(organisation.id)).toMatchObject({ origin: 'local' });
		expect(await local.organisations.get('org-server-1')).toBeUndefined();
		expect(await local.outbox.count()).toBe(3);
	});

	it('keeps local organisations and never-accepted records even with no entry left', async () => {
		const local = await db();
		const ctx = testContext();
		const organisation = await createLocalOrganisation(local, ctx, organisationInput());
		await saveDraft(local, ctx, 'draft-1', { notes: 'x' });
		await local.outbox.clear();
		await applySlice(local, slice(), ctx);
		expect(await local.organisations.get(organisation.id)).toBeDefined();
		expect(await local.consultations.get('draft-1')).toBeDefined();
	});

	it('takes the server copy of a local organisation once it arrives', async () => {
		const local = await db();
		const ctx = testContext();
		const organisation = await createLocalOrganisation(local, ctx, organisationInput());
		await local.outbox.clear();
		await applySlice(
			local,
			slice({ organisations: [serverOrganisation({ id: organisation.id, status: 'active' })] }),
			ctx
		);
		expect(await local.organisations.get(organisation.id)).toMatchObject({
			origin: 'server',
			status: 'active'
		});
	});

	it('keeps amendments as history and drops those of records that left the device', async () => {
		const local = await db();
		const amendment = {
			id: 'am-1',
			consultationId: 'cons-server-1',
			authorId: 'advisor-1',
			reason: 'Korekta czasu',
			changes: { durationMin: { before: 60, after: 90 } },
			createdAt: '2025-03-04T00:00:00.000Z'
		};
		await applySlice(local, slice({ amendments: [amendment] }), testContext());
		expect(await local.amendments.get('am-1')).toEqual(amendment);
		await applySlice(local, slice({ amendments: [] }), testContext());
		expect(await local.amendments.get('am-1')).toEqual(amendment);
		await applySlice(local, slice({ consultations: [], amendments: [] }), testContext());
		expect(await local.amendments.get('am-1')).toBeUndefined();
	});
});
