/**
 * Texts kept in two (or more) versions after concurrent edits, grouped per field for the screen that lets a
 * person choose: the server's version, another one, or all of them joined with a blank line.
 */
import { MERGE_TEXT_FIELDS, type FieldConflict, type MergeTextField } from '$lib/domain/sync';
import type { LocalConsultation } from '../db/local-db';

export interface ConflictGroup {
	field: MergeTextField;
	/** The text the record has now (the server's, unless this phone changed it since). */
	current: string;
	/** The versions that lost, oldest first. */
	others: FieldConflict[];
}

export type ConflictChoice = 'current' | 'other' | 'both';

export function isMergeTextField(value: unknown): value is MergeTextField {
	return typeof value === 'string' && (MERGE_TEXT_FIELDS as readonly string[]).includes(value);
}

/** One group per conflicting field, in the form's field order. */
export function conflictGroups(
	record: Pick<LocalConsultation, 'conflicts' | MergeTextField>
): ConflictGroup[] {
	return MERGE_TEXT_FIELDS.flatMap((field) => {
		const others = record.conflicts
			.filter((conflict) => conflict.field === field)
			.sort((a, b) => a.version - b.version || a.at.localeCompare(b.at));
		return others.length ? [{ field, current: record[field] ?? '', others }] : [];
	});
}

/** The text a choice stands for. "both" keeps every distinct non-empty version, separated by a blank line. */
export function chosenText(group: ConflictGroup, choice: ConflictChoice, otherIndex = 0): string {
	if (choice === 'current') return group.current;
	if (choice === 'other') return group.others[otherIndex]?.value ?? group.current;
	const texts = [group.current, ...group.others.map((other) => other.value)]
		.map((text) => text.trim())
		.filter((text, index, all) => text !== '' && all.indexOf(text) === index);
	// A version whose paragraphs already stand, whole and in order, inside another (a text combined earlier, on
	// another phone) is not added a second time. Only whole paragraphs: "sala 5" is not inside "sala 55".
	return texts
		.filter((text) => !texts.some((other) => other !== text && holdsParagraphs(other, text)))
		.join('\n\n');
}

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim());

/** Whether `whole`'s paragraphs contain `part`'s, consecutively. */
function holdsParagraphs(whole: string, part: string): boolean {
	const outer = paragraphs(whole);
	const inner = paragraphs(part);
	for (let start = 0; start + inner.length <= outer.length; start++) {
		if (inner.every((p, i) => outer[start + i] === p)) return true;
	}
	return false;
}
