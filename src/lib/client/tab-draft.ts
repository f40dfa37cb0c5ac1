/**
 * Input kept in this tab's sessionStorage, written synchronously. For a form filled before sign-in (signed-in forms
 * keep their drafts in the user's device database, `form-drafts`; before sign-in there is none), and for the last
 * keystrokes of a signed-in form whose database write has not finished yet (a write cannot finish once the page
 * is unloading; a storage write here already has). A reload, a page the phone discarded to save memory or an app
 * update then keeps what was typed, and closing the tab or signing out forgets it (a shared computer keeps nobody's
 * data). Never for passwords.
 */
const PREFIX = 'doradca.draft.';

/** The kept value, or null (none, unreadable, or storage refused, as in some private modes). */
export function readTabDraft(key: string): unknown {
	try {
		const raw = sessionStorage.getItem(PREFIX + key);
		return raw === null ? null : (JSON.parse(raw) as unknown);
	} catch {
		return null;
	}
}

/** Keeps `value` (null forgets it). A full or refused storage only means the draft is not kept. */
export function writeTabDraft(key: string, value: unknown): void {
	try {
		if (value === null) sessionStorage.removeItem(PREFIX + key);
		else sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
	} catch {
		/* not kept */
	}
}

/**
 * `template` with the string values `raw` holds for its keys: what a kept draft may restore, whatever else an
 * older version of the form (or anyone with the console) left there.
 */
export function keptStrings<T extends { [K in keyof T]: string }>(template: T, raw: unknown): T {
	const out = { ...template };
	if (typeof raw !== 'object' || raw === null) return out;
	for (const key of Object.keys(template) as (keyof T & string)[]) {
		const value = (raw as Record<string, unknown>)[key];
		if (typeof value === 'string') out[key] = value as T[typeof key];
	}
	return out;
}

/** Signing out: nothing typed in this tab stays behind. */
export function forgetTabDrafts(): void {
	try {
		for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
	} catch {
		/* nothing kept */
	}
}
