import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from './hours';
import {
	dayOfWeek,
	easterSunday,
	holidayOn,
	isWorkingDay,
	monthPace,
	publicHolidays,
	workingDaysOfMonth
} from './calendar';

describe('Easter and the movable feasts', () => {
	it('matches the known Easter Sundays', () => {
		expect(easterSunday(2014)).toBe('2014-04-20');
		expect(easterSunday(2015)).toBe('2015-04-05');
		expect(easterSunday(2024)).toBe('2024-03-31');
		expect(easterSunday(2025)).toBe('2025-04-20');
		expect(easterSunday(2026)).toBe('2026-04-05');
		expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible date
		expect(easterSunday(2285)).toBe('2285-03-22'); // the earliest possible date
	});

	it('is always a Sunday between 22 March and 25 April', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
				const easter = easterSunday(year);
				expect(dayOfWeek(easter)).toBe(0);
				expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
			})
		);
	});

	it('puts Pentecost on a Sunday and Corpus Christi on a Thursday', () => {
		expect(holidayOn('2015-05-24')).toBe('pentecost');
		expect(holidayOn('2015-06-04')).toBe('corpusChristi');
		expect(holidayOn('2026-06-04')).toBe('corpusChristi');
		expect(holidayOn('2026-04-06')).toBe('easterMonday');
		for (let year = 2000; year < 2100; year++) {
			const days = [...publicHolidays(year)];
			const pentecost = days.find(([, key]) => key === 'pentecost')![0];
			const corpus = days.find(([, key]) => key === 'corpusChristi')![0];
			expect(dayOfWeek(pentecost)).toBe(0);
			expect(dayOfWeek(corpus)).toBe(4);
		}
	});
});

describe('rules in force each year', () => {
	it('makes Christmas Eve a holiday from 2025 on only', () => {
		expect(holidayOn('2024-12-24')).toBeUndefined();
		expect(holidayOn('2025-12-24')).toBe('christmasEve');
		expect(isWorkingDay('2024-12-24')).toBe(true);
		expect(isWorkingDay('2025-12-24')).toBe(false);
	});

	it('knows Epiphany from 2011 and the one-off 12 November 2018', () => {
		expect(holidayOn('2010-01-06')).toBeUndefined();
		expect(holidayOn('2011-01-06')).toBe('epiphany');
		expect(holidayOn('2018-11-12')).toBe('independenceCentenary');
		expect(holidayOn('2019-11-12')).toBeUndefined();
	});

	it('has 13 holidays a year before 2025 (with Epiphany) and 14 from 2025', () => {
		expect(publicHolidays(2015).size).toBe(13);
		expect(publicHolidays(2018).size).toBe(14);
		expect(publicHolidays(2026).size).toBe(14);
	});
});

describe('working days', () => {
	it('matches the published counts for the seed project years', () => {
		const count = (year: number) =>
			Array.from(
				{ length: 12 },
				(_, i) => workingDaysOfMonth(`${year}-${String(i + 1).padStart(2, '0')}`).length
			);
		expect(count(2014)).toEqual([21, 20, 21, 21, 21, 20, 23, 20, 22, 23, 19, 21]);
		expect(count(2015)).toEqual([20, 20, 22, 21, 20, 21, 23, 21, 22, 22, 20, 22]);
	});

	it('never counts a weekend or a holiday', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 365 * 40 }), (offset) => {
				const date = addDays('2000-01-01', offset);
				if (isWorkingDay(date)) {
					expect([0, 6]).not.toContain(dayOfWeek(date));
					expect(holidayOn(date)).toBeUndefined();
				}
			})
		);
	});

	it('adds days across months, years and the DST changes', () => {
		expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
		expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
	});
});

describe('monthPace', () => {
	// November 2026: 1 Nov is a Sunday, 11 Nov a Wednesday → 20 working days.
	it('computes what is left and the pace needed per remaining working day', () => {
		expect(workingDaysOfMonth('2026-11')).toHaveLength(20);
		const pace = monthPace({ month: '2026-11', today: '2026-11-26', targetMin: 120 * 60, doneMin: 90 * 60 });
		// 26, 27 and 30 November remain.
		expect(pace.remainingWorkingDays).toBe(3);
		expect(pace.remainingMin).toBe(30 * 60);
		expect(pace.neededPerDayMin).toBe(600);
		// 17 working days gone at 90 h → 90/17 a day over 20 days ≈ 105.9 h.
		expect(pace.forecastMin).toBe(Math.round(((90 * 60) / 17) * 20));
		expect(pace.behind).toBe(true);
	});

	it('is not behind before the month starts, and has no pace left after it ends', () => {
		const before = monthPace({ month: '2026-12', today: '2026-11-26', targetMin: 7200, doneMin: 0 });
		expect(before).toMatchObject({ behind: false, forecastMin: 0, remainingWorkingDays: before.workingDays });
		const after = monthPace({ month: '2026-10', today: '2026-11-26', targetMin: 7200, doneMin: 7300 });
		expect(after).toMatchObject({
			remainingWorkingDays: 0,
			neededPerDayMin: null,
			remainingMin: 0,
			behind: false
		});
	});
});
