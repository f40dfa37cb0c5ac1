/**
 * The signature as the phone stores and sends it: a PNG of the pad, at most EXPORT_MAX_SCALE pixels per CSS pixel
 * and EXPORT_MAX_WIDTH pixels wide, with its ink reduced to INK_LEVELS shades.
 *
 * Why: the pad's own PNG on a phone with 3 device pixels per CSS pixel is ~105 kB (a 984×768 canvas, measured in
 * Chromium), and every signed visit travels to the server and back to the coordinator's and the advisor's phones.
 * Almost all of those bytes are the anti-aliased edge pixels, each a slightly different colour that deflate cannot
 * repeat. Two pixels per CSS pixel still print sharply on the karta (about 200 dpi in its 220 × 80 pt box), and
 * four shades of ink keep the edges smooth to the eye: the same signature is ~25 kB.
 */

/** Pixels per CSS pixel of the stored image; phones with a denser screen are scaled down to this. */
export const EXPORT_MAX_SCALE = 2;
/** The widest stored image (a tablet, a phone in landscape): the karta prints it 220 pt wide, ~3 px per point. */
export const EXPORT_MAX_WIDTH = 720;
/** Shades from paper to full ink, both included. */
export const INK_LEVELS = 4;
/** The pen's colour: the pad draws with it and the stored shades blend from white to it. */
export const INK_COLOUR = '#0a1f44';

type Rgb = readonly [number, number, number];

function rgbOf(hex: string): Rgb {
	const value = Number.parseInt(hex.slice(1), 16);
	return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

const luminance = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

/**
 * Rewrites RGBA pixels in place (pure: no canvas needed): each pixel, laid on white, becomes white blended towards
 * `ink` by how much ink it holds, rounded to one of `levels` shades, and opaque.
 */
export function quantizeInk(
	pixels: Uint8ClampedArray,
	ink: string = INK_COLOUR,
	levels: number = INK_LEVELS
): void {
	const colour = rgbOf(ink);
	const paper = 255;
	const inkLuminance = luminance(...colour);
	const steps = levels - 1;
	const shades = Array.from({ length: levels }, (_, level) =>
		colour.map((channel) => Math.round(paper - (level / steps) * (paper - channel)))
	);
	for (let i = 0; i < pixels.length; i += 4) {
		const alpha = pixels[i + 3]! / 255;
		const seen = luminance(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) * alpha + paper * (1 - alpha);
		const coverage = Math.min(1, Math.max(0, (paper - seen) / (paper - inkLuminance)));
		const shade = shades[Math.round(coverage * steps)]!;
		pixels[i] = shade[0]!;
		pixels[i + 1] = shade[1]!;
		pixels[i + 2] = shade[2]!;
		pixels[i + 3] = 255;
	}
}

/**
 * The size of the stored image of a pad `width` × `height` device pixels shown `cssWidth` CSS pixels wide: scaled
 * down (never up, keeping the proportions) to at most EXPORT_MAX_SCALE px per CSS px and EXPORT_MAX_WIDTH px.
 */
export function exportSize(
	width: number,
	height: number,
	cssWidth: number
): { width: number; height: number } {
	const pixelsPerCss = width / Math.max(cssWidth, 1);
	const scale = Math.min(1, EXPORT_MAX_SCALE / pixelsPerCss, EXPORT_MAX_WIDTH / width);
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/** Room kept between the ink and the edge when strokes are fitted into a smaller pad (CSS px). */
const FIT_MARGIN = 8;

/**
 * The pad's strokes (signature_pad's point groups, in CSS px) for a pad now `width` × `height`: unchanged when the
 * ink fits, else scaled down about the top-left corner until it does. Turning a phone back from landscape narrows
 * the pad; without this the right part of the signature would be cut off, on screen and in the stored image.
 */
export function fitStrokes<G extends { points: readonly { x: number; y: number }[] }>(
	groups: readonly G[],
	width: number,
	height: number
): G[] {
	let right = 0;
	let bottom = 0;
	for (const group of groups) {
		for (const point of group.points) {
			right = Math.max(right, point.x);
			bottom = Math.max(bottom, point.y);
		}
	}
	const scale = Math.min(
		1,
		(width - FIT_MARGIN) / Math.max(right, 1),
		(height - FIT_MARGIN) / Math.max(bottom, 1)
	);
	if (scale >= 1 || scale <= 0) return [...groups];
	return groups.map((group) => ({
		...group,
		points: group.points.map((point) => ({ ...point, x: point.x * scale, y: point.y * scale }))
	}));
}

/** The stored PNG data URL of a pad's canvas (see the module's comment). */
export function signatureDataUrl(pad: HTMLCanvasElement): string {
	const size = exportSize(pad.width, pad.height, pad.offsetWidth);
	const out = document.createElement('canvas');
	out.width = size.width;
	out.height = size.height;
	const context = out.getContext('2d', { willReadFrequently: true });
	if (!context) return pad.toDataURL('image/png');
	context.imageSmoothingQuality = 'high';
	context.drawImage(pad, 0, 0, out.width, out.height);
	const image = context.getImageData(0, 0, out.width, out.height);
	quantizeInk(image.data);
	context.putImageData(image, 0, 0);
	return out.toDataURL('image/png');
}

/** One stroke of the pad as a form draft keeps it: its points in CSS px (signature_pad's BasicPoint). */
export interface KeptStroke {
	points: { x: number; y: number; pressure: number; time: number }[];
}

/** More points than a signature has (a full pad of scribbles is a few thousand); a kept value beyond is not one. */
const MAX_KEPT_POINTS = 50_000;

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The strokes in a value read back from a form draft, or null when it is not a list of strokes whose every point
 * has a finite x and y (pressure and time default to what the pad records for a mouse: 0.5 and 0). Only the points
 * are taken: the pen's width and colour are the pad's own.
 */
export function keptStrokes(value: unknown): KeptStroke[] | null {
	if (!Array.isArray(value)) return null;
	const strokes: KeptStroke[] = [];
	let count = 0;
	for (const stroke of value as unknown[]) {
		const points = (stroke as { points?: unknown } | null)?.points;
		if (!Array.isArray(points) || points.length === 0) return null;
		count += points.length;
		if (count > MAX_KEPT_POINTS) return null;
		const kept: KeptStroke['points'] = [];
		for (const point of points as unknown[]) {
			const { x, y, pressure, time } = (point ?? {}) as Record<string, unknown>;
			if (!finite(x) || !finite(y)) return null;
			kept.push({ x, y, pressure: finite(pressure) ? pressure : 0.5, time: finite(time) ? time : 0 });
		}
		strokes.push({ points: kept });
	}
	return strokes;
}
