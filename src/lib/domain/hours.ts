/**
 * The one hours module: wall-clock times in Europe/Warsaw, durations, monthly sums and how hours are written.
 * The phone, the server dashboard and the exports all use it, so a month's hours match to the minute everywhere.
 *
 * Durations are REAL elapsed minutes between two Warsaw wall-clock readings on one date. On the two DST days
 * that differs from the wall-clock difference:
 * - last Sunday of March, 02:00–02:59 does not exist (clocks jump to 03:00): such a time is `timeNotExist`;
 * - last Sunday of October, 02:00–02:59 happens twice. Rule: a START in that hour is its first occurrence
 *   (summer time) and an END is its last occurrence (winter time), i.e. the longest span the two readings
 *   allow. So 01:30→02:30 is 120 min (the clock passed 02:30 twice) and 02:30→03:30 is 120 min too.
 * Everything else (sums, months, overlaps of stored records) works on stored `date` strings and `durationMin`,
 * never re-deriving instants, so a phone's clock or time zone cannot change a month's total.
 */
import { TZDate } from '@date-fns/tz';
import { TIME_ZONE, warsawOffset } from './dates';
import {
	CONSULTATION_STATUSES,
	PLACE_KINDS,
	type ConsultationReview,
	type ConsultationStatus,
	type CountedFacts,
	type PlaceKind
} from './consultation';
import { compareTopics } from './topics';
import { plural, type Locale, type MessageKey } from '../i18n/translate';

export const MINUTES_PER_HOUR = 60;
export const MINUTES_PER_DAY = 24 * 60;
/** The duration stepper's step. */
export const DURATION_STEP_MIN = 15;
/** Quick chips on the form: 1 h, 1,5 h, 2 h. */
export const QUICK_DURATIONS_MIN: readonly number[] = [60, 90, 120];
/** Longer than this is almost surely a typo (e.g. 08:00–20:30 meant 08:00–10:30). */
export const MAX_DURATION_MIN = 12 * 60;

const MS_PER_MIN = 60_000;
const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Times and dates as text

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'HH:MM' (00:00–23:59) → minutes since midnight, or null. */
export function parseTime(text: string): number | null {
	if (typeof text !== 'string') return null;
	const match = TIME_PATTERN.exec(text);
	return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** Minutes since midnight → 'HH:MM' (wraps around midnight). */
export function formatTime(minuteOfDay: number): string {
	const m = ((Math.round(minuteOfDay) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
	return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** Rounds minutes of the day down to the stepper's grid, for prefilling a start time from the clock. */
export function floorToStep(minuteOfDay: number, step = DURATION_STEP_MIN): number {
	return Math.floor(minuteOfDay / step) * step;
}

export interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

/** 'YYYY-MM-DD' that exists in the calendar → its parts, or null (2026-02-30 is null; 0004-02-29 exists). */
export function parseDate(text: string): CalendarDate | null {
	if (typeof text !== 'string') return null;
	const match = DATE_PATTERN.exec(text);
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

export function isValidDate(text: string): boolean {
	return parseDate(text) !== null;
}

/**
 * The years a consultation or a booking may be dated in. Any date before the project's time or long after it is a
 * typo or a wrong clock (0026 for 2026, 1900 from a phone whose date was reset), and would be counted in reports.
 */
export const EARLIEST_RECORD_YEAR = 2000;
export const LATEST_RECORD_YEAR = 2100;

/** Whether a 'YYYY-MM-DD' date lies in EARLIEST_RECORD_YEAR … LATEST_RECORD_YEAR (false when it is no date). */
export function isRecordYear(text: string): boolean {
	const d = parseDate(text);
	return d !== null && d.year >= EARLIEST_RECORD_YEAR && d.year <= LATEST_RECORD_YEAR;
}

/** Calendar arithmetic on 'YYYY-MM-DD' (no time zone involved). */
export function addDays(date: string, days: number): string {
	const d = parseDate(date);
	if (!d) throw new RangeError(`Not a date: ${date}`);
	return isoDate(new Date(utcTime(d.year, d.month - 1, d.day + days)));
}

/**
 * Date.UTC for any year: Date.UTC itself reads the years 0–99 as 1900–1999 (so 0004-02-29 would be a day of
 * 1904 and 0000-02-29, a leap day, would not exist). Months, days and minutes past their range carry over.
 */
function utcTime(year: number, monthIndex: number, day: number, minutes = 0): number {
	const date = new Date(0);
	date.setUTCFullYear(year, monthIndex, day);
	return date.setUTCHours(0, minutes, 0, 0);
}

function daysInMonth(year: number, month: number): number {
	return new Date(utcTime(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
	return String(n).padStart(4, '0');
}

function isoDate(utc: Date): string {
	return `${pad4(utc.getUTCFullYear())}-${pad2(utc.getUTCMonth() + 1)}-${pad2(utc.getUTCDate())}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Warsaw wall clock ↔ instants

/** Every instant at which Warsaw clocks showed this date and time: none (spring gap), one, or two (autumn). */
function wallClockInstants(date: CalendarDate, minuteOfDay: number): number[] {
	const wall = utcTime(date.year, date.month - 1, date.day, minuteOfDay);
	const offsets = new Set([
		warsawOffset(wall - MS_PER_DAY),
		warsawOffset(wall),
		warsawOffset(wall + MS_PER_DAY)
	]);
	const instants: number[] = [];
	for (const offset of offsets) {
		const instant = wall - offset * MS_PER_MIN;
		if (warsawOffset(instant) === offset) instants.push(instant);
	}
	return instants.sort((a, b) => a - b);
}

/**
 * The instant a Warsaw date and time denote, or null when either is malformed or the time did not exist.
 * In the repeated autumn hour `occurrence` picks the summer-time ('first') or winter-time ('last') reading.
 */
export function warsawInstant(
	date: string,
	time: string,
	occurrence: 'first' | 'last' = 'first'
): Date | null {
	const day = parseDate(date);
	const minute = parseTime(time);
	if (!day || minute === null) return null;
	const instants = wallClockInstants(day, minute);
	const instant = occurrence === 'first' ? instants[0] : instants[instants.length - 1];
	return instant === undefined ? null : new Date(instant);
}

/** Today's date in Warsaw, 'YYYY-MM-DD', whatever the device's own time zone. */
export function warsawToday(now: Date): string {
	const w = new TZDate(now.getTime(), TIME_ZONE);
	return `${w.getFullYear()}-${pad2(w.getMonth() + 1)}-${pad2(w.getDate())}`;
}

/** The Warsaw wall-clock time of an instant, 'HH:MM'. */
export function warsawTime(now: Date): string {
	const w = new TZDate(now.getTime(), TIME_ZONE);
	return `${pad2(w.getHours())}:${pad2(w.getMinutes())}`;
}

/**
 * Real elapsed minutes from `start` to `end` on a Warsaw date (negative when the end is earlier), or null when
 * a value is malformed or names a time that did not exist. See the module header for the repeated hour.
 */
export function durationBetween(date: string, start: string, end: string): number | null {
	const from = warsawInstant(date, start, 'first');
	const to = warsawInstant(date, end, 'last');
	if (!from || !to) return null;
	return Math.round((to.getTime() - from.getTime()) / MS_PER_MIN);
}

/**
 * The end time `durationMin` real minutes after `start` on that date, or null when the start is not valid or
 * the end would fall on the next day. It round-trips with durationBetween except when the end lands in the
 * first pass of the repeated autumn hour (durationBetween then reads it as the second pass).
 */
export function endTimeFor(date: string, start: string, durationMin: number): string | null {
	const from = warsawInstant(date, start, 'first');
	if (!from || !Number.isFinite(durationMin)) return null;
	const to = new Date(from.getTime() + Math.round(durationMin) * MS_PER_MIN);
	return warsawToday(to) === date ? warsawTime(to) : null;
}

/**
 * The times a chosen length gives (the 1 h / 1,5 h / 2 h chips, the stepper). An advisor logs right after the visit:
 * for today's visit whose end has passed (or is within END_GRACE_MIN), the end stays and the start moves — shorter
 * or longer; otherwise the start stays and the end moves. Null when no time of that day fits.
 */
export function timesForDuration(
	timing: Timing,
	durationMin: number,
	now: Date
): { startTime: string; endTime: string } | null {
	const end = endTimeFor(timing.date, timing.startTime, durationMin);
	const keepStart = end ? { startTime: timing.startTime, endTime: end } : null;
	if (timing.date !== warsawToday(now)) return keepStart;
	const endsAt = timing.endTime ? warsawInstant(timing.date, timing.endTime, 'last') : null;
	if (endsAt === null || endsAt.getTime() > now.getTime() + END_GRACE_MIN * MS_PER_MIN) return keepStart;
	const from = new Date(endsAt.getTime() - durationMin * MS_PER_MIN);
	return warsawToday(from) === timing.date
		? { startTime: warsawTime(from), endTime: timing.endTime }
		: keepStart;
}

// ---------------------------------------------------------------------------------------------------------------
// Checking a consultation's timing

export const TIMING_PROBLEMS = [
	'dateInvalid',
	'timeInvalid',
	'timeNotExist',
	'endBeforeStart',
	'zeroDuration',
	'tooLong',
	'inFuture',
	'notStarted',
	'notEnded'
] as const;
export type TimingProblem = (typeof TIMING_PROBLEMS)[number];
export type TimingField = 'date' | 'startTime' | 'endTime';
/** A problem and the field it belongs next to. */
export interface TimingIssue {
	problem: TimingProblem;
	field: TimingField;
}

export const TIMING_MESSAGES: Record<TimingProblem, MessageKey> = {
	dateInvalid: 'workbench.timing.dateInvalid',
	timeInvalid: 'workbench.timing.timeInvalid',
	timeNotExist: 'workbench.timing.timeNotExist',
	endBeforeStart: 'workbench.timing.endBeforeStart',
	zeroDuration: 'workbench.timing.zeroDuration',
	tooLong: 'workbench.timing.tooLong',
	inFuture: 'workbench.timing.inFuture',
	notStarted: 'workbench.timing.notStarted',
	notEnded: 'workbench.timing.notEnded'
};

/** A card may be completed this long before its end: the signature and the notes are taken while wrapping up. */
export const END_GRACE_MIN = 15;

export interface Timing {
	date: string;
	startTime: string;
	endTime: string;
}

/**
 * Every timing problem of a record, each with its field; empty when the timing is fine. `now` is injected so
 * the rules of a visit that took place (not dated after today in Warsaw; today, not starting later than now nor
 * ending more than END_GRACE_MIN after it; planned visits are bookings or drafts) are testable and use one clock;
 * null skips them (judging a stored record, which must not depend on the day it is read).
 */
export function checkTiming(timing: Timing, now: Date | null): TimingIssue[] {
	const issues: TimingIssue[] = [];
	const day = parseDate(timing.date);
	if (!day) issues.push({ problem: 'dateInvalid', field: 'date' });
	else if (now && timing.date > warsawToday(now)) {
		issues.push({ problem: 'inFuture', field: 'date' });
	}

	const start = parseTime(timing.startTime);
	const end = parseTime(timing.endTime);
	if (start === null) issues.push({ problem: 'timeInvalid', field: 'startTime' });
	if (end === null) issues.push({ problem: 'timeInvalid', field: 'endTime' });
	if (start === null || end === null) return issues;

	let elapsed: number;
	let instants: { from: number; to: number } | null = null;
	if (day) {
		const from = wallClockInstants(day, start)[0];
		const to = wallClockInstants(day, end).at(-1);
		if (from === undefined) issues.push({ problem: 'timeNotExist', field: 'startTime' });
		if (to === undefined) issues.push({ problem: 'timeNotExist', field: 'endTime' });
		if (from === undefined || to === undefined) return issues;
		elapsed = Math.round((to - from) / MS_PER_MIN);
		instants = { from, to };
	} else {
		// Without a valid date the order of the two times can still be checked on the wall clock.
		elapsed = end - start;
	}
	if (elapsed < 0) issues.push({ problem: 'endBeforeStart', field: 'endTime' });
	else if (elapsed === 0) issues.push({ problem: 'zeroDuration', field: 'endTime' });
	else if (elapsed > MAX_DURATION_MIN) issues.push({ problem: 'tooLong', field: 'endTime' });
	if (issues.length === 0 && now && instants && timing.date === warsawToday(now)) {
		if (instants.from > now.getTime()) issues.push({ problem: 'notStarted', field: 'startTime' });
		else if (instants.to > now.getTime() + END_GRACE_MIN * MS_PER_MIN) {
			issues.push({ problem: 'notEnded', field: 'endTime' });
		}
	}
	return issues;
}

// ---------------------------------------------------------------------------------------------------------------
// Months

/** The month a consultation belongs to: the month of its Warsaw date, 'YYYY-MM'. */
export function monthOf(date: string): string {
	return date.slice(0, 7);
}

export function isInMonth(date: string, month: string): boolean {
	return date.length === 10 && date.charCodeAt(7) === 45 /* '-' */ && date.startsWith(month);
}

export interface MonthRange {
	/** First and last Warsaw dates, inclusive, for queries on `date` columns. */
	firstDate: string;
	lastDate: string;
	days: number;
	/** Warsaw midnight at the month's start and at the next month's start (exclusive), for instant columns. */
	start: Date;
	end: Date;
}

export function monthRange(month: string): MonthRange {
	const match = MONTH_PATTERN.exec(month);
	if (!match) throw new RangeError(`Not a month: ${month}`);
	const year = Number(match[1]);
	const m = Number(match[2]);
	const days = daysInMonth(year, m);
	const firstDate = `${month}-01`;
	const next = addMonths(month, 1);
	return {
		firstDate,
		lastDate: `${month}-${pad2(days)}`,
		days,
		// Midnight always exists in Warsaw (the clocks change at 02:00/03:00), so these are never null.
		start: warsawInstant(firstDate, '00:00')!,
		end: warsawInstant(`${next}-01`, '00:00')!
	};
}

export function addMonths(month: string, count: number): string {
	const match = MONTH_PATTERN.exec(month);
	if (!match) throw new RangeError(`Not a month: ${month}`);
	const index = Number(match[1]) * 12 + Number(match[2]) - 1 + count;
	return `${pad4(Math.floor(index / 12))}-${pad2((index % 12) + 1)}`;
}

export function isValidMonth(text: string): boolean {
	return MONTH_PATTERN.test(text);
}

// ---------------------------------------------------------------------------------------------------------------
// Overlaps

/** Real-time interval [from, to) of a record, or null when its timing cannot be read. */
function intervalOf(record: Timing): [number, number] | null {
	const day = parseDate(record.date);
	const start = parseTime(record.startTime);
	const end = parseTime(record.endTime);
	if (!day || start === null || end === null) return null;
	const from = wallClockInstants(day, start)[0];
	const to = wallClockInstants(day, end).at(-1);
	return from === undefined || to === undefined || to <= from ? null : [from, to];
}

/**
 * One advisor's records on the same date whose times intersect this one's (end == start is not an overlap).
 * The record itself (same id) is skipped; records whose timing cannot be read are never reported.
 */
export function findOverlaps<T extends Timing & { id: string }>(
	consultation: Timing & { id?: string },
	others: readonly T[]
): T[] {
	const own = intervalOf(consultation);
	if (!own) return [];
	const overlaps: T[] = [];
	for (const other of others) {
		if (other.date !== consultation.date || other.id === consultation.id) continue;
		const interval = intervalOf(other);
		if (interval && interval[0] < own[1] && own[0] < interval[1]) overlaps.push(other);
	}
	return overlaps;
}

// ---------------------------------------------------------------------------------------------------------------
// Sums

/** Hours that count by default: everything but drafts. */
export const COUNTED_STATUSES: readonly ConsultationStatus[] = ['completed', 'signed', 'approved'];
/** The byTopic bucket of a consultation without topics. */
export const NO_TOPIC = 'none';

/**
 * What a sum reads of a consultation: its counted facts and, when the server has reviewed it, whether a late
 * change is waiting for approval. A late record (`review.late` set) counts its `baseline` — the facts as they
 * counted before the late change — or nothing when the baseline is null, until a coordinator approves it (which
 * clears `late`). Its current facts only appear in `awaitingApproval`, so a late record never counts twice.
 */
export type SummarisedConsultation = CountedFacts & {
	review?: { late: ConsultationReview['late'] } | null;
};

export interface MinutesSummary {
	totalMin: number;
	count: number;
	byPlaceKind: Record<PlaceKind, number>;
	/** Topic id (or NO_TOPIC) → minutes; keys in taxonomy order; always adds up to totalMin. */
	byTopic: Record<string, number>;
	/** Minutes per status (only the statuses asked for can be non-zero). */
	byStatus: Record<ConsultationStatus, number>;
	/** Distinct organisations advised. */
	organisations: number;
	/**
	 * Late records (changed after their month was closed) whose CURRENT facts match the options: how many and
	 * their current minutes. Not part of totalMin (which counts their baselines): what approval would change.
	 */
	awaitingApproval: { count: number; minutes: number };
}

export interface SummaryOptions {
	/** 'YYYY-MM': only consultations dated in that Warsaw month. */
	month?: string;
	/** Defaults to COUNTED_STATUSES: drafts are counted only when asked for. */
	statuses?: readonly ConsultationStatus[];
	/** Only consultations dated in these months, inclusive ('YYYY-MM' each): a project period. */
	months?: { from: string; to: string };
	/** Only consultations of these organisations (e.g. the organisations new in a period). */
	organisationIds?: ReadonlySet<string>;
}

/** Insertion sort without duplicates: records have a handful of topics, and this is the hot loop. */
function distinctInTaxonomyOrder(topics: readonly string[]): string[] {
	const out: string[] = [];
	for (const topic of topics) {
		let i = out.length;
		let duplicate = false;
		while (i > 0) {
			const order = compareTopics(out[i - 1]!, topic);
			if (order === 0) duplicate = true;
			if (order <= 0) break;
			i--;
		}
		if (!duplicate) out.splice(i, 0, topic);
	}
	return out;
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
	return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/**
 * Sums minutes the one way every screen and export does. A consultation's minutes are split evenly across its
 * distinct topics in whole minutes, the remainder going one minute each to its topics in taxonomy order, so
 * per-topic minutes always add up to totalMin exactly (90 min over 4 topics → 23, 23, 22, 22).
 */
export function summariseMinutes(
	consultations: readonly SummarisedConsultation[],
	options: SummaryOptions = {}
): MinutesSummary {
	const wanted = new Set<string>(options.statuses ?? COUNTED_STATUSES);
	const month = options.month;
	const fromDate = options.months ? `${options.months.from}-01` : undefined;
	// Any day of the last month sorts before its '-99'; date strings compare as text.
	const toDate = options.months ? `${options.months.to}-99` : undefined;
	const organisationIds = options.organisationIds;
	const byPlaceKind = zeroes(PLACE_KINDS);
	const byStatus = zeroes(CONSULTATION_STATUSES);
	const byTopic = new Map<string, number>();
	const organisations = new Set<string>();
	const awaitingApproval = { count: 0, minutes: 0 };
	let totalMin = 0;
	let count = 0;

	const matches = (c: CountedFacts) =>
		wanted.has(c.status) &&
		(month === undefined || isInMonth(c.date, month)) &&
		(fromDate === undefined || (c.date >= fromDate && c.date <= toDate!)) &&
		(organisationIds === undefined || (c.organisationId !== null && organisationIds.has(c.organisationId)));

	// The hot loop of every dashboard and export: no closures or allocations per record but the topic split.
	for (let r = 0; r < consultations.length; r++) {
		const record = consultations[r]!;
		let c: CountedFacts = record;
		const late = record.review?.late;
		if (late) {
			// The late change waits for approval: its current facts are only reported, the baseline counts.
			if (matches(record)) {
				awaitingApproval.count++;
				awaitingApproval.minutes += wholeMinutes(record.durationMin);
			}
			if (!late.baseline) continue;
			c = late.baseline;
		}
		if (!matches(c)) continue;
		const minutes = wholeMinutes(c.durationMin);
		totalMin += minutes;
		count++;
		// hasOwn, not `in`: a junk place kind like 'constructor' must not reach the prototype.
		if (Object.hasOwn(byPlaceKind, c.placeKind)) byPlaceKind[c.placeKind] += minutes;
		byStatus[c.status] += minutes;
		if (c.organisationId !== null) organisations.add(c.organisationId);

		const topics = c.topics;
		if (topics.length <= 1) {
			const topic = topics.length === 0 ? NO_TOPIC : topics[0]!;
			byTopic.set(topic, (byTopic.get(topic) ?? 0) + minutes);
		} else {
			const distinct = distinctInTaxonomyOrder(topics);
			const share = Math.floor(minutes / distinct.length);
			const remainder = minutes - share * distinct.length;
			for (let i = 0; i < distinct.length; i++) {
				const topic = distinct[i]!;
				byTopic.set(topic, (byTopic.get(topic) ?? 0) + share + (i < remainder ? 1 : 0));
			}
		}
	}

	const topicKeys = [...byTopic.keys()].sort((a, b) =>
		a === NO_TOPIC ? 1 : b === NO_TOPIC ? -1 : compareTopics(a, b)
	);
	return {
		totalMin,
		count,
		byPlaceKind,
		byTopic: Object.fromEntries(topicKeys.map((k) => [k, byTopic.get(k)!])),
		byStatus,
		organisations: organisations.size,
		awaitingApproval
	};
}

/**
 * An advisor's counted mobile minutes of a month towards their centre's plan (visits of that centre; a visit with
 * no centre recorded is taken as theirs) and those of visits in other centres — an advisor moved mid-month keeps
 * the earlier centre's visits, which count towards that centre's plan, as on each centre's dashboard.
 */
export function mobileMinutesByCentre(
	consultations: readonly (SummarisedConsultation & { centreId: string | null })[],
	centreId: string,
	month: string
): { inCentre: number; elsewhere: number } {
	const all = summariseMinutes(consultations, { month }).byPlaceKind.mobile;
	const inCentre = summariseMinutes(
		consultations.filter((c) => c.centreId === null || c.centreId === centreId),
		{ month }
	).byPlaceKind.mobile;
	return { inCentre, elsewhere: all - inCentre };
}

/** Whole minutes by contract; rounding guards the exact-sum invariant against a stray fraction. */
function wholeMinutes(durationMin: number): number {
	return Number.isFinite(durationMin) ? Math.round(durationMin) : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing hours

/** '1:30', '0:45', '120:00' (h:mm; hours are not wrapped at 24). */
export function formatHoursMinutes(minutes: number): string {
	const whole = Math.round(minutes);
	const abs = Math.abs(whole);
	return `${whole < 0 ? '-' : ''}${Math.floor(abs / 60)}:${pad2(abs % 60)}`;
}

const decimalFormats: Record<Locale, Intl.NumberFormat> = {
	// No grouping: report cells and CSV stay plain numbers ('1234,5', never '1 234,5').
	pl: new Intl.NumberFormat('pl-PL', { maximumFractionDigits: 2, useGrouping: false }),
	en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, useGrouping: false })
};

/** Hours as a decimal number in the locale, at most 2 decimals, no trailing zeros: '1,5' / '1.5'. */
export function decimalHours(minutes: number, locale: Locale): string {
	const text = decimalFormats[locale].format(minutes / MINUTES_PER_HOUR);
	return text === '-0' ? '0' : text;
}

/** '1,5 h' / '1.5 h'. */
export function formatDecimalHours(minutes: number, locale: Locale): string {
	return `${decimalHours(minutes, locale)} h`;
}

/** '1 godzina', '2 godziny', '5 godzin', '1,5 godziny' / '1 hour', '1.5 hours'. */
export function hoursPhrase(minutes: number, locale: Locale): string {
	const text = decimalHours(minutes, locale);
	// The grammatical form follows the number as written ('1' after rounding 60.2 min is singular).
	const hours = Number(text.replace(',', '.'));
	// Polish fractions take the genitive singular ('1,5 godziny'); plural() picks 'other' for non-integers.
	const forms =
		locale === 'pl'
			? { one: `${text} godzina`, few: `${text} godziny`, many: `${text} godzin`, other: `${text} godziny` }
			: { one: `${text} hour`, other: `${text} hours` };
	return plural(locale, hours, forms);
}
