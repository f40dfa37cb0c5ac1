/**
 * Signature thumbnails for the monthly statement. A signature pad gives a transparent RGBA PNG (say 600×200);
 * embedding that as is makes pdfkit decode it, split the alpha channel and deflate both again — per signature,
 * which for a month of 2,000 signed visits is most of the export's time. Here the image is decoded once,
 * flattened onto white, shrunk to the thumbnail's size (keeping the darkest pixel of each block, so thin strokes
 * stay visible) and written as a small greyscale PNG without alpha, which pdfkit embeds without decoding it.
 * The karta doradztwa keeps the original image (pdf.ts isEmbeddableImage guards it).
 *
 * Pure functions over bytes; anything unexpected (not a PNG, 16-bit, palette, interlaced, corrupt data, image data
 * inflating to more than its header's size) gives null, and the caller prints the signer's name without a picture.
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Channels per colour type, 8-bit only: grey, RGB, grey + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
const MAX_PIXELS = 16_000_000;

/** Room above the exact size of a PNG's image data: encoders end there, a few bytes more are no reason to refuse. */
const INFLATE_SLACK = 1024;

/**
 * A non-interlaced PNG's image data (its IDAT chunks joined) inflated, or null when it is corrupt or inflates to
 * more than the header's rows take: `height` × (filter byte + ⌈`width` × `bitsPerPixel` / 8⌉). A few hundred
 * kilobytes of a data URL can inflate to gigabytes (a decompression bomb); with `maxOutputLength` zlib stops there
 * instead of blocking the server and allocating it all.
 */
export function inflateImageData(
	compressed: Buffer,
	width: number,
	height: number,
	bitsPerPixel: number
): Buffer | null {
	const size = height * (1 + Math.ceil((width * bitsPerPixel) / 8));
	try {
		return inflateSync(compressed, { maxOutputLength: size + INFLATE_SLACK });
	} catch {
		return null;
	}
}

export interface DecodedPng {
	width: number;
	height: number;
	channels: number;
	/** Unfiltered samples, `width * channels` bytes per row. */
	pixels: Uint8Array;
}

/** Decodes an 8-bit, non-interlaced grey/RGB/grey-alpha/RGBA PNG; null for anything else or corrupt data. */
export function decodePng(bytes: Uint8Array): DecodedPng | null {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (buffer.length < 45 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
	let pos = 8;
	let width = 0;
	let height = 0;
	let channels = 0;
	const idat: Buffer[] = [];
	while (pos + 12 <= buffer.length) {
		const length = buffer.readUInt32BE(pos);
		const type = buffer.toString('latin1', pos + 4, pos + 8);
		if (pos + 12 + length > buffer.length) return null;
		const body = buffer.subarray(pos + 8, pos + 8 + length);
		if (type === 'IHDR') {
			if (length < 13 || body[8] !== 8 || body[12] !== 0) return null;
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
			channels = CHANNELS[body[9]!] ?? 0;
		} else if (type === 'IDAT') idat.push(body);
		else if (type === 'IEND') break;
		pos += 12 + length;
	}
	if (!width || !height || !channels || !idat.length || width * height > MAX_PIXELS) return null;
	const data = inflateImageData(Buffer.concat(idat), width, height, channels * 8);
	if (!data) return null;
	const stride = width * channels;
	if (data.length < (stride + 1) * height) return null;
	const pixels = new Uint8Array(stride * height);
	// One loop per filter type (not a switch per byte): this is the hot part of a month's export.
	for (let y = 0; y < height; y++) {
		const filter = data[y * (stride + 1)]!;
		const src = y * (stride + 1) + 1;
		const out = y * stride;
		const up = out - stride;
		if (filter === 0 || (filter === 2 && y === 0)) {
			pixels.set(data.subarray(src, src + stride), out);
		} else if (filter === 1) {
			for (let x = 0; x < channels; x++) pixels[out + x] = data[src + x]!;
			for (let x = channels; x < stride; x++) {
				pixels[out + x] = (data[src + x]! + pixels[out + x - channels]!) & 0xff;
			}
		} else if (filter === 2) {
			for (let x = 0; x < stride; x++) pixels[out + x] = (data[src + x]! + pixels[up + x]!) & 0xff;
		} else if (filter === 3) {
			for (let x = 0; x < stride; x++) {
				const a = x >= channels ? pixels[out + x - channels]! : 0;
				const b = y > 0 ? pixels[up + x]! : 0;
				pixels[out + x] = (data[src + x]! + ((a + b) >> 1)) & 0xff;
			}
		} else if (filter === 4) {
			for (let x = 0; x < stride; x++) {
				const a = x >= channels ? pixels[out + x - channels]! : 0;
				const b = y > 0 ? pixels[up + x]! : 0;
				const c = x >= channels && y > 0 ? pixels[up + x - channels]! : 0;
				const pa = Math.abs(b - c);
				const pb = Math.abs(a - c);
				const pc = Math.abs(a + b - 2 * c);
				pixels[out + x] = (data[src + x]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
			}
		} else return null;
	}
	return { width, height, channels, pixels };
}

function chunk(type: string, data: Buffer): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'latin1');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

/** An 8-bit greyscale PNG (no alpha, filter 0 on every row). */
export function encodeGreyPng(width: number, height: number, grey: Uint8Array): Buffer {
	const raw = Buffer.alloc((width + 1) * height);
	for (let y = 0; y < height; y++) raw.set(grey.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 0, 0, 0, 0], 8);
	return Buffer.concat([
		PNG_SIGNATURE,
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/**
 * The signature as a greyscale PNG on white, at most `maxWidth` × `maxHeight` pixels (shrunk by a whole factor,
 * never enlarged), or null when the data URL is not a PNG this module reads.
 */
export function signatureThumbnail(dataUrl: string, maxWidth: number, maxHeight: number): Buffer | null {
	const match = /^data:image\/png;base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl);
	if (!match) return null;
	const png = decodePng(Buffer.from(match[1]!, 'base64'));
	if (!png) return null;
	const { width, height, channels, pixels } = png;
	const factor = Math.max(1, Math.ceil(Math.max(width / maxWidth, height / maxHeight)));
	const outWidth = Math.ceil(width / factor);
	const outHeight = Math.ceil(height / factor);
	const grey = new Uint8Array(outWidth * outHeight).fill(255);
	const hasAlpha = channels === 2 || channels === 4;
	const colour = channels >= 3;
	const column = new Uint32Array(width);
	for (let x = 0; x < width; x++) column[x] = Math.floor(x / factor);
	for (let y = 0; y < height; y++) {
		const row = y * width * channels;
		const outRow = Math.floor(y / factor) * outWidth;
		for (let x = 0; x < width; x++) {
			const i = row + x * channels;
			const alpha = hasAlpha ? pixels[i + channels - 1]! : 255;
			if (alpha === 0) continue;
			const luminance = colour
				? (pixels[i]! * 77 + pixels[i + 1]! * 150 + pixels[i + 2]! * 29) >> 8
				: pixels[i]!;
			// Over white: 255 where transparent, the pixel's own grey where opaque.
			const value = 255 - (((255 - luminance) * alpha + 127) / 255) | 0;
			const o = outRow + column[x]!;
			if (value < grey[o]!) grey[o] = value;
		}
	}
	return encodeGreyPng(outWidth, outHeight, grey);
}
