import { plural } from '../plural';
import { validationPl } from './validation.pl';
import { storagePl } from './storage.pl';
import { adminPl } from './admin.pl';
import { workbenchPl } from './workbench.pl';
import { syncPl } from './sync.pl';
import { reviewPl } from './review.pl';
import { coordinatorApiPl } from './coordinator-api.pl';
import { reportsPl } from './reports.pl';
import { coordinatorPl } from './coordinator.pl';
import { bookingsPl } from './bookings.pl';
import { bookingPl } from './booking.pl';

import { screensPl } from './screens.pl';
export const pl = {
	...validationPl,
	...storagePl,
	...adminPl,
	...screensPl,
	...workbenchPl,
	...syncPl,
	...reviewPl,
	...coordinatorApiPl,
	...reportsPl,
	...coordinatorPl,
	...bookingsPl,
	...bookingPl,
	'app.name': 'Doradca',
	'app.tagline': 'Ewidencja doradztwa COP — Pomorskie',
	'common.loading': 'Wczytywanie…',
	'common.reload': 'Odśwież',
	'common.save': 'Zapisz',
	'common.cancel': 'Anuluj',
	'common.edit': 'Edytuj',
	'common.close': 'Zamknij',
	'common.search': 'Szukaj',
	'common.yes': 'Tak',
	'common.no': 'Nie',
	'common.offlineNeedsNetwork': 'Brak połączenia. Ta czynność wymaga internetu — spróbuj, gdy wróci zasięg.',
	'status.online': 'w sieci',
	'status.offline': 'bez sieci',
	'status.synced': 'zsynchronizowano',
	'status.pending': (p: Record<string, string | number>) =>
		plural('pl', Number(p.count), {
			one: '{count} zmiana czeka',
			few: '{count} zmiany czekają',
			many: '{count} zmian czeka',
			other: '{count} zmiany czeka'
		}),
	'nav.main': 'Nawigacja główna',
	'nav.skipToContent': 'Przejdź do treści',
	'nav.denied':
		'Strona {path} nie istnieje albo nie jest dostępna dla Twojego konta — oto Twoja strona główna.',
	'nav.account': 'Moje konto',
	'nav.today': 'Dziś',
	'nav.log': 'Nowa wizyta',
	'nav.organisations': 'Organizacje',
	'nav.month': 'Mój miesiąc',
	'nav.dashboard': 'Pulpit',
	'nav.consultations': 'Konsultacje',
	'nav.bookings': 'Rezerwacje',
	'nav.meetings': 'Moje spotkania',
	'nav.history': 'Historia',
	'nav.centres': 'Centra',
	'nav.users': 'Użytkownicy',
	'role.admin': 'administrator',
	'role.coordinator': 'koordynator COP',
	'role.advisor': 'doradca',
	'role.ngo': 'przedstawiciel organizacji',
	'language.label': 'Język',
	'login.title': 'Logowanie',
	'login.email': 'Adres e-mail',
	'login.password': 'Hasło',
	'login.submit': 'Zaloguj się',
	'login.signingIn': 'Logowanie…',
	'login.offline':
		'Brak połączenia. Pierwsze logowanie na tym urządzeniu wymaga internetu; potem aplikacja działa bez zasięgu.',
	'login.registerOrganisation': 'Zarejestruj organizację, aby umawiać doradztwo',
	'account.title': 'Moje konto',
	'account.name': 'Imię i nazwisko',
	'account.email': 'E-mail',
	'account.role': 'Rola',
	'account.signOutHeading': 'Wylogowanie',
	'account.signOut': 'Wyloguj się',
	'account.signOutOffline':
		'Brak połączenia — wylogowanie wymaga internetu, żeby zakończyć sesję na serwerze.',
	'password.title': 'Zmiana hasła',
	'password.current': 'Obecne hasło',
	'password.new': 'Nowe hasło',
	'password.hint': 'Co najmniej 10 znaków. Najlepiej kilka słów, które łatwo zapamiętać.',
	'password.submit': 'Zmień hasło',
	'password.changed': 'Hasło zmienione. Inne urządzenia zostały wylogowane.',
	'password.mustChange': 'To konto ma hasło tymczasowe. Ustaw własne hasło, aby kontynuować.',
	'password.offline': 'Brak połączenia — hasło można zmienić, gdy wróci internet.',
	'update.available': 'Dostępna jest nowa wersja aplikacji.',
	'update.reload': 'Odśwież teraz',
	'update.later': 'Później',
	'update.unsavedWarning':
		'Masz niezapisane dane w formularzu. Odświeżenie je usunie — najpierw zapisz albo odśwież mimo to.',
	'update.reloadAnyway': 'Odśwież mimo to',
	'screen.signedInAs': 'Zalogowano jako {name}.',
	'screen.dashboard.title': 'Pulpit',
	'screen.dashboard.planned':
		'Tu pojawi się realizacja limitu godzin centrum i doradców w bieżącym miesiącu.',
	'screen.consultations.title': 'Konsultacje',
	'screen.consultations.planned': 'Tu pojawią się konsultacje do przeglądu i zatwierdzenia.',
	'screen.bookings.title': 'Rezerwacje',
	'screen.bookings.planned': 'Tu pojawią się prośby organizacji o doradztwo do potwierdzenia.',
	'screen.meetings.title': 'Moje spotkania',
	'screen.meetings.planned':
		'Tu pojawią się nadchodzące spotkania doradcze Twojej organizacji i rezerwacja terminu.',
	'screen.history.title': 'Historia',
	'screen.history.planned':
		'Tu pojawią się odbyte konsultacje Twojej organizacji wraz z tematami i godzinami.',
	'api.unauthenticated': 'Sesja wygasła lub nie jesteś zalogowany. Zaloguj się ponownie.',
	'api.forbidden': 'Nie masz uprawnień do tej czynności.',
	'api.notFound': 'Nie znaleziono — rekord nie istnieje albo nie masz do niego dostępu.',
	'api.noSuchAddress': 'Nie ma takiego adresu w API aplikacji.',
	'api.methodNotAllowed': 'Ten adres nie przyjmuje takiego żądania.',
	'api.badOrigin': 'Żądanie odrzucone: pochodzi spoza aplikacji.',
	'api.notJson': 'Żądanie musi być w formacie JSON (Content-Type: application/json).',
	'api.badJson': 'Nieprawidłowy JSON w treści żądania.',
	'api.bodyTooLarge': 'Treść żądania jest za duża.',
	'api.invalid': 'Popraw zaznaczone pola.',
	'api.passwordChangeRequired': 'Najpierw ustaw własne hasło.',
	'auth.wrongCredentials': 'Nieprawidłowy e-mail lub hasło. Sprawdź, czy nie jest włączony Caps Lock.',
	'auth.accountPending':
		'Rejestracja Twojej organizacji czeka na zatwierdzenie przez koordynatora COP. Dostaniesz dostęp po zatwierdzeniu.',
	'auth.accountDeactivated': 'To konto zostało wyłączone. Skontaktuj się z koordynatorem swojego COP.',
	'auth.tooManyAttempts': (p: Record<string, string | number>) =>
		`Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za ${p.minutes} min.`,
	'auth.noRole': 'To konto nie ma przypisanej roli. Skontaktuj się z administratorem.',
	'auth.currentPasswordWrong': 'Obecne hasło jest nieprawidłowe.'
};
