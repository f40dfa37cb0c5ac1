import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse, MIN_COMPRESSED_BYTES } from './compression';

const request = (acceptEncoding?: string, method = 'GET') =>
	new Request('http://localhost/api/sync/pull', {
		method,
		headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
	});

/** A pull-like JSON body: repeated keys and Polish text, well over the threshold. */
const pageBody = JSON.stringify({
	changes: Array.from({ length: 200 }, (_, i) => ({
		entity: 'consultation',
		record: {
			id: `id-${i}`,
			notes: 'Konsultacja w sprawie sprawozdania finansowego i zmian w statucie',
			seq: i
		}
	}))
});

const jsonResponse = (body: string, headers: Record<string, string> = {}) =>
	new Response(body, {
		status: 200,
		headers: {
			'content-type': 'application/json',
			'content-length': String(new TextEncoder().encode(body).byteLength),
			...headers
		}
	});

describe('chooseEncoding', () => {
	it.each([
		['gzip, deflate, br, zstd', 'br'],
		['gzip, deflate', 'gzip'],
		['br;q=0.5, gzip', 'gzip'],
		['gzip;q=0, br;q=0', null],
		['identity', null],
		['*', 'br'],
		['', null],
		[undefined, null]
	])('Accept-Encoding %j → %s', (header, expected) => {
		expect(chooseEncoding(request(header))).toBe(expected);
	});
});

describe('compressResponse', () => {
	it('compresses a JSON answer with brotli when the browser accepts it, and it decompresses to the same text', async () => {
		const response = await compressResponse(request('gzip, deflate, br'), jsonResponse(pageBody));
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(Number(response.headers.get('content-length'))).toBe(bytes.byteLength);
		expect(bytes.byteLength).toBeLessThan(pageBody.length / 5);
		expect(brotliDecompressSync(bytes).toString('utf8')).toBe(pageBody);
	});

	it('uses gzip for a client without brotli', async () => {
		const response = await compressResponse(request('gzip'), jsonResponse(pageBody));
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')).toBe(pageBody);
	});

	it('keeps the status, the session cookies and the other headers', async () => {
		const original = jsonResponse(pageBody, { 'x-content-type-options': 'nosniff' });
		original.headers.append('set-cookie', 'a=1; Path=/; HttpOnly');
		original.headers.append('set-cookie', 'b=2; Path=/');
		const refused = new Response(original.body, { status: 422, headers: original.headers });
		const response = await compressResponse(request('gzip'), refused);
		expect(response.status).toBe(422);
		expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-type')).toBe('application/json');
	});

	it('leaves alone what a client does not accept, a small body, a file format and a HEAD request', async () => {
		const cases: [Request, Response][] = [
			[request(undefined), jsonResponse(pageBody)],
			[request('identity'), jsonResponse(pageBody)],
			[request('br'), jsonResponse('{"ok":true}')],
			[request('br'), jsonResponse(pageBody.slice(0, MIN_COMPRESSED_BYTES - 1))],
			[request('br'), new Response(pageBody, { headers: { 'content-type': 'application/pdf' } })],
			[request('br', 'HEAD'), jsonResponse(pageBody)],
			[request('br'), jsonResponse(pageBody, { 'content-encoding': 'gzip' })],
			[request('br'), jsonResponse(pageBody, { 'cache-control': 'no-transform' })]
		];
		for (const [req, res] of cases) {
			const out = await compressResponse(req, res);
			expect(out.headers.get('content-encoding'), `${req.headers.get('accept-encoding')}`).toBe(
				res.headers.get('content-encoding')
			);
		}
	});

	it('compresses a body of unknown length once it is read and found large enough', async () => {
		const streamed = new Response(pageBody, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
		streamed.headers.delete('content-length');
		const response = await compressResponse(request('gzip'), streamed);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		const small = await compressResponse(
			request('gzip'),
			new Response('a;b\n1;2\n', { headers: { 'content-type': 'text/csv' } })
		);
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(await small.text()).toBe('a;b\n1;2\n');
	});

	it('weakens a strong ETag and does not repeat Vary', async () => {
		const response = await compressResponse(
			request('br'),
			jsonResponse(pageBody, { etag: '"abc"', vary: 'Origin, Accept-Encoding' })
		);
		expect(response.headers.get('etag')).toBe('W/"abc"');
		expect(response.headers.get('vary')).toBe('Origin, Accept-Encoding');
	});
});
