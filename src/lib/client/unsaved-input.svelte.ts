/**
 * Forms with input not yet saved register here, so an app update (which reloads the page) is never applied
 * over someone's typing without them saying so.
 */
const dirty = $state<{ forms: string[] }>({ forms: [] });

export function setUnsavedInput(formId: string, hasInput: boolean): void {
	const present = dirty.forms.includes(formId);
	if (hasInput && !present) dirty.forms.push(formId);
	if (!hasInput && present) dirty.forms = dirty.forms.filter((id) => id !== formId);
}

export function hasUnsavedInput(): boolean {
	return dirty.forms.length > 0;
}
