import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, signIn } from './fixtures';

for (const [role, account] of Object.entries(DEMO_ACCOUNTS)) {
	test(`${role} signs in and lands on their home screen`, async ({ page }) => {
		await signIn(page, account.email);
		await expect(page).toHaveURL(account.home);
		await expect(page.getByRole('heading', { level: 1, name: account.heading })).toBeVisible();
		await expect(page.getByRole('navigation', { name: 'Nawigacja główna' })).toBeVisible();
	});
}

test('a wrong password is refused with a clear message and no session', async ({ page }) => {
	await signIn(page, 'doradca@demo.pl', 'zle-haslo-123');
	await expect(page.getByRole('alert')).toContainText('Nieprawidłowy e-mail lub hasło');
	await expect(page).toHaveURL(/\/login/);
	const me = await page.request.get('/api/session');
	expect(me.status()).toBe(401);
});

test('an unknown account gets the same answer as a wrong password', async ({ page }) => {
	await signIn(page, 'nikt@demo.pl', 'cokolwiek-123');
	await expect(page.getByRole('alert')).toContainText('Nieprawidłowy e-mail lub hasło');
});

test('an invalid e-mail is explained next to the field before anything is sent', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('Adres e-mail').fill('to-nie-jest-email');
	await page.getByLabel('Hasło').fill('x');
	await page.getByRole('button', { name: 'Zaloguj się' }).click();
	await expect(page.locator('#email-error')).toBeVisible();
	await expect(page.getByLabel('Adres e-mail')).toHaveAttribute('aria-invalid', 'true');
	// Said aloud, and the field to fix has the focus.
	await expect(page.getByRole('alert')).toContainText('Popraw zaznaczone pola');
	await expect(page.getByLabel('Adres e-mail')).toBeFocused();
});

test('signing out ends the session on the server', async ({ page }) => {
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await page.getByRole('link', { name: 'Moje konto' }).click();
	await page.getByRole('button', { name: 'Wyloguj się' }).click();
	await expect(page).toHaveURL('/login');
	expect((await page.request.get('/api/session')).status()).toBe(401);
	await page.goto('/today');
	await expect(page).toHaveURL(/\/login\?next=%2Ftoday/);
});

test('the language switch is remembered', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('button', { name: 'Polski' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Logowanie' })).toBeVisible();
});

test('a language chosen on the sign-in page stays after signing in, and becomes the account’s', async ({
	page,
	browser
}) => {
	const { email, home } = DEMO_ACCOUNTS.admin;
	await page.goto('/login');
	await page.getByRole('button', { name: 'English' }).click();
	await page.getByLabel('E-mail address').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(home);
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();

	// Another browser, which never chose: the account now speaks English there too.
	const other = await browser.newContext();
	try {
		const elsewhere = await other.newPage();
		await signIn(elsewhere, email);
		await expect(elsewhere).toHaveURL(home);
		await expect(elsewhere.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
	} finally {
		await other.close();
	}

	// Back to Polish for the account (signed in, the switch saves it), as the other tests expect.
	await page.getByRole('link', { name: 'My account' }).click();
	await page.getByRole('button', { name: 'Polski' }).click();
	await expect(page.getByRole('link', { name: 'Moje konto' })).toBeVisible();
	await expect
		.poll(async () => (await (await page.request.get('/api/session')).json()).user.locale)
		.toBe('pl');
});

test('a language chosen on the registration page, or before a reload of the sign-in page, is kept at sign-in', async ({
	page
}) => {
	const { email, home } = DEMO_ACCOUNTS.ngo;
	const savedLocale = async () => (await (await page.request.get('/api/session')).json()).user.locale;
	// Chosen while registering, then on to the sign-in page and a reload: no click on this page instance.
	await page.goto('/register');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Register an organisation' })).toBeVisible();
	await page.goto('/login');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await page.getByLabel('E-mail address').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(home);
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
	await expect.poll(savedLocale).toBe('en');

	// Back to Polish for the account (signed in, the switch saves it), as the other tests expect.
	await page.getByRole('link', { name: 'My account' }).click();
	await page.getByRole('button', { name: 'Polski' }).click();
	await expect(page.getByRole('link', { name: 'Moje konto' })).toBeVisible();
	await expect.poll(savedLocale).toBe('pl');
});

test('a page left in the last account’s language is no choice: the next account signs in in its own', async ({
	page
}) => {
	// The admin picks English on the sign-in page (saved to the account), then signs out: the page stays English.
	await page.goto('/login');
	await page.getByRole('button', { name: 'English' }).click();
	await page.getByLabel('E-mail address').fill(DEMO_ACCOUNTS.admin.email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(DEMO_ACCOUNTS.admin.home);
	await page.getByRole('link', { name: 'My account' }).click();
	// The admin's account back to Polish on the server only: this page keeps showing English.
	expect(
		await page.evaluate(async () => {
			const response = await fetch('/api/session/locale', {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ locale: 'pl' })
			});
			return response.status;
		})
	).toBe(200);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL('/login');
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

	// The NGO signs in without choosing: its account speaks Polish, and stays so.
	await page.getByLabel('E-mail address').fill(DEMO_ACCOUNTS.ngo.email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(DEMO_ACCOUNTS.ngo.home);
	await expect(page.getByRole('navigation', { name: 'Nawigacja główna' })).toBeVisible();
	expect((await (await page.request.get('/api/session')).json()).user.locale).toBe('pl');
});

test('a screen of another role is named on the home screen it leads to, also when that screen rewrites its address', async ({
	page
}) => {
	await signIn(page, DEMO_ACCOUNTS.coordinator.email);
	await expect(page).toHaveURL('/dashboard');
	await page.goto('/admin/users');
	await expect(page).toHaveURL(/\/dashboard/);
	await expect(page.getByTestId('denied')).toHaveText(
		'Strona /admin/users nie istnieje albo nie jest dostępna dla Twojego konta — oto Twoja strona główna.'
	);
	// Gone once the user moves on.
	await page
		.getByRole('navigation', { name: 'Nawigacja główna' })
		.getByRole('link', { name: 'Konsultacje' })
		.click();
	await expect(page).toHaveURL(/\/consultations/);
	await expect(page.getByTestId('denied')).toHaveCount(0);
});
