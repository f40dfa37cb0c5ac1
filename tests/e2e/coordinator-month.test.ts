/**
 * The coordinator's month (issue 5): an advisor's visit in a past month reaches the coordinator's dashboard, is
 * approved, the month is closed, and the PDF and CSV statements total exactly what the dashboard shows; the
 * dashboard still works offline. Uses a month two months back, which no other test writes in.
 */
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
	completeVisit,
	DEMO_ACCOUNTS,
	expectNoSeriousViolations,
	signIn,
	waitForServiceWorker
} from './fixtures';

const SEARCH = 'Szukaj: nazwa, miejscowość, NIP lub KRS';

/** 'YYYY-MM' of Warsaw's today, shifted by whole months. */
function warsawMonth(shift: number): string {
	const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
	const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + shift;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

async function pdfText(bytes: Buffer): Promise<string> {
	const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const pages: string[] = [];
	for (let i = 1; i <= pdf.numPages; i++) {
		const content = await (await pdf.getPage(i)).getTextContent();
		pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
	}
	await pdf.destroy();
	return pages.join('\n').replace(/[ \t]+/g, ' ');
}

/** On the visit form with its date set: Aktywni Razem, the times, a topic, notes; completed and accepted. */
async function logAndSend(page: Page, start: string, end: string) {
	await page.getByLabel(SEARCH).fill('Aktywni');
	await page
		.getByRole('button', { name: /Aktywni/ })
		.first()
		.click();
	await page.getByLabel('Początek').fill(start);
	await page.getByLabel('Koniec').fill(end);
	await page.getByLabel('Wolontariat').check();
	await page
		.getByLabel('Notatki: problem, udzielona porada, rekomendacje')
		.fill('Porada z przeszłego miesiąca');
	await expect(page.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
	await completeVisit(page);
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer', { timeout: 30_000 });
}

test('a past month: dashboard, approval, closing and statements that add up to the minute', async ({
	page,
	context,
	browser
}) => {
	const month = warsawMonth(-2);
	const date = `${month}-14`;

	// The advisor logs a 1:45 visit on a day two months back and it is sent.
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await page.goto('/log');
	await expect(page.getByRole('heading', { level: 1, name: 'Nowa wizyta' })).toBeVisible();
	await page.getByLabel('Data', { exact: true }).fill(date);
	await logAndSend(page, '10:00', '11:45');
	await context.close();

	// The coordinator's dashboard, computed on the device, shows it once the sync has pulled it.
	const coordinatorContext = await browser.newContext();
	const coordinator = await coordinatorContext.newPage();
	await signIn(coordinator, DEMO_ACCOUNTS.coordinator.email);
	await expect(coordinator).toHaveURL('/dashboard');
	await waitForServiceWorker(coordinator);
	await coordinator.goto(`/dashboard?month=${month}`);
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Pulpit' })).toBeVisible();
	const done = coordinator.getByTestId('dash-done');
	await expect(done).toContainText('1:45 h', { timeout: 30_000 });
	await expect(coordinator.getByTestId('dash-status-completed')).toHaveText('1:45 h');
	await expect(coordinator.getByTestId('month-chart')).toBeVisible();
	await expect(coordinator.getByTestId('dash-advisor').filter({ hasText: 'Damian Doradca' })).toContainText(
		'1:45 h'
	);
	// The month is over: its outcome, no pace or forecast.
	await expect(coordinator.getByTestId('dash-outcome')).toContainText('cel nieosiągnięty — zabrakło');
	await expect(coordinator.getByTestId('dash-forecast')).toHaveCount(0);
	await expect(coordinator.getByTestId('dash-pace')).toHaveCount(0);
	// Topic hours are a share of each visit; the list behind one shows whole visits, and the screen says so.
	await expect(coordinator.getByTestId('dash-topic-split')).toContainText('po równo');
	await expectNoSeriousViolations(coordinator, '/dashboard');
	await coordinator.screenshot({ path: '/tmp/shots/dashboard-360.png', fullPage: true });

	// The figure links to the list behind it: the one visit.
	await coordinator.getByTestId('dash-status-completed').click();
	await expect(coordinator).toHaveURL(/\/consultations\?.*status=completed/);
	const rows = coordinator.getByTestId('review-row');
	await expect(rows).toHaveCount(1);
	await expect(rows).toContainText('1:45 h');

	// Approve it from the list (select, approve selected); the sync brings the new state back.
	await coordinator.goto(`/consultations?month=${month}`);
	await coordinator.getByTestId('select-row').check();
	// The card was not signed by the organisation: approving it so is allowed, and said before the tap.
	await expect(coordinator.getByTestId('approve-unsigned')).toHaveText(
		'W tym 1 karta bez podpisu organizacji — zostanie zatwierdzona bez niego.'
	);
	await coordinator.getByTestId('approve-selected').click();
	await expect(coordinator.getByTestId('approve-result')).toHaveText('Zatwierdzono 1 konsultację.');
	await expect(rows.filter({ hasText: 'Aktywni' })).toContainText('zatwierdzona', { timeout: 30_000 });

	// The card: approved, its audit trail, an axe check.
	await rows.filter({ hasText: 'Aktywni' }).click();
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Karta konsultacji' })).toBeVisible();
	await expect(coordinator.getByTestId('approved-by')).toContainText('Katarzyna Koordynatorka');
	await expect(coordinator.getByTestId('audit-trail')).toContainText('zatwierdzenie');
	await expect(coordinator.getByTestId('card-pdf')).toBeVisible();
	await expectNoSeriousViolations(coordinator, '/consultations/[id]');
	await coordinator.screenshot({ path: '/tmp/shots/card-360.png', fullPage: true });

	// Close the month: nothing is left open, so it closes after one confirmation.
	await coordinator.goto(`/consultations?month=${month}`);
	const panel = coordinator.getByTestId('month-close');
	// Below the whole list on a phone: the link at the top leads there.
	await coordinator
		.getByRole('navigation', { name: 'Na dole strony' })
		.getByRole('link', { name: 'Zamknięcie miesiąca' })
		.click();
	await expect(panel).toBeInViewport();
	await panel.getByRole('button', { name: 'Zamknij miesiąc' }).click();
	await expect(panel).toContainText(/Zamknąć [a-ząćęłńóśźż]+ \d{4}\?/);
	await panel.getByTestId('month-close-confirm').click();
	await expect(panel.getByTestId('month-state')).toContainText('Miesiąc zamknięty');
	await expect(panel.getByRole('button', { name: 'Otwórz ponownie' })).toBeVisible();
	await coordinator.screenshot({ path: '/tmp/shots/consultations-closed-360.png', fullPage: true });
	// Seen again later, the closed month still says who closed it.
	await coordinator.reload();
	await expect(panel.getByTestId('month-state')).toContainText('Osoba zamykająca: Katarzyna Koordynatorka', {
		timeout: 30_000
	});
	// Flagging a card of the closed month says the advisor's correction will come back as a late change.
	await rows.filter({ hasText: 'Aktywni' }).click();
	await coordinator.getByRole('button', { name: 'Oznacz z komentarzem' }).click();
	await expect(coordinator.getByTestId('flag-closed-month')).toContainText('spóźniona zmiana');
	await coordinator.getByRole('button', { name: 'Anuluj' }).click();
	await coordinator.goto(`/consultations?month=${month}`);

	// The statements the funder gets add up to the dashboard's figure: 1:45 = 105 minutes.
	const csvHref = await coordinator.getByTestId('export-csv').getAttribute('href');
	const pdfHref = await coordinator.getByTestId('export-pdf').getAttribute('href');
	expect(csvHref).toContain(`month=${month}`);
	const csv = await coordinator.request.get(csvHref!);
	expect(csv.status()).toBe(200);
	const records = parse(await csv.body(), { bom: true, delimiter: ';' }) as string[][];
	const header = records.find((r) => r.includes('Minuty')) ?? [];
	const minutesColumn = header.indexOf('Minuty');
	const totals = records.find((r) => r.includes('Razem'));
	expect(totals?.[minutesColumn]).toBe('105');
	const pdf = await coordinator.request.get(pdfHref!);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toContain('application/pdf');
	expect(await pdfText(await pdf.body())).toContain('Razem: 1:45 (1,75 h)');

	// Offline, the dashboard is computed from the device's copy: the same figure.
	await coordinatorContext.setOffline(true);
	await coordinator.goto(`/dashboard?month=${month}`);
	await expect(coordinator.getByTestId('dash-done')).toContainText('1:45 h');
	await coordinatorContext.setOffline(false);

	// Quotas: the screen and its axe check.
	await coordinator.goto(`/quotas?month=${month}`);
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Limity godzin' })).toBeVisible();
	// The project period in words ("czerwiec 2026 – marzec 2027"), not as 2026-06.
	await expect(coordinator.getByTestId('project-period')).toHaveText(
		/: [a-ząćęłńóśźż]+ \d{4} – [a-ząćęłńóśźż]+ \d{4}$/
	);
	// The month is closed: its targets stay as they were reported, and the screen says so and how to change them.
	const centreField = coordinator.getByLabel('Cel centrum');
	await expect(coordinator.getByTestId(/^quota-closed-/)).toContainText(
		/Miesiąc zamknięty w tym centrum \([a-ząćęłńóśźż]+ \d{4}\)/
	);
	await expect(centreField).toBeDisabled();
	await expect(coordinator.getByTestId(/^quota-centre-/)).toContainText('jak w dniu zamknięcia miesiąca');
	await coordinator.screenshot({ path: '/tmp/shots/quotas-closed-360.png', fullPage: true });
	// The next month is open; a typo is explained in Polish next to the field.
	await coordinator.goto(`/quotas?month=${warsawMonth(-1)}`);
	await expect(coordinator.getByTestId(/^quota-closed-/)).toHaveCount(0);
	await centreField.fill('-5');
	await coordinator
		.getByTestId(/^quota-centre-/)
		.getByRole('button', { name: 'Zapisz' })
		.click();
	await expect(coordinator.getByText('Podaj liczbę godzin (0 lub więcej)')).toBeVisible();
	await centreField.fill('25,5');
	await coordinator
		.getByTestId(/^quota-centre-/)
		.getByRole('button', { name: 'Zapisz' })
		.click();
	await expect(coordinator.getByTestId(/^quota-centre-/)).toContainText('25:30 h');
	await expect(coordinator.getByTestId('quota-history')).toContainText('25:30 h');
	await expect(coordinator.getByTestId(/^quota-gap-/)).toHaveCount(0);
	// An advisor's own target that leaves the centre's short is pointed out beside the targets.
	await coordinator.getByLabel('Cel: Damian Doradca').fill('20');
	await coordinator
		.getByTestId(/^quota-advisor-/)
		.getByRole('button', { name: 'Zapisz' })
		.click();
	await expect(coordinator.getByTestId(/^quota-gap-/)).toHaveText(
		'Cele doradców razem: 20:00 h — o 5:30 h mniej niż cel centrum.'
	);
	await expectNoSeriousViolations(coordinator, '/quotas');
	await coordinator.screenshot({ path: '/tmp/shots/quotas-360.png', fullPage: true });
	// Offline the screen says it needs the server, and does not claim the history is empty.
	await coordinatorContext.setOffline(true);
	await coordinator.reload();
	await expect(coordinator.getByTestId('quota-offline')).toBeVisible();
	await expect(coordinator.getByTestId('quota-history-unknown')).toContainText('połącz się z internetem');
	await coordinatorContext.setOffline(false);
	await coordinatorContext.close();

	// The advisor again: a visit logged in the closed month is told so on the form, and once sent it waits for
	// approval on the month screen instead of vanishing from its figures.
	const advisorContext = await browser.newContext();
	const advisor = await advisorContext.newPage();
	await signIn(advisor, DEMO_ACCOUNTS.advisor.email);
	await expect(advisor).toHaveURL('/today');
	await advisor.goto('/log');
	await advisor.getByLabel('Data', { exact: true }).fill(`${month}-20`);
	await expect(advisor.getByTestId('form-closed-month')).toContainText(
		/^Miesiąc [a-ząćęłńóśźż]+ \d{4} jest już zamknięty dla Twojego centrum/
	);
	await logAndSend(advisor, '12:00', '12:30');
	await expect(advisor.getByTestId('visit-late')).toBeVisible();
	await advisor.goto('/month');
	await advisor.getByRole('button', { name: 'Poprzedni miesiąc' }).click();
	await advisor.getByRole('button', { name: 'Poprzedni miesiąc' }).click();
	await expect(advisor.getByTestId('month-awaiting')).toContainText(
		'1 karta zmieniona po zamknięciu miesiąca czeka na zatwierdzenie koordynatora (0:30 h według zmian)'
	);
	await expect(advisor.getByTestId('month-total')).toContainText('1:45 h');
	await expectNoSeriousViolations(advisor, '/month (awaiting approval)');
	await advisorContext.close();

	// The coordinator choosing it for approval is told it would change the closed month's statement.
	const reviewContext = await browser.newContext();
	const review = await reviewContext.newPage();
	await signIn(review, DEMO_ACCOUNTS.coordinator.email);
	await expect(review).toHaveURL('/dashboard');
	await review.goto(`/consultations?month=${month}`);
	const lateRow = review.getByTestId('review-row').filter({ hasText: /12:00.12:30/ });
	await expect(lateRow).toHaveCount(1, { timeout: 30_000 });
	await review.locator('li').filter({ has: lateRow }).getByTestId('select-row').check();
	await expect(review.getByTestId('approve-late')).toHaveText(
		'W tym 1 zmiana, która dotarła po zamknięciu miesiąca — po zatwierdzeniu zmieni zamknięte zestawienie.'
	);
	await reviewContext.close();
});
