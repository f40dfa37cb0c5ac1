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

const keyOf = (day: DayKey) => `${day[0]}|${day[1]}`;
const dayOf = (c: LocalConsultation | undefined): DayKey | null =>
	c && dayKey(c) ? [c.advisorId, dayKey(c)!] : null;
const sameEntry = (a: MonthEntry, b: MonthEntry) => JSON.stringify(a) === JSON.stringify(b);

/** A record's entry leaving the row of day `from` and, with `next`, entering the row of day `to`. */
interface DayMove {
	id: string;
	from: DayKey | null;
	to: DayKey | null;
	next: MonthEntry | null;
}

/** Adds the stored rows of these days to `rows` (undefined: no row yet), reading each day at most once. */
async function readRows(
	db: LocalDb,
	rows: Map<string, MonthIndexRow | undefined>,
	days: readonly (DayKey | null)[]
): Promise<void> {
	const missing = new Map<string, DayKey>();
	for (const day of days) if (day && !rows.has(keyOf(day))) missing.set(keyOf(day), day);
	const wanted = [...missing.values()];
	const stored = await db.monthIndex.bulkGet(wanted.map((day) => [day[0], day[1]] as [string, string]));
	wanted.forEach((day, i) => rows.set(keyOf(day), stored[i]));
}

/** Applies the moves in order to `rows` (which holds every row they name) and writes the rows that changed. */
async function writeMoves(
	db: LocalDb,
	rows: Map<string, MonthIndexRow | undefined>,
	moves: readonly DayMove[]
): Promise<void> {
	const written = new Map<string, MonthIndexRow>();
	for (const { id, from, to, next } of moves) {
		const leaving = from ? rows.get(keyOf(from)) : undefined;
		const current = leaving?.entries[id];
		if (current && to && next && keyOf(from!) === keyOf(to) && sameEntry(current, next)) continue;
		if (current) {
			delete leaving!.entries[id];
			written.set(keyOf(from!), leaving!);
		}
		if (to && next) {
			const row = rows.get(keyOf(to)) ?? { advisorId: to[0], date: to[1], entries: {} };
			row.entries[id] = next;
			rows.set(keyOf(to), row);
			written.set(keyOf(to), row);
		}
	}
	if (written.size > 0) await db.monthIndex.bulkPut([...written.values()]);
}

/**
 * Several consultation writes at once, in order: the same result as calling `reindexConsultation` for each pair
 * in turn, with one bulk read of the day rows involved and one bulk write of the rows changed. Call inside the
 * write transaction of the records.
 */
export async function reindexConsultations(
	db: LocalDb,
	changes: readonly (readonly [before: LocalConsultation | undefined, after: LocalConsultation | undefined])[]
): Promise<void> {
	const moves: DayMove[] = [];
	for (const [before, after] of changes) {
		const from = dayOf(before);
		const to = dayOf(after);
		const next = to ? entryOf(after!) : null;
		// Typing notes changes nothing that is summed: no row is read.
		if (from && to && next && keyOf(from) === keyOf(to) && sameEntry(entryOf(before!), next)) continue;
		moves.push({ id: (after ?? before)!.id, from, to, next });
	}
	if (moves.length === 0) return;
	const rows = new Map<string, MonthIndexRow | undefined>();
	await readRows(
		db,
		rows,
		moves.flatMap((move) => [move.from, move.to])
	);
	await writeMoves(db, rows, moves);
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
	const moves: DayMove[] = records.map((record) => {
		const to = dayOf(record);
		return { id: record.id, from: to, to, next: to ? entryOf(record) : null };
	});
	const rows = new Map<string, MonthIndexRow | undefined>();
	await readRows(
		db,
		rows,
		moves.map((move) => move.to)
	);
	const notFound = moves.filter((move) => !(move.to && rows.get(keyOf(move.to))?.entries[move.id]));
	if (notFound.length > 0) {
		const stored = await db.consultations.bulkGet(notFound.map((move) => move.id));
		notFound.forEach((move, i) => (move.from = dayOf(stored[i])));
		await readRows(
			db,
			rows,
			notFound.map((move) => move.from)
		);
	}
	await writeMoves(db, rows, moves);
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
): Promise<(SummarisedConsultation & { centreId: string | null })[]> {
	const { firstDate, lastDate } = monthRange(month);
	const rows = await db.monthIndex
		.where('[advisorId+date]')
		.between([advisorId, firstDate], [advisorId, lastDate], true, true)
		.toArray();
	return rows.flatMap((row) =>
		Object.values(row.entries).map(
			([date, status, placeKind, durationMin, organisationId, topics, centreId, late]) => ({
				date,
				status,
				placeKind,
				durationMin,
				organisationId,
				topics,
				// Null in rows written before centres were indexed: the advisor's own centre.
				centreId: centreId ?? null,
				review: { late: late ?? null }
			})
		)
	);
}
