import { afterEach, describe, expect, it } from 'vitest';
import { clockSkewMin } from './settings';
import { CLOCK_SKEW_MIN, futureDateErrors } from '$lib/domain/consultation-rules';

describe('clockSkewMin (CLOCK_SKEW_MIN)', () => {
	const saved = process.env.CLOCK_SKEW_MIN;
	afterEach(() => {
		if (saved === undefined) delete process.env.CLOCK_SKEW_MIN;
		else process.env.CLOCK_SKEW_MIN = saved;
	});

	it('is 10 minutes unless set to a number of minutes, and widens the future-date rule', () => {
		delete process.env.CLOCK_SKEW_MIN;
		expect(clockSkewMin()).toBe(CLOCK_SKEW_MIN);
		for (const wrong of ['', 'abc', '-5']) {
			process.env.CLOCK_SKEW_MIN = wrong;
			expect(clockSkewMin(), wrong).toBe(CLOCK_SKEW_MIN);
		}
		process.env.CLOCK_SKEW_MIN = '1500';
		expect(clockSkewMin()).toBe(1500);
		// 12:00 in Warsaw: tomorrow's card is refused with the default, taken with a day's skew.
		const noon = new Date('2026-05-12T10:00:00Z');
		const tomorrow = { date: '2026-05-13', status: 'completed' };
		expect(futureDateErrors(tomorrow, noon)).toHaveProperty('date');
		expect(futureDateErrors(tomorrow, noon, clockSkewMin())).toEqual({});
	});
});
