import { describe, expect, test } from 'vitest';
import { displayDate, displayInstant, sheetInstant, totalLine } from './format';
import { fileSlug } from './statement';
import { monthLabel } from '$lib/domain/dates';

describe('export formatting', () => {
	test('totals in h:mm and decimal hours, in the language of the report', () => {
		expect(totalLine(7425, 'pl')).toBe('Razem: 123:45 (123,75 h)');
		expect(totalLine(7425, 'en')).toBe('Total: 123:45 (123.75 h)');
		expect(totalLine(0, 'pl')).toBe('Razem: 0:00 (0 h)');
		expect(totalLine(20, 'pl')).toBe('Razem: 0:20 (0,33 h)');
	});

	test('dates and instants in Warsaw time', () => {
		expect(displayDate('2026-11-05', 'pl')).toBe('05.11.2026');
		expect(displayDate('2026-11-05', 'en')).toBe('2026-11-05');
		// 23:30 UTC on 31 October is already 1 November in Warsaw (winter time, UTC+1).
		expect(displayInstant('2026-10-31T23:30:00.000Z', 'pl')).toBe('01.11.2026 00:30');
		expect(displayInstant('2026-07-01T10:00:00.000Z', 'en')).toBe('2026-07-01 12:00');
		expect(sheetInstant(null)).toBe('');
		expect(displayInstant('not a date', 'pl')).toBe('not a date');
	});

	test('month names, standalone', () => {
		expect(monthLabel('2026-11', 'pl')).toBe('listopad 2026');
		expect(monthLabel('2026-05', 'en')).toBe('May 2026');
	});

	test('file names are ASCII slugs', () => {
		expect(fileSlug('Słupsk')).toBe('slupsk');
		expect(fileSlug('Pruszcz Gdański')).toBe('pruszcz-gdanski');
		expect(fileSlug('Łukasz Żółć-Ęą')).toBe('lukasz-zolc-ea');
		expect(fileSlug('  ../../etc "x" ')).toBe('etc-x');
	});
});
