/**
 * The fault proxy of the sync simulation, against a tiny in-test upstream: untouched traffic passes byte for
 * byte, and each fault does what the simulation relies on (the server did or did not see the request, the
 * client did or did not get an answer). No assertion depends on timing: every check waits for an event.
 */
import http from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startFaultProxy, type FaultProxy, type FaultRates } from '../../scripts/sync-sim/fault-proxy';
import { intBetween, mulberry32, pick } from '../../scripts/sync-sim/random';
import { serverProcess } from '../../scripts/sync-sim/server-process';

const NO_FAULTS: FaultRates = {
	dropRequest: 0,
	dropResponse: 0,
	delay: 0,
	duplicate: 0,
	reorder: 0,
	cutRequestBody: 0,
	cutResponseBody: 0,
	maxDelayMs: 0
};
const only = (kind: Exclude<keyof FaultRates, 'maxDelayMs'>, maxDelayMs = 0): FaultRates => ({
	...NO_FAULTS,
	[kind]: 1,
	maxDelayMs
});

interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** Records every complete request and every request whose body was cut, and echoes what it got. */
function startUpstream() {
	const seen: Seen[] = [];
	const cut: string[] = [];
	let onCut: (() => void) | null = null;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('close', () => {
			if (req.complete) return;
			cut.push(`${req.method} ${req.url}`);
			onCut?.();
		});
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			const payload = JSON.stringify({
				method: req.method,
				url: req.url,
				body,
				custom: req.headers['x-custom'] ?? null,
				cookie: req.headers.cookie ?? null,
				origin: req.headers.origin ?? null,
				contentType: req.headers['content-type'] ?? null,
				// Long enough that a cut always leaves part of it out.
				padding: 'x'.repeat(2_000)
			});
			res.writeHead(req.method === 'POST' ? 201 : 200, {
				'content-type': 'application/json',
				'set-cookie': ['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/'],
				'x-echo': String(req.headers['x-custom'] ?? '')
			});
			res.end(payload);
		});
	});
	return new Promise<{
		url: string;
		seen: Seen[];
		cut: string[];
		nextCut: () => Promise<void>;
		close: () => Promise<void>;
	}>((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({
				url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
				seen,
				cut,
				nextCut: () => new Promise<void>((done) => (onCut = done)),
				close: () =>
					new Promise<void>((done) => {
						server.close(() => done());
						server.closeAllConnections();
					})
			});
		});
	});
}

/** A port nobody listens on: bind one, then let it go. */
function closedPort(): Promise<number> {
	return new Promise((resolve) => {
		const server = http.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Fetch and read the body: rejects if either the request or the body read fails. */
async function fetchText(url: string, init?: RequestInit) {
	const response = await fetch(url, init);
	return { response, text: await response.text() };
}

const post = (body: string, headers: Record<string, string> = {}): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', ...headers },
	body
});

describe('random helpers', () => {
	test('mulberry32 replays the same sequence for the same seed, in [0, 1)', () => {
		const a = mulberry32(42);
		const b = mulberry32(42);
		const first = Array.from({ length: 1000 }, () => a());
		expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
		expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
		expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(first.slice(0, 5));
	});

	test('pick and intBetween stay in range and reach both ends', () => {
		const random = mulberry32(7);
		const ints = new Set(Array.from({ length: 500 }, () => intBetween(random, 3, 6)));
		expect([...ints].sort()).toEqual([3, 4, 5, 6]);
		const picked = new Set(Array.from({ length: 200 }, () => pick(random, ['a', 'b', 'c'])));
		expect([...picked].sort()).toEqual(['a', 'b', 'c']);
		expect(() => pick(random, [])).toThrow();
	});
});

describe('fault proxy', () => {
	let upstream: Awaited<ReturnType<typeof startUpstream>>;
	let proxy: FaultProxy | null = null;

	beforeAll(async () => {
		upstream = await startUpstream();
	});
	afterEach(async () => {
		await proxy?.close();
		proxy = null;
		upstream.seen.length = 0;
		upstream.cut.length = 0;
	});
	afterAll(async () => {
		await upstream.close();
	});

	const start = async (faults: FaultRates | null, seed = 1, upstreams = () => [upstream.url]) => {
		proxy = await startFaultProxy({ upstreams, random: mulberry32(seed), faults });
		return proxy;
	};

	test('without faults every request passes unchanged, both ways', async () => {
		const { url, stats } = await start(null);
		const { response, text } = await fetchText(
			`${url}/api/things?x=1&y=%C5%BC`,
			post('{"name":"zażółć"}', {
				cookie: 'session=s1; other=2',
				origin: 'http://127.0.0.1:9999',
				'x-custom': 'hello'
			})
		);
		expect(response.status).toBe(201);
		expect(response.headers.get('x-echo')).toBe('hello');
		expect(response.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/']);
		expect(JSON.parse(text)).toMatchObject({
			method: 'POST',
			url: '/api/things?x=1&y=%C5%BC',
			body: '{"name":"zażółć"}',
			custom: 'hello',
			cookie: 'session=s1; other=2',
			origin: 'http://127.0.0.1:9999',
			contentType: 'application/json'
		});

		const get = await fetchText(`${url}/api/health`);
		expect(get.response.status).toBe(200);
		expect(JSON.parse(get.text)).toMatchObject({ method: 'GET', url: '/api/health', body: '' });

		expect(upstream.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
			'POST /api/things?x=1&y=%C5%BC',
			'GET /api/health'
		]);
		expect(stats).toMatchObject({ requests: 2, forwarded: 2, answered: 2, upstreamDown: 0, duplicate: 0 });
	});

	test('duplicate: the upstream sees every request twice, the client gets one normal answer', async () => {
		const { url, stats } = await start(only('duplicate'));
		for (const n of [1, 2, 3]) {
			const { response, text } = await fetchText(`${url}/api/op/${n}`, post(`{"n":${n}}`));
			expect(response.status).toBe(201);
			expect(JSON.parse(text)).toMatchObject({ url: `/api/op/${n}`, body: `{"n":${n}}` });
		}
		expect(upstream.seen.map((s) => s.url).sort()).toEqual([
			'/api/op/1',
			'/api/op/1',
			'/api/op/2',
			'/api/op/2',
			'/api/op/3',
			'/api/op/3'
		]);
		expect(stats).toMatchObject({ requests: 3, forwarded: 6, duplicate: 3 });
	});

	test('dropResponse: the upstream applies the request, the client gets no answer', async () => {
		const { url, stats } = await start(only('dropResponse'));
		await expect(fetchText(`${url}/api/op`, post('{"apply":true}'))).rejects.toThrow();
		expect(upstream.seen.map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual([
			'POST /api/op {"apply":true}'
		]);
		expect(stats).toMatchObject({ requests: 1, forwarded: 1, answered: 0, dropResponse: 1 });
	});

	test('dropRequest: the upstream never sees it, the client gets no answer', async () => {
		const { url, stats } = await start(only('dropRequest', 5));
		await expect(fetchText(`${url}/api/op`, post('{}'))).rejects.toThrow();
		expect(upstream.seen).toEqual([]);
		expect(stats).toMatchObject({ requests: 1, forwarded: 0, dropRequest: 1 });
	});

	test('cutResponseBody: headers arrive but reading the body fails', async () => {
		const { url, stats } = await start(only('cutResponseBody'));
		await expect(fetchText(`${url}/api/op`, post('{}'))).rejects.toThrow();
		expect(upstream.seen).toHaveLength(1);
		expect(stats).toMatchObject({ cutResponseBody: 1, answered: 0 });
	});

	test('cutRequestBody: the upstream gets an incomplete body, never a request to apply', async () => {
		const { url, stats } = await start(only('cutRequestBody'));
		const cutSeen = upstream.nextCut();
		await expect(
			fetchText(`${url}/api/op`, post(JSON.stringify({ data: 'y'.repeat(5_000) })))
		).rejects.toThrow();
		await cutSeen;
		expect(upstream.cut).toEqual(['POST /api/op']);
		expect(upstream.seen).toEqual([]);
		expect(stats).toMatchObject({ cutRequestBody: 1, forwarded: 0 });
	});

	test('delay and reorder still deliver the request once, unchanged', async () => {
		const { url, stats } = await start({ ...NO_FAULTS, delay: 1, reorder: 1, maxDelayMs: 10 });
		const { response, text } = await fetchText(`${url}/api/op?late=1`, post('{"late":true}'));
		expect(response.status).toBe(201);
		expect(JSON.parse(text)).toMatchObject({ url: '/api/op?late=1', body: '{"late":true}' });
		expect(upstream.seen).toHaveLength(1);
		expect(stats).toMatchObject({ delay: 1, reorder: 1, answered: 1 });
	});

	test('an upstream that is down gives a 502 with a JSON error', async () => {
		const dead = `http://127.0.0.1:${await closedPort()}`;
		const { url, stats } = await start(null, 1, () => [dead]);
		const { response, text } = await fetchText(`${url}/api/op`, post('{}'));
		expect(response.status).toBe(502);
		expect(JSON.parse(text)).toMatchObject({ error: { code: 'proxy_upstream_down' } });
		expect(stats).toMatchObject({ upstreamDown: 1, answered: 0 });
	});

	test('upstreams() is asked per request, and setFaults applies to the next request', async () => {
		const other = await startUpstream();
		try {
			let targets = [upstream.url];
			const { url } = await start(null, 1, () => targets);
			await fetchText(`${url}/api/first`);
			targets = [other.url];
			await fetchText(`${url}/api/second`);
			expect(upstream.seen.map((s) => s.url)).toEqual(['/api/first']);
			expect(other.seen.map((s) => s.url)).toEqual(['/api/second']);

			proxy!.setFaults(only('dropResponse'));
			await expect(fetchText(`${url}/api/third`, post('{}'))).rejects.toThrow();
			proxy!.setFaults(null);
			expect((await fetchText(`${url}/api/fourth`)).response.status).toBe(200);
		} finally {
			await other.close();
		}
	});

	test('the same seed gives the same faults for the same requests', async () => {
		const rates: FaultRates = {
			dropRequest: 0.15,
			dropResponse: 0.15,
			delay: 0.15,
			duplicate: 0.15,
			reorder: 0.15,
			cutRequestBody: 0.15,
			cutResponseBody: 0.15,
			maxDelayMs: 3
		};
		const run = async () => {
			const { url, stats } = await start(rates, 2024);
			const outcomes: string[] = [];
			for (let n = 0; n < 30; n++) {
				const result = await fetchText(`${url}/api/op/${n}`, post(`{"n":${n}}`)).catch(() => null);
				if (result === null) {
					outcomes.push('failed');
					continue;
				}
				// Whatever got through is the upstream's real answer, never a corrupted one.
				expect(JSON.parse(result.text)).toMatchObject({ url: `/api/op/${n}`, body: `{"n":${n}}` });
				outcomes.push(String(result.response.status));
			}
			await proxy?.close();
			proxy = null;
			return { outcomes, stats: { ...stats } };
		};
		const first = await run();
		const second = await run();
		expect(second).toEqual(first);
		expect(first.outcomes).toContain('201');
		expect(first.outcomes).toContain('failed');
	});
});

/**
 * The server-process wrapper, on a stand-in for build/index.js (the real build is not needed here): a small
 * server that answers /api/health, prints its environment and starts a grandchild that must die with it.
 */
describe('server process', () => {
	const roots: string[] = [];
	const fakeRoot = (indexJs: string) => {
		const root = mkdtempSync(join(tmpdir(), 'doradca-sync-sim-'));
		roots.push(root);
		mkdirSync(join(root, 'build'));
		writeFileSync(join(root, 'build', 'index.js'), indexJs);
		return root;
	};
	afterAll(() => {
		for (const root of roots) rmSync(root, { recursive: true, force: true });
	});

	const FAKE_SERVER = `
		const http = require('node:http');
		const { spawn } = require('node:child_process');
		const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
		const { PORT, HOST, ORIGIN, DATABASE_URL, DEMO, EXTRA } = process.env;
		console.log('grandchild ' + grandchild.pid);
		console.log('env ' + JSON.stringify({ PORT, HOST, ORIGIN, DATABASE_URL, DEMO, EXTRA }));
		console.error('a warning');
		http
			.createServer((req, res) => {
				res.writeHead(req.url === '/api/health' ? 200 : 404);
				res.end('ok');
			})
			.listen(Number(PORT), HOST);
	`;

	/** Linux: a pid that is gone or a zombie (dead, waiting to be reaped) no longer runs. */
	const alive = (pid: number) => {
		try {
			return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
		} catch {
			return false;
		}
	};

	test('start waits for health, kill takes the whole process group, restart comes back', async () => {
		const port = await closedPort();
		const server = serverProcess({
			root: fakeRoot(FAKE_SERVER),
			port,
			databaseUrl: '/tmp/sim.db',
			origin: 'http://127.0.0.1:1234',
			env: { EXTRA: 'yes' }
		});
		expect(server.url).toBe(`http://127.0.0.1:${port}`);
		expect(server.running).toBe(false);

		await server.start();
		expect(server.running).toBe(true);
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

		await server.kill();
		expect(server.running).toBe(false);
		await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
		const logs = server.logs();
		expect(logs).toContain(
			'env ' +
				JSON.stringify({
					PORT: String(port),
					HOST: '127.0.0.1',
					ORIGIN: 'http://127.0.0.1:1234',
					DATABASE_URL: '/tmp/sim.db',
					DEMO: '1',
					EXTRA: 'yes'
				})
		);
		expect(logs).toContain('[stderr] a warning');
		expect(logs).toMatch(/exited \(code -, signal SIGKILL\)/);
		const grandchild = Number(/grandchild (\d+)/.exec(logs)?.[1]);
		expect(grandchild).toBeGreaterThan(0);
		// The grandchild got the same SIGKILL; wait (bounded by the test timeout) until the kernel agrees.
		while (alive(grandchild)) await new Promise((resolve) => setTimeout(resolve, 10));

		await server.restart();
		expect(server.running).toBe(true);
		expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
		await server.kill('SIGTERM');
		expect(server.running).toBe(false);
		await server.kill(); // killing a stopped server is a no-op
	});

	test('a server that dies during start rejects start() with its logs', async () => {
		const server = serverProcess({
			root: fakeRoot(`console.error('boom: no database'); process.exit(3);`),
			port: await closedPort(),
			databaseUrl: '/nonexistent/x.db',
			origin: 'http://127.0.0.1:1'
		});
		await expect(server.start()).rejects.toThrow(/exited during start[\s\S]*boom: no database/);
		expect(server.running).toBe(false);
	});
});
