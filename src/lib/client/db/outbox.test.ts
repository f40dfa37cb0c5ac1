import { describe, expect, it } from 'vitest';
import { saveDraft } from './consultations';
import { entityState, pendingCount, pendingEntries } from './outbox';
import { createLocalOrganisation } from './organisations';
import { freshDbs, organisationInput, testContext } from './test-factories';

const db = freshDbs();

describe('outbox reads', () => {
	it('counts pending changes and hands them out oldest first', async () => {
		const local = await db();
		const ctx = testContext();
		expect(await pendingCount(local)).toBe(0);
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		const organisation = await createLocalOrganisation(local, ctx, organisationInput());
		await saveDraft(local, ctx, 'c2', { notes: 'b' });

		expect(await pendingCount(local)).toBe(3);
		expect((await pendingEntries(local, 2)).map((e) => e.entityId)).toEqual(['c1', organisation.id]);
		const all = await pendingEntries(local, 10);
		expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a! - b!));
		expect(new Set(all.map((e) => e.opId)).size).toBe(3);
	});

	it("tells whether a record's changes are still only on this phone", async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		expect(await entityState(local, 'consultation', 'c1')).toBe('local');
		expect(await entityState(local, 'consultation', 'c2')).toBe('synced');
		// In flight is not yet confirmed: still local.
		await local.outbox.toCollection().modify({ sentAt: '2025-03-10T09:00:00.000Z' });
		expect(await entityState(local, 'consultation', 'c1')).toBe('local');
		// The sync engine removes an entry once the server confirms it.
		await local.outbox.clear();
		expect(await entityState(local, 'consultation', 'c1')).toBe('synced');
	});
});
