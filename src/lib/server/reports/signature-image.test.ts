import { constants, crc32, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { decodePng, signatureThumbnail } from './signature-image';
import { isEmbeddableImage } from './pdf';

function chunk(type: string, data: Buffer): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'latin1');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

const paeth = (a: number, b: number, c: number) => {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** An 8-bit PNG of the given pixels, each row filtered with `filters[y % filters.length]` (the encoder's side). */
function png(width: number, height: number, channels: number, pixels: Uint8Array, filters: number[]): Buffer {
	const colourType = { 1: 0, 2: 4, 3: 2, 4: 6 }[channels]!;
	const stride = width * channels;
	const raw = Buffer.alloc((stride + 1) * height);
	for (let y = 0; y < height; y++) {
		const filter = filters[y % filters.length]!;
		raw[y * (stride + 1)] = filter;
		for (let x = 0; x < stride; x++) {
			const value = pixels[y * stride + x]!;
			const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
			const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
			const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
			const predicted = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]!;
			raw[y * (stride + 1) + 1 + x] = (value - predicted) & 0xff;
		}
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, colourType, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;

function noise(length: number, seed = 7): Uint8Array {
	const out = new Uint8Array(length);
	let state = seed;
	for (let i = 0; i < length; i++) {
		state = (state * 1103515245 + 12345) >>> 0;
		out[i] = state >>> 24;
	}
	return out;
}

describe('decodePng', () => {
	test.each([0, 1, 2, 3, 4])('undoes filter %i exactly (RGBA)', (filter) => {
		const pixels = noise(13 * 7 * 4, filter + 1);
		const decoded = decodePng(png(13, 7, 4, pixels, [filter]));
		expect(decoded).not.toBeNull();
		expect(decoded!.channels).toBe(4);
		expect(Buffer.from(decoded!.pixels).equals(Buffer.from(pixels))).toBe(true);
	});

	test('mixed filters per row, grey, grey + alpha and RGB', () => {
		for (const channels of [1, 2, 3]) {
			const pixels = noise(9 * 11 * channels, channels);
			const decoded = decodePng(png(9, 11, channels, pixels, [4, 0, 1, 3, 2]));
			expect(Buffer.from(decoded!.pixels).equals(Buffer.from(pixels))).toBe(true);
		}
	});

	test('anything it does not read is null, never an exception', () => {
		const good = png(4, 4, 4, noise(64), [0]);
		expect(decodePng(Buffer.from('AAAA', 'base64'))).toBeNull();
		expect(decodePng(good.subarray(0, 40))).toBeNull();
		const corrupt = Buffer.from(good);
		corrupt[corrupt.length - 20] = corrupt[corrupt.length - 20]! ^ 0xff;
		expect(() => decodePng(corrupt)).not.toThrow();
		const sixteenBit = Buffer.from(good);
		sixteenBit[24] = 16;
		expect(decodePng(sixteenBit)).toBeNull();
	});
});

describe('signatureThumbnail', () => {
	test('a transparent RGBA signature becomes a small grey PNG on white, strokes kept', () => {
		const width = 300;
		const height = 100;
		const pixels = new Uint8Array(width * height * 4);
		// One opaque dark pixel per column along a line; everything else fully transparent.
		for (let x = 0; x < width; x++) pixels.set([0, 0, 0, 255], (50 * width + x) * 4);
		const thumb = signatureThumbnail(dataUrl(png(width, height, 4, pixels, [1])), 150, 60);
		expect(thumb).not.toBeNull();
		const decoded = decodePng(thumb!)!;
		expect(decoded.channels).toBe(1);
		expect(decoded.width).toBeLessThanOrEqual(150);
		expect(decoded.height).toBeLessThanOrEqual(60);
		expect(decoded.width / decoded.height).toBeCloseTo(3, 0);
		// The line survives the shrinking (darkest pixel of each block) and the background is white.
		const row = Math.floor(50 / (width / decoded.width));
		expect(Math.max(...decoded.pixels.subarray(row * decoded.width, (row + 1) * decoded.width))).toBe(0);
		expect(decoded.pixels[0]).toBe(255);
	});

	test('not a PNG data URL: null', () => {
		expect(signatureThumbnail('data:image/png;base64,AAAA', 100, 30)).toBeNull();
		expect(signatureThumbnail('data:image/svg+xml;base64,PHN2Zz4=', 100, 30)).toBeNull();
		expect(signatureThumbnail('https://example.org/x.png', 100, 30)).toBeNull();
	});
});

describe('isEmbeddableImage (the card keeps the original image)', () => {
	test('a sound PNG yes; truncated, corrupt or foreign data no', () => {
		const good = png(20, 10, 4, noise(800), [4]);
		expect(isEmbeddableImage(dataUrl(good))).toBe(true);
		expect(isEmbeddableImage('data:image/png;base64,AAAA')).toBe(false);
		expect(isEmbeddableImage(dataUrl(good.subarray(0, good.length - 30)))).toBe(false);
		expect(isEmbeddableImage('data:text/html;base64,PGI+')).toBe(false);
	});
});

/**
 * A zlib stream of `mib` MiB of zeros, made without ever holding them: one deflated MiB (ended by a full flush, so
 * it stands alone and ends on a byte) repeated, then an empty final block and the Adler-32 of the zeros.
 */
function zeros(mib: number): Buffer {
	const piece = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
	const adler = Buffer.alloc(4);
	adler.writeUInt32BE(((((mib * 2 ** 20) % 65521) << 16) | 1) >>> 0);
	return Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array<Buffer>(mib).fill(piece), deflateRawSync(Buffer.alloc(0)), adler]);
}

/** A 1 × 1 RGBA PNG whose image data inflates to `mib` MiB, every chunk's CRC correct. */
function bomb(mib: number): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(1, 0);
	ihdr.writeUInt32BE(1, 4);
	ihdr.set([8, 6, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', zeros(mib)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

describe('a decompression bomb (a 1 × 1 PNG whose image data inflates to 360 MiB)', () => {
	test('the bomb is real: its data inflates to all those zeros', () => {
		const small = inflateSync(zeros(3));
		expect(small.length).toBe(3 * 2 ** 20);
		expect(small.every((byte) => byte === 0)).toBe(true);
	});

	test('is refused at once, never inflated: the thumbnail, the card and decodePng', () => {
		const png = bomb(360);
		// Fits a signature's SIGNATURE_MAX_LENGTH: the domain lets it through, the decoders must not choke on it.
		expect(dataUrl(png).length).toBeLessThan(500_000);
		const before = process.memoryUsage().arrayBuffers;
		const started = performance.now();
		expect(decodePng(png)).toBeNull();
		expect(signatureThumbnail(dataUrl(png), 100, 30)).toBeNull();
		expect(isEmbeddableImage(dataUrl(png))).toBe(false);
		// Inflating it whole takes about a second and 360 MiB; stopping at the header's 5 bytes takes a moment.
		expect(performance.now() - started).toBeLessThan(250);
		expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
	});

	test('image data a little longer than its rows is still read', () => {
		const ihdr = Buffer.alloc(13);
		ihdr.writeUInt32BE(2, 0);
		ihdr.writeUInt32BE(1, 4);
		ihdr.set([8, 0, 0, 0, 0], 8);
		// One row: filter 0, two grey pixels, then a few stray bytes an encoder might leave.
		const raw = Buffer.from([0, 10, 200, 0, 0, 0]);
		const png = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', ihdr),
			chunk('IDAT', deflateSync(raw)),
			chunk('IEND', Buffer.alloc(0))
		]);
		expect(Array.from(decodePng(png)!.pixels)).toEqual([10, 200]);
		expect(isEmbeddableImage(dataUrl(png))).toBe(true);
	});
});
