/**
 * Compression of the app's own answers (the API's JSON, CSV and calendar feeds, the page shell). A device's first
 * pull is mostly repeated keys and Polish words: compressed it is under a tenth of its size (10,000 records: 12 MB of
 * JSON, 0.95 MB on the wire), which on a village hall's one bar of signal is seconds instead of minutes. Static assets are not handled here:
 * adapter-node serves them precompressed (`precompress: true`).
 *
 * Bodies are compressed whole (the app builds every answer in memory anyway) and synchronously: a 2 MB pull page
 * takes about 8 ms with brotli at quality 4, less than building its JSON. On libuv's thread pool instead, each
 * answer waited once more for an event loop busy with group commits: the 99th percentile of a pull during the
 * 50-device benchmark went from 140–275 ms to 400–510 ms.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';

/** Below this a compressed body saves less than the bytes of its headers. */
export const MIN_COMPRESSED_BYTES = 1024;

/** Text formats only: PDF, XLSX and images are compressed already. */
const COMPRESSIBLE =
	/^(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|manifest\+json)\b|image\/svg\+xml)/i;

/** Brotli's quality 4 compresses about as fast as gzip's default and smaller; 11 (its default) is for static files. */
const encoders = {
	br: (body: Uint8Array) =>
		brotliCompressSync(body, {
			params: {
				[constants.BROTLI_PARAM_QUALITY]: 4,
				[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
				[constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength
			}
		}),
	gzip: (body: Uint8Array) => gzipSync(body)
} as const;

type Encoding = keyof typeof encoders;
const OFFERED = ['br', 'gzip', 'identity'];

/** The encoding to answer `request` with: the client's preference among ours, brotli first on a tie. */
export function chooseEncoding(request: Request): Encoding | null {
	const accepted = request.headers.get('accept-encoding') ?? undefined;
	const best = new Negotiator({ headers: { 'accept-encoding': accepted } }).encoding(OFFERED, {
		preferred: OFFERED
	});
	return best === 'br' || best === 'gzip' ? best : null;
}

/**
 * `response` compressed for `request` when the client accepts it and it is worth it; otherwise `response` itself.
 * Every answer that could have been compressed says so in `Vary`, so that no cache hands one client's encoding to
 * another.
 */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 206 ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		/\bno-transform\b/i.test(response.headers.get('cache-control') ?? '')
	) {
		return response;
	}
	const vary = response.headers.get('vary') ?? '';
	if (!/(?:^|,)\s*(?:\*|accept-encoding)\s*(?:,|$)/i.test(vary))
		response.headers.append('vary', 'Accept-Encoding');
	const length = Number(response.headers.get('content-length') ?? NaN);
	const encoding = chooseEncoding(request);
	if (!encoding || length < MIN_COMPRESSED_BYTES) return response;

	const body = new Uint8Array(await response.arrayBuffer());
	const headers = new Headers(response.headers);
	if (body.byteLength < MIN_COMPRESSED_BYTES) {
		return new Response(body, { status: response.status, statusText: response.statusText, headers });
	}
	const compressed = encoders[encoding](body);
	headers.set('content-encoding', encoding);
	headers.set('content-length', String(compressed.byteLength));
	// The compressed bytes are another representation: a strong validator of the plain body no longer names them.
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	return new Response(new Uint8Array(compressed), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
