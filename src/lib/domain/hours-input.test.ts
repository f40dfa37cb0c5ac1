import { describe, expect, it } from 'vitest';
import { hoursInputText, parseHoursInput } from './hours-input';

describe('parseHoursInput', () => {
	it('reads whole hours, a decimal comma or point, and hours:minutes', () => {
		expect(parseHoursInput('12')).toEqual({ kind: 'minutes', minutes: 720 });
		expect(parseHoursInput(' 12,5 ')).toEqual({ kind: 'minutes', minutes: 750 });
		expect(parseHoursInput('12.25')).toEqual({ kind: 'minutes', minutes: 735 });
		expect(parseHoursInput('12:30')).toEqual({ kind: 'minutes', minutes: 750 });
		expect(parseHoursInput('0')).toEqual({ kind: 'minutes', minutes: 0 });
		expect(parseHoursInput('120 h')).toEqual({ kind: 'minutes', minutes: 7200 });
		expect(parseHoursInput('0,01')).toEqual({ kind: 'minutes', minutes: 1 });
		// Too many for a month, but a number: the form names the limit rather than calling it a typo.
		expect(parseHoursInput('99999')).toEqual({ kind: 'minutes', minutes: 99999 * 60 });
	});

	it('tells an empty field from a typo', () => {
		expect(parseHoursInput('')).toEqual({ kind: 'empty' });
		expect(parseHoursInput('   ')).toEqual({ kind: 'empty' });
		for (const typo of ['-5', 'abc', '12:75', '1,234', '12,5,5', '1e3', 'h', '12:3']) {
			expect(parseHoursInput(typo), typo).toEqual({ kind: 'invalid' });
		}
	});

	it('writes minutes back the way they are typed', () => {
		expect(hoursInputText(720)).toBe('12');
		expect(hoursInputText(750)).toBe('12:30');
		expect(hoursInputText(5)).toBe('0:05');
		expect(hoursInputText(null)).toBe('');
		for (const minutes of [0, 1, 59, 60, 735, 7200]) {
			expect(parseHoursInput(hoursInputText(minutes))).toEqual({ kind: 'minutes', minutes });
		}
	});
});
