#!/usr/bin/env node
/**
 * `npm run bench [-- --quick]`: the project's benchmarks, written to bench/results/latest.json as
 * [{ name, value, unit, better }]. Each figure is measured here, on this machine, in one run — with a peer
 * measured beside it where one makes sense, so the number can be read against something.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { buildIfNeeded, root } from './lib/build.js';
import { browserBundle } from './lib/browser-bundle.js';
import { chromiumLaunchOptions } from './lib/chromium.js';

const quick = process.argv.includes('--quick');
const results = [];
const record = (name, value, unit, better) => {
	results.push({ name, value: Math.round(value * 100) / 100, unit, better });
	console.log(`${name.padEnd(40)} ${String(Math.round(value * 100) / 100).padStart(10)} ${unit}`);
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function waitForHttp(url, deadline) {
	for (;;) {
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			/* not listening yet */
		}
		if (performance.now() > deadline) throw new Error(`no answer from ${url}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** Starts the built app on a fresh SQLite file; resolves when /api/health answers, with the time it took. */
async function startApp(port, dir) {
	const started = performance.now();
	const child = spawn(process.execPath, [join(root, 'build', 'index.js')], {
		cwd: root,
		stdio: 'ignore',
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			DATABASE_URL: join(dir, `bench-${port}.db`),
			DEMO: '1',
			DEMO_HISTORY: '0'
		}
	});
	await waitForHttp(`http://localhost:${port}/api/health`, started + 30_000);
	return { child, ms: performance.now() - started };
}

async function stop(child) {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

/** The peer for cold start: a bare Node HTTP server answering its first request. */
async function bareNodeColdStart(port) {
	const started = performance.now();
	const source = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port})`;
	const child = spawn(process.execPath, ['-e', source], { stdio: 'ignore' });
	await waitForHttp(`http://localhost:${port}/`, started + 10_000);
	const ms = performance.now() - started;
	await stop(child);
	return ms;
}

async function coldStarts(dir, runs) {
	const app = [];
	const bare = [];
	for (let i = 0; i < runs; i++) {
		const { child, ms } = await startApp(4300 + i, dir);
		app.push(ms);
		await stop(child);
		bare.push(await bareNodeColdStart(4400 + i));
	}
	record('server_cold_start_ms', median(app), 'ms', 'lower');
	record('peer_bare_node_cold_start_ms', median(bare), 'ms', 'lower');
}

/** JS + CSS bytes as sent over the wire (compressed) on a first visit, service worker out of the way. */
async function firstLoadKb(browser, baseUrl, path, cookies = []) {
	const context = await browser.newContext({
		serviceWorkers: 'block',
		viewport: { width: 360, height: 780 }
	});
	if (cookies.length) await context.addCookies(cookies);
	const page = await context.newPage();
	const responses = [];
	page.on('response', (response) => {
		const type = response.request().resourceType();
		if (type === 'script' || type === 'stylesheet') responses.push(response);
	});
	await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
	let bytes = 0;
	for (const response of responses) bytes += (await response.request().sizes()).responseBodySize;
	await context.close();
	return bytes / 1024;
}

async function workbench(browser, baseUrl, bundle) {
	// The app's origin gives the page real IndexedDB; the bundle is injected, so CSP is bypassed for the bench.
	const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
	const page = await context.newPage();
	await page.goto(baseUrl + '/login');
	await page.addScriptTag({ content: bundle });
	const saves = quick ? 300 : 1000;
	const save = await page.evaluate((n) => window.DoradcaBench.saveP95(n), saves);
	record('save_consultation_p95_ms', save.ours, 'ms', 'lower');
	record('peer_raw_indexeddb_put_p95_ms', save.peer, 'ms', 'lower');
	const month = await page.evaluate((n) => window.DoradcaBench.monthSum(n), 20_000);
	record('month_sum_20k_ms', month.ours, 'ms', 'lower');
	record('peer_month_full_scan_20k_ms', month.peer, 'ms', 'lower');
	const search = await page.evaluate((n) => window.DoradcaBench.orgSearchP95(n), 5_000);
	record('org_search_5k_p95_ms', search.ours, 'ms', 'lower');
	record('peer_substring_filter_5k_p95_ms', search.peer, 'ms', 'lower');
	await context.close();
}

async function firstLoads(browser, baseUrl) {
	record('first_load_signin_kb', await firstLoadKb(browser, baseUrl, '/login'), 'KB', 'lower');
	const signIn = await fetch(`${baseUrl}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: baseUrl },
		body: JSON.stringify({ email: 'doradca@demo.pl', password: 'demo-haslo-2026' })
	});
	const token = /doradca_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
	if (!token) throw new Error(`bench sign-in failed: ${signIn.status}`);
	const cookies = [{ name: 'doradca_session', value: token, url: baseUrl }];
	record('first_load_advisor_home_kb', await firstLoadKb(browser, baseUrl, '/today', cookies), 'KB', 'lower');
	record('first_load_log_screen_kb', await firstLoadKb(browser, baseUrl, '/log', cookies), 'KB', 'lower');
}

/**
 * The TypeScript benchmarks (bench/*-bench.ts: sync, pull, dashboard, exports, booking) run the real domain and server
 * modules, so tsx runs each in a child process; each prints its figures as one JSON line `{ figures: [...] }` as the
 * last line on stdout (its progress goes to stderr).
 */
const TS_BENCHES = [
	'sync-bench.ts',
	'pull-bench.ts',
	'dashboard-bench.ts',
	'export-bench.ts',
	'booking-bench.ts'
];
const onlyBench = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

async function tsBenchmarks(file) {
	const script = join(root, 'bench', file);
	const child = spawn(process.execPath, ['--import', 'tsx', script, ...(quick ? ['--quick'] : [])], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let out = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	const code = await new Promise((resolve) => child.once('exit', resolve));
	if (code !== 0) throw new Error(`bench/${file} failed (exit code ${code})`);
	const { figures } = JSON.parse(out.trim().split('\n').at(-1));
	for (const { name, value, unit, better } of figures) record(name, value, unit, better);
}

if (onlyBench && !TS_BENCHES.includes(onlyBench)) {
	console.error(`--only takes one of: ${TS_BENCHES.join(', ')}`);
	process.exit(2);
}
if (!onlyBench) await browserAndServerBenchmarks();
for (const file of TS_BENCHES) if (!onlyBench || onlyBench === file) await tsBenchmarks(file);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const resultFile = onlyBench ? `latest-${onlyBench.replace('.ts', '')}.json` : 'latest.json';
writeFileSync(join(root, 'bench', 'results', resultFile), JSON.stringify(results, null, '\t') + '\n');
console.log(`wrote bench/results/${resultFile} (${results.length} figures${quick ? ', quick' : ''})`);

async function browserAndServerBenchmarks() {
	buildIfNeeded();
	const dir = mkdtempSync(join(tmpdir(), 'doradca-bench-'));
	const browser = await chromium.launch(chromiumLaunchOptions);
	try {
		await coldStarts(dir, quick ? 3 : 7);
		const { child } = await startApp(4290, dir);
		try {
			await firstLoads(browser, 'http://localhost:4290');
			await workbench(
				browser,
				'http://localhost:4290',
				await browserBundle('workbench.ts', 'DoradcaBench', dir)
			);
		} finally {
			await stop(child);
		}
	} finally {
		await browser.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
