/**
 * A reverse proxy on 127.0.0.1 that sits between the simulated devices and the app server(s) and breaks the
 * network on purpose: requests lost on the way in, answers lost on the way out (after the server applied the
 * change), delays, duplicates, reordering and bodies cut in half.
 *
 * Every decision is drawn from the `random` the caller gives (a seeded PRNG), and all draws for a request are
 * made at once, in a fixed number, the moment the request arrives. So a run whose requests arrive in the same
 * order gets the same faults, and one request's faults never shift the draws of the next.
 *
 * Bodies are buffered whole in both directions (they are at most a few MB): the proxy needs the full upstream
 * answer before it can decide to drop it, and a full request body before it can send a prefix of it.
 *
 * Only node:http and node:net; the upstream connection is never reused (agent: false), so a killed and
 * restarted server is never reached through a stale keep-alive socket, which would add faults nobody asked for.
 */
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Socket } from 'node:net';

/** Probabilities in [0, 1], each drawn independently per request, and the longest single wait in ms. */
export interface FaultRates {
	/** Never forwarded; the client's connection is cut after a short wait. The server never sees it. */
	dropRequest: number;
	/** Forwarded and fully answered by the server, then the client's connection is cut without an answer. */
	dropResponse: number;
	/** A random wait before forwarding and/or before answering (together at most maxDelayMs). */
	delay: number;
	/** Forwarded twice (at once or one after the other); the client gets one of the two answers. */
	duplicate: number;
	/** Held back for a while (up to maxDelayMs) so that later requests overtake it. */
	reorder: number;
	/** Only a prefix of the request reaches the server, then both connections are cut. */
	cutRequestBody: number;
	/** The client gets the status line, the headers and a prefix of the body, then the connection is cut. */
	cutResponseBody: number;
	maxDelayMs: number;
}

export const DEFAULT_FAULTS: FaultRates = Object.freeze({
	dropRequest: 0.05,
	dropResponse: 0.05,
	delay: 0.05,
	duplicate: 0.05,
	reorder: 0.05,
	cutRequestBody: 0.05,
	cutResponseBody: 0.05,
	maxDelayMs: 300
});

export interface FaultProxy {
	/** Base URL of the proxy, e.g. http://127.0.0.1:41234 (no trailing slash). */
	url: string;
	/** New rates for requests arriving from now on; null forwards everything untouched. */
	setFaults(rates: FaultRates | null): void;
	/**
	 * Live counters: `requests` (arrived), `forwarded` (complete requests sent upstream, a duplicate counts
	 * twice), `answered` (complete answers given to the client), `upstreamDown` (502s and failed forwards),
	 * and one counter per fault kind, counted when the fault is decided for a request.
	 */
	stats: Record<string, number>;
	/** Stops listening and cuts every open connection, client and upstream side. */
	close(): Promise<void>;
}

const FAULT_KINDS = [
	'dropRequest',
	'dropResponse',
	'delay',
	'duplicate',
	'reorder',
	'cutRequestBody',
	'cutResponseBody'
] as const;
type FaultKind = (typeof FAULT_KINDS)[number];

/** Everything decided for one request when it arrives. */
interface Plan {
	upstream: string | undefined;
	/** Where the second copy goes when the request is duplicated (may be another server instance). */
	duplicateUpstream: string | undefined;
	faults: Record<FaultKind, boolean>;
	dropAfterMs: number;
	reorderMs: number;
	delayBeforeMs: number;
	delayAfterMs: number;
	duplicateConcurrently: boolean;
	/** Which of the two duplicate answers the client gets. */
	duplicateAnswer: 0 | 1;
	/** Fractions in [0, 1) of the bytes that get through when a body is cut. */
	cutRequestAt: number;
	cutResponseAt: number;
}

interface UpstreamResponse {
	status: number;
	statusMessage: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

type ForwardResult = { ok: true; response: UpstreamResponse } | { ok: false; error: Error };

/** Headers that describe one connection, not the message: never passed through a proxy. */
const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'proxy-connection',
	'transfer-encoding',
	'te',
	'trailer',
	'upgrade'
]);

export function startFaultProxy(options: {
	upstreams: () => string[];
	random: () => number;
	faults?: FaultRates | null;
	port?: number;
}): Promise<FaultProxy> {
	const { upstreams, random } = options;
	let rates: FaultRates | null = options.faults ?? null;
	let closed = false;

	const stats: Record<string, number> = { requests: 0, forwarded: 0, answered: 0, upstreamDown: 0 };
	for (const kind of FAULT_KINDS) stats[kind] = 0;
	const bump = (key: string) => {
		stats[key] = (stats[key] ?? 0) + 1;
	};

	// Everything that could keep the process alive or outlive close(): client sockets, upstream requests and
	// sockets, and pending waits (close() resolves them early so no handler stays parked on a timer).
	const clientSockets = new Set<Socket>();
	const upstreamRequests = new Set<http.ClientRequest>();
	const upstreamSockets = new Set<Socket>();
	const timers = new Map<NodeJS.Timeout, () => void>();

	function wait(ms: number): Promise<void> {
		if (closed || ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.set(timer, resolve);
		});
	}

	/** Draws a fixed number of values, whatever the rates, so the sequence never depends on earlier faults. */
	function makePlan(): Plan {
		const list = upstreams();
		const choose = () => {
			const r = random();
			return list.length > 0 ? list[Math.floor(r * list.length)] : undefined;
		};
		const upstream = choose();
		const current = rates;
		const faults = {} as Record<FaultKind, boolean>;
		for (const kind of FAULT_KINDS) {
			const r = random();
			faults[kind] = current !== null && r < current[kind];
		}
		const maxDelay = Math.max(0, current?.maxDelayMs ?? 0);
		// Always these nine draws more, in this (source) order, whether or not the faults using them were chosen.
		const delayTotal = random() * maxDelay;
		const delayBeforeMs = Math.round(delayTotal * random());
		const plan: Plan = {
			upstream,
			faults,
			delayBeforeMs,
			delayAfterMs: Math.round(delayTotal) - delayBeforeMs,
			dropAfterMs: Math.round(random() * maxDelay),
			// "A while": at least half the longest delay, so the requests behind it really get ahead.
			reorderMs: Math.round((0.5 + 0.5 * random()) * maxDelay),
			duplicateConcurrently: random() < 0.5,
			duplicateAnswer: random() < 0.5 ? 0 : 1,
			cutRequestAt: random(),
			cutResponseAt: random(),
			duplicateUpstream: choose()
		};

		// Some faults make others meaningless: a request that never arrives has no answer to lose, and a cut
		// request is never answered. The stronger fault wins.
		if (faults.dropRequest) {
			for (const kind of FAULT_KINDS) faults[kind] = kind === 'dropRequest';
		} else if (faults.cutRequestBody) {
			faults.duplicate = faults.dropResponse = faults.cutResponseBody = false;
		} else if (faults.dropResponse) {
			faults.cutResponseBody = false;
		}
		for (const kind of FAULT_KINDS) if (faults[kind]) bump(kind);
		return plan;
	}

	/** Sends the whole request to one upstream and buffers the whole answer. Never rejects. */
	function forward(upstream: string | undefined, req: IncomingMessage, body: Buffer): Promise<ForwardResult> {
		return new Promise((resolve) => {
			const target = parseUpstream(upstream);
			if (!target.ok) return resolve(target);
			bump('forwarded');
			const upstreamRequest = http.request({
				host: target.host,
				port: target.port,
				method: req.method,
				path: target.pathPrefix + (req.url ?? '/'),
				headers: requestHeaders(req, body),
				agent: false
			});
			upstreamRequests.add(upstreamRequest);
			upstreamRequest.on('close', () => upstreamRequests.delete(upstreamRequest));
			upstreamRequest.on('error', (error) => resolve({ ok: false, error }));
			upstreamRequest.on('response', (upstreamResponse) => {
				readBody(upstreamResponse).then(
					(responseBody) =>
						resolve({
							ok: true,
							response: {
								status: upstreamResponse.statusCode ?? 502,
								statusMessage: upstreamResponse.statusMessage ?? '',
								headers: upstreamResponse.headers,
								body: responseBody
							}
						}),
					// The server died in the middle of its answer.
					(error: Error) => resolve({ ok: false, error })
				);
			});
			upstreamRequest.end(body);
		});
	}

	/**
	 * Writes the request head and only a prefix of the body straight to a TCP socket (so we control exactly
	 * which bytes leave), waits until they are handed to the kernel, then cuts the connection. The head still
	 * announces the full Content-Length, so the server sees a body that ends too early and must not apply it.
	 * An empty body has nothing to cut, so then the head itself is cut short.
	 */
	function sendCutRequest(upstream: string | undefined, req: IncomingMessage, body: Buffer, at: number) {
		return new Promise<void>((resolve) => {
			const target = parseUpstream(upstream);
			if (!target.ok) return resolve();
			const headers = requestHeaders(req, body);
			headers['content-length'] = String(body.length);
			headers.connection = 'close';
			headers.host ??= `${target.host}:${target.port}`;
			const head = serializeHead(
				`${req.method ?? 'GET'} ${target.pathPrefix + (req.url ?? '/')} HTTP/1.1`,
				headers
			);
			const bytes =
				body.length > 0
					? Buffer.concat([head, body.subarray(0, Math.floor(at * body.length))])
					: head.subarray(0, Math.floor(at * head.length));

			const socket = net.connect({ host: target.host, port: target.port });
			upstreamSockets.add(socket);
			const finish = () => {
				socket.destroy();
				resolve();
			};
			socket.on('close', () => {
				upstreamSockets.delete(socket);
				resolve();
			});
			socket.on('error', finish);
			socket.write(bytes, finish);
		});
	}

	async function handle(req: IncomingMessage, res: ServerResponse) {
		// A client that goes away mid-request must not crash the proxy.
		req.on('error', () => {});
		res.on('error', () => {});
		bump('requests');
		const plan = makePlan(); // synchronously, on arrival: the draws follow the arrival order
		const { faults } = plan;
		const client = req.socket;
		const gone = () => closed || client.destroyed;

		let body: Buffer;
		try {
			body = await readBody(req);
		} catch {
			client.destroy();
			return;
		}

		if (faults.dropRequest) {
			await wait(plan.dropAfterMs);
			client.destroy();
			return;
		}
		if (faults.reorder) await wait(plan.reorderMs);
		if (faults.delay) await wait(plan.delayBeforeMs);
		if (gone()) return;

		if (faults.cutRequestBody) {
			await sendCutRequest(plan.upstream, req, body, plan.cutRequestAt);
			client.destroy();
			return;
		}

		let result: ForwardResult;
		if (faults.duplicate) {
			const results: [ForwardResult, ForwardResult] = plan.duplicateConcurrently
				? await Promise.all([forward(plan.upstream, req, body), forward(plan.duplicateUpstream, req, body)])
				: [await forward(plan.upstream, req, body), await forward(plan.duplicateUpstream, req, body)];
			const chosen = results[plan.duplicateAnswer];
			const other = results[plan.duplicateAnswer === 0 ? 1 : 0];
			// If the chosen copy hit a dead server but the other got through, the client gets the real answer.
			result = chosen.ok || !other.ok ? chosen : other;
		} else {
			result = await forward(plan.upstream, req, body);
		}

		if (faults.delay) await wait(plan.delayAfterMs);
		if (gone()) return;

		if (faults.dropResponse) {
			client.destroy();
			return;
		}
		if (!result.ok) {
			bump('upstreamDown');
			const payload = JSON.stringify({
				error: {
					code: 'proxy_upstream_down',
					message: `Upstream ${plan.upstream ?? '(none)'} unreachable: ${errorText(result.error)}`
				}
			});
			res.writeHead(502, {
				'content-type': 'application/json; charset=utf-8',
				'content-length': Buffer.byteLength(payload)
			});
			res.end(payload);
			return;
		}

		const { response } = result;
		const headers = responseHeaders(response, req.method);
		if (faults.cutResponseBody) {
			// Straight to the socket, like the cut request: the head promises the full Content-Length and only a
			// prefix follows, so the client's body read fails. An empty body has nothing to cut: plain hang-up.
			if (response.body.length === 0) {
				client.destroy();
				return;
			}
			headers.connection = 'close';
			const head = serializeHead(
				`HTTP/1.1 ${response.status} ${response.statusMessage || http.STATUS_CODES[response.status] || ''}`,
				headers
			);
			const prefix = response.body.subarray(0, Math.floor(plan.cutResponseAt * response.body.length));
			client.write(Buffer.concat([head, prefix]), () => client.destroy());
			return;
		}

		bump('answered');
		res.writeHead(response.status, response.statusMessage, headers);
		res.end(response.body);
	}

	const server = http.createServer((req, res) => void handle(req, res));
	server.on('connection', (socket) => {
		clientSockets.add(socket);
		socket.on('close', () => clientSockets.delete(socket));
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			const address = server.address() as net.AddressInfo;
			resolve({
				url: `http://127.0.0.1:${address.port}`,
				stats,
				setFaults(next) {
					rates = next;
				},
				close() {
					closed = true;
					for (const [timer, release] of timers) {
						clearTimeout(timer);
						release();
					}
					timers.clear();
					for (const request of upstreamRequests) request.destroy();
					for (const socket of upstreamSockets) socket.destroy();
					for (const socket of clientSockets) socket.destroy();
					return new Promise<void>((done) => {
						server.close(() => done());
						server.closeAllConnections();
					});
				}
			});
		});
	});
}

/** Host, port and path prefix of an upstream base URL such as http://127.0.0.1:5001. */
function parseUpstream(
	upstream: string | undefined
): { ok: true; host: string; port: number; pathPrefix: string } | { ok: false; error: Error } {
	if (upstream === undefined) return { ok: false, error: new Error('no upstream configured') };
	try {
		const url = new URL(upstream);
		return {
			ok: true,
			host: url.hostname.replace(/^\[(.*)\]$/, '$1'), // [::1] → ::1 for net/http
			port: Number(url.port || 80),
			pathPrefix: url.pathname.replace(/\/$/, '')
		};
	} catch (error) {
		return { ok: false, error: error as Error };
	}
}

/** The client's headers (Cookie, Origin, Content-Type, custom ones, Host) minus the per-connection ones. */
function requestHeaders(req: IncomingMessage, body: Buffer): OutgoingHttpHeaders {
	const headers: OutgoingHttpHeaders = {};
	const connectionListed = connectionTokens(req.headers.connection);
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined || HOP_BY_HOP.has(name) || connectionListed.has(name)) continue;
		if (name === 'content-length') continue;
		headers[name] = value;
	}
	// The body was buffered, so it always goes with an exact length (no chunked re-encoding).
	const hadBody =
		body.length > 0 ||
		req.headers['content-length'] !== undefined ||
		req.headers['transfer-encoding'] !== undefined;
	if (hadBody) headers['content-length'] = String(body.length);
	return headers;
}

/** The server's headers, Set-Cookie values kept apart, with a Content-Length matching the buffered body. */
function responseHeaders(response: UpstreamResponse, method: string | undefined): OutgoingHttpHeaders {
	const headers: OutgoingHttpHeaders = {};
	const connectionListed = connectionTokens(response.headers.connection);
	for (const [name, value] of Object.entries(response.headers)) {
		if (value === undefined || HOP_BY_HOP.has(name) || connectionListed.has(name)) continue;
		headers[name] = value;
	}
	// A HEAD answer's length describes the GET body, and 1xx/204/304 have none: keep what the server said.
	const bodiless =
		method === 'HEAD' || response.status < 200 || response.status === 204 || response.status === 304;
	if (!bodiless) headers['content-length'] = String(response.body.length);
	return headers;
}

function connectionTokens(value: string | undefined): Set<string> {
	return new Set(
		(value ?? '')
			.split(',')
			.map((token) => token.trim().toLowerCase())
			.filter(Boolean)
	);
}

/** An HTTP/1.1 head; one line per value so multiple Set-Cookie headers stay separate. */
function serializeHead(startLine: string, headers: OutgoingHttpHeaders): Buffer {
	const lines = [startLine];
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		for (const item of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${item}`);
	}
	// Node hands header values over as latin1 strings, so they go back out byte for byte.
	return Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
}

/** The whole body; rejects if the other side hangs up before the end. */
async function readBody(stream: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	if (!stream.complete) throw new Error('connection closed before the end of the body');
	return Buffer.concat(chunks);
}

function errorText(error: Error): string {
	const code = (error as NodeJS.ErrnoException).code;
	return code ? `${code} (${error.message})` : error.message;
}
