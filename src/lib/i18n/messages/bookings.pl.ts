import { plural } from '../plural';
import type { Message, MessageParams } from '../translate';

/** Booking (issue 6): statuses, formats and the server's refusals. Screens add their own keys elsewhere. */
export const bookingsPl = {
	'bookingStatus.requested': 'czeka na termin',
	'bookingStatus.confirmed': 'potwierdzona',
	'bookingStatus.rescheduled': 'przełożona',
	'bookingStatus.done': 'odbyła się',
	'bookingStatus.noShow': 'organizacja nie przyszła',
	'bookingStatus.declined': 'odrzucona',
	'bookingStatus.cancelled': 'odwołana',
	'bookingFormat.premises': 'w siedzibie organizacji',
	'bookingFormat.centre': 'w centrum (COP)',
	'bookingFormat.remote': 'zdalnie',
	'bookingApi.date': 'Wpisz datę w postaci RRRR-MM-DD.',
	'bookingApi.time': 'Wpisz godzinę w postaci GG:MM, np. 09:30.',
	'bookingApi.tooLong': 'Ten tekst jest za długi — skróć go.',
	'bookingApi.length': 'Długość spotkania to wielokrotność 15 minut, od 15 minut do 8 godzin.',
	'bookingApi.buffer': 'Czas na dojazd to wielokrotność 15 minut, najwyżej 3 godziny.',
	'bookingApi.grid': 'Godziny dostępności podaj co 15 minut (np. 09:00, 09:15).',
	'bookingApi.reasonRequired': 'Podaj powód — zobaczy go druga strona.',
	'bookingApi.preferredDays': 'Wybierz od 1 do 10 różnych dni.',
	'bookingApi.preferredDaysPast': 'Preferowane dni muszą być w przyszłości.',
	'bookingApi.preferredDaysTooFar': 'Wybierz dni w ciągu najbliższego roku — dalej nie rezerwujemy.',
	'bookingApi.slotOrDays': 'Wybierz wolny termin albo podaj preferowane dni — jedno z dwojga.',
	'bookingApi.formatsRequired': 'Wybierz co najmniej jedną formę spotkania.',
	'bookingApi.lengthsRequired': 'Podaj od 1 do 8 długości spotkań.',
	'bookingApi.endBeforeStart': 'Koniec musi być później niż początek.',
	'bookingApi.validToBeforeFrom': 'Data końca nie może być wcześniejsza niż data początku.',
	'bookingApi.bothTimes': 'Podaj obie godziny albo żadnej (cały dzień).',
	'bookingApi.extraNeedsPlace': 'Dodatkowy termin wymaga centrum oraz godzin.',
	'bookingApi.slotTaken':
		'Ten termin właśnie ktoś zarezerwował. Wybierz jeden z najbliższych wolnych terminów.',
	'bookingApi.slotPast': 'Ten termin już minął — wybierz termin w przyszłości.',
	'bookingApi.slotTooFar': 'Ten termin jest za daleko w przyszłości — rezerwujemy najwyżej na rok naprzód.',
	'bookingApi.slotUnavailable':
		'W tym terminie doradca nie przyjmuje (poza godzinami dostępności, urlop albo święto). Wybierz wolny termin z listy.',
	'bookingApi.placeRequired':
		'Podaj adres spotkania w siedzibie organizacji — organizacja nie ma adresu w aplikacji.',
	'bookingApi.formatNotOffered': 'To centrum nie oferuje spotkań w tej formie. Wybierz inną formę.',
	'bookingApi.advisorNotInCentre': 'Ta osoba nie jest doradcą w tym centrum.',
	'bookingApi.overlap':
		'Ten przedział nakłada się na inny przedział dostępności tego doradcy (ten sam dzień tygodnia i godziny).',
	'bookingApi.noOrganisation': 'Konto nie jest przypisane do organizacji — nie można rezerwować.',
	'bookingApi.clientIdReused': 'Ten identyfikator zgłoszenia został już użyty dla innej rezerwacji.',
	'bookingApi.noShowTooEarly':
		'To, że organizacja nie przyszła, można odnotować dopiero po godzinie rozpoczęcia spotkania.',
	'bookingApi.preferredDaysNotWorking':
		'Wybierz dni robocze — w weekend i w święta centrum nie prowadzi wizyt.',
	'bookingApi.exceptionPast': 'Ten dzień już minął — wyjątek dodaj na dziś lub na później.',
	'bookingApi.leaveOverVisits': (p: MessageParams) =>
		plural('pl', Number(p.count), {
			one: 'W tym czasie masz umówioną wizytę: {list}. Najpierw przełóż ją albo odwołaj',
			few: 'W tym czasie masz {count} umówione wizyty: {list}. Najpierw przełóż je albo odwołaj',
			many: 'W tym czasie masz {count} umówionych wizyt: {list}. Najpierw przełóż je albo odwołaj',
			other: 'W tym czasie masz {count} umówionej wizyty: {list}. Najpierw przełóż je albo odwołaj'
		}).replace('{list}', String(p.list)) + ' (organizacja dostanie wiadomość), potem dodaj nieobecność.',
	'bookingApi.range': 'Zakres dat: od 1 do 62 dni, data końca nie wcześniej niż początku.',
	'bookingApi.transition.requested':
		'Ta rezerwacja czeka jeszcze na termin — najpierw trzeba ją potwierdzić.',
	'bookingApi.transition.confirmed': 'Ta rezerwacja jest już potwierdzona.',
	'bookingApi.transition.done': 'To spotkanie już się odbyło — nie można go zmienić.',
	'bookingApi.transition.noShow':
		'Przy tym spotkaniu odnotowano, że organizacja nie przyszła — nie można go zmienić.',
	'bookingApi.transition.declined': 'Ta rezerwacja została odrzucona — nie można jej zmienić.',
	'bookingApi.transition.cancelled':
		'Ta rezerwacja została odwołana — nie można jej potwierdzić ani zmienić. Umów nowy termin.',
	'bookingApi.calendar.revoked':
		'Ten link do kalendarza został wyłączony. Wygeneruj nowy w aplikacji Doradca.',
	'bookingApi.calendar.unknown': 'Nie znaleziono takiego kalendarza.',
	'bookingApi.calendar.name': 'Doradca — wizyty',
	'bookingApi.calendar.summary': 'Doradztwo: {organisation}',
	'bookingApi.calendar.summaryForOrganisation': 'Doradztwo — {centre}',
	'bookingApi.calendar.summaryWithAdvisor': 'Doradztwo — {centre} ({advisor})',
	'bookingApi.calendar.onlyAdvisor': 'Kalendarz z wizytami ma tylko doradca.'
} satisfies Record<string, Message>;
