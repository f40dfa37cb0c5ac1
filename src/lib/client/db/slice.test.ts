import { describe, expect, it } from 'vitest';
import { saveDraft } from './consultations';
import type { LocalCentre } from './local-db';
import { createLocalOrganisation } from './organisations';
import { ADVISORS_IN_CENTRE, applySlice, QUOTAS, SLICE_LOADED_AT, type ServerSlice } from './slice';
import {
	freshDbs,
	organisationInput,
	serverCentre,
	serverConsultation,
	serverOrganisation,
	snapshot,
	testContext
} from './test-factories';

const db = freshDbs();

function slice(overrides: Partial<ServerSlice> = {}): ServerSlice {
	return {
		centres: [serverCentre()],
		quotas: [{ month: null, centreId: 'centre-1', advisorId: null, kind: 'mobile', targetMin: 1440 }],
		advisorsInCentre: { 'centre-1': 2 },
		...overrides
	};
}

describe('applySlice (reference data only; records come through the sync pull)', () => {
	it('stores centres, quotas and advisors per centre, and records when', async () => {
		const local = await db();
		await applySlice(local, slice(), testContext());
		expect(await local.centres.toArray()).toEqual([serverCentre()]);
		expect((await local.meta.get(QUOTAS))?.value).toEqual([
			{ month: null, centreId: 'centre-1', advisorId: null, kind: 'mobile', targetMin: 1440 }
		]);
		expect((await local.meta.get(ADVISORS_IN_CENTRE))?.value).toEqual({ 'centre-1': 2 });
		expect(await local.meta.get(SLICE_LOADED_AT)).toEqual({
			key: SLICE_LOADED_AT,
			value: '2025-03-10T08:00:00.000Z'
		});
	});

	it('replaces the centres whole and removes those the server no longer sends', async () => {
		const local = await db();
		const ctx = testContext();
		await applySlice(local, slice({ centres: [serverCentre(), serverCentre({ id: 'centre-3' })] }), ctx);
		ctx.advance(60_000);
		await applySlice(
			local,
			slice({
				centres: [serverCentre({ id: 'centre-2', name: 'COP Gdańsk' })],
				quotas: [],
				advisorsInCentre: { 'centre-2': 5 }
			}),
			ctx
		);
		expect((await local.centres.toArray()).map((c) => [c.id, c.name])).toEqual([['centre-2', 'COP Gdańsk']]);
		expect((await local.meta.get(QUOTAS))?.value).toEqual([]);
		expect((await local.meta.get(ADVISORS_IN_CENTRE))?.value).toEqual({ 'centre-2': 5 });
		expect((await local.meta.get(SLICE_LOADED_AT))?.value).toBe('2025-03-10T08:01:00.000Z');
	});

	it('never touches records, drafts or the outbox', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(serverConsultation());
		await local.organisations.put({ ...serverOrganisation(), origin: 'server' });
		await saveDraft(local, ctx, 'cons-server-1', { notes: 'Poprawione na telefonie' });
		await saveDraft(local, ctx, 'draft-1', { notes: 'Nowy szkic' });
		await createLocalOrganisation(local, ctx, organisationInput());
		const before = await snapshot(local);

		await applySlice(local, slice(), ctx);
		const after = await snapshot(local);
		for (const table of [
			'consultations',
			'organisations',
			'amendments',
			'outbox',
			'monthIndex',
			'refusals'
		]) {
			expect(after[table]).toEqual(before[table]);
		}
		expect(await local.outbox.count()).toBe(3);
	});

	it('a slice that fails to store leaves the previous reference data whole', async () => {
		const local = await db();
		const ctx = testContext();
		await applySlice(local, slice(), ctx);
		const before = await snapshot(local);
		ctx.advance(60_000);
		// A centre without a key cannot be stored: the clear before it must be undone too.
		const broken = { ...serverCentre(), id: undefined } as unknown as LocalCentre;
		await expect(
			applySlice(local, slice({ centres: [serverCentre({ id: 'centre-2' }), broken], quotas: [] }), ctx)
		).rejects.toThrow();
		expect(await snapshot(local)).toEqual(before);
	});
});
