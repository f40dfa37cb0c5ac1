/**
 * What the targets screen (routes/quotas, QuotaField) says after a save, and when it stops saying it. Pure apart
 * from the locale; the saved target is the server's answer to PUT /api/quotas, the shown one the reloaded overview.
 */
import type { QuotaSource } from '$lib/domain/coordination';
import { formatHoursMinutes } from '$lib/domain/hours';
import { translate, type Locale } from '$lib/i18n/translate';

/** The target the server saved (PUT /api/quotas answers `{ quota }`): month null is the standing target. */
export interface SavedQuota {
	month: string | null;
	targetMin: number | null;
}

/** What a field shows: the month viewed, its figure and where the figure comes from. */
export interface ShownQuota {
	month: string;
	source: QuotaSource;
	targetMin: number | null;
}

const hours = (minutes: number) => `${formatHoursMinutes(minutes)} h`;

/**
 * The field's note after a save, read with the overview reloaded. A standing target saved while the viewed month
 * keeps a target of its own (set for it, or kept when it was closed) does not change the figure shown: the note
 * says what was saved and why the month's figure stays.
 */
export function quotaSavedText(saved: SavedQuota, shown: ShownQuota, locale: Locale): string {
	if (saved.month !== null || saved.targetMin === null) return translate(locale, 'quota.saved');
	const standing = hours(saved.targetMin);
	if ((shown.source === 'month' || shown.source === 'kept') && shown.targetMin !== null) {
		return translate(locale, shown.source === 'kept' ? 'quota.savedStandingKept' : 'quota.savedStandingOwn', {
			hours: standing,
			own: hours(shown.targetMin)
		});
	}
	return translate(locale, 'quota.savedStanding', { hours: standing });
}

/** Whether a field still shows what it showed when its note was written: another month or figure clears it. */
export function sameShown(a: ShownQuota, b: ShownQuota): boolean {
	return a.month === b.month && a.source === b.source && a.targetMin === b.targetMin;
}

/** A field's save as the screen answers it: the saved target, or why it was not saved. */
export type QuotaSaveResult = { ok: true; quota: SavedQuota } | { ok: false; message: string };
