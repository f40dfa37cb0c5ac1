import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DEMO_ACCOUNTS, signIn } from './fixtures';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../src/lib/domain/sync';

test('the web app manifest is installable: Polish names, icons 192/512 and maskable, standalone', async ({
	request
}) => {
	const response = await request.get('/manifest.webmanifest');
	expect(response.ok()).toBe(true);
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		lang: 'pl',
		display: 'standalone',
		start_url: '/',
		short_name: 'Doradca'
	});
	expect(manifest.name).toContain('Doradca');
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
	const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
	expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
	expect(icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
	for (const icon of icons) {
		const png = await request.get(icon.src);
		expect(png.headers()['content-type']).toBe('image/png');
		const bytes = await png.body();
		// PNG signature, then the IHDR width and height must match the declared size.
		expect(bytes.subarray(1, 4).toString()).toBe('PNG');
		const [w, h] = icon.sizes.split('x').map(Number);
		expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([w, h]);
	}
});

test('the service worker precaches the shell and every asset of the build', async ({ page, request }) => {
	const sw = await request.get('/sw.js');
	expect(sw.ok()).toBe(true);
	const source = await sw.text();
	expect(source).toContain('"shell"');
	// One self-contained file: a worker that loads a second script installs even when that script fails to arrive
	// (signal lost mid-update), with no fetch handler — and the app stops opening offline.
	expect(source).not.toMatch(/importScripts|define\(\[/);
	await page.goto('/login');
	const cached = await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		await new Promise((resolve) => setTimeout(resolve, 0));
		const keys = await caches.keys();
		const urls: string[] = [];
		for (const key of keys)
			for (const req of await (await caches.open(key)).keys()) urls.push(new URL(req.url).pathname);
		return { scope: registration.scope, urls };
	});
	expect(new URL(cached.scope).pathname).toBe('/');
	expect(cached.urls).toContain('/shell');
	const built = JSON.parse(readFileSync('build/client/_app/version.json', 'utf8')) as { version: string };
	expect(built.version).toBeTruthy();
	expect(cached.urls.some((u) => u.startsWith('/_app/immutable/'))).toBe(true);
});

test('security headers and a Content-Security-Policy are sent', async ({ request }) => {
	const response = await request.get('/login');
	const headers = response.headers();
	expect(headers['content-security-policy']).toContain("default-src 'self'");
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
});

test('an API address no route serves, or a method it lacks, answers JSON in the user’s language', async ({
	request
}) => {
	const missing = await request.get('/api/no-such-thing', { headers: { 'accept-language': 'pl' } });
	expect(missing.status()).toBe(404);
	expect(missing.headers()['content-type']).toContain('application/json');
	expect(await missing.json()).toEqual({
		error: { code: 'not_found', message: 'Nie ma takiego adresu w API aplikacji.' }
	});
	const wrongMethod = await request.fetch('/api/health', {
		method: 'PATCH',
		headers: { 'accept-language': 'en', origin: new URL(missing.url()).origin }
	});
	expect(wrongMethod.status()).toBe(405);
	expect(wrongMethod.headers()['allow']).toContain('GET');
	expect(await wrongMethod.json()).toEqual({
		error: { code: 'method_not_allowed', message: 'This address does not take this kind of request.' }
	});
});

test("a phone's first pull arrives compressed, and what it holds reaches the phone", async ({ page }) => {
	const firstPull = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/sync/pull');
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	const response = await firstPull;
	const headers = await response.allHeaders();
	expect((await response.request().allHeaders())['accept-encoding']).toContain('br');
	expect(headers['content-encoding']).toBe('br');
	expect(headers['vary']).toContain('Accept-Encoding');

	await page.goto('/organisations');
	await expect(page.getByRole('link', { name: /Aktywni Razem/ }).first()).toBeVisible();
	// The same page asked for again as the page's own code asks (the sync transport reads answers as a stream, which
	// DevTools does not always keep to hand over): the browser decodes it, several times larger than on the wire.
	const decoded = await page.evaluate(
		async ([url, header, version]) => (await fetch(url, { headers: { [header]: version } })).text(),
		[response.url(), SYNC_PROTOCOL_HEADER, String(SYNC_PROTOCOL_VERSION)] as const
	);
	expect((JSON.parse(decoded) as { changes: unknown[] }).changes.length).toBeGreaterThan(0);
	expect(Number(headers['content-length']) * 4).toBeLessThan(decoded.length);
});
