/**
 * Typing kept on the phone for the forms that are saved only as a whole — a new organisation, an amendment — so a
 * reload, a closed tab or a browser that drops the page in the background brings it back. (The visit form needs
 * none: it saves its draft record as the advisor types.) Kept in the signed-in user's own database, so signing
 * out removes it with the rest of that user's data.
 */
import type { LocalDb } from './local-db';

const PREFIX = 'formDraft:';

export interface FormDraft {
	/** The form's own snapshot; each form takes back only what matches its fields (`restoreMatching`). */
	values: Record<string, unknown>;
	savedAt: string;
}

export async function saveFormDraft(
	db: LocalDb,
	key: string,
	values: object,
	now: Date = new Date()
): Promise<void> {
	await db.meta.put({ key: PREFIX + key, value: { values, savedAt: now.toISOString() } });
}

/** The kept typing, or undefined when there is none or what is stored is not a draft. */
export async function loadFormDraft(db: LocalDb, key: string): Promise<FormDraft | undefined> {
	const stored = (await db.meta.get(PREFIX + key))?.value as Partial<FormDraft> | undefined;
	if (!stored || typeof stored !== 'object' || typeof stored.savedAt !== 'string') return undefined;
	const { values } = stored;
	if (!values || typeof values !== 'object' || Array.isArray(values)) return undefined;
	return { values, savedAt: stored.savedAt };
}

export async function clearFormDraft(db: LocalDb, key: string): Promise<void> {
	await db.meta.delete(PREFIX + key);
}

/** 'array' for arrays, 'null' for null, else typeof: what a draft's value must share with the form's own. */
function kindOf(value: unknown): string {
	return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/**
 * The fields of `template` found in a draft's values with the same kind of value (text, number, list…); anything
 * else is left out. The form validates the result as it validates typing before anything is saved.
 */
export function restoreMatching<T extends object>(values: Record<string, unknown>, template: T): Partial<T> {
	const fields = template as Record<string, unknown>;
	return Object.fromEntries(
		Object.keys(fields)
			.filter((field) => field in values && kindOf(values[field]) === kindOf(fields[field]))
			.map((field) => [field, structuredClone(values[field])])
	) as Partial<T>;
}
