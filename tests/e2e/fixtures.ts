import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { warsawInstant, warsawToday } from '../../src/lib/domain/hours';

export const DEMO_PASSWORD = 'demo-haslo-2026';

export const DEMO_ACCOUNTS = {
	admin: { email: 'admin@demo.pl', home: '/admin/centres', heading: 'Centra' },
	coordinator: { email: 'koordynator@demo.pl', home: '/dashboard', heading: 'Pulpit' },
	advisor: { email: 'doradca@demo.pl', home: '/today', heading: 'Dziś' },
	advisor2: { email: 'doradca2@demo.pl', home: '/today', heading: 'Dziś' },
	ngo: { email: 'ngo@demo.pl', home: '/meetings', heading: 'Moje spotkania' }
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Adres e-mail').fill(email);
	await page.getByLabel('Hasło').fill(password);
	await page.getByRole('button', { name: 'Zaloguj się' }).click();
}

/** Waits until the service worker controls the page, so offline navigations are served from the precache. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(async () => {
		const registration = await navigator.serviceWorker.ready;
		return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
	});
	await expect.poll(() => page.evaluate(() => caches.keys().then((keys) => keys.length))).toBeGreaterThan(0);
}

/**
 * Another phone: its own browser profile (IndexedDB, cookies, service worker) with the project's phone settings;
 * `baseURL` may point it elsewhere (another origin has its own worker).
 */
export function newPhone(browser: Browser, baseURL?: string): Promise<BrowserContext> {
	const use = test.info().project.use;
	return browser.newContext({
		baseURL: baseURL ?? use.baseURL,
		viewport: use.viewport,
		userAgent: use.userAgent,
		deviceScaleFactor: use.deviceScaleFactor,
		isMobile: use.isMobile,
		hasTouch: use.hasTouch,
		locale: use.locale,
		timezoneId: use.timezoneId,
		serviceWorkers: use.serviceWorkers
	});
}

/** No serious or critical axe violations (WCAG 2.1 A and AA) on the page as it is now. */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		serious.map((v) => `${label}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

/** Axe in the light scheme and again in the dark one (the same page: the tokens follow the media query). */
export async function expectAccessibleInBothSchemes(page: Page, label: string): Promise<void> {
	await page.emulateMedia({ colorScheme: 'light' });
	await expectNoSeriousViolations(page, label);
	await page.emulateMedia({ colorScheme: 'dark' });
	await expectNoSeriousViolations(page, `${label} (dark)`);
	await page.emulateMedia({ colorScheme: 'light' });
}

/** The page fits the phone's width: nothing makes the user scroll sideways. */
export async function expectFitsPhone(page: Page, label: string): Promise<void> {
	// Parts of a screen arrive after its heading (the admin's project period, lists): measure the whole of it.
	await page.waitForLoadState('networkidle');
	const { scrollWidth, viewport } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		viewport: window.innerWidth
	}));
	expect(scrollWidth, `${label} is wider than the ${viewport} px phone`).toBeLessThanOrEqual(viewport);
}

/**
 * The phone's clock at 23:00 in Warsaw today (unless it is later already; it keeps running): a visit is completed
 * only once it has taken place, and the tests log today's visits at fixed times whenever they run.
 */
export async function lateInTheDay(context: BrowserContext): Promise<void> {
	const now = new Date();
	const late = warsawInstant(warsawToday(now), '23:00')!;
	if (late.getTime() > now.getTime()) await context.clock.setSystemTime(late);
}

/**
 * Fills the open visit form with a volunteering consultation at `organisation` (searched by that text), from
 * `start` to `end`, on `date` when given (else the form's day), with the next steps when given, waits until it is
 * saved on the phone and completes it: ends on the visit's card.
 */
export async function logVolunteeringVisit(
	page: Page,
	visit: { organisation: string; start: string; end: string; date?: string; followUps?: string }
): Promise<void> {
	if (visit.date) await page.getByLabel('Data', { exact: true }).fill(visit.date);
	await page.getByLabel('Szukaj: nazwa, miejscowość, NIP lub KRS').fill(visit.organisation);
	await page
		.getByRole('button', { name: new RegExp(visit.organisation) })
		.first()
		.click();
	await page.getByLabel('Początek').fill(visit.start);
	await page.getByLabel('Koniec').fill(visit.end);
	await page.getByLabel('Wolontariat').check();
	await page.getByLabel('Notatki: problem, udzielona porada, rekomendacje').fill('Porada o wolontariacie');
	if (visit.followUps) await page.getByLabel('Dalsze kroki', { exact: true }).fill(visit.followUps);
	await expect(page.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
	// Saved and given an id, it is still the form, not the card.
	await expect(page.getByRole('heading', { level: 1, name: 'Nowa wizyta' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Nowa wizyta' })).toHaveAttribute('aria-current', 'page');
	await completeVisit(page);
}

/**
 * Completes the visit on the form and waits for its card. A visit another test of the run logged at an overlapping
 * time (the booking test's visit is timed by the clock) is completed with the second tap the warning asks for; the
 * warning itself is tested on its own (workbench.test.ts).
 */
export async function completeVisit(page: Page): Promise<void> {
	const complete = page.getByRole('button', { name: 'Zakończ wizytę' });
	const card = page.getByRole('heading', { level: 1, name: 'Karta wizyty' });
	const overlap = page.getByTestId('overlap-warning');
	await complete.click();
	await expect(card.or(overlap)).toBeVisible();
	if (await overlap.isVisible()) await complete.click();
	await expect(card).toBeVisible();
}

/** Fills a new visit card at Aktywni Razem (today, Warsaw wall clock) until the phone has saved the draft. */
export async function fillDemoVisit(
	page: Page,
	{ start, end, notes }: { start: string; end: string; notes: string }
): Promise<void> {
	await lateInTheDay(page.context());
	await page.goto('/log');
	await page.getByLabel('Szukaj: nazwa, miejscowość, NIP lub KRS').fill('Aktywni Razem');
	await page
		.getByRole('button', { name: /Aktywni Razem/ })
		.first()
		.click();
	await page.getByLabel('Początek').fill(start);
	await page.getByLabel('Koniec').fill(end);
	await page.getByLabel('Księgowość i sprawozdania finansowe').check();
	await page.getByLabel('Notatki: problem, udzielona porada, rekomendacje').fill(notes);
	await expect(page.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
}

/**
 * Creates an advisor in the admin screen (the admin signed in on `page`) and returns the temporary password shown
 * once; the advisor belongs to `centre` (its name as the list shows it; COP Lębork unless said).
 */
export async function createAdvisor(
	page: Page,
	email: string,
	name: string,
	centre = 'Centrum Organizacji Pozarządowych w Lęborku'
): Promise<string> {
	await page.goto('/admin/users');
	await page.getByRole('button', { name: 'Dodaj użytkownika' }).click();
	await page.getByLabel('Adres e-mail').fill(email);
	await page.getByLabel('Imię i nazwisko').fill(name);
	await page.getByLabel('Rola').selectOption('advisor');
	await page.getByLabel('Centrum (COP)').selectOption({ label: centre });
	await page.getByRole('button', { name: 'Utwórz konto' }).click();
	await expect(page.getByRole('heading', { name: 'Konto utworzone' })).toBeVisible();
	await expect(page.getByText('nie pokażemy go ponownie')).toBeVisible();
	const password = (await page.getByTestId('temporary-password').textContent())?.trim() ?? '';
	expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
	await page.getByRole('button', { name: 'Gotowe' }).click();
	await expect(page.getByRole('heading', { name: 'Konto utworzone' })).toHaveCount(0);
	return password;
}

/** A new account's first sign-in: the temporary password, then a password of its own; ends on its home screen. */
export async function firstSignIn(
	page: Page,
	email: string,
	temporary: string,
	password: string
): Promise<void> {
	await signIn(page, email, temporary);
	await expect(page).toHaveURL('/account/password');
	await page.getByLabel('Obecne hasło').fill(temporary);
	await page.getByLabel('Nowe hasło').fill(password);
	await page.getByRole('button', { name: 'Zmień hasło' }).click();
}
