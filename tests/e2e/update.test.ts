/**
 * A new app version never strands data: it waits while the phone holds unsent changes or a form has input.
 *
 * The browser must see a new service worker. Playwright's routing does not reach the worker's script fetch, so the
 * page is served through a small proxy in front of the e2e server that, once told to, appends a line to `/sw.js`:
 * a byte-different worker is, to the browser, a new version (its precache is the same build, so it installs fast).
 */
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
	completeVisit,
	DEMO_ACCOUNTS,
	expectNoSeriousViolations,
	fillDemoVisit,
	newPhone,
	signIn,
	waitForServiceWorker
} from './fixtures';

interface VersionProxy {
	url: string;
	/** Bumped to publish a "new version": every later `/sw.js` differs from the one before. */
	version: number;
	close(): Promise<void>;
}

/** Forwards everything to `target`; the server sees its own origin (its CSRF check compares it). */
async function startVersionProxy(target: string): Promise<VersionProxy> {
	const upstream = new URL(target);
	const server: Server = createServer((incoming, outgoing) => {
		const worker = incoming.url === '/sw.js';
		const headers = { ...incoming.headers, host: upstream.host };
		if (headers.origin) headers.origin = upstream.origin;
		if (worker) {
			// The whole body, uncompressed, every time (no 304 to a conditional request), so a line can be added.
			delete headers['accept-encoding'];
			delete headers['if-none-match'];
			delete headers['if-modified-since'];
		}
		const upstreamRequest = forward(
			{ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers },
			(answer: IncomingMessage) => {
				if (!worker || proxy.version === 0 || answer.statusCode !== 200) {
					outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(outgoing);
					return;
				}
				const chunks: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => chunks.push(chunk));
				answer.on('end', () => {
					const body = Buffer.concat([...chunks, Buffer.from(`\n// version ${proxy.version}\n`)]);
					const { etag: _etag, 'last-modified': _modified, ...kept } = answer.headers;
					outgoing.writeHead(200, { ...kept, 'content-length': String(body.length) });
					outgoing.end(body);
				});
			}
		);
		upstreamRequest.on('error', () => outgoing.destroy());
		incoming.pipe(upstreamRequest);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const proxy: VersionProxy = {
		url: `http://localhost:${(server.address() as AddressInfo).port}`,
		version: 0,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
	return proxy;
}

/** Publishes a new version and makes the phone look for it now (a browser otherwise checks on navigations). */
async function publishNewVersion(page: Page, proxy: VersionProxy) {
	proxy.version += 1;
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		await registration!.update();
	});
}

async function finishVisit(page: Page) {
	await completeVisit(page);
}

const waitingWorker = (page: Page) =>
	page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null);

/** A mark on this page's window: gone once the page has reloaded. */
const markPage = (page: Page) => page.evaluate(() => ((window as { oldPage?: boolean }).oldPage = true));
const samePage = (page: Page) => page.evaluate(() => (window as { oldPage?: boolean }).oldPage === true);

let proxy: VersionProxy;
let context: BrowserContext;
let page: Page;
test.beforeEach(async ({ baseURL, browser }) => {
	proxy = await startVersionProxy(baseURL!);
	// A phone behind the proxy (its own origin, so its own worker), signed in and ready offline.
	context = await newPhone(browser, proxy.url);
	page = await context.newPage();
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await waitForServiceWorker(page);
});
test.afterEach(async () => {
	await context.close();
	await proxy.close();
});

/** The server has moved to a newer protocol: it answers this version's sync with 426. */
function serverRefusesThisVersion() {
	return context.route('**/api/sync/**', (route) =>
		route.fulfill({
			status: 426,
			contentType: 'application/json',
			body: JSON.stringify({ error: { code: 'client_outdated', message: 'Zaktualizuj aplikację.' } })
		})
	);
}

test('a new version waits until the visit on the phone is sent, then installs, and the visit stays', async () => {
	// The sync server cannot be reached behind its proxy (the rest of the site can): the visit stays in the outbox.
	await context.route('**/api/sync/**', (route) => route.fulfill({ status: 502, body: 'Bad Gateway' }));
	await fillDemoVisit(page, { start: '08:00', end: '09:00', notes: 'Wizyta przed aktualizacją' });
	await finishVisit(page);
	// (Depending on when the phone last tried, the card says it is only here, or sent and not yet confirmed.)
	await expect(page.getByTestId('sync-state')).toHaveText(
		/^(tylko na tym telefonie|wysłane, czeka na potwierdzenie)$/
	);
	const visitUrl = page.url();

	await markPage(page);
	await publishNewVersion(page, proxy);
	const prompt = page.getByRole('status').filter({ hasText: 'nowa wersja' });
	await expect(prompt).toContainText(
		'Dostępna jest nowa wersja aplikacji. Zainstaluje się po wysłaniu zmian z tego telefonu (czeka: 1).'
	);
	await expectNoSeriousViolations(page, 'visit card with the update offer');
	await prompt.getByRole('button', { name: 'Zainstaluj po wysłaniu' }).click();
	await expect(prompt).toHaveText(/Wysyłamy zmiany — nowa wersja zainstaluje się zaraz potem\./);
	// Without a signal it says so, instead of "sending".
	await context.setOffline(true);
	await expect(prompt).toContainText(
		'Brak połączenia — nowa wersja zainstaluje się, gdy zmiany zostaną wysłane po powrocie zasięgu.'
	);
	await context.setOffline(false);
	await expect(prompt).toHaveText(/Wysyłamy zmiany — nowa wersja zainstaluje się zaraz potem\./);

	// Sending fails (the phone cannot tell whether the server got it): the old version keeps running and the new
	// one keeps waiting.
	await expect(page.getByTestId('sync-state')).toHaveText('wysłane, czeka na potwierdzenie');
	expect(await samePage(page)).toBe(true);
	expect(await waitingWorker(page)).toBe(true);

	// The server is back: the visit is sent first, then the new version takes over (the page reloads).
	await context.unroute('**/api/sync/**');
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect.poll(() => samePage(page).catch(() => 'navigating')).toBe(false);
	await expect(page).toHaveURL(visitUrl);
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');
	await expect(page.getByTestId('receipt')).toHaveText(/^Potwierdzenie /);
	await expect.poll(() => waitingWorker(page)).toBe(false);
	await expect(prompt).toHaveCount(0);
});

test('a new version asks before a reload would throw away what is typed in a form', async () => {
	await page.goto('/organisations/new');
	const name = page.getByLabel('Pełna nazwa organizacji');
	await name.fill('Fundacja Nowa Wersja');
	await markPage(page);
	await publishNewVersion(page, proxy);

	const prompt = page.getByRole('status').filter({ hasText: 'nowa wersja' });
	await expect(prompt).toContainText('Dostępna jest nowa wersja aplikacji.');
	await prompt.getByRole('button', { name: 'Odśwież teraz' }).click();
	const warning = page.getByRole('status').filter({ hasText: 'niezapisane dane' });
	await expect(warning).toContainText('Masz niezapisane dane w formularzu.');
	expect(await samePage(page)).toBe(true);

	// "Later" keeps the page and what is typed; the new version still waits.
	await warning.getByRole('button', { name: 'Później' }).click();
	await expect(warning).toHaveCount(0);
	await expect(name).toHaveValue('Fundacja Nowa Wersja');
	expect(await samePage(page)).toBe(true);
	expect(await waitingWorker(page)).toBe(true);
});

test('a version too old for the server finds the new one itself, and the update keeps and then sends the visit', async () => {
	// The server has moved to a newer protocol: it answers this version's sync with 426, and a new app is out.
	await serverRefusesThisVersion();
	proxy.version += 1;
	await fillDemoVisit(page, { start: '09:10', end: '09:50', notes: 'Wizyta zapisana w starej wersji' });
	await page.evaluate(() => window.dispatchEvent(new Event('online')));

	// Told it is too old, the app looks for the new version at once and offers it despite the unsent visit.
	// (The sync banner says the same until the new version is found; the offer is the one with the button.)
	const prompt = page
		.getByRole('status')
		.filter({ has: page.getByRole('button', { name: 'Zaktualizuj teraz' }) });
	await expect(prompt).toContainText(
		'Ta wersja aplikacji jest za stara dla serwera. Odśwież aplikację — niewysłane zmiany zostaną zachowane.'
	);
	await expectNoSeriousViolations(page, 'visit form with the update offer');
	// The offer sits above the form's "finish" bar, not over it.
	await finishVisit(page);
	const visitUrl = page.url();
	await markPage(page);
	await expect(page.getByTestId('sync-state')).not.toHaveText('przyjęte przez serwer');
	await context.unroute('**/api/sync/**');
	await prompt.getByRole('button', { name: 'Zaktualizuj teraz' }).click();

	// The new version starts with the visit still in its outbox and sends it.
	await expect.poll(() => samePage(page).catch(() => 'navigating')).toBe(false);
	await expect(page).toHaveURL(visitUrl);
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');
	await expect(page.locator('.details dd.text').first()).toHaveText('Wizyta zapisana w starej wersji');
	await expect.poll(() => waitingWorker(page)).toBe(false);
});

test('told it is too old before the new version is out, the phone can look again and then finds it', async () => {
	await serverRefusesThisVersion();
	await page.goto('/sync');
	await page.getByRole('button', { name: 'Synchronizuj teraz' }).click();

	const banner = page
		.getByRole('status')
		.filter({ has: page.getByRole('button', { name: 'Sprawdź aktualizację' }) });
	await expect(banner).toContainText('Ta wersja aplikacji jest za stara dla serwera.');
	await banner.getByRole('button', { name: 'Sprawdź aktualizację' }).click();
	await expect(banner).toContainText('Nowej wersji jeszcze nie ma albo nie udało się jej pobrać.');
	await expectNoSeriousViolations(page, 'sync panel, app too old, no new version yet');

	// The new version is out now: looking again finds it, and the offer replaces the banner.
	proxy.version += 1;
	await banner.getByRole('button', { name: 'Sprawdź aktualizację' }).click();
	const offer = page
		.getByRole('status')
		.filter({ has: page.getByRole('button', { name: 'Zaktualizuj teraz' }) });
	await expect(offer).toContainText('Ta wersja aplikacji jest za stara dla serwera.');
	await expect(banner).toHaveCount(0);
});
