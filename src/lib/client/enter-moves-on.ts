/**
 * Enter (a phone keyboard's "Go") in a one-line field of a long form moves to the next field instead of submitting
 * the form: in the visit form a stray Enter would complete the visit. Textareas keep their new lines; a field that
 * handles Enter itself (the organisation search) prevents the default first and is left alone.
 */
import type { Action } from 'svelte/action';

const FIELDS = 'input:not([type="hidden"]), select, textarea, button';

export const enterMovesOn: Action<HTMLFormElement> = (form) => {
	const onKeydown = (event: KeyboardEvent) => {
		if (event.key !== 'Enter' || event.isComposing || event.defaultPrevented) return;
		const field = event.target;
		if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement)) return;
		event.preventDefault();
		const fields = [...form.querySelectorAll<HTMLElement>(FIELDS)].filter(
			(element) => !element.matches(':disabled') && element.getClientRects().length > 0
		);
		fields[fields.indexOf(field) + 1]?.focus();
	};
	form.addEventListener('keydown', onKeydown);
	return { destroy: () => form.removeEventListener('keydown', onKeydown) };
};
