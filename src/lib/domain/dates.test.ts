import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tzOffset } from '@date-fns/tz';
import { formatInstant, TIME_ZONE, warsawOffset } from './dates';

const MINUTE = 60_000;

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
	});
});
