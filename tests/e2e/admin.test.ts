import { expect, test, type Browser, type Page } from '@playwright/test';
import { createAdvisor, DEMO_ACCOUNTS, firstSignIn, signIn, waitForServiceWorker } from './fixtures';

/** A page in a fresh browser context: another person on another device, with no cookies shared. */
async function otherDevice(browser: Browser): Promise<Page> {
	const { baseURL, viewport, locale, timezoneId } = test.info().project.use;
	const context = await browser.newContext({ baseURL, viewport, locale, timezoneId });
	return context.newPage();
}

test('admin creates a centre and edits it', async ({ page }) => {
	const name = `Centrum Testowe ${Date.now()}`;
	await signIn(page, DEMO_ACCOUNTS.admin.email);
	await expect(page).toHaveURL('/admin/centres');
	await expect(page.getByRole('heading', { level: 1, name: 'Centra' })).toBeVisible();

	await page.getByRole('button', { name: 'Dodaj centrum' }).click();
	// Nothing filled in: every required field says so next to itself, and nothing is sent.
	await page.getByRole('button', { name: 'Zapisz' }).click();
	await expect(page.getByLabel('Nazwa centrum')).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Nazwa centrum').fill(name);
	await page.getByLabel('Rodzaj').selectOption('local');
	await page.getByLabel('Ulica i numer').fill('ul. Dworcowa 3');
	await page.getByLabel('Kod pocztowy').fill('83300');
	await page.getByLabel('Miejscowość').fill('Kartuzy');
	await page.getByLabel('Powiat').selectOption('2205');
	await page.getByLabel('Gmina').selectOption('2205023');
	await page.getByRole('button', { name: 'Zapisz' }).click();
	await expect(page.getByRole('status').filter({ hasText: `Dodano centrum „${name}”` })).toBeVisible();

	const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
	await expect(card).toContainText('83-300 Kartuzy');
	await card.getByRole('button', { name: `Edytuj: ${name}` }).click();
	const edited = `${name} — filia`;
	await page.getByLabel('Nazwa centrum').fill(edited);
	await page.getByRole('button', { name: 'Zapisz' }).click();
	await expect(page.getByText(`Zapisano zmiany w „${edited}”`)).toBeVisible();

	const editedCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: edited }) });
	await editedCard.getByRole('button', { name: `Wyłącz: ${edited}` }).click();
	await editedCard.getByRole('group').getByRole('button', { name: 'Wyłącz' }).click();
	await expect(editedCard.getByText('wyłączone')).toBeVisible();

	// The change is on the server, not just on screen.
	await page.reload();
	await expect(page.getByRole('heading', { name: edited })).toBeVisible();
});

test('the admin lists need the network: offline they say so, and they load by themselves when it returns', async ({
	page,
	context
}) => {
	await signIn(page, DEMO_ACCOUNTS.admin.email);
	await expect(page).toHaveURL('/admin/centres');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.goto('/admin/users');
	await expect(page.getByRole('alert')).toHaveText(
		'Brak połączenia. Ta czynność wymaga internetu — spróbuj, gdy wróci zasięg.'
	);
	// Trying again while still offline says the same, and keeps the button.
	await page.getByRole('button', { name: 'Spróbuj ponownie' }).click();
	await expect(page.getByRole('alert')).toContainText('Brak połączenia');
	await context.setOffline(false);
	await expect(page.getByRole('button', { name: 'Dodaj użytkownika' })).toBeVisible();
	await expect(page.getByText('doradca@demo.pl')).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a new advisor gets a temporary password and must change it at first sign-in', async ({
	page,
	browser
}) => {
	const email = `doradca.${Date.now()}@test.pl`;
	await signIn(page, DEMO_ACCOUNTS.admin.email);
	await expect(page).toHaveURL('/admin/centres');
	const temporary = await createAdvisor(page, email, 'Tomasz Testowy');
	const row = page.getByRole('listitem').filter({ hasText: email });
	await expect(row).toContainText('musi zmienić hasło');

	const advisor = await otherDevice(browser);
	await firstSignIn(advisor, email, temporary, 'nowe haslo testowe 2026');
	await expect(advisor).toHaveURL('/today');
	await advisor.context().close();
});

test("deactivating a user ends that user's existing session", async ({ page, browser }) => {
	const email = `wylaczony.${Date.now()}@test.pl`;
	const name = `Wiktor Wyłączany ${Date.now()}`;
	await signIn(page, DEMO_ACCOUNTS.admin.email);
	await expect(page).toHaveURL('/admin/centres');
	const temporary = await createAdvisor(page, email, name);

	const advisor = await otherDevice(browser);
	await signIn(advisor, email, temporary);
	await expect(advisor).toHaveURL('/account/password');
	expect((await advisor.request.get('/api/session')).status()).toBe(200);

	await page.getByLabel('Szukaj użytkownika').fill(email);
	const row = page.getByRole('listitem').filter({ hasText: email });
	await expect(row).toHaveCount(1);
	await row.getByRole('button', { name: `Wyłącz konto: ${name}` }).click();
	await expect(row.getByText('Zostanie od razu wylogowane')).toBeVisible();
	await row.getByRole('group').getByRole('button', { name: 'Wyłącz konto' }).click();
	await expect(page.getByRole('status').filter({ hasText: `Wyłączono konto ${name}` })).toBeVisible();
	await expect(row.getByText('wyłączone')).toBeVisible();

	expect((await advisor.request.get('/api/session')).status()).toBe(401);
	await advisor.context().close();
});
