/**
 * The coordinator's list keeps its filters in its address, and the screen always shows what the address says: after
 * the browser's Back and Forward from a card, after a reload, after the card's own "back" link, and after a link to
 * another of the list's addresses. Filters set on the screen (not arriving from a dashboard link) were lost on Back
 * while the address still had them. A flag's note is named in the card's audit trail, not by its key. Uses a month
 * four back, which no other test writes in.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS, logVolunteeringVisit, signIn } from './fixtures';

/** 'YYYY-MM' of Warsaw's today, shifted by whole months. */
function warsawMonth(shift: number): string {
	const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Warsaw' });
	const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + shift;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A finished visit on the given day, sent and accepted. */
async function logVisit(page: Page, date: string, organisation: string, start: string, end: string) {
	await page.goto('/log');
	await expect(page.getByRole('heading', { level: 1, name: 'Nowa wizyta' })).toBeVisible();
	await logVolunteeringVisit(page, { date, organisation, start, end });
	await expect(page.getByTestId('sync-state')).toHaveText('przyjęte przez serwer', { timeout: 30_000 });
}

test('the list shows what its address says after Back, Forward, a reload and a link; the audit names the note', async ({
	page,
	context,
	browser
}) => {
	const month = warsawMonth(-4);
	await signIn(page, DEMO_ACCOUNTS.advisor.email);
	await expect(page).toHaveURL('/today');
	await logVisit(page, `${month}-10`, 'Orlik', '09:00', '10:00');
	await logVisit(page, `${month}-11`, 'Horyzont', '11:00', '12:00');
	await context.close();

	const coordinatorContext = await browser.newContext();
	const coordinator = await coordinatorContext.newPage();
	await signIn(coordinator, DEMO_ACCOUNTS.coordinator.email);
	await expect(coordinator).toHaveURL('/dashboard');
	await coordinator.goto('/consultations');
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Konsultacje' })).toBeVisible();
	// The month chosen on the screen, four times back: the address follows.
	for (let i = 0; i < 4; i++) await coordinator.getByRole('button', { name: 'Poprzedni miesiąc' }).click();
	await expect(coordinator).toHaveURL(`/consultations?month=${month}`);
	const rows = coordinator.getByTestId('review-row');
	await expect(rows).toHaveCount(2, { timeout: 30_000 });
	const monthName = await coordinator.getByTestId('month-name').textContent();

	// The card: flagged with a note; its audit names the note in words.
	await rows.filter({ hasText: 'Orlik' }).click();
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Karta konsultacji' })).toBeVisible();
	await coordinator.getByRole('button', { name: 'Oznacz z komentarzem' }).click();
	await coordinator.getByLabel('Komentarz dla doradcy').fill('Sprawdź godziny');
	await coordinator.getByRole('button', { name: 'Oznacz kartę' }).click();
	await expect(coordinator.getByText('Karta oznaczona.')).toBeVisible();
	const audit = coordinator.getByTestId('audit-trail');
	await expect(audit).toContainText('Komentarz dla doradcy: — → Sprawdź godziny');
	await expect(audit).not.toContainText('comment');
	await coordinator.getByRole('link', { name: 'Wróć do listy konsultacji' }).click();
	await expect(coordinator).toHaveURL(`/consultations?month=${month}`);

	// A box ticked on the screen: Back from the card shows it ticked, as the address says; so does a reload.
	const flagged = coordinator.getByLabel('Tylko oznaczone');
	await flagged.check();
	const flaggedList = `/consultations?month=${month}&flagged=1`;
	await expect(coordinator).toHaveURL(flaggedList);
	await expect(rows).toHaveCount(1, { timeout: 30_000 });
	await rows.first().click();
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Karta konsultacji' })).toBeVisible();
	const back = coordinator.getByRole('link', { name: 'Wróć do listy konsultacji' });
	await expect(back).toHaveAttribute('href', flaggedList);
	await coordinator.goBack();
	await expect(coordinator).toHaveURL(flaggedList);
	await expect(flagged).toBeChecked();
	await expect(rows).toHaveCount(1);
	await expect(coordinator.getByTestId('month-name')).toHaveText(monthName ?? '');
	await coordinator.reload();
	await expect(flagged).toBeChecked();
	await expect(rows).toHaveCount(1);

	// Several filters set on the screen: Back, Forward and Back again, then the card's own link.
	await flagged.uncheck();
	await expect(rows).toHaveCount(2);
	await coordinator.getByLabel('Stan karty').selectOption({ label: 'zakończona' });
	await coordinator.getByLabel('Organizacja', { exact: true }).fill('orlik');
	const filteredList = `/consultations?month=${month}&status=completed&q=orlik`;
	await expect(coordinator).toHaveURL(filteredList);
	await expect(rows).toHaveCount(1);
	await rows.first().click();
	await expect(back).toHaveAttribute('href', filteredList);
	await coordinator.goBack();
	await expect(coordinator).toHaveURL(filteredList);
	await expect(coordinator.getByLabel('Stan karty')).toHaveValue('completed');
	await expect(coordinator.getByLabel('Organizacja', { exact: true })).toHaveValue('orlik');
	await expect(coordinator.getByTestId('month-name')).toHaveText(monthName ?? '');
	await expect(rows).toHaveCount(1);
	await coordinator.goForward();
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Karta konsultacji' })).toBeVisible();
	await coordinator.goBack();
	await expect(coordinator.getByLabel('Organizacja', { exact: true })).toHaveValue('orlik');
	await expect(rows).toHaveCount(1);
	await rows.first().click();
	await back.click();
	await expect(coordinator).toHaveURL(filteredList);
	await expect(coordinator.getByLabel('Stan karty')).toHaveValue('completed');
	await expect(coordinator.getByLabel('Organizacja', { exact: true })).toHaveValue('orlik');

	// A link to the list without filters (the navigation bar) clears the screen's filters too.
	await coordinator
		.getByRole('navigation', { name: 'Nawigacja główna' })
		.getByRole('link', { name: 'Konsultacje' })
		.click();
	await expect(coordinator).toHaveURL('/consultations');
	await expect(coordinator.getByLabel('Stan karty')).toHaveValue('');
	await expect(coordinator.getByLabel('Organizacja', { exact: true })).toHaveValue('');
	await expect(coordinator.getByTestId('month-name')).not.toHaveText(monthName ?? '');

	// The flag comes off again, so no other test meets it on the advisor's Dziś.
	await coordinator.goto(`/consultations?month=${month}&flagged=1`);
	await rows.first().click();
	await coordinator.getByRole('button', { name: 'Usuń oznaczenie' }).click();
	await expect(coordinator.getByText('Oznaczenie usunięte.')).toBeVisible();
	await coordinatorContext.close();
});
