/**
 * The HTTP transport against a real HTTP server on loopback, scripted per request: how each way a request can end
 * is sorted, and that a request the line swallows is given up instead of hanging, while a slow answer is not.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '$lib/domain/sync';
import { httpTransport, REQUEST_BASE_DEADLINE_MS, requestDeadlineMs } from './transport';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

let server: Server;
let baseUrl: string;
let handle: Handler;
const held: ServerResponse[] = [];

beforeAll(async () => {
	server = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => handle(request, response, body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	for (const response of held) response.destroy();
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	handle = () => {
		throw new Error('no handler');
	};
});

const json = (response: ServerResponse, status: number, data: unknown) => {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(data));
};

const pullPage = { changes: [], cursor: 'v1.0.000000000001', more: false, reset: false };
const transport = (deadlineMs = 5_000, idleMs = 5_000) =>
	httpTransport({ baseUrl, deadlineMs: () => deadlineMs, idleMs });

describe('httpTransport', () => {
	it('sends the protocol version and the batch, and returns the answer', async () => {
		let seen: { header: unknown; body: unknown } | null = null;
		handle = (request, response, body) => {
			seen = { header: request.headers[SYNC_PROTOCOL_HEADER.toLowerCase()], body: JSON.parse(body) };
			json(response, 200, { results: [] });
		};
		const result = await transport().push({ deviceId: 'd', ops: [] });
		expect(result).toEqual({ ok: true, data: { results: [] } });
		expect(seen).toEqual({ header: String(SYNC_PROTOCOL_VERSION), body: { deviceId: 'd', ops: [] } });
	});

	it('sorts the server’s refusals: sign in, update, try later, or refused for good', async () => {
		const answers: [number, unknown, object][] = [
			[401, { error: { code: 'unauthorized', message: 'x' } }, { kind: 'unauthorized' }],
			[426, { error: { code: 'outdated', message: 'Zaktualizuj' } }, { kind: 'outdated' }],
			[503, { error: { code: 'busy', message: 'x' } }, { kind: 'retry', status: 503 }],
			// A proxy's page: its status is kept (the panel says what it means); its English text is not shown.
			[502, '<html>Bad gateway</html>', { kind: 'retry', status: 502, message: '' }],
			[413, '<html>Too large</html>', { kind: 'retry', status: 413 }],
			[400, { error: { code: 'invalid', message: 'Zły format' } }, { kind: 'rejected', code: 'invalid' }],
			// A 200 that is not our answer (a captive portal's page) is not data.
			[200, '<html>Zaloguj się do Wi-Fi</html>', { kind: 'retry', status: 200, message: '' }]
		];
		for (const [status, body, expected] of answers) {
			handle = (_request, response) => {
				response.writeHead(status, { 'content-type': 'application/json' });
				response.end(typeof body === 'string' ? body : JSON.stringify(body));
			};
			expect(await transport().pull(null, 10)).toMatchObject({ ok: false, ...expected });
		}
	});

	it('a closed connection is offline, not a timeout', async () => {
		handle = (request) => request.socket.destroy();
		expect(await transport().pull(null, 10)).toEqual({ ok: false, kind: 'offline' });
	});

	it('a request whose answer does not begin by its deadline is given up', async () => {
		handle = (_request, response) => void held.push(response);
		const started = performance.now();
		expect(await transport(300).push({ deviceId: 'd', ops: [] })).toEqual({
			ok: false,
			kind: 'offline',
			timedOut: true
		});
		expect(performance.now() - started).toBeGreaterThanOrEqual(290);
	});

	it('an answer that stops arriving half-way is given up', async () => {
		handle = (_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.write(JSON.stringify(pullPage).slice(0, 20));
			held.push(response);
		};
		expect(await transport(5_000, 300).pull(null, 10)).toEqual({
			ok: false,
			kind: 'offline',
			timedOut: true
		});
	});

	it('an answer that keeps arriving, however slowly, is waited for past the deadline', async () => {
		const text = JSON.stringify(pullPage);
		handle = (_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			let sent = 0;
			const piece = Math.ceil(text.length / 12);
			const timer = setInterval(() => {
				response.write(text.slice(sent, sent + piece));
				sent += piece;
				if (sent >= text.length) {
					clearInterval(timer);
					response.end();
				}
			}, 150);
		};
		// Twelve pieces 150 ms apart: 1.8 s in all, past the 200 ms deadline and the 1 s idle limit, which each piece
		// starts again.
		expect(await transport(200, 1_000).pull(null, 10)).toEqual({ ok: true, data: pullPage });
	});

	it('a slow answer within the deadline is an answer', async () => {
		handle = (_request, response) => void setTimeout(() => json(response, 200, pullPage), 100);
		expect(await transport(2_000).pull(null, 10)).toEqual({ ok: true, data: pullPage });
	});

	it('gives a bigger body more time: the base plus its upload at 8 kB/s', () => {
		expect(requestDeadlineMs(0)).toBe(REQUEST_BASE_DEADLINE_MS);
		expect(requestDeadlineMs(1024 * 1024)).toBe(REQUEST_BASE_DEADLINE_MS + 131_072);
	});
});
