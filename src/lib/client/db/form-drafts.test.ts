import { describe, expect, it } from 'vitest';
import { clearFormDraft, loadFormDraft, restoreMatching, saveFormDraft } from './form-drafts';
import { freshDbs } from './test-factories';

const db = freshDbs();

describe('form drafts', () => {
	it('keeps typing under its key until it is cleared, each form apart', async () => {
		const local = await db();
		expect(await loadFormDraft(local, 'organisation-new')).toBeUndefined();

		await saveFormDraft(
			local,
			'organisation-new',
			{ name: 'Fundacja', nip: '123' },
			new Date('2026-11-28T10:00:00Z')
		);
		await saveFormDraft(local, 'amend:c1', { notes: 'poprawione', reason: 'literówka' });
		await saveFormDraft(
			local,
			'organisation-new',
			{ name: 'Fundacja Pomorze', nip: '123' },
			new Date('2026-11-28T10:01:00Z')
		);

		expect(await loadFormDraft(local, 'organisation-new')).toEqual({
			values: { name: 'Fundacja Pomorze', nip: '123' },
			savedAt: '2026-11-28T10:01:00.000Z'
		});
		await clearFormDraft(local, 'organisation-new');
		expect(await loadFormDraft(local, 'organisation-new')).toBeUndefined();
		expect((await loadFormDraft(local, 'amend:c1'))?.values).toEqual({
			notes: 'poprawione',
			reason: 'literówka'
		});
	});

	it('does not take a stored value that is not a draft for one', async () => {
		const local = await db();
		for (const value of [
			null,
			'text',
			{ values: { a: 'b' } },
			{ savedAt: 'x', values: ['a'] },
			{ savedAt: 'x' }
		]) {
			await local.meta.put({ key: 'formDraft:broken', value });
			expect(await loadFormDraft(local, 'broken')).toBeUndefined();
		}
	});

	it("takes back only the form's own fields, with the same kind of value", () => {
		const template = { name: '', durationMin: 60, topics: ['law'], organisationId: 'o1' as string | null };
		const restored = restoreMatching(
			{ name: 'Nowa', durationMin: '90', topics: ['grants', 'hr'], organisationId: 7, unknown: 'x' },
			template
		);
		expect(restored).toEqual({ name: 'Nowa', topics: ['grants', 'hr'] });

		// A copy: editing the form does not edit what was read.
		const values = { topics: ['grants'] };
		restoreMatching(values, template).topics!.push('hr');
		expect(values.topics).toEqual(['grants']);
	});
});
