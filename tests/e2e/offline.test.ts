import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, signIn, waitForServiceWorker } from './fixtures';

test('after one online sign-in every advisor screen opens offline: reload, deep link, in-app navigation', async ({
	page,
	context
}) => {
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await waitForServiceWorker(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Dziś' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'bez sieci' })).toBeVisible();
	// The advisor's own screen from the device: the day's actions and the state of local changes.
	await expect(page.getByRole('link', { name: 'Nowa wizyta' }).first()).toBeVisible();
	await expect(page.getByText('Wszystkie zmiany są zapisane.')).toBeVisible();

	await page.goto('/month');
	await expect(page.getByRole('heading', { level: 1, name: 'Mój miesiąc' })).toBeVisible();

	const nav = page.getByRole('navigation', { name: 'Nawigacja główna' });
	await nav.getByRole('link', { name: 'Organizacje' }).click();
	await expect(page).toHaveURL('/organisations');
	await expect(page.getByRole('heading', { level: 1, name: 'Organizacje' })).toBeVisible();
	await nav.getByRole('link', { name: 'Nowa wizyta' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nowa wizyta' })).toBeVisible();

	// A screen of another role is not opened for this user, offline either.
	await page.goto('/admin/users');
	await expect(page).toHaveURL('/today?denied=%2Fadmin%2Fusers');
	await expect(page.getByTestId('denied')).toHaveText(
		'Strona /admin/users nie istnieje albo nie jest dostępna dla Twojego konta — oto Twoja strona główna.'
	);
	await context.setOffline(false);
});

test('the API is never answered by the offline shell', async ({ page, context }) => {
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await waitForServiceWorker(page);
	await context.setOffline(true);
	const outcome = await page.evaluate(async () => {
		try {
			const response = await fetch('/api/session');
			return `status ${response.status}`;
		} catch {
			return 'network error';
		}
	});
	expect(outcome).toBe('network error');
	await context.setOffline(false);
});

test('when the browser refuses device storage the app says why instead of breaking', async ({ page }) => {
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	// Some private modes offer no IndexedDB at all.
	await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
	await page.reload();
	await expect(page.getByRole('alert')).toContainText('nie pozwala zapisywać danych na telefonie');
	await expect(page.getByRole('button', { name: 'Odśwież' })).toBeVisible();
});

test('on a Wi-Fi with no line behind it the phone says offline, and online again once the server answers', async ({
	page,
	context
}) => {
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await waitForServiceWorker(page);
	await expect(page.getByRole('status').filter({ hasText: /w sieci|zsynchronizowano/ })).toBeVisible();

	// The browser still says "online"; no request reaches the server.
	await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
	await page.goto('/sync');
	await page.getByRole('button', { name: 'Synchronizuj teraz' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'bez sieci' })).toBeVisible();
	expect(await page.evaluate(() => navigator.onLine)).toBe(true);
	// The tap is answered: the note that nothing could be sent takes the focus.
	await expect(page.getByTestId('sync-offline')).toBeFocused();

	// A Wi-Fi sign-in page answering instead of the server is said as such (not as its English status text).
	await context.unrouteAll();
	await context.route('**/api/sync/**', (route) =>
		route.fulfill({ status: 200, contentType: 'text/html', body: '<html>Zaloguj się do Wi-Fi</html>' })
	);
	await page.getByRole('button', { name: 'Synchronizuj teraz' }).click();
	await expect(page.getByText('Szczegóły: odpowiedź nie przyszła od serwera Doradcy')).toBeVisible();

	await context.unrouteAll();
	await expect(page.getByRole('status').filter({ hasText: /w sieci|zsynchronizowano/ })).toBeVisible();
});
