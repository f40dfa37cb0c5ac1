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

/** The forms kept per consultation card: its amendment, its signature. */
const CARD_FORMS = ['amend', 'sign'] as const;
export type CardForm = (typeof CARD_FORMS)[number];

/** The draft key of a form about one consultation card. */
export function cardDraftKey(form: CardForm, consultationId: string): string {
	return `${form}:${consultationId}`;
}

/**
 * Removes the drafts of cards no longer on the phone (deleted, or out of the user's scope): nothing could open
 * their forms again. Run once a pull has reached the end, when every card the user may see is back.
 */
export async function clearOrphanCardDrafts(db: LocalDb): Promise<void> {
	const keys = (await db.meta.where('key').startsWith(PREFIX).primaryKeys()) as string[];
	const cards = keys.flatMap((key) => {
		const [form, id] = key.slice(PREFIX.length).split(':');
		return CARD_FORMS.includes(form as CardForm) && id ? [{ key, id }] : [];
	});
	if (cards.length === 0) return;
	const present = await db.consultations.bulkGet(cards.map((card) => card.id));
	await db.meta.bulkDelete(cards.filter((_, i) => !present[i]).map((card) => card.key));
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
