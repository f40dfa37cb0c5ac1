/**
 * Reference data the device keeps beside the synced records: the centres, their monthly hour targets, how
 * many advisors each has and (for a coordinator) their names. Small and the server's alone, so it is
 * replaced whole; records (consultations, amendments, organisations) arrive through the sync pull instead
 * (sync-apply.ts).
 */
import type { LocalCentre, LocalDb } from './local-db';
import type { QuotaRow } from '$lib/domain/quota';
import type { ProjectPeriod } from '$lib/domain/coordination';
import type { BookingView } from '$lib/domain/booking';
import type { ColleagueVisit } from '$lib/domain/consultation';

export interface ServerSlice {
	centres: LocalCentre[];
	/** Monthly hour targets of the user's centres (the month screen's progress bar) and advisors per centre. */
	quotas: QuotaRow[];
	advisorsInCentre: Record<string, number>;
	/** Centre id → its advisors' names (coordinators only). Optional: an older server omits it. */
	advisors?: Record<string, AdvisorName[]>;
	/** The project period (issue 5), so a device knows the reported months offline. Optional: an older server omits it. */
	projectPeriod?: ProjectPeriod;
	/** Months closed for the user's centres (issue 5). Optional: an older server omits it. */
	closedMonths?: ClosedMonth[];
	/** The user's bookings (issue 6, server/booking/slice.ts). Optional: an older server omits it. */
	bookings?: BookingView[];
	/** An organisation's finished visits that were not booked (NGO only, summaries without notes). Optional. */
	organisationVisits?: ColleagueVisit[];
}

export interface ClosedMonth {
	centreId: string;
	/** 'YYYY-MM'. */
	month: string;
}

export interface AdvisorName {
	id: string;
	name: string;
}

export const SLICE_LOADED_AT = 'sliceLoadedAt';
export const QUOTAS = 'quotas';
export const ADVISORS_IN_CENTRE = 'advisorsInCentre';
export const ADVISOR_NAMES = 'advisorNames';
export const PROJECT_PERIOD = 'projectPeriod';
export const CLOSED_MONTHS = 'closedMonths';
export const ORGANISATION_VISITS = 'organisationVisits';

export function applySlice(db: LocalDb, slice: ServerSlice, ctx: { now: () => Date }): Promise<void> {
	return db.transaction('rw', [db.meta, db.centres, db.bookings], async () => {
		await db.centres.clear();
		await db.centres.bulkPut(slice.centres);
		if (slice.bookings) {
			// Requests still on this phone ("not sent yet") stay; everything the server knows is replaced.
			await db.bookings.filter((b) => !b.pending).delete();
			await db.bookings.bulkPut(slice.bookings);
		}
		await db.meta.put({ key: QUOTAS, value: slice.quotas });
		await db.meta.put({ key: ADVISORS_IN_CENTRE, value: slice.advisorsInCentre });
		await db.meta.put({ key: ADVISOR_NAMES, value: slice.advisors ?? {} });
		if (slice.projectPeriod) await db.meta.put({ key: PROJECT_PERIOD, value: slice.projectPeriod });
		await db.meta.put({ key: CLOSED_MONTHS, value: slice.closedMonths ?? [] });
		await db.meta.put({ key: ORGANISATION_VISITS, value: slice.organisationVisits ?? [] });
		await db.meta.put({ key: SLICE_LOADED_AT, value: ctx.now().toISOString() });
	});
}

/** The organisation's unbooked visits the slice brought (NGO), newest first. */
export function organisationVisitsOnDevice(db: LocalDb): Promise<ColleagueVisit[]> {
	// Dexie's own promise, so a liveQuery keeps observing the read.
	return db.meta
		.get(ORGANISATION_VISITS)
		.then((row) => (Array.isArray(row?.value) ? (row.value as ColleagueVisit[]) : []));
}
