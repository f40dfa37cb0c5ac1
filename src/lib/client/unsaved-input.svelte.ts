/**
 * Forms with input not yet saved register here, so an app update (which reloads the page) is never applied
 * over someone's typing without them saying so.
 */
import { untrack } from 'svelte';

const dirty = $state<{ forms: string[] }>({ forms: [] });

/** Untracked: it reads and rewrites the shared list, and an effect depending on that would re-run without end. */
export function setUnsavedInput(formId: string, hasInput: boolean): void {
	untrack(() => {
		const present = dirty.forms.includes(formId);
		if (hasInput && !present) dirty.forms.push(formId);
		if (!hasInput && present) dirty.forms = dirty.forms.filter((id) => id !== formId);
	});
}

export function hasUnsavedInput(): boolean {
	return dirty.forms.length > 0;
}

/** Call during component initialisation: ties the form's "has unsaved input" to the guard while it lives. */
export function trackUnsavedInput(formId: string, hasInput: () => boolean): void {
	$effect(() => setUnsavedInput(formId, hasInput()));
	$effect(() => () => setUnsavedInput(formId, false));
}
