import { expect, test, type Page } from '@playwright/test';
import { completeVisit, DEMO_ACCOUNTS, lateInTheDay, signIn, waitForServiceWorker } from './fixtures';
import { nipCheckDigit } from '../../src/lib/domain/identifiers';

const AKTYWNI_RAZEM = /Aktywni Razem/;
const AKTYWNI_RAZEM_NIP = '8393172451';
const VISIT_ID = '0190a000-0000-7000-8000-00000000e2e1';

/** A NIP nobody has: random first nine digits with a valid check digit. */
function freshNip(): string {
	for (;;) {
		const body =
			String(1 + Math.floor(Math.random() * 9)) + String(Math.random()).slice(2, 10).padEnd(8, '0');
		const check = nipCheckDigit(body);
		if (check !== null) return body + check;
	}
}

/** Opens the list and waits until the slice downloaded after sign-in is on the device. */
async function organisationsOnDevice(page: Page) {
	await page
		.getByRole('navigation', { name: 'Nawigacja główna' })
		.getByRole('link', { name: 'Organizacje' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Organizacje' })).toBeVisible();
	await expect(page.getByRole('link', { name: AKTYWNI_RAZEM })).toBeVisible();
}

/** The advisor signed in online, the app installed and the organisations on the phone: ready to go offline. */
async function advisorReadyOffline(page: Page) {
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await waitForServiceWorker(page);
	await organisationsOnDevice(page);
}

async function fillOrganisation(page: Page, fields: { name: string; nip: string }) {
	await page.getByLabel('Pełna nazwa organizacji').fill(fields.name);
	await page.getByLabel('Forma prawna').selectOption('stowarzyszenie_zwykle');
	await page.getByLabel('NIP').fill(fields.nip);
	await page.getByLabel('Ulica i numer').fill('ul. Portowa 3');
	await page.getByLabel('Kod pocztowy').fill('76270');
	await page.getByLabel('Miejscowość').fill('Ustka');
	await page.getByLabel('Powiat').selectOption('2212');
	await page.getByLabel('Gmina').selectOption('2212011');
}

/**
 * A signed visit with an organisation, written straight into the device's database: the demo data has no
 * consultations, and the history must be seen with at least one row.
 */
async function putVisit(page: Page, organisationId: string) {
	await page.evaluate(
		async ({ id, organisationId }) => {
			const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n?.startsWith('doradca-'));
			if (!name) throw new Error('no local database');
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const stamp = new Date().toISOString();
			const tx = db.transaction('consultations', 'readwrite');
			tx.objectStore('consultations').put({
				id,
				advisorId: name.slice('doradca-'.length),
				centreId: '',
				organisationId,
				date: '2026-03-12',
				startTime: '10:00',
				endTime: '11:30',
				durationMin: 90,
				placeKind: 'mobile',
				address: '',
				topics: [],
				notes: '',
				participants: [],
				participantCount: 1,
				followUps: '',
				status: 'signed',
				signature: null,
				bookingId: null,
				createdAt: stamp,
				updatedAt: stamp,
				version: 1
			});
			await new Promise((resolve, reject) => {
				tx.oncomplete = resolve;
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ id: VISIT_ID, organisationId }
	);
}

test('offline, the advisor searches the organisations on the phone, opens one and adds a new one', async ({
	page,
	context
}) => {
	await advisorReadyOffline(page);
	const aktywniHref = await page.getByRole('link', { name: AKTYWNI_RAZEM }).getAttribute('href');
	const aktywniId = aktywniHref!.split('/').pop()!;
	await putVisit(page, aktywniId);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'bez sieci' })).toBeVisible();
	// The approvals are not this role's: no online-only section, and nothing says the list needs the network.
	await expect(page.getByRole('heading', { name: 'Czekające na zatwierdzenie' })).toHaveCount(0);

	const search = page.getByLabel('Szukaj organizacji');
	await search.fill('Kobylnica');
	await expect(page.getByRole('link', { name: /Koło Gospodyń Wiejskich w Kobylnicy/ })).toBeVisible();
	await expect(page.getByRole('link', { name: /Gmina Kobylnica/ })).toBeVisible();
	await expect(page.getByRole('link', { name: AKTYWNI_RAZEM })).toHaveCount(0);

	// A NIP as printed on documents, with hyphens.
	await search.fill('839-317-24-51');
	await expect(page.getByText('1 organizacja', { exact: true })).toBeVisible();
	await page.getByRole('link', { name: AKTYWNI_RAZEM }).click();

	await expect(page).toHaveURL(`/organisations/${aktywniId}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Stowarzyszenie „Aktywni Razem”' })).toBeVisible();
	await expect(page.getByText(`NIP ${AKTYWNI_RAZEM_NIP}`)).toBeVisible();
	await expect(page.getByText('Słupsk — gmina miejska')).toBeVisible();
	await expect(page.getByText('Słupsk — miasto na prawach powiatu')).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Historia konsultacji' })).toBeVisible();
	const visit = page.getByRole('link', { name: /12 mar 2026/ });
	await expect(visit).toContainText('10:00–11:30');
	await expect(visit).toContainText('1:30 · mobilne');
	await expect(visit).toContainText('podpisana');
	await expect(visit).toHaveAttribute('href', `/visits/${VISIT_ID}`);
	// At the organisation's door: a new visit card opens with it chosen and its address as the place.
	await page.getByRole('link', { name: 'Nowa wizyta w tej organizacji' }).click();
	await expect(page).toHaveURL(/\/log\?id=[0-9a-f-]{36}$/);
	await expect(page.getByText('Stowarzyszenie „Aktywni Razem”')).toBeVisible();
	await expect(page.getByLabel('Adres', { exact: true })).toHaveValue(/Wojska Polskiego 21/);

	await page.goto('/organisations');
	await page.getByRole('link', { name: 'Dodaj organizację' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nowa organizacja' })).toBeVisible();

	const name = `Stowarzyszenie Przyjaciół Portu ${Date.now()}`;
	await fillOrganisation(page, { name, nip: '1234567891' });
	await page.getByRole('button', { name: 'Zapisz organizację' }).click();
	const nip = page.getByLabel('NIP');
	await expect(nip).toHaveAttribute('aria-invalid', 'true');
	await expect(nip).toHaveAccessibleDescription(/NIP ma 10 cyfr — sprawdź ostatnią cyfrę kontrolną/);
	await expect(nip).toBeFocused();
	await expect(page.getByLabel('Pełna nazwa organizacji')).toHaveValue(name);

	// A valid NIP, but one an organisation on the phone already has.
	await nip.fill('839 317 24 51');
	await page.getByRole('button', { name: 'Zapisz organizację' }).click();
	await expect(nip).not.toHaveAttribute('aria-invalid', 'true');
	const warning = page.getByRole('region', { name: 'Ta organizacja już jest na liście' });
	await expect(warning).toBeFocused();
	await expect(warning.getByRole('listitem').filter({ hasText: AKTYWNI_RAZEM })).toContainText('ten sam NIP');
	await expect(warning.getByRole('link', { name: /Otwórz tę organizację: .*Aktywni Razem/ })).toHaveAttribute(
		'href',
		`/organisations/${aktywniId}`
	);
	await expect(warning.getByRole('button', { name: 'To inna organizacja — zapisz' })).toBeVisible();

	// Correcting the number clears the warning as it is typed; then it saves with no network.
	await nip.fill(freshNip());
	await expect(warning).toHaveCount(0);

	// A reload before saving (offline) loses nothing: the typing comes back from the phone, and says so.
	await expect(page.getByTestId('draft-state')).toHaveText(/zachowane na tym telefonie/);
	const typedNip = await nip.inputValue();
	await page.reload();
	await expect(page.getByRole('status').filter({ hasText: 'Przywrócono to, co wpisano' })).toBeVisible();
	await expect(page.getByLabel('Pełna nazwa organizacji')).toHaveValue(name);
	await expect(nip).toHaveValue(typedNip);
	await page.getByRole('button', { name: 'Zapisz organizację' }).click();
	await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await expect(page.getByText('tylko na tym telefonie')).toBeVisible();
	await expect(page.getByText('czeka na zatwierdzenie')).toBeVisible();
	await expect(page.getByText('Na tym telefonie nie ma konsultacji z tą organizacją.')).toBeVisible();
	// Saved, the kept typing is gone with it: the form opens empty again.
	await page.goto('/organisations/new');
	await expect(page.getByRole('heading', { level: 1, name: 'Nowa organizacja' })).toBeVisible();
	await expect(page.getByLabel('Pełna nazwa organizacji')).toHaveValue('');
	await expect(page.getByText('Przywrócono to, co wpisano')).toHaveCount(0);

	for (const step of ['navigate', 'reload'] as const) {
		if (step === 'navigate') {
			await page
				.getByRole('navigation', { name: 'Nawigacja główna' })
				.getByRole('link', { name: 'Organizacje' })
				.click();
		} else await page.reload();
		await page.getByLabel('Szukaj organizacji').fill('Przyjaciół Portu');
		const row = page.getByRole('link', { name: new RegExp(name) });
		await expect(row).toContainText('stowarzyszenie zwykłe · Ustka');
		await expect(row).toContainText('tylko na tym telefonie');
	}
	await context.setOffline(false);
});

test('added from the visit form, the organisation goes back to it — the existing one or the new one', async ({
	page
}) => {
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await organisationsOnDevice(page);
	const aktywniId = (await page.getByRole('link', { name: AKTYWNI_RAZEM }).getAttribute('href'))!
		.split('/')
		.pop();

	await page.goto(`/organisations/new?return=${encodeURIComponent('/log')}`);
	await fillOrganisation(page, { name: 'Stowarzyszenie Wracające do Wizyty', nip: AKTYWNI_RAZEM_NIP });
	await page.getByRole('button', { name: 'Zapisz organizację' }).click();
	const warning = page.getByRole('region', { name: 'Ta organizacja już jest na liście' });
	// The visit form takes the parameter and moves on to its draft's own address, so catch the hand-over itself.
	await Promise.all([
		page.waitForURL(`/log?organisation=${aktywniId}`),
		warning.getByRole('link', { name: /Wybierz tę organizację: .*Aktywni Razem/ }).click()
	]);
	await expect(page.getByText('Stowarzyszenie „Aktywni Razem”')).toBeVisible();

	// Anything but the visit form is refused as a way back: a crafted link cannot send the advisor elsewhere.
	await page.goto(`/organisations/new?return=${encodeURIComponent('https://example.com/log')}`);
	await fillOrganisation(page, { name: 'Stowarzyszenie Wracające do Wizyty', nip: freshNip() });
	await page.getByRole('button', { name: 'Zapisz organizację' }).click();
	await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}$/);

	await page.goto(`/organisations/new?return=${encodeURIComponent('/log?id=draft-1')}`);
	await fillOrganisation(page, { name: 'Fundacja Nowa przy Wizycie', nip: freshNip() });
	await Promise.all([
		page.waitForURL(/\/log\?id=draft-1&organisation=[0-9a-f-]{36}$/),
		page.getByRole('button', { name: 'Zapisz organizację' }).click()
	]);
});

test('a visit begun offline, its organisation added on the spot: both reach the server, the organisation first', async ({
	page,
	context
}) => {
	await advisorReadyOffline(page);
	await context.setOffline(true);
	await lateInTheDay(context);

	// The visit is begun (its draft saved) before the organisation exists.
	await page.goto('/log');
	await page.getByLabel('Początek').fill('02:00');
	await page.getByLabel('Koniec').fill('02:50');
	await expect(page.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
	await page.getByRole('link', { name: 'Dodaj nową organizację' }).click();
	const name = 'Stowarzyszenie Spotkane w Terenie';
	await fillOrganisation(page, { name, nip: freshNip() });
	await page.getByRole('button', { name: 'Zapisz organizację' }).click();
	await expect(page).toHaveURL(/\/log\?id=/);
	// Still the new visit being logged, not an edit of a finished one.
	await expect(page.getByRole('heading', { level: 1, name: 'Nowa wizyta' })).toBeVisible();
	await expect(page.getByText(name)).toBeVisible();
	await page.getByLabel('Wolontariat').check();
	await expect(page.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
	await completeVisit(page);
	await expect(page.getByTestId('sync-state')).toHaveText('tylko na tym telefonie');

	await context.setOffline(false);
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer', { timeout: 30_000 });
	await expect(page.getByTestId('record-refusal')).toHaveCount(0);
});
