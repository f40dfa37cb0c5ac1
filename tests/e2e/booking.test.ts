import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
	completeVisit,
	DEMO_ACCOUNTS,
	expectFitsPhone,
	expectNoSeriousViolations,
	fillDemoVisit,
	newPhone,
	signIn,
	waitForServiceWorker
} from './fixtures';
import { warsawInstant, warsawTime, warsawToday } from '../../src/lib/domain/hours';

const SHOTS = '/tmp/shots';
const NOTES = 'Notatki: problem, udzielona porada, rekomendacje';
const TOPIC = 'Ochrona danych osobowych (RODO)';

/** A screenshot for review; the screen must fit a 360 px phone without sideways scrolling. */
async function shot(page: Page, name: string) {
	await expectFitsPhone(page, name);
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function syncNow(page: Page) {
	await page.goto('/sync');
	await page.getByRole('button', { name: 'Synchronizuj teraz' }).click();
	await expect(page.getByTestId('sync-pending')).toHaveText('Wszystkie zmiany są na serwerze.');
	await expect(page.getByRole('button', { name: 'Synchronizuj teraz' })).toBeEnabled();
}

/**
 * Someone else books `slot` first: the same organisation from another device, through the API, at the centre the
 * page last asked slots of (`slotsUrl`).
 */
async function bookThroughApi(
	page: Page,
	slotsUrl: string,
	slot: { advisorId: string; startsAt: string; lengthMin: number }
) {
	const origin = new URL(slotsUrl).origin;
	const taken = await page.request.post(`${origin}/api/bookings`, {
		headers: { origin },
		data: {
			clientId: crypto.randomUUID(),
			centreId: new URL(slotsUrl).searchParams.get('centreId'),
			topic: 'data-protection',
			format: 'centre',
			note: '',
			slot: { advisorId: slot.advisorId, startsAt: slot.startsAt, lengthMin: slot.lengthMin }
		}
	});
	expect(taken.status(), await taken.text()).toBe(201);
}

/** Warsaw wall clock now, and a visit time still ahead today (or tomorrow morning late in the evening). */
function visitTime(): { date: string; time: string } {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', {
			timeZone: 'Europe/Warsaw',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(new Date())
			.map((p) => [p.type, p.value])
	);
	const date = `${parts.year}-${parts.month}-${parts.day}`;
	const minutes = Number(parts.hour) * 60 + Number(parts.minute);
	const start = (Math.floor(minutes / 15) + 2) * 15;
	if (start + 30 <= 23 * 60 + 45) {
		const hh = String(Math.floor(start / 60)).padStart(2, '0');
		const mm = String(start % 60).padStart(2, '0');
		return { date, time: `${hh}:${mm}` };
	}
	// Tomorrow, after the advisor's hours (a typed time there is said, not refused): no slot another step of the run
	// booked can be there.
	const next = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + 1));
	return { date: next.toISOString().slice(0, 10), time: '19:30' };
}

test('an NGO books, the coordinator confirms, the advisor logs it offline from the agenda, the NGO sees it done', async ({
	page,
	browser
}) => {
	// Three people's phones in one story: more than the default budget on a busy machine.
	test.setTimeout(240_000);
	const note = `Prośba z testu e2e ${Date.now()}`;

	// The NGO asks for a visit at its premises on preferred days.
	await signIn(page, DEMO_ACCOUNTS.ngo.email);
	await expect(page).toHaveURL('/meetings');
	await expect(page.getByRole('heading', { level: 1, name: 'Moje spotkania' })).toBeVisible();
	await page.getByRole('main').getByRole('link', { name: 'Umów doradztwo' }).click();
	await expect(page).toHaveURL('/book');
	// The centre in the organisation's town comes first and is chosen.
	await expect(page.getByLabel('Centrum (COP)', { exact: true }).locator('option:checked')).toContainText(
		'Słupsk'
	);
	// A centre whose advisors have set no hours says so in the list: it can only be asked for preferred days.
	await expect(
		page.getByLabel('Centrum (COP)', { exact: true }).locator('option', { hasText: 'Kartuzy' })
	).toContainText('bez wolnych terminów');
	// Sent with nothing chosen: each missing choice is said at its field and read out with it; the first gets focus.
	await page.getByRole('button', { name: 'Zarezerwuj ten termin' }).click();
	await expect(page.getByRole('alert')).toContainText('2 pola wymagają poprawy');
	const topicField = page.getByLabel('Temat', { exact: true });
	await expect(topicField).toBeFocused();
	await expect(topicField).toHaveAttribute('aria-invalid', 'true');
	await expect(topicField).toHaveAccessibleDescription('Wybierz temat.');
	await expect(page.getByLabel('Centrum (COP)', { exact: true })).toHaveAccessibleDescription(
		'Najbliższe siedzibie Twojej organizacji są na początku listy.'
	);
	await topicField.selectOption({ label: TOPIC });
	await expect(topicField).not.toHaveAttribute('aria-invalid');
	await page.getByRole('radio', { name: 'W siedzibie organizacji' }).check();
	await page.getByRole('radio', { name: /Podaję dogodne dni/ }).check();
	await page.getByRole('group', { name: 'Dogodne dni' }).getByRole('checkbox').first().check();
	await page.getByLabel('Uwagi dla centrum (nieobowiązkowe)').fill(note);
	await shot(page, 'book-days');
	await expectNoSeriousViolations(page, '/book');
	await page.getByRole('button', { name: 'Wyślij prośbę o termin' }).click();
	await expect(page.getByTestId('book-outcome')).toContainText('Prośba wysłana');

	// The same form with free times: the slot list, big targets, no serious axe findings.
	await page.getByRole('button', { name: 'Umów kolejne spotkanie' }).click();
	await page.getByRole('radio', { name: 'W centrum (COP)' }).check();
	await page.getByRole('radio', { name: 'Wybieram wolny termin' }).check();
	await expect(page.getByRole('button', { name: 'Pokaż kolejne dwa tygodnie' })).toBeVisible();
	await shot(page, 'book-slots');
	await expectNoSeriousViolations(page, '/book slots');
	// Two more weeks: asked for, and kept (not reset to the first two weeks by a second request).
	const asked: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/api/slots?')) asked.push(new URL(r.url()).searchParams.get('to')!);
	});
	const more = page.waitForResponse((r) => r.url().includes('/api/slots?'));
	await page.getByRole('button', { name: 'Pokaż kolejne dwa tygodnie' }).click();
	await more;
	await expect(page.getByText('Szukam wolnych terminów…')).toHaveCount(0);
	await page.waitForTimeout(300);
	expect(asked).toHaveLength(1);
	expect(asked[0]! > new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)).toBe(true);

	await page.goto('/meetings');
	const request = page.getByTestId('booking').filter({ hasText: note });
	await expect(request.getByTestId('booking-status')).toHaveText('czeka na termin');
	await shot(page, 'meetings-requested');
	await expectNoSeriousViolations(page, '/meetings');

	// The coordinator confirms it: the advisor, a time of its own, the place.
	const coordinatorContext = await newPhone(browser);
	const coordinator = await coordinatorContext.newPage();
	await signIn(coordinator, DEMO_ACCOUNTS.coordinator.email);
	await expect(coordinator).toHaveURL('/dashboard');
	await coordinator.goto('/bookings');
	const card = coordinator.getByTestId('booking').filter({ hasText: note });
	await expect(card).toBeVisible();
	const bookingId = (await card.getAttribute('data-booking-id'))!;
	await card.getByRole('button', { name: /^Potwierdź/ }).click();
	// The form replaces the button: the focus moves into it, not to the top of the page.
	await expect(card.getByLabel('Doradca')).toBeFocused();
	await card.getByLabel('Doradca').selectOption({ label: 'Damian Doradca' });
	// The free times offered first are those on the days the organisation gave (or it is said there are none).
	await expect(card.getByTestId('slots-preferred')).toContainText('dni wskazane przez organizację');
	// A free time chosen, then the signal drops at "Potwierdź": said, and the choice is still there when it returns.
	const firstSlot = card.locator('input[type="radio"][name$="-slot"]').first();
	await firstSlot.check();
	await coordinatorContext.setOffline(true);
	await card.getByRole('button', { name: 'Potwierdź termin' }).click();
	await expect(card.getByRole('alert')).toContainText('internet');
	await coordinatorContext.setOffline(false);
	await coordinator.waitForTimeout(1_000);
	await expect(firstSlot).toBeChecked();
	await card.getByRole('radio', { name: 'Inny termin' }).check();
	// A typed time outside the advisor's hours (a Sunday night, weeks ahead) is said, not refused.
	const sunday = new Date(Date.now() + 21 * 86_400_000);
	sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7));
	await card.getByLabel('Data').fill(sunday.toISOString().slice(0, 10));
	await card.getByLabel('Godzina rozpoczęcia').fill('21:00');
	await expect(card.getByTestId('typed-time-warning')).toContainText('Doradca nie ma wtedy wolnego czasu');
	await expect(card.getByTestId('typed-time-warning')).toContainText('To dzień wolny od pracy (weekend).');
	// A public holiday is named, so the coordinator knows why nobody is free.
	const today = new Date().toISOString().slice(0, 10);
	const eveYear = Number(today.slice(0, 4)) + (today.slice(5) > '12-24' ? 1 : 0);
	await card.getByLabel('Data').fill(`${eveYear}-12-24`);
	await card.getByLabel('Godzina rozpoczęcia').fill('10:00');
	await expect(card.getByTestId('typed-time-warning')).toContainText('To dzień wolny od pracy: Wigilia.');
	const when = visitTime();
	await card.getByLabel('Data').fill(when.date);
	await card.getByLabel('Godzina rozpoczęcia').fill(when.time);
	await card.getByLabel('Czas trwania').selectOption({ label: '30 min' });
	await card.getByLabel('Miejsce').fill('ul. Długa 5, 76-200 Słupsk');
	await shot(coordinator, 'bookings-confirm');
	await expectNoSeriousViolations(coordinator, '/bookings');
	await card.getByRole('button', { name: 'Potwierdź termin' }).click();
	await expect(coordinator.getByTestId('bookings-message')).toHaveText(
		'Zapisano — spotkanie ma teraz status „potwierdzona”.'
	);
	await expect(coordinator.getByTestId('bookings-message')).toBeFocused();
	await expect(card.getByTestId('booking-status')).toHaveText('potwierdzona');
	await coordinator.goto('/availability');
	await expect(coordinator.getByRole('heading', { level: 1, name: 'Dostępność' })).toBeVisible();
	await expect(coordinator.getByRole('heading', { name: 'Godziny w tygodniu' })).toBeVisible();
	await shot(coordinator, 'availability-coordinator');
	await expectNoSeriousViolations(coordinator, '/availability');
	await coordinatorContext.close();

	// The advisor's phone gets it with one sync, then works offline.
	const advisorContext = await newPhone(browser);
	const advisor = await advisorContext.newPage();
	await signIn(advisor, DEMO_ACCOUNTS.advisor.email);
	await expect(advisor).toHaveURL('/today');
	await waitForServiceWorker(advisor);
	const visit = (p: Page) => p.locator(`[data-booking-id="${bookingId}"]`);
	await expect(async () => {
		await advisor.goto('/agenda');
		await expect(visit(advisor)).toBeVisible({ timeout: 2_000 });
	}).toPass();
	await advisorContext.setOffline(true);
	// A visit is completed once it has taken place: the phone lives just after it (late in the evening the visit
	// is tomorrow's, so then the phone lives tomorrow).
	const visitEnd = warsawInstant(when.date, when.time)!.getTime() + 30 * 60_000;
	await advisorContext.clock.setSystemTime(new Date(visitEnd + 60_000));
	await advisor.goto('/today');
	await expect(visit(advisor)).toBeVisible();
	await shot(advisor, 'today-visits');
	await advisor.goto('/agenda');
	await expect(visit(advisor)).toContainText('ul. Długa 5, 76-200 Słupsk');
	// The day is the heading above the card; the card gives the time only.
	await expect(visit(advisor).locator('.when')).toHaveText(new RegExp(`^${when.time}–\\d\\d:\\d\\d$`));
	await shot(advisor, 'agenda');
	await visit(advisor)
		.getByRole('link', { name: /Rozpocznij konsultację/ })
		.click();
	await expect(advisor).toHaveURL(`/log?booking=${bookingId}`);
	await expect(advisor.getByLabel(TOPIC)).toBeChecked();
	await expect(advisor.getByLabel('Początek')).toHaveValue(when.time);
	await advisor.getByLabel(NOTES).fill('Porada o RODO w stowarzyszeniu');
	await advisor.getByLabel('Dalsze kroki').fill('Przygotować klauzulę informacyjną dla wolontariuszy.');
	await expect(advisor.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
	await shot(advisor, 'log-from-booking');
	await completeVisit(advisor);
	await advisor.goto('/agenda');
	await expect(visit(advisor).getByRole('link', { name: 'Otwórz kartę wizyty' })).toBeVisible();
	await advisorContext.setOffline(false);
	await syncNow(advisor);
	await advisorContext.close();

	// The NGO sees the session done, with its topic, hours and the next steps agreed (never the notes).
	await expect(async () => {
		await page.goto('/meetings');
		const done = page.getByTestId('booking').filter({ hasText: note });
		await expect(done.getByTestId('booking-status')).toHaveText('odbyła się', { timeout: 2_000 });
	}).toPass();
	const done = page.getByTestId('booking').filter({ hasText: note });
	await expect(done.getByTestId('booking-consultation')).toHaveText(`Tematy: ${TOPIC} · czas: 0:30 h`);
	await expect(done.getByTestId('booking-follow-ups')).toHaveText(
		/Ustalone dalsze kroki\s*Przygotować klauzulę informacyjną dla wolontariuszy\./
	);
	await expect(done).not.toContainText('Porada o RODO');
	await shot(page, 'meetings-done');
});

test('a booking made offline waits on the phone as not sent and gets its answer when the signal returns', async ({
	page,
	context
}) => {
	const note = `Prośba bez zasięgu ${Date.now()}`;
	await signIn(page, DEMO_ACCOUNTS.ngo.email);
	await expect(page).toHaveURL('/meetings');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await page.goto('/book');
	await expect(page.getByText(/^Jesteś bez internetu: prośba poczeka na tym telefonie/)).toBeVisible();
	await page.getByLabel('Temat', { exact: true }).selectOption({ label: TOPIC });
	// A remote session too may leave the time to the centre: offline, preferred days are the way to ask.
	await page.getByRole('radio', { name: 'Zdalnie' }).check();
	await expect(page.getByText(/Wolne terminy widać tylko z internetem/)).toBeVisible();
	await page.getByRole('radio', { name: /Podaję dogodne dni/ }).check();
	await page.getByRole('group', { name: 'Dogodne dni' }).getByRole('checkbox').nth(1).check();
	await page.getByLabel('Uwagi dla centrum (nieobowiązkowe)').fill(note);
	await page.getByRole('button', { name: 'Wyślij prośbę o termin' }).click();
	await expect(page.getByTestId('book-outcome')).toContainText('Nie wysłano jeszcze');
	await shot(page, 'book-offline');

	await page.getByRole('link', { name: 'Przejdź do moich spotkań' }).click();
	const waiting = page.getByTestId('booking').filter({ hasText: note });
	await expect(waiting.getByTestId('booking-status')).toHaveText('nie wysłano jeszcze');
	await expect(waiting).toContainText('Nie wysłano jeszcze — wyślemy, gdy wróci zasięg');
	await shot(page, 'meetings-offline');
	await expectNoSeriousViolations(page, '/meetings offline');

	// The signal returns: the sync run sends it and the answer replaces the placeholder.
	await context.setOffline(false);
	await expect(waiting.getByTestId('booking-status')).toHaveText('czeka na termin');
	await expect(page.getByRole('heading', { name: 'Czekają na wysłanie' })).toHaveCount(0);

	// The organisation changes its mind. Closing the question keeps the meeting (the button says so, not a second
	// "cancel") and gives the focus back; a reason is required; then the meeting leaves the list.
	const cancelButton = waiting.getByRole('button', { name: /^Odwołaj/ });
	await cancelButton.click();
	await expect(waiting.getByLabel('Powód odwołania')).toBeFocused();
	await waiting.getByRole('button', { name: 'Nie odwołuj' }).click();
	await expect(cancelButton).toBeFocused();
	await cancelButton.click();
	await waiting.getByRole('button', { name: 'Odwołaj spotkanie' }).click();
	await expect(waiting.getByRole('alert')).toHaveText('Podaj powód — zobaczy go druga strona.');
	await waiting.getByLabel('Powód odwołania').fill('Zmiana planów zarządu.');
	await waiting.getByRole('button', { name: 'Odwołaj spotkanie' }).click();
	await expect(page.getByText('Spotkanie odwołane.')).toBeFocused();
	await expect(page.getByTestId('booking').filter({ hasText: note })).toContainText('Zmiana planów zarządu.');
});

test('the advisor edits availability and sees the calendar subscription; bad input is shown at the field', async ({
	page
}) => {
	test.setTimeout(120_000);
	await signIn(page, DEMO_ACCOUNTS.advisor2.email);
	await expect(page).toHaveURL('/today');
	await page.goto('/agenda');
	await expect(page.getByRole('heading', { name: 'Kalendarz w telefonie' })).toBeVisible();
	await expect(page.getByTestId('calendar-state')).toHaveText('Nie masz jeszcze adresu kalendarza.');
	await page.getByRole('button', { name: 'Utwórz adres kalendarza' }).click();
	await expect(page.getByLabel('Adres kalendarza')).toHaveValue(/\/api\/calendar\/.+\.ics$/);
	await expect(page.getByLabel('Adres kalendarza')).toBeFocused();
	await expect(page.getByTestId('calendar-state')).toContainText('Adres jest aktywny');
	await shot(page, 'agenda-calendar');
	await expectNoSeriousViolations(page, '/agenda');

	await page.getByRole('link', { name: 'Moja dostępność' }).click();
	await expect(page).toHaveURL('/availability');
	await expect(page.getByRole('heading', { name: 'Godziny w tygodniu' })).toBeVisible();
	// Saved windows are folded to one line each; a new one opens for editing.
	const folds = page.locator('details.window-card');
	const saved = await folds.count();
	await page.getByRole('button', { name: 'Dodaj godziny' }).click();
	await expect(folds).toHaveCount(saved + 1);
	if (saved > 0) await expect(folds.first()).not.toHaveAttribute('open');
	await expect(folds.last()).toHaveAttribute('open', '');
	const windows = page.locator('fieldset.window');
	const last = windows.last();
	await last.getByLabel('Od godziny').fill('16:00');
	await last.getByLabel('Do godziny').fill('15:00');
	await expect(folds.last().locator('summary')).toContainText('poniedziałek · 16:00–15:00');
	await page.getByRole('button', { name: 'Zapisz godziny' }).click();
	await expect(last.getByText('Koniec musi być później niż początek.')).toBeVisible();
	await shot(page, 'availability-error');
	await expectNoSeriousViolations(page, '/availability');
	await last.getByRole('button', { name: 'Usuń te godziny' }).click();
	// The errors went with the window they were about.
	await expect(page.getByText('Popraw zaznaczone pola.')).toHaveCount(0);
	await expect(page.getByText('Koniec musi być później niż początek.')).toHaveCount(0);

	// A day off: its kind is one tap on a radio; it is listed, and removed again after a question.
	const dayOff = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
	const exceptionForm = page
		.locator('form')
		.filter({ has: page.getByRole('button', { name: 'Dodaj wyjątek' }) });
	// No day chosen yet: a tap adds nothing (today is not blocked by accident), and the field says why.
	await exceptionForm.getByRole('button', { name: 'Dodaj wyjątek' }).click();
	await expect(exceptionForm.getByText('Wpisz datę w postaci RRRR-MM-DD.')).toBeVisible();
	await expect(page.locator('li.exception')).toHaveCount(0);
	await exceptionForm.getByRole('radio', { name: 'Nieobecność (urlop)' }).check();
	await exceptionForm.getByLabel('Data').fill(dayOff);
	await exceptionForm.getByRole('button', { name: 'Dodaj wyjątek' }).click();
	await expect(page.getByText('Dodano wyjątek.')).toBeVisible();
	const exception = page.locator('li.exception');
	await expect(exception).toHaveCount(1);
	await expect(exception).toContainText('Nieobecność (urlop) · cały dzień');
	await shot(page, 'availability-exception');
	await exception.getByRole('button', { name: /^Usuń wyjątek: / }).click();
	await exception.getByRole('button', { name: 'Usuń wyjątek' }).click();
	await expect(page.getByText('Usunięto wyjątek.')).toBeVisible();
	await expect(page.getByText('Usunięto wyjątek.')).toBeFocused();
	await expect(exception).toHaveCount(0);
});

test('a visit the organisation had without a booking is among its past meetings, with the next steps but not the notes', async ({
	page,
	browser
}) => {
	const steps = `Złożyć sprawozdanie finansowe ${Date.now()}`;
	const advisorContext = await newPhone(browser);
	try {
		const advisor = await advisorContext.newPage();
		await signIn(advisor, DEMO_ACCOUNTS.advisor.email);
		await expect(advisor).toHaveURL('/today');
		await fillDemoVisit(advisor, { start: '04:00', end: '05:15', notes: 'Notatka tylko dla centrum' });
		await advisor.getByRole('textbox', { name: 'Dalsze kroki' }).fill(steps);
		await expect(advisor.getByTestId('saved-state')).toContainText('Zapisano na telefonie');
		await completeVisit(advisor);
		await syncNow(advisor);
	} finally {
		await advisorContext.close();
	}

	await signIn(page, DEMO_ACCOUNTS.ngo.email);
	await expect(page).toHaveURL('/meetings');
	const visit = page.getByTestId('organisation-visit').filter({ hasText: steps });
	await expect(visit).toContainText('04:00–05:15');
	await expect(visit).toContainText('Damian Doradca');
	await expect(visit).toContainText('Tematy: Księgowość i sprawozdania finansowe · czas: 1:15 h');
	await expect(visit).not.toContainText('Notatka tylko dla centrum');
	await expectNoSeriousViolations(page, '/meetings with a visit');
	await shot(page, 'meetings-visit');
});

test('a time taken meanwhile: booking one of the times offered instead settles the refusal', async ({
	page
}) => {
	await signIn(page, DEMO_ACCOUNTS.ngo.email);
	await expect(page).toHaveURL('/meetings');
	let slotsUrl = '';
	page.on('request', (r) => {
		if (r.url().includes('/api/slots?')) slotsUrl = r.url();
	});
	await page.goto('/book');
	await page.getByLabel('Temat', { exact: true }).selectOption({ label: TOPIC });
	await page.getByRole('radio', { name: 'W centrum (COP)' }).check();
	await page.getByRole('radio', { name: 'Wybieram wolny termin' }).check();
	const picker = page.getByRole('group', { name: 'Wolne terminy' });
	await picker.getByRole('radio').first().check();

	// Someone else books that very time first (here: the same organisation from another device, through the API).
	const { slots } = (await (await page.request.get(slotsUrl)).json()) as {
		slots: { advisorId: string; startsAt: string; lengthMin: number }[];
	};
	await bookThroughApi(page, slotsUrl, slots[0]!);

	await page.getByRole('button', { name: 'Zarezerwuj ten termin' }).click();
	const outcome = page.getByTestId('book-outcome');
	await expect(outcome).toContainText('Najbliższe wolne terminy:');
	await outcome.getByRole('button').first().click();
	await expect(outcome).toContainText('Zarezerwowano:');

	// "Moje spotkania" no longer says the booking failed, nor offers the times again.
	await page.goto('/meetings');
	await expect(page.getByRole('heading', { level: 1, name: 'Moje spotkania' })).toBeVisible();
	await expect(page.getByTestId('booking').first()).toBeVisible();
	await expect(page.getByTestId('refused-booking')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Nie udało się zarezerwować' })).toHaveCount(0);
});

test('the NGO moves a booked meeting to another free time of the same advisor from Moje spotkania', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	const note = `Spotkanie do przełożenia ${Date.now()}`;
	await signIn(page, DEMO_ACCOUNTS.ngo.email);
	await expect(page).toHaveURL('/meetings');
	await waitForServiceWorker(page);
	let slotsUrl = '';
	page.on('request', (r) => {
		if (r.url().includes('/api/slots?') && !slotsUrl) slotsUrl = r.url();
	});

	// Booked at a free time, as on /book.
	await page.goto('/book');
	await page.getByLabel('Temat', { exact: true }).selectOption({ label: TOPIC });
	await page.getByRole('radio', { name: 'W centrum (COP)' }).check();
	await page.getByRole('radio', { name: 'Wybieram wolny termin' }).check();
	await page.getByRole('group', { name: 'Wolne terminy' }).getByRole('radio').first().check();
	await page.getByLabel('Uwagi dla centrum (nieobowiązkowe)').fill(note);
	await page.getByRole('button', { name: 'Zarezerwuj ten termin' }).click();
	await expect(page.getByTestId('book-outcome')).toContainText('Zarezerwowano:');
	await page.getByRole('link', { name: 'Przejdź do moich spotkań' }).click();
	await expect(page).toHaveURL('/meetings');

	const card = page.getByTestId('booking').filter({ hasText: note });
	await expect(card.getByTestId('booking-status')).toHaveText('potwierdzona');
	const bookingId = (await card.getAttribute('data-booking-id'))!;
	const before = (await card.locator('.when').textContent())!;
	const moveButton = card.getByRole('button', { name: /^Przełóż:/ });
	const panel = card.getByTestId('reschedule-panel');

	// Offline the panel says moving needs the internet (the free times come from the server), not "no times";
	// they appear when the signal returns.
	await context.setOffline(true);
	await moveButton.click();
	await expect(panel.getByRole('heading', { name: 'Przełóż na inny termin' })).toBeFocused();
	await expect(panel).toContainText('Przełożenie spotkania wymaga internetu');
	await expect(panel.getByRole('group', { name: 'Nowy termin' })).toHaveCount(0);
	await context.setOffline(false);
	const picker = panel.getByRole('group', { name: 'Nowy termin' });
	await expect(picker.getByRole('radio').first()).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Pokaż kolejne dwa tygodnie' })).toBeVisible();

	// Keeping the current time closes the panel and gives the focus back to its button.
	await panel.getByRole('button', { name: 'Zostaw obecny termin' }).click();
	await expect(panel).toHaveCount(0);
	await expect(moveButton).toBeFocused();

	// Nothing chosen: said at the list.
	await moveButton.click();
	await panel.getByRole('button', { name: 'Przełóż na ten termin' }).click();
	await expect(picker).toContainText('Wybierz wolny termin.');

	// A time chosen; someone takes it meanwhile (here the same organisation from another device): the server's
	// message, and the advisor's free times as they are now.
	const firstChoice = picker.getByRole('radio').first();
	await firstChoice.check();
	await shot(page, 'meetings-reschedule');
	await expectNoSeriousViolations(page, '/meetings reschedule');
	const takenKey = (await firstChoice.getAttribute('value'))!;
	const [advisorId, takenAt, takenLength] = takenKey.split('|');
	await bookThroughApi(page, slotsUrl, {
		advisorId: advisorId!,
		startsAt: takenAt!,
		lengthMin: Number(takenLength)
	});
	await panel.getByRole('button', { name: 'Przełóż na ten termin' }).click();
	// The server's words: the time was taken, and the list is fetched again without it.
	await expect(panel.getByRole('alert')).toContainText('Ten termin właśnie ktoś zarezerwował.');
	await expect(picker.locator(`input[value="${takenKey}"]`)).toHaveCount(0);
	await expect(card.getByTestId('booking-status')).toHaveText('potwierdzona');

	// Another time: the card shows it, moved; the status message has the focus.
	const choice = picker.getByRole('radio').first();
	const chosenKey = (await choice.getAttribute('value'))!;
	const startsAt = new Date(chosenKey.split('|')[1]!);
	await choice.check();
	await panel.getByRole('button', { name: 'Przełóż na ten termin' }).click();
	await expect(page.getByText(/^Spotkanie przełożone na /)).toBeFocused();
	await expect(panel).toHaveCount(0);
	await expect(card.getByTestId('booking-status')).toHaveText('przełożona');
	await expect(card.locator('.when')).toContainText(`${warsawTime(startsAt)}–`);
	await expect(card.locator('.when')).not.toHaveText(before);
	await expect(card).toContainText('Pierwotny termin:');
	// Still movable again, and still cancellable.
	await expect(moveButton).toBeVisible();
	await expect(card.getByRole('button', { name: /^Odwołaj/ })).toBeVisible();
	await expectFitsPhone(page, '/meetings moved');
	await expectNoSeriousViolations(page, '/meetings moved');

	// The calendar file has the new time, the same event (UID) and a higher SEQUENCE.
	const ics = card.getByRole('link', { name: 'Dodaj do kalendarza (.ics)' });
	await expect(ics).toHaveAttribute('href', `/api/bookings/${bookingId}.ics`);
	const file = await page.request.get(`${new URL(slotsUrl).origin}/api/bookings/${bookingId}.ics`);
	expect(file.status()).toBe(200);
	expect(file.headers()['content-type']).toContain('text/calendar');
	const text = await file.text();
	expect(text).toContain(`UID:booking-${bookingId}@doradca`);
	const wallClock = `${warsawToday(startsAt).replaceAll('-', '')}T${warsawTime(startsAt).replace(':', '')}00`;
	expect(text).toMatch(new RegExp(`DTSTART;TZID=Europe/Warsaw:${wallClock}`));
	expect(Number(/SEQUENCE:(\d+)/.exec(text)?.[1])).toBeGreaterThan(0);
});
