/** Ties a form's "has unsaved input" to the app-update guard for as long as the component lives. */
import { untrack } from 'svelte';
import { setUnsavedInput } from './unsaved-input.svelte';

/**
 * Call during component initialisation. The writes are untracked: setUnsavedInput reads and rewrites the shared
 * list, and an effect that depends on what it writes would re-run itself without end.
 */
export function trackUnsavedInput(formId: string, hasInput: () => boolean): void {
	$effect(() => {
		const dirty = hasInput();
		untrack(() => setUnsavedInput(formId, dirty));
	});
	$effect(() => () => untrack(() => setUnsavedInput(formId, false)));
}
