import { describe, expect, it } from 'vitest';
import { quotaSavedText, sameShown, type ShownQuota } from './quota-note';

describe('quotaSavedText', () => {
	const shown = (overrides: Partial<ShownQuota>): ShownQuota => ({
		month: '2026-05',
		source: 'month',
		targetMin: 1830,
		...overrides
	});

	it("says a month's own target or a removal was saved", () => {
		expect(quotaSavedText({ month: '2026-05', targetMin: 1830 }, shown({}), 'pl')).toBe('Zapisano.');
		expect(quotaSavedText({ month: '2026-05', targetMin: null }, shown({ source: 'standing' }), 'en')).toBe(
			'Saved.'
		);
	});

	it('names a standing target, and says when the month keeps its own figure', () => {
		expect(
			quotaSavedText({ month: null, targetMin: 1500 }, shown({ source: 'standing', targetMin: 1500 }), 'pl')
		).toBe('Zapisano stały cel: 25:00 h.');
		expect(quotaSavedText({ month: null, targetMin: 1500 }, shown({}), 'pl')).toBe(
			'Zapisano stały cel: 25:00 h. Ten miesiąc ma własny cel — zostaje 30:30 h.'
		);
		expect(quotaSavedText({ month: null, targetMin: 1500 }, shown({}), 'en')).toBe(
			'Standing target saved: 25:00 h. This month has its own target — it stays 30:30 h.'
		);
		expect(quotaSavedText({ month: null, targetMin: 1500 }, shown({ source: 'kept' }), 'pl')).toBe(
			'Zapisano stały cel: 25:00 h. Ten miesiąc zachowuje cel z dnia zamknięcia: 30:30 h.'
		);
	});
});

describe('sameShown', () => {
	it('holds while the month and its figure stay; another month or figure clears the note', () => {
		const a: ShownQuota = { month: '2026-05', source: 'standing', targetMin: 1500 };
		expect(sameShown(a, { ...a })).toBe(true);
		expect(sameShown(a, { ...a, month: '2026-06' })).toBe(false);
		expect(sameShown(a, { ...a, targetMin: 1530 })).toBe(false);
		expect(sameShown(a, { ...a, source: 'month' })).toBe(false);
	});
});
