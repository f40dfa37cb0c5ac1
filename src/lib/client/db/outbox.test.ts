import { describe, expect, it } from 'vitest';
import { resolveConflict, saveDraft } from './consultations';
import { entityState, isSent, pendingCount, pendingEntries, sentThrough } from './outbox';
import { createLocalOrganisation } from './organisations';
import { freshDbs, markAllSent, organisationInput, serverConsultation, testContext } from './test-factories';

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

describe('an organisation added during a visit', () => {
	it('goes to the server before the change that points the visit at it', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { startTime: '09:30' });
		const organisation = await createLocalOrganisation(local, ctx, organisationInput());
		await saveDraft(local, ctx, 'c1', { organisationId: organisation.id });
		await saveDraft(local, ctx, 'c1', { notes: 'Statut' });

		const entries = await pendingEntries(local, 10);
		expect(entries.map((e) => [e.entity, e.op, e.fields.organisationId ?? null])).toEqual([
			['consultation', 'create', null],
			['organisation', 'create', null],
			['consultation', 'update', organisation.id]
		]);
		// Later keystrokes fold into the entry after the organisation, as usual.
		expect(entries[2]!.fields).toMatchObject({ organisationId: organisation.id, notes: 'Statut' });
	});

	it('a visit begun after its organisation stays one create', async () => {
		const local = await db();
		const ctx = testContext();
		const organisation = await createLocalOrganisation(local, ctx, organisationInput());
		await saveDraft(local, ctx, 'c1', { startTime: '09:30' });
		await saveDraft(local, ctx, 'c1', { organisationId: organisation.id });
		expect((await pendingEntries(local, 10)).map((e) => [e.entity, e.op])).toEqual([
			['organisation', 'create'],
			['consultation', 'create']
		]);
	});
});

describe('entries that have left', () => {
	it('one number marks what has left: edits after it make a new entry, which later edits fold into', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		await markAllSent(local);
		await saveDraft(local, ctx, 'c1', { notes: 'ab' });
		await saveDraft(local, ctx, 'c1', { notes: 'abc' });

		const entries = await pendingEntries(local, 10);
		const through = await sentThrough(local);
		expect(entries.map((e) => [e.op, e.fields.notes, isSent(e, through)])).toEqual([
			['create', 'a', true],
			['update', 'abc', false]
		]);
	});

	it('an entry an older app version marked with sentAt stays sent and is never merged into', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		await local.outbox.toCollection().modify({ sentAt: '2025-03-10T09:00:00.000Z' });
		await saveDraft(local, ctx, 'c1', { notes: 'ab' });

		const entries = await pendingEntries(local, 10);
		expect(await sentThrough(local)).toBe(0);
		expect(entries.map((e) => [e.op, e.fields.notes, isSent(e, 0)])).toEqual([
			['create', 'a', true],
			['update', 'ab', false]
		]);
	});
});

describe('the base of a change made over a pending one', () => {
	// Found by the sync simulation: the second entry claimed the newer version the record showed, although its text
	// grew from the pending entry's, and the server let it replace another device's newer note.
	it('takes the base of the pending entry whose field it changes again', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(
			serverConsultation({
				id: 'c1',
				version: 3,
				notes: 'Z serwera',
				conflicts: [
					{
						field: 'notes',
						value: 'Z tabletu',
						authorId: 'a',
						opId: 'op-1',
						version: 3,
						at: '2025-03-10T07:00:00.000Z'
					}
				]
			})
		);
		await resolveConflict(local, ctx, 'c1', 'notes', 'Z serwera i z tabletu');
		// A pull brings version 5 meanwhile; the record shows the resolution's text over it.
		await local.consultations.update('c1', { version: 5 });
		await saveDraft(local, ctx, 'c1', { notes: 'Z serwera i z tabletu, dopisek', participantCount: 4 });
		await saveDraft(local, ctx, 'c1', { address: 'Rynek 1' });

		const entries = await local.outbox.orderBy('seq').toArray();
		expect(entries.map((e) => [e.fields.notes, e.baseVersion])).toEqual([
			['Z serwera i z tabletu', 3],
			['Z serwera i z tabletu, dopisek', 3]
		]);
	});

	it('keeps the record version for fields no pending entry holds', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(serverConsultation({ id: 'c1', version: 3, notes: 'A' }));
		await resolveConflict(local, ctx, 'c1', 'notes', 'A');
		await local.consultations.update('c1', { version: 5 });
		await saveDraft(local, ctx, 'c1', { participantCount: 4 });

		const entries = await local.outbox.orderBy('seq').toArray();
		expect(entries.at(-1)).toMatchObject({ fields: { participantCount: 4 }, baseVersion: 5 });
	});
});
