/**
 * Reference data the device keeps beside the synced records: the centres, their monthly hour targets, how
 * many advisors each has and (for a coordinator) their names. Small and the server's alone, so it is
 * replaced whole; records (consultations, amendments, organisations) arrive through the sync pull instead
 * (sync-apply.ts).
 */
import type { LocalCentre, LocalDb } from './local-db';
import type { QuotaRow } from '$lib/domain/quota';

export interface ServerSlice {
	centres: LocalCentre[];
	/** Monthly hour targets of the user's centres (the month screen's progress bar) and advisors per centre. */
	quotas: QuotaRow[];
	advisorsInCentre: Record<string, number>;
	/** Centre id → its advisors' names (coordinators only). Optional: an older server omits it. */
	advisors?: Record<string, AdvisorName[]>;
}

export interface AdvisorName {
	id: string;
	name: string;
}

export const SLICE_LOADED_AT = 'sliceLoadedAt';
export const QUOTAS = 'quotas';
export const ADVISORS_IN_CENTRE = 'advisorsInCentre';
export const ADVISOR_NAMES = 'advisorNames';

export function applySlice(db: LocalDb, slice: ServerSlice, ctx: { now: () => Date }): Promise<void> {
	return db.transaction('rw', [db.meta, db.centres], async () => {
		await db.centres.clear();
		await db.centres.bulkPut(slice.centres);
		await db.meta.put({ key: QUOTAS, value: slice.quotas });
		await db.meta.put({ key: ADVISORS_IN_CENTRE, value: slice.advisorsInCentre });
		await db.meta.put({ key: ADVISOR_NAMES, value: slice.advisors ?? {} });
		await db.meta.put({ key: SLICE_LOADED_AT, value: ctx.now().toISOString() });
	});
}
