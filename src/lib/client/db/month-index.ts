/**
 * The month index: per advisor and month, one row holding the summed fields of each consultation. The month
 * screen reads that single row instead of thousands of records, and hands the entries to the one hours module
 * (hours.ts), which does all the arithmetic. Derived data: every consultation write updates it in the same
 * transaction (`reindexConsultation`), and a slice load rebuilds it (`rebuildMonthIndex`).
 */
import type { ConsultationStatus, PlaceKind } from '$lib/domain/consultation';
import { monthOf, type SummarisedConsultation } from '$lib/domain/hours';
import type { LocalConsultation, LocalDb } from './local-db';

/** Compact on purpose (a tuple, not an object): one row may hold a whole busy month. */
export type MonthEntry = [
	date: string,
	status: ConsultationStatus,
	placeKind: PlaceKind,
	durationMin: number,
	organisationId: string | null,
	topics: string[]
];

export interface MonthIndexRow {
	advisorId: string;
	month: string;
	entries: Record<string, MonthEntry>;
}

function entryOf(c: LocalConsultation): MonthEntry {
	return [c.date, c.status, c.placeKind, c.durationMin, c.organisationId, [...c.topics]];
}

const monthKey = (c: LocalConsultation) => (/^\d{4}-\d{2}-\d{2}$/.test(c.date) ? monthOf(c.date) : null);

/** Call inside the write transaction of a consultation, with the record before and after (undefined = none). */
export async function reindexConsultation(
	db: LocalDb,
	before: LocalConsultation | undefined,
	after: LocalConsultation | undefined
): Promise<void> {
	const from = before && monthKey(before) ? ([before.advisorId, monthKey(before)!] as const) : null;
	const to = after && monthKey(after) ? ([after.advisorId, monthKey(after)!] as const) : null;
	const next = after ? entryOf(after) : null;
	if (
		from &&
		to &&
		from[0] === to[0] &&
		from[1] === to[1] &&
		JSON.stringify(entryOf(before!)) === JSON.stringify(next)
	) {
		return; // Typing notes changes nothing that is summed.
	}
	if (from) {
		const row = await db.monthIndex.get([from[0], from[1]]);
		if (row) {
			delete row.entries[before!.id];
			await db.monthIndex.put(row);
		}
	}
	if (to && next) {
		const row = (await db.monthIndex.get([to[0], to[1]])) ?? { advisorId: to[0], month: to[1], entries: {} };
		row.entries[after!.id] = next;
		await db.monthIndex.put(row);
	}
}

/**
 * Rebuilds the whole index from the records (after a slice load replaced many at once, and in the v2 upgrade,
 * which passes the upgrade transaction's tables).
 */
export async function rebuildMonthIndex(db: Pick<LocalDb, 'consultations' | 'monthIndex'>): Promise<void> {
	const rows = new Map<string, MonthIndexRow>();
	await db.consultations.each((c) => {
		const month = monthKey(c);
		if (!month) return;
		const key = `${c.advisorId}|${month}`;
		const row = rows.get(key) ?? { advisorId: c.advisorId, month, entries: {} };
		row.entries[c.id] = entryOf(c);
		rows.set(key, row);
	});
	await db.monthIndex.clear();
	await db.monthIndex.bulkPut([...rows.values()]);
}

/** The month screen's input: the summed fields of one advisor's month, from one row. */
export async function monthFigures(
	db: LocalDb,
	advisorId: string,
	month: string
): Promise<SummarisedConsultation[]> {
	const row = await db.monthIndex.get([advisorId, month]);
	return Object.values(row?.entries ?? {}).map(
		([date, status, placeKind, durationMin, organisationId, topics]) => ({
			date,
			status,
			placeKind,
			durationMin,
			organisationId,
			topics
		})
	);
}
