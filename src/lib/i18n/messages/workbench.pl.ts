/** The advisor's workbench: topic taxonomy labels, consultation timing and completion rules, amendments. */
export const workbenchPl = {
	'topicGroup.classic': 'Tematy doradztwa',
	'topicGroup.model': 'Model Współpracy',
	'topicGroup.mandatory': 'obowiązkowy w projekcie',
	'topicPlane.1': 'Płaszczyzna 1: współtworzenie polityk publicznych',
	'topicPlane.2': 'Płaszczyzna 2: realizacja zadań publicznych',
	'topicPlane.3': 'Płaszczyzna 3: infrastruktura współpracy',
	'topic.formalities': 'Zakładanie organizacji i formalności (statut, KRS, władze)',
	'topic.opp': 'Status OPP i 1,5% podatku',
	'topic.accounting': 'Księgowość i sprawozdania finansowe',
	'topic.taxes': 'Podatki i ubezpieczenia społeczne',
	'topic.paid-activity': 'Odpłatna działalność pożytku publicznego i działalność gospodarcza',
	'topic.employment': 'Zatrudnianie',
	'topic.volunteering': 'Wolontariat',
	'topic.fundraising': 'Pozyskiwanie środków (sponsoring, darowizny, zbiórki publiczne, crowdfunding)',
	'topic.grant-sources': 'Źródła dotacji',
	'topic.applications': 'Pisanie wniosków i budżetów',
	'topic.grant-settlement': 'Realizacja i rozliczanie dotacji, sprawozdania',
	'topic.local-government':
		'Współpraca z samorządem (konkursy, małe granty, inicjatywa lokalna, program współpracy, RDPP)',
	'topic.promotion': 'Promocja i media',
	'topic.management': 'Zarządzanie i rozwój organizacji',
	'topic.data-protection': 'Ochrona danych osobowych (RODO)',
	'topic.social-economy': 'Ekonomia społeczna',
	'topic.partnerships': 'Partnerstwa i sieci współpracy',
	'topic.other': 'Inne',
	'topic.model-1-1': '1.1 Wspólne diagnozowanie lokalnych problemów i wyzwań',
	'topic.model-1-2': '1.2 Wzajemne informowanie się o planach, zamierzeniach i kierunkach działań',
	'topic.model-1-3': '1.3 Współtworzenie strategii i programów',
	'topic.model-1-4': '1.4 Konsultowanie projektów aktów normatywnych i innych przedsięwzięć',
	'topic.model-1-5': '1.5 Współpraca przy wdrażaniu polityk publicznych',
	'topic.model-1-6': '1.6 Udział organizacji w ocenie realizacji polityk i programów',
	'topic.model-2-1': '2.1 Realizacja zadań publicznych w formach finansowych',
	'topic.model-2-2': '2.2 Realizacja zadań publicznych w formach pozafinansowych',
	'topic.model-2-3': '2.3 Partnerstwo projektowe w realizacji zadań publicznych',
	'topic.model-3-1': '3.1 System wspierania inicjatyw obywatelskich i organizacji pozarządowych',
	'topic.model-3-2': '3.2 Wspieranie integracji sektora organizacji pozarządowych',
	'topic.model-3-3': '3.3 Partnerstwo lokalne',
	'workbench.timing.dateInvalid': 'Wpisz datę w postaci RRRR-MM-DD albo wybierz ją z kalendarza.',
	'workbench.timing.timeInvalid': 'Wpisz godzinę w postaci GG:MM, np. 09:30.',
	'workbench.timing.timeNotExist':
		'Tej godziny nie było — tej nocy zegary przestawiono z 2:00 na 3:00. Wpisz godzinę według zegarka.',
	'workbench.timing.endBeforeStart': 'Koniec musi być po początku — sprawdź godzinę zakończenia.',
	'workbench.timing.zeroDuration':
		'Koniec jest o tej samej godzinie co początek — wpisz godzinę zakończenia.',
	'workbench.timing.tooLong': 'Konsultacja trwa ponad 12 godzin — sprawdź godziny rozpoczęcia i zakończenia.',
	'workbench.timing.inFuture':
		'Ta data jest w przyszłości, a zapisujesz wizytę, która się odbyła — sprawdź dzień, miesiąc i rok. Zaplanowaną wizytę zostaw jako szkic — zakończysz ją w dniu spotkania.',
	'workbench.timing.inFutureOnServer':
		'Na serwerze ten dzień jeszcze nie nastał — data w telefonie jest chyba ustawiona do przodu. Ustaw datę i godzinę w telefonie. Kartę niepodpisaną popraw i zapisz; podpisaną wyślij ponownie w dniu, którego dotyczy, a potem wprowadź poprawkę daty.',
	'workbench.timing.notStarted':
		'Ta wizyta jeszcze się nie zaczęła, a zakończyć można wizytę, która się odbyła — sprawdź godzinę rozpoczęcia. Zaplanowaną zostaw jako szkic.',
	'workbench.timing.notEnded':
		'Koniec jest jeszcze przed nami — wpisz godzinę, o której wizyta się skończyła (najwyżej 15 minut od teraz).',
	'workbench.timing.durationMismatch':
		'Czas trwania nie zgadza się z godzinami — ustaw godzinę zakończenia jeszcze raz.',
	'workbench.completed.leaveHeldBack':
		'Ta zmiana nie jest zapisana — karta zostanie z danymi sprzed niej. Wyjść mimo to?',
	'workbench.completed.heldBack':
		'Ta zmiana nie jest jeszcze zapisana: zakończona wizyta nie może mieć takich danych — popraw to, co zaznaczono w formularzu. Do tego czasu karta wizyty i miesiąc pokazują ją sprzed zmiany.',
	'workbench.organisation.required': 'Wybierz organizację z listy albo dodaj nową.',
	'workbench.placeKind.required': 'Wybierz miejsce: w siedzibie organizacji, w COP albo zdalnie.',
	'workbench.address.required': 'Przy doradztwie mobilnym wpisz adres, pod którym odbyło się spotkanie.',
	'workbench.topics.required': 'Zaznacz co najmniej jeden temat konsultacji.',
	'workbench.topics.unknown': 'Tego tematu nie ma na liście — wybierz temat z listy.',
	'workbench.topics.duplicate': 'Każdy temat można zaznaczyć tylko raz.',
	'workbench.participantCount.invalid': 'Liczba obecnych osób to liczba całkowita od 0 do 10 000, np. 3.',
	'workbench.participantCount.tooFew':
		'Liczba uczestników nie może być mniejsza niż liczba osób na liście (i co najmniej 1) — popraw ją.',
	'workbench.participants.nameRequired': 'Wpisz imię i nazwisko uczestnika albo usuń ten wiersz.',
	'workbench.notes.tooLong': 'Notatka może mieć najwyżej 20 000 znaków — skróć ją.',
	'workbench.text.tooLong': 'Ten tekst jest za długi — skróć go.',
	'workbench.signature.required':
		'Podpisana konsultacja musi mieć podpis przedstawiciela organizacji — poproś o podpis.',
	'workbench.signature.invalid': 'Podpis nie został zapisany poprawnie — poproś o podpis jeszcze raz.',
	'workbench.amendment.reasonRequired':
		'Podaj powód poprawki (co najmniej 5 znaków) — zostanie zapisany w historii.',
	'workbench.amendment.reasonTooLong': 'Powód poprawki może mieć najwyżej 1000 znaków — skróć go.',
	'workbench.amendment.noChanges': 'Poprawka niczego nie zmienia — zmień co najmniej jedno pole albo anuluj.',
	'formDraft.restored': 'Przywrócono to, co wpisano tu wcześniej na tym telefonie ({when}).',
	'formDraft.discard': 'Wyczyść formularz',
	'formDraft.kept': 'Wpisane dane są zachowane na tym telefonie — także po odświeżeniu strony.'
};
