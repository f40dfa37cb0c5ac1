/**
 * Polish public holidays and working days (ustawa o dniach wolnych od pracy), computed — movable feasts from
 * Easter — so any year works, past or future. Dates are Warsaw calendar dates, 'YYYY-MM-DD'. Pure: no clock.
 *
 * Used for the pace a centre needs per remaining working day (the coordinator's dashboard) and for the days an
 * advisor can be booked.
 */
import { addDays } from './hours';

export type HolidayKey =
	| 'newYear'
	| 'epiphany'
	| 'easter'
	| 'easterMonday'
	| 'labourDay'
	| 'constitutionDay'
	| 'pentecost'
	| 'corpusChristi'
	| 'assumption'
	| 'allSaints'
	| 'independenceDay'
	| 'independenceCentenary'
	| 'christmasEve'
	| 'christmas'
	| 'stStephen';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** Easter Sunday of the Gregorian calendar (the anonymous algorithm, a.k.a. Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return iso(year, month, day);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay();
}

const cache = new Map<number, ReadonlyMap<string, HolidayKey>>();

/** The public holidays of a year, date → which holiday, with the rules in force that year. */
export function publicHolidays(year: number): ReadonlyMap<string, HolidayKey> {
	const known = cache.get(year);
	if (known) return known;
	const easter = easterSunday(year);
	const entries: [string, HolidayKey][] = [
		[iso(year, 1, 1), 'newYear'],
		[easter, 'easter'],
		[addDays(easter, 1), 'easterMonday'],
		[iso(year, 5, 1), 'labourDay'],
		[iso(year, 5, 3), 'constitutionDay'],
		[addDays(easter, 49), 'pentecost'],
		[addDays(easter, 60), 'corpusChristi'],
		[iso(year, 8, 15), 'assumption'],
		[iso(year, 11, 1), 'allSaints'],
		[iso(year, 11, 11), 'independenceDay'],
		[iso(year, 12, 25), 'christmas'],
		[iso(year, 12, 26), 'stStephen']
	];
	// Epiphany is a day off again since 2011; Christmas Eve since 2025; 12 Nov 2018 was a one-off.
	if (year >= 2011) entries.push([iso(year, 1, 6), 'epiphany']);
	if (year >= 2025) entries.push([iso(year, 12, 24), 'christmasEve']);
	if (year === 2018) entries.push(['2018-11-12', 'independenceCentenary']);
	const map = new Map(entries.sort(([a], [b]) => a.localeCompare(b)));
	cache.set(year, map);
	return map;
}

export function holidayOn(date: string): HolidayKey | undefined {
	return publicHolidays(Number(date.slice(0, 4))).get(date);
}

/** Monday to Friday and not a public holiday. (A holiday on a Saturday gives a day off the employer chooses;
 * centres record that day as an exception of their own, so it is not guessed here.) */
export function isWorkingDay(date: string): boolean {
	const weekday = dayOfWeek(date);
	return weekday !== 0 && weekday !== 6 && holidayOn(date) === undefined;
}

/** Every date of a month 'YYYY-MM', in order. */
export function datesOfMonth(month: string): string[] {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return Array.from({ length: days }, (_, i) => iso(y, m, i + 1));
}

export function workingDaysOfMonth(month: string): string[] {
	return datesOfMonth(month).filter(isWorkingDay);
}

export interface MonthPace {
	targetMin: number;
	doneMin: number;
	/** Minutes still missing (0 when the target is met). */
	remainingMin: number;
	workingDays: number;
	/** Working days of the month from `today` on (today counts while it has not ended). */
	remainingWorkingDays: number;
	/** Minutes a day needed on the remaining working days; null when no working day is left. */
	neededPerDayMin: number | null;
	/** Minutes at the month's end if the pace so far continues over the remaining working days. */
	forecastMin: number;
	/** The forecast falls short of the target. */
	behind: boolean;
}

/**
 * Where a month stands on `today`: what is left, the pace needed per remaining working day, and a linear forecast
 * from the pace of the working days already gone. Before the month, nothing is gone and the forecast is what is
 * done; after it, nothing remains.
 */
export function monthPace(input: {
	month: string;
	today: string;
	targetMin: number;
	doneMin: number;
}): MonthPace {
	const days = workingDaysOfMonth(input.month);
	const gone = days.filter((day) => day < input.today).length;
	const remaining = days.length - gone;
	const remainingMin = Math.max(0, input.targetMin - input.doneMin);
	const forecastMin = gone === 0 ? input.doneMin : Math.round((input.doneMin / gone) * days.length);
	return {
		targetMin: input.targetMin,
		doneMin: input.doneMin,
		remainingMin,
		workingDays: days.length,
		remainingWorkingDays: remaining,
		neededPerDayMin: remaining > 0 ? Math.ceil(remainingMin / remaining) : null,
		forecastMin,
		behind: forecastMin < input.targetMin && (gone > 0 || remaining === 0)
	};
}
