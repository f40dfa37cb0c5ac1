import { describe, expect, it } from 'vitest';
import { exportSize, fitStrokes, INK_LEVELS, keptStrokes, quantizeInk } from './signature-image';

const INK = [0x0a, 0x1f, 0x44];

function pixels(...rgba: number[][]): Uint8ClampedArray {
	return new Uint8ClampedArray(rgba.flat());
}

function rgbaAt(data: Uint8ClampedArray, index: number): number[] {
	return [...data.subarray(index * 4, index * 4 + 4)];
}

describe('quantizeInk', () => {
	it('keeps paper white and full ink the pen colour, both opaque', () => {
		const data = pixels([255, 255, 255, 255], [...INK, 255]);
		quantizeInk(data);
		expect(rgbaAt(data, 0)).toEqual([255, 255, 255, 255]);
		expect(rgbaAt(data, 1)).toEqual([...INK, 255]);
	});

	it('rounds an anti-aliased edge to the nearest of the few shades between paper and ink', () => {
		// Every grey from white to darker than the ink: at most INK_LEVELS colours come out.
		const greys = Array.from({ length: 256 }, (_, v) => [v, v, v, 255]);
		const data = pixels(...greys);
		quantizeInk(data);
		const colours = new Set(greys.map((_, i) => rgbaAt(data, i).join(',')));
		expect(colours.size).toBe(INK_LEVELS);
		// Shades get darker (never lighter) as the grey does.
		const reds = greys.map((_, i) => data[i * 4]!);
		for (let i = 1; i < reds.length; i++) expect(reds[i]!).toBeGreaterThanOrEqual(reds[i - 1]!);
		// A half-covered pixel of the pen colour (blended with white) is a middle shade, not paper nor full ink.
		const half = pixels(INK.map((channel) => Math.round((channel + 255) / 2)).concat(255));
		quantizeInk(half);
		expect(rgbaAt(half, 0)).not.toEqual([255, 255, 255, 255]);
		expect(rgbaAt(half, 0)).not.toEqual([...INK, 255]);
	});

	it('lays transparent pixels on white: a fully transparent one is paper, a half-transparent ink a middle shade', () => {
		const data = pixels([0, 0, 0, 0], [...INK, 128]);
		quantizeInk(data);
		expect(rgbaAt(data, 0)).toEqual([255, 255, 255, 255]);
		const [r, , , a] = rgbaAt(data, 1);
		expect(a).toBe(255);
		expect(r).toBeGreaterThan(INK[0]!);
		expect(r).toBeLessThan(255);
	});

	it('takes the number of shades and the ink colour as given', () => {
		const data = pixels([100, 100, 100, 255], [160, 160, 160, 255]);
		quantizeInk(data, '#000000', 2);
		expect(rgbaAt(data, 0)).toEqual([0, 0, 0, 255]);
		expect(rgbaAt(data, 1)).toEqual([255, 255, 255, 255]);
	});
});

describe('exportSize', () => {
	it('scales a dense phone screen down to 2 px per CSS px, keeping the proportions', () => {
		// A 328 × 256 CSS px pad on a 3× phone.
		expect(exportSize(984, 768, 328)).toEqual({ width: 656, height: 512 });
	});

	it('leaves a screen of 2 px per CSS px or fewer as it is: never scales up', () => {
		expect(exportSize(656, 512, 328)).toEqual({ width: 656, height: 512 });
		expect(exportSize(328, 256, 328)).toEqual({ width: 328, height: 256 });
	});

	it('caps the width of a wide pad (a phone in landscape, a tablet) at 720 px', () => {
		expect(exportSize(2220, 1332, 740)).toEqual({ width: 720, height: 432 });
		expect(exportSize(1000, 300, 1000)).toEqual({ width: 720, height: 216 });
	});
});

describe('fitStrokes', () => {
	const stroke = (...xy: [number, number][]) => ({
		penColor: '#0a1f44',
		points: xy.map(([x, y], i) => ({ x, y, pressure: 0.5, time: i }))
	});

	it('leaves strokes that fit as they are, so small resizes (a browser bar) never shrink them bit by bit', () => {
		const strokes = [stroke([10, 10], [300, 200])];
		expect(fitStrokes(strokes, 328, 256)).toEqual(strokes);
		expect(fitStrokes(strokes, 328, 240)).toEqual(strokes);
	});

	it('shrinks a signature drawn sideways into the narrower upright pad, keeping its shape and other data', () => {
		// Drawn on a 748 × 216 pad, the pad is now 328 × 256.
		const strokes = [stroke([20, 40], [400, 180]), stroke([500, 60], [720, 120])];
		const fitted = fitStrokes(strokes, 328, 256);
		const points = fitted.flatMap((group) => group.points);
		expect(Math.max(...points.map((p) => p.x))).toBeCloseTo(320);
		expect(Math.max(...points.map((p) => p.y))).toBeLessThanOrEqual(248);
		// One scale for x and y: proportions kept.
		expect(points[1]!.x / points[1]!.y).toBeCloseTo(400 / 180);
		expect(fitted[0]!.penColor).toBe('#0a1f44');
		expect(points[0]!.pressure).toBe(0.5);
		// The input is not changed.
		expect(strokes[1]!.points[1]!.x).toBe(720);
	});

	it('keeps an empty pad empty', () => {
		expect(fitStrokes([], 328, 256)).toEqual([]);
	});
});

describe('keptStrokes', () => {
	it('takes back the points of each stroke, with the defaults a mouse gives for what a point lacks', () => {
		const drawn = [
			{
				penColor: 'red',
				minWidth: 40,
				points: [
					{ x: 1, y: 2, pressure: 0.8, time: 100 },
					{ x: 3, y: 4 }
				]
			},
			{ points: [{ x: 5.5, y: 6, extra: 'dropped' }] }
		];
		expect(keptStrokes(drawn)).toEqual([
			{
				points: [
					{ x: 1, y: 2, pressure: 0.8, time: 100 },
					{ x: 3, y: 4, pressure: 0.5, time: 0 }
				]
			},
			{ points: [{ x: 5.5, y: 6, pressure: 0.5, time: 0 }] }
		]);
		expect(keptStrokes([])).toEqual([]);
	});

	it.each([
		['not a list', { points: [] }],
		['a stroke without points', [{ points: [] }]],
		['a stroke that is not an object', [null]],
		['a point without a number', [{ points: [{ x: '1', y: 2 }] }]],
		['a point off the plane', [{ points: [{ x: Number.NaN, y: 2 }] }]],
		['a point that is not an object', [{ points: [7] }]],
		['more points than any signature', [{ points: Array.from({ length: 50_001 }, () => ({ x: 1, y: 1 })) }]]
	])('refuses %s as a whole (the pad then stays empty)', (_, value) => {
		expect(keptStrokes(value)).toBeNull();
	});
});
