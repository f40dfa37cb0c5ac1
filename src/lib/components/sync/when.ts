/** "dziś, 12:04" / "wczoraj, 18:30" / "3 marca 2025, 09:15": an instant in the user's language, Warsaw time. */
import { instantParts } from '$lib/client/sync/status';
import { currentLocale, t } from '$lib/i18n/locale.svelte';

export function whenText(iso: string, now: Date = new Date()): string {
	const parts = instantParts(iso, now, currentLocale());
	return t(`sync.when.${parts.day}`, { time: parts.time, date: parts.date });
}
