/**
 * Free slots (issue 6), pure: from advisors' weekly windows, their one-off exceptions (leave, extra days), Polish
 * public holidays, the time already claimed by bookings and the travel buffer of visits at an organisation's
 * premises. Windows are Warsaw wall-clock times; every slot is turned into real instants with the hours module,
 * so the weeks when clocks change give slots at the right UTC offsets (and none at a time that did not exist).
 *
 * Time held by a booking is a set of 15-minute cells (`claimCells`): the slot plus, for premises visits, the
 * travel buffer before and after. The server stores the cells as rows with a unique key — that is what makes a
 * double booking impossible; here they only hide slots that are taken.
 */
import { addDays, parseTime, formatTime, warsawInstant, warsawTime, warsawToday } from './hours';
import { warsawOffset } from './dates';
import { dayOfWeek, holidayOn } from './calendar';
import {
	CELL_MIN,
	type AvailabilityException,
	type AvailabilityWindow,
	type BookingFormat,
	type Slot
} from './booking';
import { polishOrder } from './collation';

const MS_PER_MIN = 60_000;
/** Slot starts are offered every 30 minutes from a window's start. */
export const SLOT_STEP_MIN = 30;

export type SlotWindow = Omit<AvailabilityWindow, 'id'>;
export type SlotException = Omit<AvailabilityException, 'id' | 'note'>;

/** ISO weekday of a Warsaw date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
	const day = dayOfWeek(date);
	return day === 0 ? 7 : day;
}

/** Travel buffer applies to visits at the organisation's premises only. */
export function bufferFor(format: BookingFormat, bufferMin: number): number {
	return format === 'premises' ? bufferMin : 0;
}

/** The 15-minute cells (ISO instants) a booking holds: [start − buffer, start + length + buffer). */
export function claimCells(startsAt: Date | string, lengthMin: number, bufferMin = 0): string[] {
	const start = typeof startsAt === 'string' ? Date.parse(startsAt) : startsAt.getTime();
	const from = start - bufferMin * MS_PER_MIN;
	const count = Math.ceil((lengthMin + 2 * bufferMin) / CELL_MIN);
	const cells: string[] = [];
	for (let i = 0; i < count; i++) cells.push(new Date(from + i * CELL_MIN * MS_PER_MIN).toISOString());
	return cells;
}

/** Whether an instant sits on the 15-minute grid (whole quarter hours in UTC, and so in Warsaw). */
export function isOnGrid(instant: string | Date): boolean {
	const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
	return Number.isFinite(ms) && ms % (CELL_MIN * MS_PER_MIN) === 0;
}

export const claimKey = (advisorId: string, cell: string) => `${advisorId} ${cell}`;

/** A stretch of time an advisor is available at a centre on one date, with what it offers. */
interface DayWindow {
	advisorId: string;
	centreId: string;
	date: string;
	startTime: string;
	endTime: string;
	formats: readonly BookingFormat[];
	slotLengths: readonly number[];
	bufferMin: number;
}

interface Interval {
	from: number;
	to: number;
}

/**
 * Wall clock ↔ instants for one Warsaw date. Most days have one UTC offset from midnight to midnight, and then a
 * wall-clock minute is plain arithmetic; on the two days the clocks change every conversion goes through the
 * hours module (warsawInstant / warsawTime), which knows the skipped and the repeated hour.
 */
class DayClock {
	readonly midnightUtc: number;
	/** Minutes east of UTC for the whole day, or null on a day the clocks change. */
	readonly offsetMin: number | null;

	constructor(readonly date: string) {
		const [y, m, d] = date.split('-').map(Number) as [number, number, number];
		this.midnightUtc = Date.UTC(y, m - 1, d);
		const atStart = warsawOffset(this.midnightUtc - 14 * 3_600_000);
		const start = this.midnightUtc - atStart * MS_PER_MIN;
		const end = start + 24 * 60 * MS_PER_MIN - 1;
		const same = warsawOffset(start) === atStart && warsawOffset(end) === atStart;
		this.offsetMin = same ? atStart : null;
	}

	/** The instant of a wall-clock minute (null when it did not exist); `last` = the later of a repeated hour. */
	instant(minute: number, occurrence: 'first' | 'last' = 'first'): number | null {
		if (this.offsetMin !== null) return this.midnightUtc + (minute - this.offsetMin) * MS_PER_MIN;
		return warsawInstant(this.date, formatTime(minute), occurrence)?.getTime() ?? null;
	}

	/** 'HH:MM' of an instant on this day (or just after it). */
	time(ms: number): string {
		if (this.offsetMin !== null) return formatTime((ms - this.midnightUtc) / MS_PER_MIN + this.offsetMin);
		return warsawTime(new Date(ms));
	}
}

const clocks = new Map<string, DayClock>();
function clockOf(date: string): DayClock {
	let clock = clocks.get(date);
	if (!clock) {
		if (clocks.size > 5000) clocks.clear();
		clock = new DayClock(date);
		clocks.set(date, clock);
	}
	return clock;
}

function instantsOf(date: string, startTime: string, endTime: string): Interval | null {
	const clock = clockOf(date);
	const from = clock.instant(parseTime(startTime) ?? -1, 'first');
	const to = clock.instant(parseTime(endTime) ?? -1, 'last');
	if (from === null || to === null || to <= from) return null;
	return { from, to };
}

/** The windows of one date: weekly ones in force that day (not on a public holiday) plus extras. */
export function windowsOn(
	date: string,
	windows: readonly SlotWindow[],
	exceptions: readonly SlotException[]
): DayWindow[] {
	const result: DayWindow[] = [];
	if (holidayOn(date) === undefined) {
		const weekday = isoWeekday(date);
		for (const w of windows) {
			if (w.weekday !== weekday || w.validFrom > date || (w.validTo !== null && w.validTo < date)) continue;
			result.push({ ...w, date });
		}
	}
	for (const e of exceptions) {
		if (e.kind !== 'extra' || e.date !== date || !e.centreId || !e.startTime || !e.endTime) continue;
		result.push({
			advisorId: e.advisorId,
			centreId: e.centreId,
			date,
			startTime: e.startTime,
			endTime: e.endTime,
			formats: e.formats,
			slotLengths: e.slotLengths,
			bufferMin: e.bufferMin
		});
	}
	return result;
}

/** Leave of an advisor on a date as instants (a whole-day leave covers the whole Warsaw day). */
function leaveOn(date: string, advisorId: string, centreId: string, exceptions: readonly SlotException[]) {
	const leave: Interval[] = [];
	for (const e of exceptions) {
		if (e.kind !== 'leave' || e.date !== date || e.advisorId !== advisorId) continue;
		if (e.centreId !== null && e.centreId !== centreId) continue;
		const interval =
			e.startTime && e.endTime
				? instantsOf(date, e.startTime, e.endTime)
				: { from: clockOf(date).instant(0)!, to: clockOf(addDays(date, 1)).instant(0)! };
		if (interval) leave.push(interval);
	}
	return leave;
}

export interface SlotQuery {
	centreId: string;
	/** Warsaw dates, inclusive. */
	from: string;
	to: string;
	format: BookingFormat;
	/** Only this length; every offered length when left out. */
	lengthMin?: number;
	advisorId?: string;
	/** Slots must start after this instant. */
	now: Date;
	/** Only slots starting at or after this instant (next free slots after a taken one). */
	notBefore?: Date;
	/** Stop after this many slots (in time order). */
	limit?: number;
}

export interface SlotSources {
	windows: readonly SlotWindow[];
	exceptions: readonly SlotException[];
	/** `claimKey(advisorId, cell)` of every cell held by a booking; left out = every cell free. */
	claims?: ReadonlySet<string>;
	advisorNames?: ReadonlyMap<string, string>;
}

/**
 * Free slots at a centre, in time order (then advisor). A slot is offered when it lies — with its buffer — inside
 * one window, starts after `now`, touches no leave and none of its cells is claimed.
 */
export function generateSlots(query: SlotQuery, sources: SlotSources): Slot[] {
	const windows = sources.windows.filter(
		(w) =>
			w.centreId === query.centreId &&
			w.formats.includes(query.format) &&
			(query.advisorId === undefined || w.advisorId === query.advisorId)
	);
	const exceptions = sources.exceptions.filter(
		(e) => query.advisorId === undefined || e.advisorId === query.advisorId
	);
	const extras = exceptions.filter(
		(e) => e.kind === 'extra' && e.centreId === query.centreId && e.formats.includes(query.format)
	);
	const nowMs = query.now.getTime();
	const notBefore = Math.max(nowMs + 1, query.notBefore?.getTime() ?? 0);
	const seen = new Set<string>();
	const claimed = claimIndex(sources.claims ?? new Set());
	const slots: Slot[] = [];
	const firstDate =
		query.notBefore && warsawToday(query.notBefore) > query.from ? warsawToday(query.notBefore) : query.from;

	for (let date = firstDate; date <= query.to; date = addDays(date, 1)) {
		const daySlots: Slot[] = [];
		for (const w of windowsOn(date, windows, extras)) {
			const bounds = instantsOf(date, w.startTime, w.endTime);
			if (!bounds) continue;
			const leave = leaveOn(date, w.advisorId, w.centreId, exceptions);
			const buffer = bufferFor(query.format, w.bufferMin);
			const lengths =
				query.lengthMin === undefined ? w.slotLengths : w.slotLengths.filter((l) => l === query.lengthMin);
			const windowStart = parseTime(w.startTime)!;
			const windowEnd = parseTime(w.endTime)!;
			const clock = clockOf(date);
			for (const length of lengths) {
				for (let minute = windowStart; minute < windowEnd; minute += SLOT_STEP_MIN) {
					const startMs = clock.instant(minute, 'first');
					if (startMs === null) continue; // the hour clocks skip in March
					const endMs = startMs + length * MS_PER_MIN;
					const holdFrom = startMs - buffer * MS_PER_MIN;
					const holdTo = endMs + buffer * MS_PER_MIN;
					if (holdFrom < bounds.from || holdTo > bounds.to) continue;
					if (startMs < notBefore) continue;
					if (leave.some((l) => holdFrom < l.to && l.from < holdTo)) continue;
					const id = `${w.advisorId} ${startMs} ${length}`;
					if (seen.has(id)) continue;
					if (isClaimed(claimed.get(w.advisorId), holdFrom, holdTo)) continue;
					seen.add(id);
					daySlots.push({
						advisorId: w.advisorId,
						advisorName: sources.advisorNames?.get(w.advisorId) ?? '',
						centreId: w.centreId,
						format: query.format,
						lengthMin: length,
						startsAt: new Date(startMs).toISOString(),
						endsAt: new Date(endMs).toISOString(),
						date,
						startTime: clock.time(startMs),
						endTime: clock.time(endMs)
					});
				}
			}
		}
		daySlots.sort(compareSlots);
		for (const slot of daySlots) {
			slots.push(slot);
			if (query.limit !== undefined && slots.length >= query.limit) return slots;
		}
	}
	return slots;
}

const CELL_MS = CELL_MIN * MS_PER_MIN;

/** Claim keys → advisor id → cell instants (ms), so checking a slot is arithmetic, not string building. */
function claimIndex(claims: ReadonlySet<string>): Map<string, Set<number>> {
	const index = new Map<string, Set<number>>();
	for (const key of claims) {
		const space = key.indexOf(' ');
		const advisorId = key.slice(0, space);
		const cell = Date.parse(key.slice(space + 1));
		let cells = index.get(advisorId);
		if (!cells) index.set(advisorId, (cells = new Set()));
		cells.add(cell);
	}
	return index;
}

/** Whether any 15-minute cell of [from, to) is claimed. */
function isClaimed(cells: ReadonlySet<number> | undefined, from: number, to: number): boolean {
	if (!cells) return false;
	for (let cell = Math.floor(from / CELL_MS) * CELL_MS; cell < to; cell += CELL_MS) {
		if (cells.has(cell)) return true;
	}
	return false;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareSlots(a: Slot, b: Slot): number {
	return (
		byCode(a.startsAt, b.startsAt) ||
		a.lengthMin - b.lengthMin ||
		polishOrder.compare(a.advisorName, b.advisorName) ||
		byCode(a.advisorId, b.advisorId)
	);
}

/**
 * Whether an advisor offers exactly this slot (ignoring claims: "taken" and "not offered" are told apart).
 * Returns the slot with its buffer, or null.
 */
export function offeredSlot(
	choice: { advisorId: string; startsAt: string; lengthMin: number; centreId: string; format: BookingFormat },
	sources: Omit<SlotSources, 'claims'>,
	now: Date
): { slot: Slot; bufferMin: number } | null {
	const start = new Date(choice.startsAt);
	const date = warsawToday(start);
	const [slot] = generateSlots(
		{
			centreId: choice.centreId,
			from: date,
			to: date,
			format: choice.format,
			lengthMin: choice.lengthMin,
			advisorId: choice.advisorId,
			now,
			notBefore: start,
			limit: 1
		},
		sources
	);
	if (!slot || slot.startsAt !== start.toISOString()) return null;
	return { slot, bufferMin: bufferOfSlot(slot, sources.windows, sources.exceptions) };
}

/** The buffer of the window (or extra) a slot came from; the largest when several offer it. */
export function bufferOfSlot(
	slot: Pick<Slot, 'advisorId' | 'centreId' | 'date' | 'format' | 'startsAt' | 'endsAt'>,
	windows: readonly SlotWindow[],
	exceptions: readonly SlotException[]
): number {
	if (slot.format !== 'premises') return 0;
	let buffer = 0;
	for (const w of windowsOn(
		slot.date,
		windows.filter((x) => x.advisorId === slot.advisorId && x.centreId === slot.centreId),
		exceptions.filter((x) => x.advisorId === slot.advisorId)
	)) {
		if (w.centreId !== slot.centreId || !w.formats.includes('premises')) continue;
		const bounds = instantsOf(slot.date, w.startTime, w.endTime);
		if (!bounds) continue;
		const from = Date.parse(slot.startsAt) - w.bufferMin * MS_PER_MIN;
		const to = Date.parse(slot.endsAt) + w.bufferMin * MS_PER_MIN;
		if (from >= bounds.from && to <= bounds.to) buffer = Math.max(buffer, w.bufferMin);
	}
	return buffer;
}
