import { describe, expect, it } from 'vitest';
import { advisorTargetMin, centreTargetMin, type QuotaRow } from './quota';

const rows: QuotaRow[] = [
	{ month: null, centreId: 'slupsk', advisorId: null, kind: 'mobile', targetMin: 1440 },
	{ month: '2026-12', centreId: 'slupsk', advisorId: null, kind: 'mobile', targetMin: 600 },
	{ month: null, centreId: 'lebork', advisorId: null, kind: 'mobile', targetMin: 720 },
	{ month: '2026-11', centreId: 'lebork', advisorId: 'dorota', kind: 'mobile', targetMin: 300 }
];

describe('monthly targets', () => {
	it('uses the standing target unless the month has its own', () => {
		expect(centreTargetMin(rows, 'slupsk', '2026-11')).toBe(1440);
		expect(centreTargetMin(rows, 'slupsk', '2026-12')).toBe(600);
		expect(centreTargetMin(rows, 'kartuzy', '2026-11')).toBeNull();
	});

	it("gives an advisor their own target, else an even share of the centre's", () => {
		const ctx = { centreId: 'lebork', advisorsInCentre: 2 };
		expect(advisorTargetMin(rows, { ...ctx, advisorId: 'dorota', month: '2026-11' })).toBe(300);
		expect(advisorTargetMin(rows, { ...ctx, advisorId: 'dorota', month: '2026-10' })).toBe(360);
		expect(
			advisorTargetMin(rows, { centreId: 'slupsk', advisorsInCentre: 3, advisorId: 'x', month: '2026-12' })
		).toBe(200);
		expect(
			advisorTargetMin(rows, { centreId: 'kartuzy', advisorsInCentre: 1, advisorId: 'y', month: '2026-11' })
		).toBeNull();
	});
});
