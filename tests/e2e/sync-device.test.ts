import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
	completeVisit,
	DEMO_ACCOUNTS,
	DEMO_PASSWORD,
	expectFitsPhone,
	expectNoSeriousViolations,
	fillDemoVisit,
	lateInTheDay,
	newPhone,
	signIn,
	waitForServiceWorker
} from './fixtures';

const NOTES = 'Notatki: problem, udzielona porada, rekomendacje';

/** Signs in and waits until the device has its data (the demo organisations) and works offline. */
async function readyDevice(page: Page) {
	await lateInTheDay(page.context());
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await waitForServiceWorker(page);
	await page.goto('/log');
	await page.getByLabel('Szukaj: nazwa, miejscowość, NIP lub KRS').fill('Aktywni');
	await expect(page.getByRole('button', { name: /Aktywni Razem/ })).toBeVisible();
}

/** Logs and completes a visit (Warsaw wall clock, today); returns the visit's URL. */
async function logVisit(page: Page, start: string, end: string, notes: string): Promise<string> {
	await fillDemoVisit(page, { start, end, notes });
	await completeVisit(page);
	await expect(page).toHaveURL(/\/visits\/[^/]+$/);
	return page.url();
}

/** "Synchronizuj teraz" on the sync panel, until the server has everything. */
async function syncNow(page: Page) {
	await page.goto('/sync');
	await page.getByRole('button', { name: 'Synchronizuj teraz' }).click();
	await expect(page.getByTestId('sync-pending')).toHaveText('Wszystkie zmiany są na serwerze.');
	await expect(page.getByRole('button', { name: 'Synchronizuj teraz' })).toBeEnabled();
}

async function editNotes(page: Page, visitUrl: string, notes: string) {
	await page.goto(visitUrl.replace(/\/visits\/([^/?#]+)$/, '/log?id=$1'));
	await expect(page.getByRole('heading', { level: 1, name: 'Edycja wizyty' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Nowa wizyta' })).not.toHaveAttribute('aria-current', 'page');
	await page.getByLabel(NOTES).fill(notes);
	await expect(page.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
}

async function drawSignature(page: Page) {
	const pad = page.locator('canvas');
	// Below a notice (a restored name) the pad starts under the fold: the finger reaches it once it is in view.
	await pad.scrollIntoViewIfNeeded();
	const box = (await pad.boundingBox())!;
	await page.mouse.move(box.x + 30, box.y + box.height / 2);
	await page.mouse.down();
	for (let i = 1; i <= 12; i++) {
		await page.mouse.move(box.x + 30 + i * 18, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 3 });
	}
	await page.mouse.up();
}

function notesOf(page: Page) {
	return page.locator('.details dd.text').first();
}

test('a session that expires while offline loses nothing: signing in again sends the visit and shows its receipt', async ({
	page,
	context
}) => {
	await readyDevice(page);
	await context.setOffline(true);
	const visitUrl = await logVisit(page, '13:00', '14:00', 'Porada przy słabym zasięgu');
	await expect(page.getByTestId('sync-state')).toHaveText('tylko na tym telefonie');

	// The session ends while the phone is offline (expired, or ended on the server).
	await context.clearCookies();
	await context.setOffline(false);

	await expect(page.getByRole('alert')).toContainText('Sesja wygasła');
	// The change is still on the phone.
	await expect(page.getByRole('link', { name: /1 zmiana czeka/ })).toBeVisible();
	await expect(page.getByTestId('sync-state')).not.toHaveText('przyjęte przez serwer');

	await page.getByRole('button', { name: 'Zaloguj się ponownie' }).click();
	await expect(page).toHaveURL(/\/login\?next=/);
	// The sign-in page says whose changes wait here, and can save them to a file (the account may be gone).
	const unsent = page.getByTestId('unsent-on-device');
	await expect(unsent).toContainText('Na tym telefonie czeka 1 niewysłana zmiana');
	await expect(unsent).toContainText(`(${DEMO_ACCOUNTS.advisor.email})`);
	await expectNoSeriousViolations(page, '/login with unsent changes');
	const download = page.waitForEvent('download');
	await unsent.getByRole('button', { name: 'Zapisz niewysłane zmiany do pliku' }).click();
	const lifeboat = JSON.parse(await readFile((await (await download).path())!, 'utf8'));
	expect(lifeboat).toMatchObject({ format: 'doradca-outbox', ops: [expect.anything()] });
	await page.getByLabel('Adres e-mail').fill(DEMO_ACCOUNTS.advisor.email);
	await page.getByLabel('Hasło').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Zaloguj się' }).click();

	// Same user, same device database: the outbox is sent and the visit is accepted.
	await expect(page).toHaveURL(visitUrl);
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');
	await expect(page.getByTestId('receipt')).toHaveText(/^Potwierdzenie [0-9A-HJKMNP-TV-Z]{5}-.$/);
	await expect(notesOf(page)).toHaveText('Porada przy słabym zasięgu');
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('two phones edit the same note offline: both texts are kept, and combining them reaches both phones', async ({
	page,
	context,
	browser
}) => {
	const phoneA = page;
	await readyDevice(phoneA);
	const visitUrl = await logVisit(phoneA, '15:00', '16:00', 'Pierwsza wersja notatki');
	await syncNow(phoneA);

	const contextB = await newPhone(browser);
	try {
		const phoneB = await contextB.newPage();
		await readyDevice(phoneB);
		await syncNow(phoneB);
		await phoneB.goto(visitUrl);
		await expect(notesOf(phoneB)).toHaveText('Pierwsza wersja notatki');

		await context.setOffline(true);
		await contextB.setOffline(true);
		await editNotes(phoneA, visitUrl, 'Wersja z telefonu A');
		await editNotes(phoneB, visitUrl, 'Wersja z telefonu B');

		// A reaches the server first; B's text then meets A's and is kept beside it, not dropped.
		await context.setOffline(false);
		await phoneA.goto(visitUrl);
		await expect(phoneA.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');

		await contextB.setOffline(false);
		await phoneB.goto(visitUrl);
		await expect(phoneB.getByTestId('sync-conflict')).toHaveText('dwie wersje — wybierz');
		const conflict = phoneB.getByTestId('conflict-notes');
		await expect(conflict.getByTestId('conflict-current')).toHaveText('Wersja z telefonu A');
		await expect(conflict.getByTestId('conflict-other')).toHaveText('Wersja z telefonu B');
		await expectNoSeriousViolations(phoneB, 'visit with two versions');
		await phoneB.screenshot({ path: '/tmp/sync-conflict-360.png', fullPage: true });

		// Phone A sees the two versions too once it syncs.
		await syncNow(phoneA);
		await phoneA.goto(visitUrl);
		await expect(phoneA.getByTestId('sync-conflict')).toBeVisible();

		// Combined, the text opens for editing first: what repeats can go before it is saved.
		await conflict.getByRole('button', { name: 'Połącz obie' }).click();
		const combined = conflict.getByLabel('Połączony tekst');
		await expect(combined).toBeFocused();
		await expect(combined).toHaveValue('Wersja z telefonu A\n\nWersja z telefonu B');
		await expectNoSeriousViolations(phoneB, 'combining two versions');
		// Emptied by mistake, it is not saved: that would wipe both versions.
		await combined.fill('  ');
		await conflict.getByRole('button', { name: 'Zapisz połączony tekst' }).click();
		await expect(conflict.getByRole('alert')).toContainText('Połączony tekst jest pusty');
		await expect(combined).toBeFocused();
		// Back to the choice: the focus returns to "Połącz obie", which opens the combined text again.
		await conflict.getByRole('button', { name: 'Wróć do wyboru wersji' }).click();
		await expect(conflict.getByRole('button', { name: 'Połącz obie' })).toBeFocused();
		await conflict.getByRole('button', { name: 'Połącz obie' }).click();
		await combined.fill('Wersja z telefonu A\n\nWersja z telefonu B (sprawdzone)');
		await conflict.getByRole('button', { name: 'Zapisz połączony tekst' }).click();
		await expect(phoneB.getByText('Zapisano tekst na telefonie.')).toBeVisible();
		await expect(notesOf(phoneB)).toHaveText('Wersja z telefonu A\n\nWersja z telefonu B (sprawdzone)');
		await expect(phoneB.getByTestId('sync-conflict')).toHaveCount(0);
		await expect(phoneB.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');

		await syncNow(phoneA);
		await phoneA.goto(visitUrl);
		await expect(notesOf(phoneA)).toHaveText('Wersja z telefonu A\n\nWersja z telefonu B (sprawdzone)');
		await expect(phoneA.getByTestId('sync-conflict')).toHaveCount(0);
		await expect(phoneA.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');
	} finally {
		await contextB.close();
	}
});

test('an edit of a card signed meanwhile on another phone is refused with the reason, and becomes an amendment', async ({
	page,
	browser
}) => {
	const phoneA = page;
	await readyDevice(phoneA);
	const visitUrl = await logVisit(phoneA, '17:00', '18:00', 'Notatka przed podpisem');
	await syncNow(phoneA);

	const contextB = await newPhone(browser);
	try {
		const phoneB = await contextB.newPage();
		await readyDevice(phoneB);
		await syncNow(phoneB);
		await contextB.setOffline(true);
		await editNotes(phoneB, visitUrl, 'Dopisek po podpisie');

		// Meanwhile the representative signs on phone A: the card is evidence now.
		await phoneA.goto(visitUrl);
		await phoneA.getByRole('link', { name: 'Podpis przedstawiciela' }).click();
		await drawSignature(phoneA);
		await phoneA.getByLabel('Imię i nazwisko podpisującego (drukowanymi)').fill('Maria Prezes');
		await phoneA.getByRole('button', { name: 'Zatwierdź podpis' }).click();
		await expect(phoneA.getByText(/Podpisał\(a\) Maria Prezes/)).toBeVisible();
		await syncNow(phoneA);

		// Phone B's edit reaches a signed card: refused, with why and what to do.
		await contextB.setOffline(false);
		await phoneB.goto(visitUrl);
		await expect(phoneB.getByTestId('sync-refused')).toHaveText('zmiana odrzucona');
		await expect(phoneB.getByTestId('record-refusal')).toContainText('Karta została już podpisana');
		await expect(notesOf(phoneB)).toHaveText('Notatka przed podpisem');
		await expectNoSeriousViolations(phoneB, 'visit with a refused change');
		await phoneB.screenshot({ path: '/tmp/sync-refused-360.png', fullPage: true });

		await phoneB.getByTestId('record-refusal').getByRole('link', { name: 'Zamień na poprawkę' }).click();
		await expect(phoneB).toHaveURL(/\/amend\?refusal=/);
		await expect(phoneB.getByTestId('amend-source')).toBeVisible();
		await expect(phoneB.getByLabel(NOTES)).toHaveValue('Dopisek po podpisie');
		await phoneB.getByLabel('Powód poprawki').fill('Dopisek z wizyty, wpisany przed podpisem');
		await phoneB.getByRole('button', { name: 'Zapisz poprawkę' }).click();

		await expect(phoneB).toHaveURL(visitUrl);
		await expect(notesOf(phoneB)).toHaveText('Dopisek po podpisie');
		await expect(phoneB.getByTestId('sync-refused')).toHaveCount(0);
		await expect(phoneB.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');
		await expect(phoneB.getByText('Dopisek z wizyty, wpisany przed podpisem')).toBeVisible();
	} finally {
		await contextB.close();
	}

	// A third phone, just signed in, opens the amendment form first: the card comes with the first pull, and the
	// form follows it there instead of waiting for good.
	const contextC = await newPhone(browser);
	try {
		const phoneC = await contextC.newPage();
		// A slower line: the pull is still under way when the form opens.
		await contextC.route('**/api/sync/pull**', async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 2000));
			await route.continue();
		});
		await signIn(phoneC, DEMO_ACCOUNTS.advisor.email);
		// Signed in (a navigation before the answer would cancel the sign-in itself).
		await expect(phoneC).toHaveURL('/today');
		await phoneC.goto(`${visitUrl}/amend`);
		await expect(phoneC.getByLabel(NOTES)).toHaveValue('Dopisek po podpisie', { timeout: 15_000 });
		await expect(phoneC.getByLabel('Powód poprawki')).toBeVisible();
	} finally {
		await contextC.close();
	}
});

test('a signature given on an older version is restored from the card only after saying which newer values it replaces', async ({
	page,
	browser
}) => {
	const phoneA = page;
	await readyDevice(phoneA);
	await fillDemoVisit(phoneA, { start: '20:00', end: '21:00', notes: 'Notatka do podpisu' });
	await phoneA.getByLabel('Dalsze kroki', { exact: true }).fill('Wysłać wzór statutu.');
	await expect(phoneA.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
	await completeVisit(phoneA);
	const visitUrl = phoneA.url();
	await syncNow(phoneA);

	const contextB = await newPhone(browser);
	try {
		const phoneB = await contextB.newPage();
		await readyDevice(phoneB);
		await syncNow(phoneB);

		// Phone B, offline, has the representative sign the card as both phones had it.
		await contextB.setOffline(true);
		await phoneB.goto(`${visitUrl}/sign`);
		const signerName = phoneB.getByLabel('Imię i nazwisko podpisującego (drukowanymi)');
		await signerName.fill('Maria Prezes');
		// Only the name so far: that is what is kept, and what a reload says it brought back — the pad is empty.
		await expect(phoneB.getByTestId('draft-state')).toHaveText(
			'Nazwisko jest zachowane na tym telefonie — także po odświeżeniu strony.'
		);
		await phoneB.reload();
		await expect(phoneB.getByText(/Przywrócono nazwisko wpisane tu wcześniej/)).toBeVisible();
		await expect(phoneB.getByText(/Przywrócono podpis/)).toHaveCount(0);
		await expect(signerName).toHaveValue('Maria Prezes');
		await expect(phoneB.getByText('Podpisz tutaj palcem')).toBeVisible();
		await drawSignature(phoneB);
		await phoneB.getByRole('button', { name: 'Zatwierdź podpis' }).click();
		await expect(phoneB.getByText(/Podpisał\(a\) Maria Prezes/)).toBeVisible();

		// Meanwhile phone A moves the visit a quarter later (the form keeps its length) and adds a sentence to the next steps, and the server has that first.
		await phoneA.goto(visitUrl.replace(/\/visits\/([^/?#]+)$/, '/log?id=$1'));
		await expect(phoneA.getByRole('heading', { level: 1, name: 'Edycja wizyty' })).toBeVisible();
		await phoneA.getByLabel('Początek').fill('20:15');
		await phoneA.getByLabel('Dalsze kroki', { exact: true }).fill('Wysłać wzór statutu. Zadzwonić w piątek.');
		await expect(phoneA.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
		await syncNow(phoneA);

		// B's signature is refused: it vouches for the older version. The sync panel names what restoring replaces.
		await contextB.setOffline(false);
		await phoneB.goto('/sync');
		await phoneB.getByRole('button', { name: 'Synchronizuj teraz' }).click();
		const listed = phoneB.getByTestId('refusal');
		await expect(listed).toContainText('Podpisu nie zapisano');
		const changes = listed.getByTestId('signed-changes');
		await expect(changes).toContainText('Początek: 20:15 → 20:00');
		await expect(changes).toContainText(
			'Dalsze kroki: Wysłać wzór statutu. Zadzwonić w piątek. → Wysłać wzór statutu.'
		);
		await expect(listed.getByTestId('refused-text')).toHaveCount(0);
		await expectNoSeriousViolations(phoneB, 'sync panel with a signature of another version');

		// The card offers the same: restore the signed version, and dismissing asks first — it holds the signature.
		await listed.getByRole('link', { name: 'Otwórz kartę' }).click();
		await expect(phoneB).toHaveURL(visitUrl);
		const refusal = phoneB.getByTestId('record-refusal');
		await expect(refusal).toContainText('Podpisu nie zapisano');
		await expect(phoneB.getByText(/20:15–21:15/)).toBeVisible();
		await expect(refusal.getByTestId('signed-changes')).toContainText('Początek: 20:15 → 20:00');
		await refusal.getByRole('button', { name: 'Rozumiem, usuń z listy' }).click();
		await expect(refusal).toContainText('Podpis przedstawiciela i podpisana wersja karty są tylko tutaj');
		await refusal.getByRole('button', { name: 'Anuluj' }).click();
		await expect(refusal.getByRole('button', { name: 'Rozumiem, usuń z listy' })).toBeFocused();

		// Restoring asks too, naming each value of the card it replaces.
		await refusal.getByTestId('restore-signed').click();
		const question = refusal.getByTestId('restore-signed-question');
		await expect(question).toContainText('Przywrócić podpisaną wersję?');
		await expect(question).toContainText('Początek: 20:15 → 20:00');
		await expect(question).toContainText('Koniec: 21:15 → 21:00');
		await expect(question).toContainText(
			'Dalsze kroki: Wysłać wzór statutu. Zadzwonić w piątek. → Wysłać wzór statutu.'
		);
		const confirm = question.getByRole('button', { name: 'Tak, przywróć podpisaną wersję' });
		await expect(confirm).toBeFocused();
		await expectNoSeriousViolations(phoneB, 'card asking to restore the signed version');
		await expectFitsPhone(phoneB, 'card asking to restore the signed version');
		await phoneB.screenshot({ path: '/tmp/sync-restore-signed-360.png', fullPage: true });
		await question.getByRole('button', { name: 'Anuluj' }).click();
		await expect(refusal.getByTestId('restore-signed')).toBeFocused();
		await expect(phoneB.getByText(/20:15–21:15/)).toBeVisible();

		await refusal.getByTestId('restore-signed').click();
		await confirm.click();
		await expect(phoneB.getByText('Przywrócono podpisaną wersję karty z podpisem.')).toBeVisible();
		await expect(phoneB.getByTestId('record-refusal')).toHaveCount(0);
		await expect(phoneB.getByText(/20:00–21:00/)).toBeVisible();
		await expect(phoneB.locator('.details dd.text').nth(1)).toHaveText('Wysłać wzór statutu.');
		await expect(phoneB.getByText(/Podpisał\(a\) Maria Prezes/)).toBeVisible();

		// Sent, the signed version is the card everywhere.
		await syncNow(phoneB);
		await phoneB.goto(visitUrl);
		await expect(phoneB.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');
		await syncNow(phoneA);
		await phoneA.goto(visitUrl);
		await expect(phoneA.getByText(/20:00–21:00/)).toBeVisible();
		await expect(phoneA.getByText(/Podpisał\(a\) Maria Prezes/)).toBeVisible();
	} finally {
		await contextB.close();
	}
});

test('a correction the server refuses leaves the card as the server holds it, and is made again from its refusal', async ({
	page,
	context
}) => {
	await readyDevice(page);
	const visitUrl = await logVisit(page, '19:00', '20:00', 'Notatka podpisana');
	await page.getByRole('link', { name: 'Podpis przedstawiciela' }).click();
	await drawSignature(page);
	await page.getByLabel('Imię i nazwisko podpisującego (drukowanymi)').fill('Maria Prezes');
	await page.getByRole('button', { name: 'Zatwierdź podpis' }).click();
	await expect(page.getByText(/Podpisał\(a\) Maria Prezes/)).toBeVisible();
	await syncNow(page);

	// Offline, the card is corrected; on the way the correction also names an organisation the server no longer
	// offers (as when the coordinator rejected it meanwhile), so the server refuses it for its values.
	await context.setOffline(true);
	await page.goto(`${visitUrl}/amend`);
	await page.getByLabel(NOTES).fill('Notatka poprawiona');
	await page.getByLabel('Powód poprawki').fill('Literówka w notatce');
	await page.getByRole('button', { name: 'Zapisz poprawkę' }).click();
	await expect(notesOf(page)).toHaveText('Notatka poprawiona');
	let tampered = 0;
	await context.route('**/api/sync/push', async (route) => {
		const body = JSON.parse(route.request().postData()!);
		for (const op of body.ops) {
			if (op.entity !== 'amendment') continue;
			op.fields.changes.organisationId = { before: null, after: '0190ffff-0000-7000-8000-000000000001' };
			tampered += 1;
		}
		await route.continue({ postData: JSON.stringify(body) });
	});
	await context.setOffline(false);
	await page.goto('/sync');
	await page.getByRole('button', { name: 'Synchronizuj teraz' }).click();
	await expect(page.getByTestId('sync-pending')).toHaveText(/serwer nie przyjął części zmian/);
	// (Sent once, or again by a sync the returning signal started meanwhile: answered the same way.)
	expect(tampered).toBeGreaterThanOrEqual(1);
	await context.unroute('**/api/sync/push');

	await page.goto(visitUrl);
	const refusal = page.getByTestId('record-refusal');
	await expect(refusal).toContainText('Organizacja');
	// The card says what the server holds, not a correction that never happened.
	await expect(notesOf(page)).toHaveText('Notatka podpisana');
	await expect(page.getByText('Literówka w notatce')).toHaveCount(0);
	await expectNoSeriousViolations(page, 'visit with a refused correction');
	await page.screenshot({ path: '/tmp/sync-refused-correction-360.png', fullPage: true });

	await refusal.getByRole('link', { name: 'Wprowadź poprawkę jeszcze raz' }).click();
	await expect(page.getByTestId('amend-source')).toContainText('Wartości i powód odrzuconej poprawki');
	await expect(page.getByLabel(NOTES)).toHaveValue('Notatka poprawiona');
	await expect(page.getByLabel('Powód poprawki')).toHaveValue('Literówka w notatce');
	await page.screenshot({ path: '/tmp/sync-refused-correction-amend-360.png' });
	await page.getByRole('button', { name: 'Zapisz poprawkę' }).click();
	await expect(page).toHaveURL(visitUrl);
	await syncNow(page);
	await page.goto(visitUrl);
	await expect(page.getByTestId('record-refusal')).toHaveCount(0);
	await expect(notesOf(page)).toHaveText('Notatka poprawiona');
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer');
	await expect(page.getByText('Literówka w notatce')).toBeVisible();
});

test('signing out with unsent changes asks first, then deletes this account’s data from the phone', async ({
	page,
	context
}) => {
	await readyDevice(page);
	// The server cannot be reached for sync, but the sign-out request can: the change stays unsent.
	await context.route('**/api/sync/**', (route) => route.abort('internetdisconnected'));
	await page.goto('/log');
	await page.getByLabel(NOTES).fill('Szkic, który jeszcze nie dotarł na serwer');
	await expect(page.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
	const draftId = new URL(page.url()).searchParams.get('id');
	const userId = await page.evaluate(
		() => (JSON.parse(localStorage.getItem('doradca.identity') ?? '{}') as { userId: string }).userId
	);

	// A refused change, as the server would leave it, so the panel shows its whole content.
	await page.evaluate(
		async ({ userId, draftId }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(`doradca-${userId}`);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			await new Promise<void>((resolve, reject) => {
				const tx = db.transaction('refusals', 'readwrite');
				tx.objectStore('refusals').put({
					opId: '0190a000-0000-7000-8000-0000000000e2',
					entity: 'consultation',
					entityId: draftId,
					op: 'update',
					fields: { notes: 'Zmiana po podpisie' },
					code: 'record_locked',
					message: '',
					fieldMessages: {},
					at: new Date().toISOString()
				});
				tx.oncomplete = () => resolve();
				tx.onerror = () => reject(tx.error);
			});
			db.close();
		},
		{ userId, draftId }
	);

	await page.getByRole('link', { name: /1 zmiana czeka/ }).click();
	await expect(page).toHaveURL('/sync');
	await expect(page.getByRole('heading', { level: 1, name: 'Synchronizacja' })).toBeVisible();
	// Its parts are named apart from the page: a screen reader does not hear "Synchronizacja" twice.
	await expect(page.getByRole('heading', { name: 'Synchronizacja', exact: true })).toHaveCount(1);
	await expect(page.getByRole('heading', { level: 2, name: 'Stan synchronizacji' })).toHaveCount(1);
	await expect(page.getByTestId('sync-pending')).toHaveText('Zmiany czekające na wysłanie: 1.');
	await expect(page.getByTestId('refusal')).toContainText('Karta została już podpisana');
	await expect(page.getByRole('button', { name: 'Zapisz niewysłane zmiany do pliku' })).toBeEnabled();
	await expectNoSeriousViolations(page, 'sync panel');
	await page.screenshot({ path: '/tmp/sync-panel-360.png', fullPage: true });

	// The lifeboat file downloads with every waiting change.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Zapisz niewysłane zmiany do pliku' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^doradca-zmiany-\d{4}-\d{2}-\d{2}\.json$/);
	const content = JSON.parse(await readFile(await file.path(), 'utf8'));
	expect(content).toMatchObject({ format: 'doradca-outbox', version: 1, userId });
	expect(content.ops).toHaveLength(1);

	// The refused edit's values exist only here: removing it from the list is asked first.
	await page.getByRole('button', { name: 'Rozumiem, usuń z listy' }).click();
	await page.getByRole('button', { name: 'Tak, usuń odrzucone zmiany' }).click();
	await expect(page.getByText('Brak odrzuconych zmian.')).toBeVisible();

	await page.goto('/account');
	await expect(page.getByText('Wylogowanie usuwa dane tego konta z telefonu.')).toBeVisible();
	await page.getByRole('button', { name: 'Wyloguj się' }).click();
	await expect(page.getByText('Na tym telefonie są niewysłane zmiany (1).')).toBeVisible();
	const confirm = page.getByRole('button', { name: 'Wyloguj i usuń niewysłane zmiany' });
	await expect(confirm).toBeFocused();
	await expectNoSeriousViolations(page, 'sign-out warning');
	await page.getByRole('button', { name: 'Anuluj' }).click();
	await expect(page).toHaveURL('/account');

	await page.getByRole('button', { name: 'Wyloguj się' }).click();
	await confirm.click();
	await expect(page).toHaveURL('/login');
	await expect
		.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
		.not.toContain(`doradca-${userId}`);
	await context.unroute('**/api/sync/**');
});

test('a draft deleted on one phone while another edits it offline comes back from the refusal as a new draft', async ({
	page,
	browser
}) => {
	const phoneA = page;
	await readyDevice(phoneA);
	await fillDemoVisit(phoneA, { start: '05:10', end: '05:40', notes: 'Szkic z telefonu A' });
	await syncNow(phoneA);
	await phoneA.goto('/today');
	const draftLink = phoneA.getByTestId('today-unfinished').getByRole('link', { name: /05:10–05:40/ });
	const draftUrl = (await draftLink.getAttribute('href'))!;
	expect(draftUrl).toMatch(/\/log\?id=/);

	const contextB = await newPhone(browser);
	try {
		const phoneB = await contextB.newPage();
		await readyDevice(phoneB);
		await syncNow(phoneB);
		await contextB.setOffline(true);
		await phoneB.goto(draftUrl);
		await phoneB.getByLabel(NOTES).fill('Długi dopisek z telefonu B, którego nie ma nigdzie indziej');
		await expect(phoneB.getByTestId('saved-state')).toContainText('Zapisano na telefonie');

		// Meanwhile phone A deletes the draft, and the server has that first.
		await phoneA.goto(draftUrl);
		await phoneA.getByRole('button', { name: 'Usuń szkic' }).click();
		await phoneA.getByRole('button', { name: 'Usuń szkic' }).click();
		await expect(phoneA).toHaveURL('/today');
		await syncNow(phoneA);

		// Phone B's edit is refused; its text is shown with the refusal and is not dropped with one tap.
		await contextB.setOffline(false);
		await phoneB.goto('/sync');
		await phoneB.getByRole('button', { name: 'Synchronizuj teraz' }).click();
		const refusal = phoneB.getByTestId('refusal');
		await expect(refusal).toContainText('Ta karta została usunięta na innym urządzeniu.');
		await expect(refusal.getByTestId('refused-text').first()).toHaveText(
			'Długi dopisek z telefonu B, którego nie ma nigdzie indziej'
		);
		await refusal.getByRole('button', { name: 'Rozumiem, usuń z listy' }).click();
		await expect(refusal).toContainText('Po usunięciu z listy nie będzie ich nigdzie');
		await refusal.getByRole('button', { name: 'Anuluj' }).click();
		await expectNoSeriousViolations(phoneB, 'sync panel with a card deleted elsewhere');
		await refusal.screenshot({ path: '/tmp/sync-refusal-deleted-360.png' });

		await refusal.getByRole('button', { name: 'Przywróć jako nowy szkic' }).click();
		await expect(phoneB).toHaveURL(/\/visits\/[^/]+$/);
		expect(phoneB.url()).not.toContain(draftUrl.split('=')[1]!);
		await expect(notesOf(phoneB)).toHaveText('Długi dopisek z telefonu B, którego nie ma nigdzie indziej');
		await expect(phoneB.getByText(/05:10–05:40/)).toBeVisible();
		await syncNow(phoneB);
		await expect(phoneB.getByTestId('refusal')).toHaveCount(0);
	} finally {
		await contextB.close();
	}
});
