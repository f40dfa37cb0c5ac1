import { describe, expect, test } from 'vitest';
import { validate } from './schemas';
import {
	isInPeriod,
	periodMonths,
	ProjectPeriodInput,
	QuotaInput,
	QUOTA_MAX_MIN,
	ReopenMonthInput
} from './coordination';

describe('project period', () => {
	test('months of the seed’s period, across the new year', () => {
		const months = periodMonths({ startMonth: '2014-09', endMonth: '2015-06' });
		expect(months).toHaveLength(10);
		expect(months.slice(3, 5)).toEqual(['2014-12', '2015-01']);
		expect(isInPeriod('2015-06', { startMonth: '2014-09', endMonth: '2015-06' })).toBe(true);
		expect(isInPeriod('2015-07', { startMonth: '2014-09', endMonth: '2015-06' })).toBe(false);
		expect(periodMonths({ startMonth: '2015-13', endMonth: '2016-01' })).toEqual([]);
	});

	test('end before start, longer than 36 months and bad months are refused on the right field', () => {
		const check = (startMonth: string, endMonth: string) =>
			validate(ProjectPeriodInput, { name: 'P', startMonth, endMonth });
		expect(check('2014-09', '2017-08').ok).toBe(true);
		expect(check('2014-09', '2017-09')).toMatchObject({
			ok: false,
			fieldErrors: { endMonth: 'coordinatorApi.period.tooLong' }
		});
		expect(check('2014-09', '2014-08')).toMatchObject({
			ok: false,
			fieldErrors: { endMonth: 'coordinatorApi.period.endBeforeStart' }
		});
		expect(check('2014-9', '2015-01')).toMatchObject({
			ok: false,
			fieldErrors: { startMonth: 'coordinatorApi.month.invalid' }
		});
	});
});

describe('quota input', () => {
	const base = { month: '2015-01', centreId: null, advisorId: null };
	test.each([-1, 1.5, '60', Number.NaN, Infinity, QUOTA_MAX_MIN + 1])('refuses %s', (targetMin) => {
		const result = validate(QuotaInput, { ...base, targetMin });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.fieldErrors.targetMin).toMatch(/^coordinatorApi\.quota\./);
	});
	test.each([0, 60, QUOTA_MAX_MIN, null])('takes %s', (targetMin) => {
		expect(validate(QuotaInput, { ...base, targetMin }).ok).toBe(true);
	});
});

test('a reopening needs a reason of 3 to 500 characters', () => {
	const centreId = '0190a000-0000-7000-8000-000000000101';
	expect(validate(ReopenMonthInput, { centreId, reason: '  ab ' }).ok).toBe(false);
	expect(validate(ReopenMonthInput, { centreId, reason: 'abc' }).ok).toBe(true);
	expect(validate(ReopenMonthInput, { centreId, reason: 'x'.repeat(501) }).ok).toBe(false);
});
