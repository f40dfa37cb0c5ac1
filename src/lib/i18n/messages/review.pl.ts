import { plural } from '../plural';

/** The coordinator's review of consultations: the month's list, filters, the read-only card, receipts, imports. */
export const reviewPl = {
	'review.title': 'Konsultacje',
	'review.jumpLabel': 'Na dole strony',
	'review.jumpClose': 'Zamknięcie miesiąca',
	'review.jumpExport': 'Zestawienia do pobrania',
	'review.fromDevice': 'Lista z danych na tym urządzeniu — działa także bez internetu.',
	'review.filters': 'Filtry',
	'review.advisor': 'Doradca',
	'review.advisorAll': 'Wszyscy',
	'review.status': 'Stan karty',
	'review.statusAll': 'Wszystkie',
	'review.search': 'Organizacja',
	'review.searchHint': 'Część nazwy; wielkość liter i polskie znaki bez znaczenia.',
	'review.clearFilters': 'Wyczyść filtry',
	'review.summary': (p: Record<string, string | number>) =>
		plural('pl', Number(p.count), {
			one: '{count} konsultacja',
			few: '{count} konsultacje',
			many: '{count} konsultacji',
			other: '{count} konsultacji'
		}) + ` · godziny bez szkiców: ${p.hours}`,
	'review.empty': 'W tym miesiącu nie ma jeszcze konsultacji na tym urządzeniu.',
	'review.noMatch': 'Żadna konsultacja z tego miesiąca nie pasuje do filtrów.',
	'review.unknownAdvisor': 'doradca spoza listy centrum',
	'review.noReceipt': 'bez potwierdzenia',
	'review.back': 'Wróć do listy konsultacji',
	'review.detail.title': 'Karta konsultacji',
	'review.detail.notHere':
		'Tej konsultacji nie ma na tym urządzeniu. Mogła dopiero trafić na serwer — poczekaj na synchronizację albo sprawdź kod potwierdzenia.',
	'review.detail.advisor': 'Doradca',
	'review.detail.receipt': 'Kod potwierdzenia',
	'review.detail.receiptHint': 'Kod ostatniej zmiany przyjętej przez serwer.',
	'review.detail.created': 'Utworzona (wg zegara telefonu)',
	'review.detail.updated': 'Ostatnia zmiana',
	'review.detail.signature': 'Podpis przedstawiciela organizacji',
	'review.detail.notSigned': 'Karta nie jest jeszcze podpisana.',
	'review.detail.conflicts': 'Zachowane drugie wersje tekstu (do rozstrzygnięcia przez doradcę)',
	'review.detail.amendmentBy': '{time} — {author}',
	'review.detail.reason': 'Powód: {reason}',
	'review.audit.comment': 'Komentarz dla doradcy',
	'review.receipt.hint': 'Kod ma postać np. 0009Z-4; wielkość liter i spacje bez znaczenia.',
	'review.receipt.searching': 'Szukanie…',
	'review.receipt.openConsultation': 'Otwórz kartę konsultacji',
	'review.receipt.openOrganisation': 'Otwórz organizację',
	'review.import.importing': 'Importowanie zmian…',
	'review.import.tooLarge': 'Plik jest za duży ({size}). Poproś doradcę o zapisanie zmian w kilku plikach.',
	'review.import.refusals': 'Zmiany odrzucone przy imporcie',
	'review.import.noneAccepted': 'Nie przyjęto żadnej zmiany z tego pliku — powody są niżej.'
};
