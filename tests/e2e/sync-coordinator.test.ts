/**
 * Sync between two people: an advisor's visit logged with no signal reaches the coordinator's review list with the
 * receipt the advisor was shown; a colleague's visit reaches another advisor of the centre as a summary; a lifeboat
 * file imported twice adds its visit once.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	createAdvisor,
	DEMO_ACCOUNTS,
	expectAccessibleInBothSchemes,
	expectNoSeriousViolations,
	firstSignIn,
	lateInTheDay,
	logVolunteeringVisit,
	newPhone,
	signIn,
	waitForServiceWorker
} from './fixtures';

const SEARCH = 'Szukaj: nazwa, miejscowość, NIP lub KRS';

/** Signs the advisor in online and waits until the device holds its data and can work offline. */
async function advisorReady(page: Page, organisation: string) {
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await waitForServiceWorker(page);
	await page.goto('/log');
	await page.getByLabel(SEARCH).fill(organisation);
	await expect(page.getByRole('button', { name: new RegExp(organisation) }).first()).toBeVisible();
}

/** Logs and completes a visit today (Warsaw) from the advisor's form; ends on the visit's card. */
async function logVisit(page: Page, organisation: string, start: string, end: string, followUps = '') {
	await lateInTheDay(page.context());
	await page.goto('/today');
	await page.getByRole('link', { name: 'Nowa wizyta' }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nowa wizyta' })).toBeVisible();
	await logVolunteeringVisit(page, { organisation, start, end, followUps });
}

async function coordinatorPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, DEMO_ACCOUNTS.coordinator.email);
	await expect(page).toHaveURL(DEMO_ACCOUNTS.coordinator.home);
	return page;
}

/** The review list's rows of one visit: its organisation and its time on the Warsaw wall clock. */
function rowsOf(page: Page, organisation: string, start: string, end: string) {
	return page
		.getByTestId('review-row')
		.filter({ hasText: organisation })
		.filter({ hasText: `${start}–${end}` });
}

test('a visit logged offline reaches the coordinator with the receipt the advisor sees', async ({
	page,
	context,
	browser
}) => {
	// The advisor, with no signal, logs a complete visit: the header says one change waits.
	await advisorReady(page, 'Smaki Pomorza');
	await context.setOffline(true);
	await logVisit(page, 'Smaki Pomorza', '06:00', '07:15');
	await expect(page.getByTestId('sync-state')).toHaveText('tylko na tym telefonie');
	const header = page.locator('header').getByRole('status');
	await expect(header).toContainText('1 zmiana czeka');

	// The signal returns: the change is sent and accepted, and the card shows its receipt.
	await context.setOffline(false);
	await expect(header).not.toContainText('czeka', { timeout: 30_000 });
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');
	const receiptText = (await page.getByTestId('receipt').textContent()) ?? '';
	const receipt = /Potwierdzenie\s+(\S+)/.exec(receiptText)?.[1] ?? '';
	expect(receipt).toMatch(/^[0-9A-Z]{5,}-.$/);

	// The coordinator's device pulls the centre's consultations: the visit is there, once, with that receipt.
	const coordinator = await coordinatorPage(browser);
	await coordinator.goto('/consultations');
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Konsultacje' })).toBeVisible();
	const row = rowsOf(coordinator, 'Smaki Pomorza', '06:00', '07:15');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('1:15 h (1,25 h)');
	await expect(row).toContainText('Damian Doradca');
	await expect(row).toContainText('zakończona');
	await expect(row.getByTestId('review-receipt')).toHaveText(`Potwierdzenie ${receipt}`);
	await expectNoSeriousViolations(coordinator, '/consultations');
	await coordinator.screenshot({ path: '/tmp/review-list-360.png', fullPage: true });
	await coordinator.emulateMedia({ colorScheme: 'dark' });
	await expectNoSeriousViolations(coordinator, '/consultations (dark)');
	await coordinator.screenshot({ path: '/tmp/review-list-dark-360.png', fullPage: true });
	await coordinator.emulateMedia({ colorScheme: 'light' });

	// The filters narrow the list; a status with no such visit empties it.
	await coordinator.getByLabel('Stan karty').selectOption({ label: 'zatwierdzona' });
	await expect(rowsOf(coordinator, 'Smaki Pomorza', '06:00', '07:15')).toHaveCount(0);
	await coordinator.getByLabel('Stan karty').selectOption({ label: 'zakończona' });
	await coordinator.getByLabel('Organizacja', { exact: true }).fill('smaki pomorza');
	await expect(rowsOf(coordinator, 'Smaki Pomorza', '06:00', '07:15')).toHaveCount(1);
	await expect(coordinator.getByTestId('review-row').filter({ hasNotText: 'Smaki Pomorza' })).toHaveCount(0);

	// The read-only card: every field, and the same receipt.
	await rowsOf(coordinator, 'Smaki Pomorza', '06:00', '07:15').click();
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Karta konsultacji' })).toBeVisible();
	await expect(coordinator.getByTestId('detail-receipt')).toHaveText(receipt);
	await expect(coordinator.getByTestId('detail-hours')).toContainText('1:15 h');
	await expect(coordinator.getByTestId('detail-organisation')).toContainText('Smaki Pomorza');
	await expect(coordinator.getByText('Porada o wolontariacie')).toBeVisible();
	await expectAccessibleInBothSchemes(coordinator, '/consultations/[id]');
	await coordinator.screenshot({ path: '/tmp/review-detail-360.png', fullPage: true });
	const cardUrl = coordinator.url();
	// Back to the list keeps the filters.
	await coordinator.getByRole('link', { name: 'Wróć do listy konsultacji' }).click();
	await expect(coordinator.getByLabel('Organizacja', { exact: true })).toHaveValue('smaki pomorza');

	// The receipt, typed in as read over the phone (lower case), finds the change and links to the card.
	const code = coordinator.getByLabel('Znajdź po kodzie potwierdzenia');
	await code.fill(receipt.toLowerCase());
	await coordinator.getByRole('button', { name: 'Szukaj', exact: true }).click();
	const found = coordinator.getByTestId('receipt-found');
	await expect(found).toContainText(receipt);
	await expect(found).toContainText('karta konsultacji');
	await expect(found).toContainText('Damian Doradca');
	await coordinator.screenshot({ path: '/tmp/review-receipt-360.png', fullPage: true });
	await coordinator.getByRole('link', { name: 'Otwórz kartę konsultacji' }).click();
	await expect(coordinator).toHaveURL(cardUrl);

	// A typo is caught on the device; a code nobody was given is not found; offline, the cards on the device are
	// searched, and a code none of them has now says the server is needed.
	await coordinator.goto('/consultations');
	await code.fill('0YGHZ-1');
	await coordinator.getByRole('button', { name: 'Szukaj', exact: true }).click();
	await expect(coordinator.getByText('To nie jest poprawny kod potwierdzenia')).toBeVisible();
	await code.fill('0YGHZ-0');
	await coordinator.getByRole('button', { name: 'Szukaj', exact: true }).click();
	await expect(coordinator.getByText('Nie znaleziono zmiany o tym kodzie')).toBeVisible();
	await coordinator.context().setOffline(true);
	await code.fill(receipt);
	await coordinator.getByRole('button', { name: 'Szukaj', exact: true }).click();
	await expect(coordinator.getByTestId('receipt-found-local')).toContainText(receipt);
	await code.fill('0YGHZ-0');
	await coordinator.getByRole('button', { name: 'Szukaj', exact: true }).click();
	await expect(coordinator.getByText('Spróbuj ponownie, gdy wróci internet')).toBeVisible();
	// The list itself is the device's copy: it stays.
	await expect(rowsOf(coordinator, 'Smaki Pomorza', '06:00', '07:15')).toHaveCount(1);
	await coordinator.context().setOffline(false);
	await coordinator.context().close();
});

test("a colleague's visit reaches the other advisors of the centre: its next steps, not its notes, offline too", async ({
	page,
	context,
	browser
}) => {
	// The admin adds a second advisor to COP Słupsk, who signs in on their own phone and sets a password.
	const admin = await (await newPhone(browser)).newPage();
	await signIn(admin, DEMO_ACCOUNTS.admin.email);
	await expect(admin).toHaveURL('/admin/centres');
	const email = `kolega.${Date.now()}@test.pl`;
	const temporary = await createAdvisor(
		admin,
		email,
		'Ewa Kolega',
		'Regionalne Centrum Organizacji Pozarządowych w Słupsku'
	);
	await admin.context().close();
	const colleague = await (await newPhone(browser)).newPage();
	await firstSignIn(colleague, email, temporary, 'haslo kolegi 2026');
	await expect(colleague).toHaveURL('/today');

	// The colleague logs a visit at Gdańsk bez Barier with next steps; it is sent and accepted.
	await logVisit(colleague, 'Gdańsk bez Barier', '07:00', '08:30', 'Przesłać projekt statutu do 15 grudnia');
	await expect(colleague.getByTestId('sync-state')).toHaveText('przyjęte przez serwer', { timeout: 30_000 });
	await colleague.context().close();

	// Damian, the centre's other advisor, signs in: the organisation's history holds the colleague's visit, with
	// who and the next steps, and the next steps are what he sees before his own visit there. No notes.
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await waitForServiceWorker(page);
	await page.goto('/organisations');
	await page.getByLabel('Szukaj organizacji').fill('Gdańsk bez Barier');
	await page.getByRole('link', { name: /Gdańsk bez Barier/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Gdańsk bez Barier/ })).toBeVisible();
	const visit = page.getByTestId('colleague-visit');
	await expect(visit).toHaveCount(1);
	await expect(visit).toContainText('07:00–08:30');
	await expect(visit).toContainText('1:30 · mobilne');
	await expect(visit).toContainText('Doradca: Ewa Kolega');
	await expect(visit).toContainText('Dalsze kroki: Przesłać projekt statutu do 15 grudnia');
	await expect(page.getByText('Porada o wolontariacie')).toHaveCount(0);
	const agreement = page.getByTestId('previous-agreement');
	await expect(agreement).toContainText('Przesłać projekt statutu do 15 grudnia');
	await expect(agreement.getByTestId('agreement-advisor')).toHaveText('Doradca: Ewa Kolega');
	// A summary has no card on this phone: nothing links to it.
	await expect(agreement.getByRole('link')).toHaveCount(0);
	await expectAccessibleInBothSchemes(page, "/organisations/[id] with a colleague's visit");
	await page.screenshot({ path: '/tmp/colleague-visit-360.png', fullPage: true });

	// With no signal, the same, and on the visit form once the organisation is chosen.
	const organisationUrl = page.url();
	await context.setOffline(true);
	await page.goto(organisationUrl);
	await expect(page.getByTestId('colleague-visit')).toContainText('Doradca: Ewa Kolega');
	await page.goto('/log');
	await page.getByLabel(SEARCH).fill('Gdańsk bez Barier');
	await page
		.getByRole('button', { name: /Gdańsk bez Barier/ })
		.first()
		.click();
	await expect(page.getByTestId('previous-agreement')).toContainText(
		'Przesłać projekt statutu do 15 grudnia'
	);
	await expect(page.getByTestId('agreement-advisor')).toHaveText('Doradca: Ewa Kolega');
	// The phone stays offline to the end: the card just opened never reaches the server to show up elsewhere.
});

test('a lifeboat file imported twice adds its visit once', async ({ page, context, browser }) => {
	// An advisor whose phone cannot sync logs a visit and saves the waiting changes (the outbox) to a file.
	await advisorReady(page, 'Orlik');
	await context.setOffline(true);
	await logVisit(page, 'Orlik', '05:20', '05:50');
	const lifeboat = await page.evaluate(async () => {
		const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('doradca-'));
		if (!name) throw new Error('no device database');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open(name);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const all = <T>(store: string) =>
			new Promise<T[]>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).getAll();
				request.onsuccess = () => resolve(request.result as T[]);
				request.onerror = () => reject(request.error);
			});
		type Entry = {
			opId: string;
			entity: string;
			entityId: string;
			op: string;
			fields: object;
			baseVersion: number | null;
		};
		const entries = await all<Entry & { seq: number }>('outbox');
		const meta = await all<{ key: string; value: unknown }>('meta');
		db.close();
		return {
			format: 'doradca-outbox',
			version: 1,
			userId: name.slice('doradca-'.length),
			deviceId: (meta.find((m) => m.key === 'deviceId')?.value as string | undefined) ?? crypto.randomUUID(),
			exportedAt: new Date().toISOString(),
			ops: entries
				.sort((a, b) => a.seq - b.seq)
				.map(({ opId, entity, entityId, op, fields, baseVersion }) => ({
					opId,
					entity,
					entityId,
					op,
					fields,
					baseVersion
				}))
		};
	});
	expect(lifeboat.ops.length).toBeGreaterThan(0);
	// The phone never gets its signal back in this test: only the file carries the visit.
	await context.close();
	const count = lifeboat.ops.length;
	const file = {
		name: 'doradca-zmiany.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(lifeboat))
	};

	const coordinator = await coordinatorPage(browser);
	await coordinator.goto('/consultations');
	await coordinator.getByText('Import zmian z pliku').click();
	const input = coordinator.getByLabel('Wczytaj plik');

	// Not JSON at all, JSON that is not a lifeboat, a lifeboat from an unknown app version: explained, not imported.
	await input.setInputFiles({
		name: 'notatki.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('to nie JSON')
	});
	await expect(coordinator.getByTestId('import-error')).toContainText('Nie udało się odczytać pliku');
	await input.setInputFiles({
		name: 'inny.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"a":1}')
	});
	await expect(coordinator.getByTestId('import-error')).toContainText('inny.json');
	await expect(coordinator.getByTestId('import-error')).toContainText('Nie udało się odczytać pliku');
	await input.setInputFiles({
		name: 'nowszy.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify({ ...lifeboat, version: 2 }))
	});
	await expect(coordinator.getByTestId('import-error')).toContainText('nieznana wersja aplikacji');
	await coordinator.screenshot({ path: '/tmp/review-import-error-360.png', fullPage: true });

	await input.setInputFiles(file);
	await expect(coordinator.getByTestId('import-result')).toHaveText(
		`Przyjęto ${count}, scalono 0, odrzucono 0, już wcześniej przyjętych: 0.`
	);
	await expect(rowsOf(coordinator, 'Orlik', '05:20', '05:50')).toHaveCount(1);
	await expectNoSeriousViolations(coordinator, '/consultations import');
	await coordinator.screenshot({ path: '/tmp/review-import-360.png', fullPage: true });

	// The same file again: everything was already accepted, and the visit is still there once.
	await input.setInputFiles(file);
	await expect(coordinator.getByTestId('import-result')).toHaveText(
		`Przyjęto 0, scalono 0, odrzucono 0, już wcześniej przyjętych: ${count}.`
	);
	await coordinator.reload();
	await expect(rowsOf(coordinator, 'Orlik', '05:20', '05:50')).toHaveCount(1);
	await expect(rowsOf(coordinator, 'Orlik', '05:20', '05:50')).toContainText('0:30 h (0,5 h)');

	// A file whose card the server refuses: nothing accepted is not shown as done, and the refusal names the card
	// (its day, time and organisation) and the field at fault.
	const create = lifeboat.ops.find((op) => op.op === 'create' && op.entity === 'consultation')!;
	const brokenId = crypto.randomUUID();
	const broken = {
		...lifeboat,
		ops: [
			{
				...create,
				opId: crypto.randomUUID(),
				entityId: brokenId,
				fields: { ...create.fields, id: brokenId, durationMin: -45 }
			}
		]
	};
	await coordinator.getByText('Import zmian z pliku').click();
	await input.setInputFiles({
		name: 'zepsuty.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(broken))
	});
	await expect(coordinator.getByTestId('import-result')).toHaveText(
		'Przyjęto 0, scalono 0, odrzucono 1, już wcześniej przyjętych: 0.'
	);
	await expect(coordinator.getByTestId('import-status')).toContainText('Nie przyjęto żadnej zmiany');
	const refusal = coordinator.getByTestId('import-refusal');
	await expect(refusal).toContainText(/karta konsultacji z .+, 05:20–05:50 · .*Orlik/);
	await expect(refusal).toContainText('Czas:');
	await expectNoSeriousViolations(coordinator, '/consultations import refused');
	await coordinator.screenshot({ path: '/tmp/review-import-refused-360.png', fullPage: true });
	await coordinator.context().close();
});

test("a coordinator's note asking for a correction reaches the advisor's phone, and stays there offline", async ({
	page,
	context,
	browser
}) => {
	await advisorReady(page, 'Smaki Pomorza');
	await logVisit(page, 'Smaki Pomorza', '22:00', '22:40');
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer', { timeout: 30_000 });
	await expect(page.getByTestId('visit-flag')).toHaveCount(0);

	const coordinator = await coordinatorPage(browser);
	await coordinator.goto('/consultations');
	await rowsOf(coordinator, 'Smaki Pomorza', '22:00', '22:40').click();
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Karta konsultacji' })).toBeVisible();
	await coordinator.getByRole('button', { name: 'Oznacz z komentarzem' }).click();
	await coordinator.getByLabel('Komentarz dla doradcy').fill('Dopisz temat: księgowość');
	await coordinator.getByRole('button', { name: 'Oznacz kartę' }).click();
	await expect(coordinator.getByText('Karta oznaczona.')).toBeVisible();
	// Approving it now would also close the question: the button says so.
	await expect(coordinator.getByTestId('approve')).toHaveText('Zatwierdź i zdejmij oznaczenie');
	// The card is not signed: approving asks first, naming the missing signature; "Anuluj" leaves it as it was.
	await coordinator.getByTestId('approve').click();
	await expect(coordinator.getByTestId('approve-unsigned-question')).toContainText(
		'Organizacja nie podpisała tej karty'
	);
	await expect(coordinator.getByTestId('approve-unsigned-confirm')).toBeFocused();
	await coordinator.getByRole('button', { name: 'Anuluj' }).click();
	await expect(coordinator.getByTestId('approve')).toBeFocused();
	await coordinator.context().close();

	// The advisor's next sync (the app opened again) brings it: on Today, and on the card, with what to do.
	await page.goto('/today');
	const flagged = page.getByTestId('today-flagged');
	await expect(flagged).toContainText('Dopisz temat: księgowość', { timeout: 30_000 });
	await expectNoSeriousViolations(page, '/today (a flagged card)');
	await page.screenshot({ path: '/tmp/today-flagged-360.png', fullPage: true });
	await context.setOffline(true);
	await flagged.getByRole('link', { name: /Smaki Pomorza/ }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Karta wizyty' })).toBeVisible();
	const note = page.getByTestId('visit-flag');
	await expect(note).toContainText('Uwaga koordynatora');
	await expect(note).toContainText('„Dopisz temat: księgowość”');
	await expect(note).toContainText('Popraw kartę przyciskiem „Edytuj”');
	await expectNoSeriousViolations(page, '/visits/[id] (flagged)');
	await page.screenshot({ path: '/tmp/visit-flagged-360.png', fullPage: true });
	await context.setOffline(false);
});

test('a visit whose create the server refused can be sent again from its card, as it stands', async ({
	page
}) => {
	await advisorReady(page, 'Smaki Pomorza');
	// This once, the server refuses every operation of the push (as it did for a visit sent before its new
	// organisation): the answer a real server gives, with the reason in Polish.
	let refusedOnce = false;
	await page.route('**/api/sync/push', async (route) => {
		if (refusedOnce) return route.continue();
		refusedOnce = true;
		const request = route.request().postDataJSON() as { ops: { opId: string }[] };
		await route.fulfill({
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({
				results: request.ops.map((op) => ({
					opId: op.opId,
					status: 'refused',
					seq: null,
					receipt: null,
					code: 'invalid',
					message: 'Popraw zaznaczone pola.',
					fields: { organisationId: 'Wybierz organizację z listy albo dodaj nową.' },
					current: null
				}))
			})
		});
	});
	await logVisit(page, 'Smaki Pomorza', '03:00', '03:30');
	const refusal = page.getByTestId('record-refusal').first();
	await expect(refusal).toContainText('Organizacja: Wybierz organizację z listy', { timeout: 30_000 });
	await expect(page.getByTestId('sync-state')).not.toHaveText('przyjęte przez serwer');

	await refusal.getByTestId('resend').click();
	await expect(page.getByText('Karta czeka na wysłanie — z jej obecną treścią.')).toBeVisible();
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer', { timeout: 30_000 });
	await expect(page.getByTestId('record-refusal')).toHaveCount(0);
	await expect(page.getByTestId('receipt')).toBeVisible();
});
