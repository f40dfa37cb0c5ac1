import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, signIn } from './fixtures';
import { nipCheckDigit, regonCheckDigit } from '../../src/lib/domain/identifiers';

const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** A NIP nobody has registered yet: random first nine digits with a valid check digit. */
function freshNip(): string {
	for (;;) {
		const body = String(1 + Math.floor(Math.random() * 9)) + randomDigits(8);
		const check = nipCheckDigit(body);
		if (check !== null) return body + check;
	}
}

function freshRegon(): string {
	const body = String(1 + Math.floor(Math.random() * 9)) + randomDigits(7);
	return body + regonCheckDigit(body);
}

async function fillOrganisation(
	page: Page,
	fields: { name: string; nip: string; regon: string; krs: string }
) {
	await page.getByLabel('COP, z którym chcesz współpracować').selectOption({
		label: 'Regionalne Centrum Organizacji Pozarządowych w Słupsku — Słupsk'
	});
	await page.getByLabel('Pełna nazwa organizacji').fill(fields.name);
	await page.getByLabel('Forma prawna').selectOption('stowarzyszenie');
	await page.getByLabel('Numer KRS').fill(fields.krs);
	await page.getByLabel('NIP').fill(fields.nip);
	await page.getByLabel('REGON').fill(fields.regon);
	await page.getByLabel('Ulica i numer').fill('ul. Długa 5');
	await page.getByLabel('Kod pocztowy').fill('76-200');
	await page.getByLabel('Miejscowość').fill('Słupsk');
	await page.getByLabel('Powiat').selectOption('2263');
	await page.getByLabel('Gmina').selectOption('2263011');
}

test('an invalid NIP is explained next to the field before anything is sent', async ({ page }) => {
	await page.goto('/register');
	await expect(page.getByRole('heading', { level: 1, name: 'Rejestracja organizacji' })).toBeVisible();
	// A KRS shows as optional until the legal form needs one.
	await expect(page.getByLabel('Numer KRS')).toHaveAccessibleName(/nieobowiązkowe/);
	// Screen readers hear which fields are required, as sighted people see which are optional.
	for (const label of ['Pełna nazwa organizacji', 'Forma prawna', 'Miejscowość', 'Gmina']) {
		await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('aria-required', 'true');
	}
	for (const field of ['#organisation-nip', '#organisation-krs']) {
		await expect(page.locator(field)).not.toHaveAttribute('aria-required', 'true');
	}
	await fillOrganisation(page, {
		name: 'Stowarzyszenie Błędnego NIP-u',
		nip: '1234567891',
		regon: '',
		krs: ''
	});
	await expect(page.getByLabel('Numer KRS')).not.toHaveAccessibleName(/nieobowiązkowe/);
	let posted = false;
	page.on('request', (r) => {
		if (r.url().endsWith('/api/register')) posted = true;
	});
	await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
	const nip = page.getByLabel('NIP');
	await expect(nip).toHaveAttribute('aria-invalid', 'true');
	await expect(nip).toHaveAccessibleDescription(/NIP ma 10 cyfr — sprawdź ostatnią cyfrę kontrolną/);
	await expect(page.locator('#organisation-nip-error')).toBeVisible();
	await expect(page.locator('#organisation-krs-error')).toContainText('wymaga numeru KRS');
	expect(posted).toBe(false);
	// What was typed stays in the form to be corrected.
	await expect(page.getByLabel('Pełna nazwa organizacji')).toHaveValue('Stowarzyszenie Błędnego NIP-u');

	// A reload (or the phone discarding the tab) keeps what was typed in this tab; the password and the consent
	// are given again.
	await page.getByLabel('Imię i nazwisko').fill('Anna Nowak');
	await page.getByLabel('Hasło').fill('bardzo-tajne-haslo-1');
	await page.reload();
	await expect(page.getByLabel('Pełna nazwa organizacji')).toHaveValue('Stowarzyszenie Błędnego NIP-u');
	await expect(page.getByLabel('NIP')).toHaveValue('1234567891');
	await expect(page.getByLabel('COP, z którym chcesz współpracować')).toHaveValue(/.+/);
	await expect(page.getByLabel('Gmina')).toHaveValue('2263011');
	await expect(page.getByLabel('Imię i nazwisko')).toHaveValue('Anna Nowak');
	await expect(page.getByLabel('Hasło')).toHaveValue('');
	expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain('bardzo-tajne');
	// A new tab starts empty: nothing is left behind on a shared computer.
	const other = await page.context().newPage();
	await other.goto('/register');
	await expect(other.getByLabel('Gmina')).toBeVisible();
	await expect(other.getByLabel('Pełna nazwa organizacji')).toHaveValue('');
	await other.close();
});

test('a registered organisation signs in only after the coordinator of its COP approves it', async ({
	page,
	browser
}) => {
	const stamp = Date.now();
	const name = `Stowarzyszenie Testowe ${stamp}`;
	const email = `rejestracja.${stamp}@test.pl`;
	const password = 'haslo organizacji 2026';

	await page.goto('/register');
	await fillOrganisation(page, {
		name,
		nip: freshNip(),
		regon: freshRegon(),
		krs: String(1 + Math.floor(Math.random() * 9)) + randomDigits(6)
	});
	await page.getByLabel('Imię i nazwisko').fill('Renata Rejestrująca');
	await page.getByLabel('Twój adres e-mail').fill(email);
	await page.getByLabel('Hasło', { exact: true }).fill(password);
	await page.getByRole('checkbox', { name: /Zgadzam się/ }).check();
	await page.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
	await expect(page.getByRole('heading', { name: 'Zgłoszenie wysłane' })).toBeVisible();
	await expect(page.getByText('Regionalne Centrum Organizacji Pozarządowych w Słupsku')).toBeVisible();
	// Sent: the tab no longer keeps the draft.
	expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

	await signIn(page, email, password);
	await expect(page.getByRole('alert')).toContainText('czeka na zatwierdzenie');
	await expect(page).toHaveURL(/\/login/);

	const coordinator = await browser.newContext(contextOptions());
	const review = await coordinator.newPage();
	await signIn(review, DEMO_ACCOUNTS.coordinator.email);
	await expect(review).toHaveURL(DEMO_ACCOUNTS.coordinator.home);
	await review.goto('/organisations');
	const pending = review.getByRole('article').filter({ has: review.getByRole('heading', { name }) });
	await expect(pending).toContainText('Renata Rejestrująca');
	await pending.getByRole('button', { name: 'Zatwierdź' }).click();
	await expect(review.getByRole('status').filter({ hasText: `Zatwierdzono: ${name}` })).toBeVisible();
	await expect(pending).toHaveCount(0);
	await expect(review.getByRole('listitem').filter({ hasText: name })).toContainText('aktywna');
	await coordinator.close();

	await signIn(page, email, password);
	await expect(page).toHaveURL('/meetings');
});

function contextOptions() {
	const { baseURL, viewport, locale, timezoneId } = test.info().project.use;
	return { baseURL, viewport, locale, timezoneId };
}

test('a registration repeating an organisation already here is named on the coordinator’s card, and approving it asks first', async ({
	page,
	browser
}) => {
	// The QA case: the demo's "Stowarzyszenie „Aktywni Razem”" registered again, without quotes, as a
	// stowarzyszenie zwykłe (no KRS, no NIP to refuse it by), at the same address in Słupsk. In capitals, so the
	// rejected copy left behind never matches the other tests' /Aktywni Razem/.
	const name = 'STOWARZYSZENIE AKTYWNI RAZEM';
	await page.goto('/register');
	const answer = await page.evaluate(
		async ({ name, email }) => {
			const { centres } = (await (await fetch('/api/public/centres')).json()) as {
				centres: { id: string; name: string }[];
			};
			const response = await fetch('/api/register', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					organisation: {
						name,
						kind: 'ngo',
						legalForm: 'stowarzyszenie_zwykle',
						krs: null,
						nip: null,
						regon: null,
						street: 'ul. Wojska Polskiego 21',
						postalCode: '76-200',
						town: 'Słupsk',
						gminaTerc: '2263011',
						powiatTerc: '2263',
						email: null,
						phone: null,
						website: null
					},
					centreId: centres.find((c) => c.name.includes('w Słupsku'))!.id,
					representative: { name: 'Daria Podwójna', email, password: 'haslo organizacji 2026' },
					consent: true
				})
			});
			return { status: response.status, body: await response.json() };
		},
		{ name, email: `duplikat.${Date.now()}@test.pl` }
	);
	// The visitor is told nothing about which organisations exist: the coordinator decides.
	expect(answer.status).toBe(201);
	expect(Object.keys(answer.body)).toEqual(['organisationId']);

	const coordinator = await browser.newContext(contextOptions());
	try {
		const review = await coordinator.newPage();
		await signIn(review, DEMO_ACCOUNTS.coordinator.email);
		await expect(review).toHaveURL(DEMO_ACCOUNTS.coordinator.home);
		await review.goto('/organisations');
		const card = review
			.getByRole('article')
			.filter({ has: review.getByRole('heading', { name, exact: true }) });
		await expect(card).toContainText(
			'Możliwy duplikat: „Stowarzyszenie „Aktywni Razem”” (ta sama nazwa i adres)'
		);
		await expect(card).toContainText('ul. Wojska Polskiego 21, 76-200 Słupsk');
		await expect(card.getByRole('link', { name: '„Stowarzyszenie „Aktywni Razem””' })).toHaveAttribute(
			'href',
			/^\/organisations\/[0-9a-f-]{36}$/
		);

		// One click does not approve it: the question comes first, and Anuluj leaves it waiting.
		await card.getByRole('button', { name: /^Zatwierdź/ }).click();
		await expect(card.getByRole('group')).toContainText('wygląda na organizację, która już jest w aplikacji');
		await expect(card.getByRole('button', { name: 'Zatwierdź mimo to' })).toBeFocused();
		await card.getByRole('button', { name: 'Anuluj' }).click();
		await expect(card.getByRole('button', { name: 'Zatwierdź mimo to' })).toHaveCount(0);
		await expect(card).toHaveCount(1);

		// Rejected (it is the same organisation), so the demo data stays as the other tests expect.
		await card.getByRole('button', { name: 'Odrzuć', exact: true }).click();
		await card.getByLabel('Powód odrzucenia').fill('To ta sama organizacja co „Aktywni Razem”.');
		await card.getByRole('button', { name: 'Odrzuć zgłoszenie' }).click();
		await expect(
			review.getByRole('status').filter({ hasText: `Odrzucono zgłoszenie: ${name}` })
		).toBeVisible();
	} finally {
		await coordinator.close();
	}
});
