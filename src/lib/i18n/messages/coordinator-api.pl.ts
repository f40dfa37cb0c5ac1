import { plural } from '../plural';
import type { MessageParams } from '../translate';
import { monthLabel } from '$lib/domain/dates';

/** A month of the message as words: 'listopad 2026'. */
const month = (p: MessageParams, key = 'month') => monthLabel(String(p[key]), 'pl');

/** Messages of the coordinator's server API (issue 5): quotas, the project period, months, approval and flags. */
export const coordinatorApiPl = {
	'coordinatorApi.month.invalid': 'Podaj miesiąc w postaci RRRR-MM, np. 2015-03.',
	'coordinatorApi.month.outsidePeriod': (p: MessageParams) =>
		`Wybrany miesiąc (${month(p)}) jest poza okresem projektu „${p.name}” (${month(p, 'start')} – ${month(p, 'end')}). Wybierz miesiąc z tego okresu albo poproś administratora o zmianę okresu.`,
	'coordinatorApi.month.inFuture': (p: MessageParams) =>
		`Ten miesiąc (${month(p)}) jeszcze się nie zaczął — nie można go zamknąć.`,
	'coordinatorApi.month.notOver': (p: MessageParams) =>
		`Ten miesiąc (${month(p)}) jeszcze trwa. Zamknij go po jego ostatnim dniu albo potwierdź zamknięcie teraz.`,
	'coordinatorApi.month.closed': (p: MessageParams) =>
		`Ten miesiąc (${month(p)}) jest zamknięty dla tego centrum. Aby zmienić jego godziny, otwórz go ponownie z uzasadnieniem.`,
	'coordinatorApi.month.notClosed': (p: MessageParams) =>
		`Ten miesiąc (${month(p)}) nie jest zamknięty dla tego centrum.`,
	'coordinatorApi.month.openRecords': (p: MessageParams) =>
		plural('pl', Number(p.count), {
			one: 'W tym miesiącu ({month}) jest {count} karta niezatwierdzona, spóźniona lub robocza.',
			few: 'W tym miesiącu ({month}) są {count} karty niezatwierdzone, spóźnione lub robocze.',
			many: 'W tym miesiącu ({month}) jest {count} kart niezatwierdzonych, spóźnionych lub roboczych.',
			other: 'W tym miesiącu ({month}) jest {count} karty niezatwierdzonej, spóźnionej lub roboczej.'
		}).replace('{month}', month(p)) + ' Sprawdź listę albo potwierdź zamknięcie mimo to.',
	'coordinatorApi.reason.required': 'Podaj uzasadnienie (od 3 do 500 znaków).',
	'coordinatorApi.reason.tooLong': 'Uzasadnienie może mieć najwyżej 500 znaków.',
	'coordinatorApi.period.closedOutside': (p: MessageParams) =>
		`Poza nowym okresem zostałyby zamknięte miesiące: ${String(p.months)
			.split(',')
			.map((m) => monthLabel(m, 'pl'))
			.join(', ')}. Wybierz okres, który je obejmuje, albo najpierw otwórz je ponownie.`,
	'coordinatorApi.period.recordsOutside': (p: MessageParams) =>
		`Poza nowym okresem znalazłyby się konsultacje (${p.count}) z tych miesięcy: ${String(p.months)
			.split(',')
			.map((m) => monthLabel(m, 'pl'))
			.join(
				', '
			)}. Przestałyby się liczyć do projektu. Zapisz mimo to albo wybierz okres, który je obejmuje.`,
	'coordinatorApi.period.name': 'Podaj nazwę projektu (do 200 znaków).',
	'coordinatorApi.period.endBeforeStart': 'Koniec okresu nie może być wcześniej niż jego początek.',
	'coordinatorApi.period.tooLong': 'Okres projektu może trwać najwyżej 36 miesięcy.',
	'coordinatorApi.quota.target': 'Podaj liczbę godzin nie mniejszą niż 0',
	'coordinatorApi.quota.tooLarge': 'Miesiąc ma najwyżej 744 godziny — podaj mniejszą liczbę.',
	'coordinatorApi.quota.centreUnknown': 'Nie ma takiego centrum.',
	'coordinatorApi.quota.advisorNeedsCentre': 'Przy celu doradcy wskaż także jego centrum.',
	'coordinatorApi.quota.advisorNotInCentre': 'Ta osoba nie jest doradcą w wybranym centrum.',
	'coordinatorApi.review.notCountable':
		'To jeszcze szkic — godziny liczą się dopiero po zakończeniu karty przez doradcę.',
	'coordinatorApi.review.alreadyApproved': 'Ta konsultacja jest już zatwierdzona.',
	'coordinatorApi.review.flaggedInBulk': 'Oznaczona do poprawy — zatwierdź ją na jej karcie.',
	'coordinatorApi.review.comment': 'Komentarz może mieć najwyżej 500 znaków.',
	'coordinatorApi.flag.comment': 'Napisz, co trzeba sprawdzić (od 1 do 500 znaków).',
	'coordinatorApi.bulk.size': 'Wybierz od 1 do 500 konsultacji naraz.'
};
