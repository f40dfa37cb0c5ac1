import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tzOffset } from '@date-fns/tz';
import {
	dayLabel,
	dayMonthLabel,
	formatInstant,
	longDateLabel,
	monthLabel,
	shortDateLabel,
	shortDayLabel,
	shortMonthLabel,
	TIME_ZONE,
	warsawOffset
} from './dates';

const MINUTE = 60_000;

/** The labels name the year only for another year than now's. */
const IN_2026 = new Date('2026-06-01T10:00:00Z');
describe('warsawOffset', () => {
	it('is Intl’s offset minute by minute around both clock changes of 2025 and 2026', () => {
		for (const changeUtc of [
			'2025-03-30T01:00Z',
			'2025-10-26T01:00Z',
			'2026-03-29T01:00Z',
			'2026-10-25T01:00Z'
		]) {
			const at = Date.parse(changeUtc);
			for (let t = at - 90 * MINUTE; t <= at + 90 * MINUTE; t += MINUTE) {
				expect(warsawOffset(t), new Date(t).toISOString()).toBe(tzOffset(TIME_ZONE, new Date(t)));
			}
		}
		expect(warsawOffset(Date.parse('2026-10-25T00:59Z'))).toBe(120);
		expect(warsawOffset(Date.parse('2026-10-25T01:00Z'))).toBe(60);
	});

	it('is Intl’s offset at every half hour of 2026', () => {
		const end = Date.parse('2027-01-01T00:00Z');
		const wrong: string[] = [];
		for (let t = Date.parse('2026-01-01T00:00Z'); t < end; t += 30 * MINUTE) {
			if (warsawOffset(t) !== tzOffset(TIME_ZONE, new Date(t))) wrong.push(new Date(t).toISOString());
		}
		expect(wrong).toEqual([]);
	});

	it('is Intl’s offset at any instant from 1900 to 2100, asked in any order', () => {
		const from = Date.parse('1900-01-01T00:00Z');
		const to = Date.parse('2100-01-01T00:00Z');
		fc.assert(
			fc.property(fc.integer({ min: from, max: to }), (t) => {
				expect(warsawOffset(t)).toBe(tzOffset(TIME_ZONE, new Date(t)));
			}),
			{ numRuns: 2000 }
		);
	});
});

describe('formatInstant', () => {
	it('shows a moment on the Warsaw clock, in Polish or English, across the autumn clock change', () => {
		expect(formatInstant('2026-11-27T20:44:00Z', 'pl')).toBe('27 lis 2026, 21:44');
		expect(formatInstant('2026-11-27T20:44:00Z', 'en')).toBe('27 Nov 2026, 21:44');
		// Summer time: UTC+2.
		expect(formatInstant('2026-07-01T06:05:00Z', 'pl')).toBe('1 lip 2026, 08:05');
		// 02:30 Warsaw time happens twice on 25 October 2026: first in summer time, then in winter time.
		expect(formatInstant('2026-10-25T00:30:00Z', 'pl')).toBe('25 paź 2026, 02:30');
		expect(formatInstant('2026-10-25T01:30:00Z', 'pl')).toBe('25 paź 2026, 02:30');
		expect(formatInstant('not a time', 'pl')).toBe('not a time');
	});
});

describe('calendar dates and months as words', () => {
	it('names a date in Polish and in English, with the Polish cases', () => {
		expect(longDateLabel('2026-12-03', 'pl')).toBe('czwartek, 3 grudnia 2026');
		expect(longDateLabel('2026-12-03', 'en')).toBe('Thursday, 3 December 2026');
		expect(dayLabel('2026-12-03', 'pl', IN_2026)).toBe('czwartek, 3 grudnia');
		expect(dayLabel('2026-12-03', 'en', IN_2026)).toBe('Thursday, 3 December');
		expect(shortDayLabel('2026-11-23', 'pl', IN_2026)).toBe('pon., 23 lis');
		// The usual Polish abbreviations, never "nie" (no) for Sunday or "wto" for Tuesday.
		expect(shortDayLabel('2026-11-22', 'pl', IN_2026)).toBe('niedz., 22 lis');
		expect(shortDayLabel('2026-11-24', 'pl', IN_2026)).toBe('wt., 24 lis');
		expect(shortDayLabel('2026-11-27', 'pl', IN_2026)).toBe('pt., 27 lis');
		expect(shortDayLabel('2026-11-23', 'en', IN_2026)).toBe('Mon, 23 Nov');
		// Another year says so: "26 marca" alone would read as this March.
		expect(dayLabel('2027-03-26', 'pl', IN_2026)).toBe('piątek, 26 marca 2027');
		expect(shortDayLabel('2027-03-26', 'pl', IN_2026)).toBe('pt., 26 mar 2027');
		expect(dayLabel('2025-12-31', 'en', IN_2026)).toBe('Wednesday, 31 December 2025');
		// Warsaw's new year, not UTC's: at 23:30 UTC on 31 December it is already next year in Warsaw.
		expect(dayLabel('2027-01-04', 'pl', new Date('2026-12-31T23:30:00Z'))).toBe('poniedziałek, 4 stycznia');
		expect(dayMonthLabel('2026-05-04', 'pl')).toBe('4 maj');
		expect(dayMonthLabel('2026-05-04', 'en')).toBe('4 May');
		expect(shortDateLabel('2026-03-29', 'pl')).toBe('29 mar 2026');
		expect(shortDateLabel('2026-03-29', 'en')).toBe('29 Mar 2026');
	});

	it('names a month standing alone (nominative), long and short', () => {
		expect(monthLabel('2026-11', 'pl')).toBe('listopad 2026');
		expect(monthLabel('2026-05', 'en')).toBe('May 2026');
		expect(shortMonthLabel('2026-11', 'pl')).toBe('lis');
		expect(shortMonthLabel('2027-01', 'en')).toBe('Jan');
	});

	it('keeps the calendar day whatever the clock: the day of each clock change and the last of the year', () => {
		expect(dayLabel('2026-03-29', 'pl', IN_2026)).toBe('niedziela, 29 marca');
		expect(dayLabel('2026-10-25', 'pl', IN_2026)).toBe('niedziela, 25 października');
		expect(longDateLabel('2026-12-31', 'pl')).toBe('czwartek, 31 grudnia 2026');
		expect(monthLabel('2027-01', 'pl')).toBe('styczeń 2027');
	});

	it('gives back what is not a date or a month instead of throwing', () => {
		expect(monthLabel('2014-13', 'pl')).toBe('2014-13');
		expect(monthLabel('listopad', 'en')).toBe('listopad');
		expect(shortMonthLabel('', 'pl')).toBe('');
		expect(dayLabel('2026-11-99', 'pl', IN_2026)).toBe('2026-11-99');
		expect(shortDateLabel('27.11.2026', 'pl')).toBe('27.11.2026');
	});
});
