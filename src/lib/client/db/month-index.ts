/**
 * The month index: per advisor and day, one row holding the summed fields of each consultation of that day. The
 * month screen reads a month's ~30 rows with one range query instead of thousands of records, and hands the
 * entries to the one hours module (hours.ts), which does all the arithmetic; a save rewrites one small day row.
 * Derived data: every consultation write updates it in the same transaction (`reindexConsultation`), and a slice
 * load or the schema upgrade rebuilds it (`rebuildMonthIndex`).
 */
import type { ConsultationReview, ConsultationStatus, PlaceKind } from '$lib/domain/consultation';
import { monthRange, type SummarisedConsultation } from '$lib/domain/hours';
import type { LocalConsultation, LocalDb } from './local-db';

/** Compact on purpose (a tuple, not an object): one row may hold a whole busy month. */
export type MonthEntry = [
	date: string,
	status: ConsultationStatus,
	placeKind: PlaceKind,
	durationMin: number,
	organisationId: string | null,
	topics: string[],
	/** Absent in rows written before issue 5 (then: the advisor's centre, not late). */
	centreId?: string,
	/** A late change waiting for approval (the server's review.late): the month counts its baseline meanwhile. */
	late?: ConsultationReview['late']
];

export interface MonthIndexRow {
	advisorId: string;
	/** The Warsaw calendar date, YYYY-MM-DD. */
	date: string;
	entries: Record<string, MonthEntry>;
}

function entryOf(c: LocalConsultation): MonthEntry {
	return [
		c.date,
		c.status,
		c.placeKind,
		c.durationMin,
		c.organisationId,
		[...c.topics],
		c.centreId,
		c.review?.late ?? null
	];
}

const dayKey = (c: LocalConsultation) => (/^\d{4}-\d{2}-\d{2}$/.test(c.date) ? c.date : null);

/** Call inside the write transaction of a consultation, with the record before and after (undefined = none). */
export function reindexConsultation(
	db: LocalDb,
	before: LocalConsultation | undefined,
	after: LocalConsultation | undefined
): Promise<void> {
	return reindexConsultations(db, [[before, after]]);
}

type DayKey = readonly [advisorId: string, date: string];

/**
 * Several consultation writes at once (a push answer, a pull page), in order: the same result as calling
 * `reindexConsultation` for each pair in turn, with one bulk read of the day rows involved and one bulk write of
 * the rows changed. Call inside the write transaction of the records.
 */
export async function reindexConsultations(
	db: LocalDb,
	changes: readonly (readonly [before: LocalConsultation | undefined, after: LocalConsultation | undefined])[]
): Promise<void> {
	const steps: {
		from: DayKey | null;
		to: DayKey | null;
		fromId: string;
		toId: string;
		next: MonthEntry | null;
	}[] = [];
	const keys = new Map<string, DayKey>();
	for (const [before, after] of changes) {
		const from = before && dayKey(before) ? ([before.advisorId, dayKey(before)!] as const) : null;
		const to = after && dayKey(after) ? ([after.advisorId, dayKey(after)!] as const) : null;
		const next = after ? entryOf(after) : null;
		if (
			from &&
			to &&
			from[0] === to[0] &&
			from[1] === to[1] &&
			JSON.stringify(entryOf(before!)) === JSON.stringify(next)
		) {
			continue; // Typing notes changes nothing that is summed.
		}
		if (from) keys.set(from.join('|'), from);
		if (to && next) keys.set(to.join('|'), to);
		steps.push({ from, to, fromId: before?.id ?? '', toId: after?.id ?? '', next });
	}
	if (steps.length === 0) return;
	const wanted = [...keys.values()];
	const stored = await db.monthIndex.bulkGet(wanted.map((key) => [key[0], key[1]] as [string, string]));
	const rows = new Map<string, MonthIndexRow | undefined>(wanted.map((key, i) => [key.join('|'), stored[i]]));
	const written = new Map<string, MonthIndexRow>();
	for (const { from, to, fromId, toId, next } of steps) {
		if (from) {
			const row = rows.get(from.join('|'));
			if (row) {
				delete row.entries[fromId];
				written.set(from.join('|'), row);
			}
		}
		if (to && next) {
			const key = to.join('|');
			const row = rows.get(key) ?? { advisorId: to[0], date: to[1], entries: {} };
			row.entries[toId] = next;
			rows.set(key, row);
			written.set(key, row);
		}
	}
	await db.monthIndex.bulkPut([...written.values()]);
}

/**
 * Reindexes records about to replace their stored copies (a push answer, a pull page; each id once), without
 * reading those copies first: a record's current entry is looked for in its new day's row, which is read anyway
 * and holds it whenever the record keeps its day (nearly always for a push answer). Only the records not found
 * there are read, to find the day they leave. The same result as `reindexConsultations` with the stored copies as
 * "before", because the index holds each record's entry in exactly one row, its stored copy's day's. Call inside
 * the write transaction of the records, before they are written.
 */
export async function reindexReplacements(db: LocalDb, records: readonly LocalConsultation[]): Promise<void> {
	const rows = new Map<string, MonthIndexRow | undefined>();
	const keyOf = (day: DayKey) => `${day[0]}|${day[1]}`;
	const dayOf = (c: LocalConsultation | undefined): DayKey | null =>
		c && dayKey(c) ? [c.advisorId, dayKey(c)!] : null;
	const load = async (days: readonly (DayKey | null)[]) => {
		const missing = new Map<string, DayKey>();
		for (const day of days) if (day && !rows.has(keyOf(day))) missing.set(keyOf(day), day);
		const wanted = [...missing.values()];
		const stored = await db.monthIndex.bulkGet(wanted.map((day) => [day[0], day[1]] as [string, string]));
		wanted.forEach((day, i) => rows.set(keyOf(day), stored[i]));
	};

	const to = records.map(dayOf);
	await load(to);
	const from = [...to];
	const notFound = records.flatMap((record, i) =>
		to[i] && rows.get(keyOf(to[i]!))?.entries[record.id] ? [] : [i]
	);
	if (notFound.length > 0) {
		const stored = await db.consultations.bulkGet(notFound.map((i) => records[i]!.id));
		notFound.forEach((i, j) => (from[i] = dayOf(stored[j])));
		await load(notFound.map((i) => from[i]!));
	}

	const written = new Map<string, MonthIndexRow>();
	records.forEach((record, i) => {
		const leaving = from[i] ? rows.get(keyOf(from[i]!)) : undefined;
		const next = to[i] ? entryOf(record) : null;
		const current = leaving?.entries[record.id];
		if (current) {
			if (next && keyOf(from[i]!) === keyOf(to[i]!) && JSON.stringify(current) === JSON.stringify(next)) {
				return; // Typing notes changes nothing that is summed.
			}
			delete leaving!.entries[record.id];
			written.set(keyOf(from[i]!), leaving!);
		}
		if (next) {
			const day = to[i]!;
			const row = rows.get(keyOf(day)) ?? { advisorId: day[0], date: day[1], entries: {} };
			row.entries[record.id] = next;
			rows.set(keyOf(day), row);
			written.set(keyOf(day), row);
		}
	});
	if (written.size > 0) await db.monthIndex.bulkPut([...written.values()]);
}

/**
 * Rebuilds the whole index from the records (after a slice load replaced many at once, and in the v2 upgrade,
 * which passes the upgrade transaction's tables).
 */
export async function rebuildMonthIndex(db: Pick<LocalDb, 'consultations' | 'monthIndex'>): Promise<void> {
	const rows = monthIndexOf(await db.consultations.toArray());
	await db.monthIndex.clear();
	await db.monthIndex.bulkPut(rows);
}

/** The rows of the index that these records make (no empty rows). */
export function monthIndexOf(consultations: readonly LocalConsultation[]): MonthIndexRow[] {
	const rows = new Map<string, MonthIndexRow>();
	for (const c of consultations) {
		const date = dayKey(c);
		if (!date) continue;
		const key = `${c.advisorId}|${date}`;
		const row = rows.get(key) ?? { advisorId: c.advisorId, date, entries: {} };
		row.entries[c.id] = entryOf(c);
		rows.set(key, row);
	}
	return [...rows.values()];
}

/** The month screen's input: the summed fields of one advisor's month, from that month's day rows. */
export async function monthFigures(
	db: LocalDb,
	advisorId: string,
	month: string
): Promise<SummarisedConsultation[]> {
	const { firstDate, lastDate } = monthRange(month);
	const rows = await db.monthIndex
		.where('[advisorId+date]')
		.between([advisorId, firstDate], [advisorId, lastDate], true, true)
		.toArray();
	return rows.flatMap((row) =>
		Object.values(row.entries).map(
			([date, status, placeKind, durationMin, organisationId, topics, , late]) => ({
				date,
				status,
				placeKind,
				durationMin,
				organisationId,
				topics,
				review: { late: late ?? null }
			})
		)
	);
}
