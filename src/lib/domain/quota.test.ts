import { describe, expect, it } from 'vitest';
import { advisorTargetMin, centreTargetMin, targetGap, targetsToKeepAtClose, type QuotaRow } from './quota';

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

	it('keeps, at a close, every target of the centre that is not set for the month itself', () => {
		// Lębork in November: the standing 720 for the centre, Dorota's own 300, Jan's share of 720 / 2.
		expect(
			targetsToKeepAtClose(rows, { centreId: 'lebork', month: '2026-11', advisorIds: ['dorota', 'jan'] })
		).toEqual([
			{ advisorId: null, targetMin: 720 },
			{ advisorId: 'jan', targetMin: 360 }
		]);
		// Słupsk in December has a month row of its own; its advisors' shares are kept.
		expect(targetsToKeepAtClose(rows, { centreId: 'slupsk', month: '2026-12', advisorIds: ['x'] })).toEqual([
			{ advisorId: 'x', targetMin: 600 }
		]);
		// A centre with no target has nothing to keep.
		expect(targetsToKeepAtClose(rows, { centreId: 'kartuzy', month: '2026-11', advisorIds: ['y'] })).toEqual(
			[]
		);
	});
});

describe('targetGap', () => {
	it('is null when the parts add up, also with the rounding of even shares', () => {
		expect(targetGap(7200, [2400, 2400, 2400])).toBeNull();
		// 60 h shared by 7 advisors: 514 minutes each (rounded), 3,598 in all.
		const share = advisorTargetMin(
			[{ month: null, centreId: 'c', advisorId: null, kind: 'mobile', targetMin: 3600 }],
			{
				advisorId: 'a',
				centreId: 'c',
				month: '2026-11',
				advisorsInCentre: 7
			}
		);
		expect(targetGap(3600, Array(7).fill(share))).toBeNull();
	});

	it('says how much the parts miss or exceed the whole by, a part without a target counting as none', () => {
		expect(targetGap(7200, [2400, 2400, null])).toEqual({ sumMin: 4800, diffMin: -2400 });
		expect(targetGap(3600, [2400, 1800])).toEqual({ sumMin: 4200, diffMin: 600 });
	});

	it('is null for a whole without a target, or without parts', () => {
		expect(targetGap(null, [600])).toBeNull();
		expect(targetGap(3600, [])).toBeNull();
	});
});

describe('a closed month', () => {
	it("keeps the advisors' targets it was closed with; an advisor added later has none", () => {
		const rows: QuotaRow[] = [
			{ month: null, centreId: 'c', advisorId: null, kind: 'mobile', targetMin: 1440 },
			// Written out at the closing, when Damian was the centre's only advisor.
			{ month: '2026-10', centreId: 'c', advisorId: null, kind: 'mobile', targetMin: 1440 },
			{ month: '2026-10', centreId: 'c', advisorId: 'damian', kind: 'mobile', targetMin: 1440 }
		];
		const of = (advisorId: string, closed: boolean) =>
			advisorTargetMin(rows, {
				advisorId,
				centreId: 'c',
				month: '2026-10',
				advisorsInCentre: 3,
				monthRowsOnly: closed
			});
		expect(of('damian', true)).toBe(1440);
		expect(of('newcomer', true)).toBeNull();
		// Open, the newcomer shares the centre's target like everyone without one of their own.
		expect(of('newcomer', false)).toBe(480);
	});
});
