/** The shared consultation field names and values (i18n/consultation-fields.ts) in the browser's current locale. */
import { consultationFieldName, consultationFieldValue } from '$lib/i18n/consultation-fields';
import { currentLocale } from '$lib/i18n/locale.svelte';

export function fieldName(field: string): string {
	return consultationFieldName(field, currentLocale());
}

export function showFieldValue(
	field: string,
	value: unknown,
	organisationNames?: ReadonlyMap<string, string>
): string {
	return consultationFieldValue(field, value, currentLocale(), organisationNames);
}
