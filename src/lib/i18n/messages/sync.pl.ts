/** Sync: what the device says about sending and receiving changes, and every refusal with what to do next. */
import { plural } from '../plural';
export const syncPl = {
	'sync.unknownEntity': 'Nieznany rodzaj rekordu.',
	'sync.unknownOp': 'Nieznany rodzaj zmiany.',
	'sync.emptyBatch': 'Pusta paczka zmian.',
	'sync.batchTooLarge': 'Za dużo zmian w jednej paczce.',
	'sync.badCursor': 'Nieprawidłowy znacznik synchronizacji.',
	'sync.clientOutdated':
		'Ta wersja aplikacji jest za stara, żeby wysyłać zmiany. Zaktualizuj aplikację — niewysłane zmiany zostaną na telefonie.',
	'sync.serverOutdated': 'Serwer jest w trakcie aktualizacji. Zmiany zostaną wysłane za chwilę.',
	'sync.lifeboat.notLifeboat': 'To nie jest plik z niewysłanymi zmianami Doradcy.',
	'sync.lifeboat.version': 'Ten plik zapisała nieznana wersja aplikacji.',
	'sync.lifeboat.userOutsideScope':
		'Autor zmian z tego pliku nie jest doradcą Twojego centrum — zaimportować go może koordynator jego centrum.',
	'sync.lifeboat.unknownAuthor':
		'Autor zmian z tego pliku nie ma konta na tym serwerze — plik pochodzi z innej instalacji albo został zmieniony.',
	'sync.lifeboat.authorMismatch':
		'Zmiany w tym pliku są innej osoby niż ta, która go zapisała — plik został zmieniony. Poproś doradcę o zapisanie go jeszcze raz.',
	'sync.refused.invalid':
		'Serwer odrzucił zmianę: dane są niekompletne lub błędne. Popraw kartę i zapisz ponownie.',
	'sync.refused.notFound': 'Serwer nie zna tego rekordu albo nie masz do niego dostępu.',
	'sync.refused.locked':
		'Karta została już podpisana lub zatwierdzona, więc tej zmiany nie wprowadzono. Możesz ją zamienić na poprawkę z uzasadnieniem.',
	'sync.refused.badTransition': 'Tej zmiany stanu karty nie można wykonać (np. podpis bez zakończenia).',
	'sync.refused.alreadyExists': 'Rekord o tym identyfikatorze już istnieje na serwerze.',
	'sync.refused.deleted': 'Ta karta została usunięta na innym urządzeniu.',
	'sync.refused.unsupported': 'Tej zmiany nie można wysłać z telefonu — zrób ją w serwisie.',
	'sync.refused.opIdReused':
		'Identyfikator tej zmiany był już użyty dla innej zmiany — ta nie została zapisana.',
	'sync.refused.changedElsewhere':
		'Szkicu nie usunięto: w międzyczasie zmieniono go na innym urządzeniu. Wrócił na ten telefon — jeśli nadal jest niepotrzebny, usuń go jeszcze raz.',
	'sync.amendment.correctedElsewhere': 'poprawiona w międzyczasie na innym urządzeniu',
	'sync.refused.amendedElsewhere':
		'Poprawki nie zapisano: zanim dotarła, tę samą wartość poprawiono inaczej na innym urządzeniu. Karta pokazuje teraz tamtą poprawkę — jeśli nadal trzeba, popraw ją jeszcze raz.',
	'sync.refused.signedOtherVersion':
		'Podpisu nie zapisano: zanim dotarł, kartę zmieniono na innym urządzeniu, a podpis dotyczy wcześniejszej wersji. Przywróć podpisaną wersję albo otwórz kartę w obecnej wersji i poproś o podpis jeszcze raz.',
	'sync.state.local': 'tylko na tym telefonie',
	'sync.state.sent': 'wysłane, czeka na potwierdzenie',
	'sync.state.accepted': 'przyjęte przez serwer',
	'sync.state.refused': 'zmiana odrzucona',
	'sync.state.conflict': 'dwie wersje — wybierz',
	'sync.receipt': 'Potwierdzenie {receipt}',
	'sync.now': 'Synchronizuj teraz',
	'sync.running': 'Synchronizacja…',
	'sync.progress': 'Wysyłanie: {sent} z {total}',
	'sync.lastSync': 'Ostatnia synchronizacja: {when}',
	'sync.never': 'Jeszcze nie zsynchronizowano tego telefonu.',
	'sync.allSent': 'Wszystkie zmiany są na serwerze.',
	'sync.nothingWaitingButRefused':
		'Nic nie czeka na wysłanie, ale serwer nie przyjął części zmian — są tylko na tym telefonie.',
	'sync.noAnswer':
		'Serwer nie odpowiedział — zmiany są bezpieczne na telefonie; spróbuję ponownie za chwilę.',
	'sync.offline': 'Brak połączenia — zmiany są bezpieczne na telefonie i zostaną wysłane, gdy wróci zasięg.',
	'sync.timedOut':
		'Serwer nie odpowiedział na czas — łącze jest bardzo wolne albo gubi dane. Zmiany są bezpieczne na telefonie; następna próba wyśle je mniejszymi porcjami.',
	'sync.failed': 'Nie udało się zsynchronizować. Ponowimy próbę za {seconds} s.',
	'sync.signInAgain':
		'Sesja wygasła. Zaloguj się ponownie — niewysłane zmiany czekają na telefonie i zostaną wysłane po zalogowaniu.',
	'sync.signIn': 'Zaloguj się ponownie',
	'sync.outdated':
		'Ta wersja aplikacji jest za stara dla serwera. Odśwież aplikację — niewysłane zmiany zostaną zachowane.',
	'sync.stale': (p: Record<string, string | number>) =>
		`Ten telefon nie łączył się z serwerem od ${p.days} dni, a ma niewysłane zmiany. Połącz się z internetem albo zapisz zmiany do pliku i przekaż go koordynatorowi.`,
	'sync.panel.state': 'Stan synchronizacji',
	'sync.panel.title': 'Synchronizacja',
	'sync.refusals.title': 'Zmiany odrzucone przez serwer',
	'sync.refusals.none': 'Brak odrzuconych zmian.',
	'sync.refusals.resend': 'Wyślij ponownie',
	'sync.refusals.resent': 'Karta czeka na wysłanie — z jej obecną treścią.',
	'sync.refusals.dismiss': 'Rozumiem, usuń z listy',
	'sync.refusals.text': 'Odrzucona treść — {field}:',
	'sync.refusals.restore': 'Przywróć jako nowy szkic',
	'sync.refusals.restoreSigned': 'Przywróć podpisaną wersję',
	'sync.refusals.dismissQuestion':
		'Odrzucone zmiany są tylko tutaj. Po usunięciu z listy nie będzie ich nigdzie. Usunąć?',
	'sync.refusals.dismissConfirm': 'Tak, usuń odrzucone zmiany',
	'sync.refusals.toAmendment': 'Zamień na poprawkę',
	'sync.refusals.amendAgain': 'Wprowadź poprawkę jeszcze raz',
	'sync.refusals.open': 'Otwórz kartę',
	'sync.refusals.signedText': 'Podpisana treść — {field}:',
	'sync.refusals.signedChanges':
		'Przywrócenie podpisanej wersji zastąpi to, co jest teraz na karcie (teraz → podpisane):',
	'sync.refusals.signedChange': '{field}: {current} → {signed}',
	'sync.refusals.signedSame': 'Karta ma teraz te same wartości, które podpisano.',
	'sync.refusals.restoreSignedQuestion':
		'Przywrócić podpisaną wersję? Zastąpi ona obecne wartości karty, zmienione na innym urządzeniu — na tym telefonie, a po synchronizacji wszędzie:',
	'sync.refusals.restoreSignedQuestionSame':
		'Przywrócić podpisaną wersję? Karta ma teraz te same wartości, które podpisano — zostanie tylko podpisana ponownie.',
	'sync.refusals.restoreSignedConfirm': 'Tak, przywróć podpisaną wersję',
	'sync.refusals.restoredSigned': 'Przywrócono podpisaną wersję karty z podpisem. Czeka na wysłanie.',
	'sync.refusals.dismissSignedQuestion':
		'Podpis przedstawiciela i podpisana wersja karty są tylko tutaj. Po usunięciu z listy nie będzie ich nigdzie — o podpis trzeba będzie poprosić jeszcze raz. Usunąć?',
	'sync.refusals.dismissSignedConfirm': 'Tak, usuń podpis',
	'sync.conflict.title': 'Dwie wersje tekstu',
	'sync.conflict.explain':
		'Ten tekst zmieniono w tym samym czasie na dwóch urządzeniach. Zachowaliśmy obie wersje — wybierz jedną albo połącz je.',
	'sync.conflict.current': 'Wersja na serwerze',
	'sync.conflict.other': 'Druga wersja',
	'sync.conflict.keepCurrent': 'Zostaw wersję z serwera',
	'sync.conflict.keepOther': 'Wybierz drugą wersję',
	'sync.conflict.combinedLabel': 'Połączony tekst',
	'sync.conflict.combinedHint': 'Obie wersje, jedna pod drugą. Usuń to, co się powtarza, i zapisz.',
	'sync.conflict.combinedEmpty':
		'Połączony tekst jest pusty — wpisz treść albo wróć do wyboru wersji (zapisanie pustego usunęłoby obie).',
	'sync.conflict.saveCombined': 'Zapisz połączony tekst',
	'sync.conflict.cancelCombined': 'Wróć do wyboru wersji',
	'sync.conflict.keepBoth': 'Połącz obie',
	'sync.unsentOnDevice.title': (p: Record<string, string | number>) =>
		plural('pl', Number(p.count), {
			one: 'Na tym telefonie czeka {count} niewysłana zmiana',
			few: 'Na tym telefonie czekają {count} niewysłane zmiany',
			many: 'Na tym telefonie czeka {count} niewysłanych zmian',
			other: 'Na tym telefonie czeka {count} niewysłanej zmiany'
		}),
	'sync.unsentOnDevice.of':
		'Należą do konta {name} ({email}). Zaloguj się na nie, a zostaną wysłane — a jeśli to niemożliwe (np. konto wyłączono), zapisz je do pliku i przekaż koordynatorowi.',
	'sync.unsentOnDevice.unknown':
		'Zaloguj się na konto, na którym je zapisano, a zostaną wysłane — a jeśli to niemożliwe, zapisz je do pliku i przekaż koordynatorowi.',
	'sync.export.title': 'Zapis awaryjny',
	'sync.export.explain':
		'Jeśli nie możesz się zsynchronizować (brak zasięgu od tygodni, telefon do wymiany), zapisz niewysłane zmiany do pliku i przekaż go koordynatorowi. Import pliku dwa razy niczego nie zdubluje.',
	'sync.export.button': 'Zapisz niewysłane zmiany do pliku',
	'sync.export.nothing': 'Nie ma niewysłanych zmian.',
	'sync.export.done': 'Zapisano plik {file}.',
	'sync.import.title': 'Import zmian z pliku',
	'sync.import.explain':
		'Wczytaj plik zapisu awaryjnego od doradcy. Zmiany przejdą tę samą drogę co z telefonu: te, które już dotarły, nie zostaną zdublowane.',
	'sync.import.button': 'Wczytaj plik',
	'sync.import.result':
		'Przyjęto {applied}, scalono {merged}, odrzucono {refused}, już wcześniej przyjętych: {replayed}.',
	'sync.import.badFile': 'Nie udało się odczytać pliku: to nie jest plik JSON zapisu awaryjnego.',
	'sync.persist.granted': 'Przeglądarka obiecała nie usuwać danych tego telefonu.',
	'sync.persist.denied':
		'Przeglądarka może usunąć dane przy braku miejsca. Synchronizuj regularnie albo zainstaluj aplikację na ekranie głównym.',
	'sync.persist.unsupported': 'Ta przeglądarka nie informuje, czy zachowa dane na stałe.',
	'sync.signOut.pending': (p: Record<string, string | number>) =>
		`Na tym telefonie są niewysłane zmiany (${p.count}). Wylogowanie usunie je z telefonu. Najpierw zsynchronizuj albo zapisz je do pliku.`,
	'sync.signOut.confirm': 'Wyloguj i usuń niewysłane zmiany',
	'sync.signOut.refused':
		'Serwer nie przyjął części zmian ({count}): są tylko na tym telefonie i wylogowanie je usunie. Popraw je i wyślij ponownie.',
	'sync.signOut.refusedLink': 'Zobacz odrzucone zmiany',
	'sync.signOut.clears': 'Wylogowanie usuwa dane tego konta z telefonu.',
	'sync.receiptSearch.label': 'Znajdź po kodzie potwierdzenia',
	'sync.receiptSearch.notFound': 'Nie znaleziono zmiany o tym kodzie (albo nie masz do niej dostępu).',
	'sync.receiptSearch.foundLocal':
		'Bez internetu: na tym urządzeniu jest karta, której ostatnia zaakceptowana zmiana ma kod {receipt}.',
	'sync.receiptSearch.offlineNotHere':
		'Bez internetu sprawdzam tylko karty na tym urządzeniu — żadna nie ma teraz tego kodu (mógł należeć do wcześniejszej zmiany). Spróbuj ponownie, gdy wróci internet.',
	'sync.receiptSearch.invalid': 'To nie jest poprawny kod potwierdzenia — sprawdź, czy nie ma literówki.',
	'sync.receiptSearch.foundCard': '{receipt}: {entity} — zmiana z {at}.',
	'sync.receiptSearch.foundReview': '{receipt}: {entity} — zmiana koordynatora ({user}), {at}.',
	'sync.receiptSearch.found': '{receipt}: {entity} — przyjęto {at}; wysłał(a): {user}.',
	'sync.entity.consultation': 'karta konsultacji',
	'sync.entity.organisation': 'organizacja',
	'sync.entity.amendment': 'poprawka',
	'sync.panel.open': 'Synchronizacja — szczegóły',
	'sync.header.problem': 'problem z synchronizacją — szczegóły w panelu',
	'sync.panel.reading': 'Sprawdzanie, co czeka na wysłanie…',
	'sync.panel.waiting': 'Zmiany czekające na wysłanie: {count}.',
	'sync.panel.inFlight': 'W tym wysłane (albo zapisane do pliku), czekają na potwierdzenie serwera: {count}.',
	'sync.panel.refused': 'Serwer odrzucił zmiany: {count} — zobacz niżej, co zrobić.',
	'sync.when.today': 'dziś, {time}',
	'sync.when.yesterday': 'wczoraj, {time}',
	'sync.when.earlier': '{date}, {time}',
	'sync.failedNow': 'Nie udało się zsynchronizować. Spróbuj ponownie za chwilę.',
	'sync.failedDetail': 'Szczegóły: {message}',
	'sync.failedNotServer': 'odpowiedź nie przyszła od serwera Doradcy (np. strona logowania do sieci Wi-Fi).',
	'sync.failedStatus': 'serwer jest chwilowo niedostępny (kod {status}).',
	'sync.storage.title': 'Dane na telefonie',
	'sync.storage.usage': 'Aplikacja zajmuje {used} z dostępnych {quota}.',
	'sync.refusals.at': 'Odrzucono {when}.',
	'sync.refusals.record': '{entity} z {date}',
	'sync.refusals.fields': 'Pola do poprawy:',
	'sync.update.afterSync':
		'Dostępna jest nowa wersja aplikacji. Zainstaluje się po wysłaniu zmian z tego telefonu (czeka: {count}).',
	'sync.update.installAfterSync': 'Zainstaluj po wysłaniu',
	'sync.update.waiting': 'Wysyłamy zmiany — nowa wersja zainstaluje się zaraz potem.',
	'sync.update.waitingOffline':
		'Brak połączenia — nowa wersja zainstaluje się, gdy zmiany zostaną wysłane po powrocie zasięgu.',
	'sync.update.now': 'Zaktualizuj teraz',
	'sync.update.check': 'Sprawdź aktualizację',
	'sync.update.noneYet': 'Nowej wersji jeszcze nie ma albo nie udało się jej pobrać. Spróbuj za chwilę.',
	'sync.conflict.signed':
		'Karta jest podpisana, więc jej tekst zmienisz tylko poprawką z powodem. Zostaw wersję z serwera albo przenieś drugą wersję do poprawki.',
	'sync.conflict.amendOther': 'Poprawka z drugą wersją',
	'sync.conflict.amendBoth': 'Poprawka z połączonym tekstem',
	'sync.conflict.saved': 'Zapisano tekst na telefonie. Zostanie wysłany przy synchronizacji.',
	'sync.amend.fromRefusal': 'Wartości z odrzuconej zmiany są już wpisane. Sprawdź je i podaj powód poprawki.',
	'sync.amend.fromRefusedAmendment':
		'Wartości i powód odrzuconej poprawki są już wpisane. Popraw to, co wskazał serwer, i zapisz ją ponownie.',
	'sync.amend.fromConflict': 'Wybrany tekst jest już wpisany. Sprawdź go i podaj powód poprawki.',
	'sync.signOut.export': 'Zapisz niewysłane zmiany do pliku',
	'sync.signOut.working': 'Wylogowywanie…',
	'sync.today.refused': 'Serwer odrzucił zmiany ({count}) — zobacz, co zrobić.',
	'sync.stale.open': 'Otwórz synchronizację'
};
