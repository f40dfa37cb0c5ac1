import { describe, expect, it } from 'vitest';
import type { FieldConflict } from '$lib/domain/sync';
import { LockedRecordError, resolveConflict, saveDraft } from './consultations';
import { freshDbs, serverConsultation, testContext } from './test-factories';

const db = freshDbs();

const conflict = (overrides: Partial<FieldConflict> = {}): FieldConflict => ({
	field: 'notes',
	value: 'Wersja z drugiego telefonu',
	authorId: 'advisor-1',
	opId: '00000000-0000-7000-8000-0000000000aa',
	version: 3,
	at: '2025-03-10T07:00:00.000Z',
	...overrides
});

describe('resolveConflict', () => {
	it('saves the chosen text, drops that field’s versions and sends one separate update that resolves it', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(
			serverConsultation({
				id: 'c1',
				version: 3,
				notes: 'Wersja z serwera',
				conflicts: [conflict(), conflict({ field: 'followUps', value: 'Inne kroki', opId: 'op-f' })]
			})
		);

		const combined = 'Wersja z serwera\n\nWersja z drugiego telefonu';
		const next = await resolveConflict(local, ctx, 'c1', 'notes', combined);

		expect(next.notes).toBe(combined);
		expect(next.conflicts.map((c) => c.field)).toEqual(['followUps']);
		expect(await local.consultations.get('c1')).toEqual(next);
		const entries = await local.outbox.toArray();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			entity: 'consultation',
			entityId: 'c1',
			op: 'update',
			fields: { notes: combined },
			baseVersion: 3,
			mergeable: false,
			resolves: ['notes']
		});

		// A later edit of the same text is a new step: the resolution leaves exactly as the user chose it.
		await saveDraft(local, ctx, 'c1', { notes: combined + ' i jeszcze' });
		expect(await local.outbox.count()).toBe(2);
	});

	it('keeps the server text of a signed record (no edit) but refuses to change its text outside an amendment', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(
			serverConsultation({
				id: 'c2',
				status: 'signed',
				version: 5,
				notes: 'Podpisane',
				conflicts: [conflict()]
			})
		);

		await expect(resolveConflict(local, ctx, 'c2', 'notes', 'Inny tekst')).rejects.toBeInstanceOf(
			LockedRecordError
		);
		expect(await local.outbox.count()).toBe(0);

		const kept = await resolveConflict(local, ctx, 'c2', 'notes', 'Podpisane');
		expect(kept.conflicts).toEqual([]);
		expect(kept.notes).toBe('Podpisane');
		const [entry] = await local.outbox.toArray();
		expect(entry).toMatchObject({ fields: { notes: 'Podpisane' }, baseVersion: 5, resolves: ['notes'] });
	});
});
