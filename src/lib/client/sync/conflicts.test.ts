import { describe, expect, it } from 'vitest';
import type { FieldConflict } from '$lib/domain/sync';
import { chosenText, conflictGroups, isMergeTextField } from './conflicts';

const conflict = (field: FieldConflict['field'], value: string, version: number): FieldConflict => ({
	field,
	value,
	authorId: 'advisor-1',
	opId: `op-${version}`,
	version,
	at: '2025-03-10T08:00:00.000Z'
});

describe('conflict groups', () => {
	const record = {
		notes: 'Wersja A',
		followUps: '',
		address: 'ul. Długa 1',
		conflicts: [
			conflict('notes', 'Wersja C', 5),
			conflict('followUps', 'Zadzwonić', 4),
			conflict('notes', 'Wersja B', 3)
		]
	};

	it('groups the versions per field in form order, oldest first', () => {
		const groups = conflictGroups(record);
		expect(groups.map((g) => [g.field, g.current, g.others.map((o) => o.value)])).toEqual([
			['notes', 'Wersja A', ['Wersja B', 'Wersja C']],
			['followUps', '', ['Zadzwonić']]
		]);
		expect(conflictGroups({ ...record, conflicts: [] })).toEqual([]);
	});

	it('keeps one, another, or all distinct texts joined by a blank line', () => {
		const [notes, followUps] = conflictGroups(record);
		expect(chosenText(notes!, 'current')).toBe('Wersja A');
		expect(chosenText(notes!, 'other', 1)).toBe('Wersja C');
		expect(chosenText(notes!, 'both')).toBe('Wersja A\n\nWersja B\n\nWersja C');
		// An empty server text adds no blank paragraph; a repeated text is kept once.
		expect(chosenText(followUps!, 'both')).toBe('Zadzwonić');
		expect(
			chosenText({ field: 'notes', current: 'Ta sama', others: [conflict('notes', 'Ta sama ', 2)] }, 'both')
		).toBe('Ta sama');
		// Combined on one phone while the other kept its own: the other's text is already in it, not added again.
		expect(
			chosenText(
				{ field: 'notes', current: 'Tekst A\n\nTekst B', others: [conflict('notes', 'Tekst A', 3)] },
				'both'
			)
		).toBe('Tekst A\n\nTekst B');
		// Only whole paragraphs count as already there: "sala 5" is not inside "sala 55".
		expect(
			chosenText(
				{
					field: 'notes',
					current: 'Spotkanie w sali 55',
					others: [conflict('notes', 'Spotkanie w sali 5', 3)]
				},
				'both'
			)
		).toBe('Spotkanie w sali 55\n\nSpotkanie w sali 5');
		expect(
			chosenText(
				{ field: 'notes', current: 'A1\n\nA2\n\nB', others: [conflict('notes', 'A1\n\nA2', 3)] },
				'both'
			)
		).toBe('A1\n\nA2\n\nB');
		expect(isMergeTextField('notes')).toBe(true);
		expect(isMergeTextField('status')).toBe(false);
	});
});
