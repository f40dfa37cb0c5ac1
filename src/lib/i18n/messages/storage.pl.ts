/** The device's own storage (IndexedDB) and the local record rules: every message says what is kept and what to do. */
export const storagePl = {
	'storage.quotaExceeded':
		'Brak miejsca na telefonie — zwolnij miejsce i spróbuj ponownie. Dane z formularza są nadal na ekranie.',
	'storage.newerVersion':
		'Dane na telefonie zapisała nowsza wersja aplikacji niż ta w tej karcie. Dane z formularza są nadal na ekranie — skopiuj ważne notatki, a potem odśwież stronę.',
	'storage.closed':
		'Doradca został zaktualizowany albo otwarty w innej karcie i ta karta straciła dostęp do danych. Dane z formularza są nadal na ekranie — zamknij pozostałe karty Doradcy i spróbuj ponownie.',
	'storage.unavailable':
		'Ta przeglądarka nie pozwala zapisywać danych na telefonie (np. w trybie prywatnym). Dane z formularza są nadal na ekranie — otwórz Doradcę w zwykłym oknie przeglądarki.',
	'storage.failed':
		'Nie udało się zapisać na telefonie. Dane z formularza są nadal na ekranie — spróbuj ponownie za chwilę, a jeśli to się powtarza, uruchom ponownie przeglądarkę.',
	'storage.record.locked':
		'Ta karta jest już podpisana i nie można jej zmieniać. Aby coś poprawić, wprowadź poprawkę z uzasadnieniem.',
	'storage.record.notFound':
		'Tej karty nie ma już na telefonie — mogła zostać usunięta. Dane z formularza są nadal na ekranie.',
	'storage.record.wrongStatus':
		'Tego kroku nie można wykonać przy obecnym stanie karty. Dane są zapisane — sprawdź stan karty i spróbuj ponownie.',
	'storage.record.unsendable':
		'Ostatnia zmiana nie jest zapisana: popraw zaznaczone pole. Do tego czasu na telefonie zostaje poprzednia wersja, a dane z formularza są nadal na ekranie.',
	'storage.amendment.reasonRequired': 'Podaj powód poprawki — jest wymagany przy zmianie podpisanej karty.',
	'storage.amendment.notOnServer':
		'Serwer nie przyjął jeszcze tej karty, więc poprawki nie da się do niej dołączyć. Usuń przyczynę odmowy podaną na karcie i wyślij ją ponownie — poprawkę wprowadzisz, gdy serwer ją przyjmie.',
	'storage.amendment.noChanges': 'Poprawka niczego nie zmienia — zmień co najmniej jedno pole.'
};
