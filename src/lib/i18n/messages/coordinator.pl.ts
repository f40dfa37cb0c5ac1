import { plural } from '../plural';

type P = Record<string, string | number>;

/** The coordinator's (and admin's) issue-5 screens: dashboard, review actions, month close, quotas, exports. */
export const coordinatorPl = {
	// Filters and rows of the list
	'coord.filter.topic': 'Temat lub obszar',
	'coord.filter.topicAll': 'Wszystkie',
	'coord.filter.areas': 'Obszary',
	'coord.filter.topics': 'Tematy',
	'coord.filter.late': 'Tylko spóźnione',
	'coord.filter.flagged': 'Tylko oznaczone',
	'coord.filter.centre': 'Centrum',
	'coord.filter.centreAll': 'Wszystkie centra',
	'coord.filter.organisation': 'Organizacja: {name}',
	'coord.filter.newOrganisations': 'Tylko organizacje nowe w okresie projektu',
	'coord.filter.remove': 'Usuń filtr: {label}',
	'coord.filter.place': 'Miejsce: {place}',
	'coord.filter.counted': 'Tylko liczone godziny (bez szkiców; spóźnione według wersji sprzed zmiany)',
	'coord.filter.range': 'Miesiące {from} – {to}',
	'coord.area.other': 'Tematy spoza listy',
	'coord.area.classic': 'Tematy klasyczne',
	'coord.area.model-1': 'Model Współpracy — płaszczyzna 1: współtworzenie polityk',
	'coord.area.model-2': 'Model Współpracy — płaszczyzna 2: realizacja zadań publicznych',
	'coord.area.model-3': 'Model Współpracy — płaszczyzna 3: infrastruktura współpracy',
	'coord.area.none': 'Bez tematu',
	// A row's chips name one card ({count} 1); without a numeral any plural reads "spóźnione — czekają".
	'coord.chip.overlaps': 'nakłada się na inną wizytę tego doradcy',
	'coord.chip.late': (p: P) =>
		plural('pl', Number(p.count ?? 1), {
			one: 'spóźniona — czeka na zatwierdzenie',
			other: 'spóźnione — czekają na zatwierdzenie'
		}),
	'coord.chip.flagged': (p: P) =>
		plural('pl', Number(p.count ?? 1), { one: 'oznaczona: {comment}', other: 'oznaczone: {comment}' }),
	'coord.select': 'Zaznacz: {label}',
	'coord.selectAll': 'Zaznacz wszystkie do zatwierdzenia ({count})',
	'coord.approveSelected': 'Zatwierdź zaznaczone ({count})',
	'coord.approveSelectedDone': (p: P) =>
		plural('pl', Number(p.count), {
			one: 'Zatwierdzono {count} konsultację.',
			few: 'Zatwierdzono {count} konsultacje.',
			many: 'Zatwierdzono {count} konsultacji.',
			other: 'Zatwierdzono {count} konsultacji.'
		}),
	'coord.approveSelectedRefused': 'Nie zatwierdzono ({count}):',
	'coord.approveSelectedLate': (p: P) =>
		plural('pl', Number(p.count), {
			one: 'W tym {count} zmiana, która dotarła po zamknięciu miesiąca — po zatwierdzeniu zmieni zamknięte zestawienie.',
			few: 'W tym {count} zmiany, które dotarły po zamknięciu miesiąca — po zatwierdzeniu zmienią zamknięte zestawienie.',
			many: 'W tym {count} zmian, które dotarły po zamknięciu miesiąca — po zatwierdzeniu zmienią zamknięte zestawienie.',
			other:
				'W tym {count} zmiany, które dotarły po zamknięciu miesiąca — po zatwierdzeniu zmienią zamknięte zestawienie.'
		}),
	'coord.approveSelectedUnsigned': (p: P) =>
		plural('pl', Number(p.count), {
			one: 'W tym {count} karta bez podpisu organizacji — zostanie zatwierdzona bez niego.',
			few: 'W tym {count} karty bez podpisu organizacji — zostaną zatwierdzone bez niego.',
			many: 'W tym {count} kart bez podpisu organizacji — zostaną zatwierdzone bez niego.',
			other: 'W tym {count} karty bez podpisu organizacji — zostaną zatwierdzone bez niego.'
		}),
	'coord.lateBanner': (p: P) =>
		plural('pl', Number(p.count), {
			one: '{count} konsultacja spóźniona — czeka na zatwierdzenie',
			few: '{count} konsultacje spóźnione — czekają na zatwierdzenie',
			many: '{count} konsultacji spóźnionych — czeka na zatwierdzenie',
			other: '{count} konsultacji spóźnionej — czeka na zatwierdzenie'
		}),
	'coord.lateBannerShow': 'Pokaż spóźnione',
	'coord.onlineOnly': 'Wymaga połączenia z internetem.',

	// Exports
	'coord.export.title': 'Zestawienia do pobrania',
	'coord.export.pdf': 'Zestawienie PDF',
	'coord.export.csv': 'CSV (Excel)',
	'coord.export.xlsx': 'XLSX',
	'coord.export.scopeCentre': 'Dla centrum: {centre}',
	'coord.export.scopeAdvisor': 'Dla doradcy: {advisor}',
	'coord.export.offline': 'Pobieranie zestawień wymaga internetu — pliki tworzy serwer.',
	'coord.export.pickCentre': 'Wybierz centrum, aby pobrać jego zestawienie.',
	'coord.export.card': 'Karta PDF',

	// Month close
	'coord.month.title': 'Zamknięcie miesiąca',
	'coord.month.open': 'Miesiąc jest otwarty.',
	'coord.month.closed': 'Miesiąc zamknięty {at}. Osoba zamykająca: {name}.',
	'coord.month.closedShort': 'Miesiąc zamknięty.',
	'coord.month.close': 'Zamknij miesiąc',
	'coord.month.closeAnyway': 'Zamknij mimo to',
	'coord.month.reopen': 'Otwórz ponownie',
	'coord.month.checking': 'Sprawdzam stan miesiąca…',
	'coord.month.confirmClose': 'Wszystkie karty są zatwierdzone i wysłane. Zamknąć {month}?',
	'coord.month.warnOpen':
		'Przed zamknięciem sprawdź te karty. Po zamknięciu zmiany w tym miesiącu trafią do zatwierdzenia jako spóźnione.',
	'coord.month.unapproved': 'Niezatwierdzone',
	'coord.month.flagged': '— oznaczona, czeka na odpowiedź doradcy',
	'coord.month.warnFlagged': (p: P) =>
		plural('pl', Number(p.count), {
			one: '{count} karta jest oznaczona: pytanie do doradcy czeka na odpowiedź. Po zamknięciu jej poprawka będzie spóźniona.',
			few: '{count} karty są oznaczone: pytania do doradców czekają na odpowiedź. Po zamknięciu ich poprawki będą spóźnione.',
			many: '{count} kart jest oznaczonych: pytania do doradców czekają na odpowiedź. Po zamknięciu ich poprawki będą spóźnione.',
			other: '{count} karty jest oznaczonej: pytania do doradców czekają na odpowiedź.'
		}),
	'coord.month.late': 'Spóźnione',
	'coord.month.drafts': 'Szkice (nie liczą się)',
	'coord.month.approvedFlagged': 'Zatwierdzone, z otwartym pytaniem do doradcy',
	'coord.month.lastSync':
		'Ostatnia zmiana otrzymana od każdego doradcy (karty jeszcze niewysłane z telefonu nie są tu widoczne)',
	'coord.month.lastSyncNever': 'nic jeszcze nie wysłał(a)',
	'coord.month.lastSyncAt': '{name}: {at}',
	'coord.month.currentWarning': 'To bieżący miesiąc — doradcy mogą jeszcze dopisywać wizyty.',
	'coord.month.reason': 'Powód ponownego otwarcia',
	'coord.month.reasonHint': 'Od 3 do 500 znaków; zostaje w historii zmian.',
	'coord.month.reasonTooShort': 'Podaj powód (co najmniej 3 znaki).',
	'coord.month.closedDone': 'Zamknięto — zestawienia tego miesiąca są teraz ostateczne.',
	'coord.month.reopenedDone': 'Miesiąc otwarty ponownie.',
	'coord.month.pickCentre': 'Wybierz centrum, aby zamknąć lub otworzyć jego miesiąc.',
	'coord.month.row': '{date} · {advisor} · {organisation} · {hours}',

	// Card actions
	'coord.card.review': 'Zatwierdzanie',
	'coord.card.approve': 'Zatwierdź',
	// A flagged card: approving it also removes the flag (its question to the advisor is then closed).
	'coord.card.approveUnsignedQuestion':
		'Organizacja nie podpisała tej karty. Zatwierdzić ją bez podpisu? W zestawieniu będzie „brak podpisu”; doradca może dodać podpis także po zatwierdzeniu.',
	'coord.card.approveUnsignedConfirm': 'Zatwierdź bez podpisu',
	'coord.card.approveFlagged': 'Zatwierdź i zdejmij oznaczenie',
	'coord.card.approved': 'Zatwierdzona {at}. Osoba zatwierdzająca: {name}.',
	'coord.card.approvedDone': 'Karta zatwierdzona.',
	'coord.card.notCountable': 'Szkicu nie można zatwierdzić — doradca musi najpierw zakończyć wizytę.',
	'coord.card.flag': 'Oznacz z komentarzem',
	'coord.card.flagClosedMonth':
		'Miesiąc tej karty jest zamknięty: poprawka doradcy wróci jako spóźniona zmiana — do zestawienia wejdzie dopiero po Twoim zatwierdzeniu.',
	'coord.card.flagComment': 'Komentarz dla doradcy',
	'coord.card.flagHint': 'Od 1 do 500 znaków, np. pytanie o brakujący podpis.',
	'coord.card.flagSave': 'Oznacz kartę',
	'coord.card.flagged': 'Oznaczona {at}: {comment}',
	'coord.card.flagRemove': 'Usuń oznaczenie',
	'coord.card.flaggedDone': 'Karta oznaczona.',
	'coord.card.unflaggedDone': 'Oznaczenie usunięte.',
	'coord.card.flagEmpty': 'Wpisz komentarz.',
	'coord.card.lateTitle': 'Spóźniona — czeka na zatwierdzenie',
	'coord.card.lateText':
		'Zmiana dotarła {since}, gdy miesiąc był już zamknięty. Do czasu zatwierdzenia miesiąc liczy wersję sprzed zmiany.',
	'coord.card.lateBaseline': 'Liczone teraz: {before}',
	'coord.card.lateBaselineNone': 'Liczone teraz: nic (karta nie liczyła się przed zmianą)',
	'coord.card.lateNow': 'Po zatwierdzeniu: {after}',
	'coord.card.facts': '{date}, {hours}, {status}',
	'coord.card.audit': 'Historia zmian (audyt)',
	'coord.card.auditOffline': 'Historia zmian jest dostępna z połączeniem z internetem.',
	'coord.card.auditEmpty': 'Brak wpisów.',
	'coord.card.auditLoading': 'Wczytuję historię…',
	'coord.card.auditEntry': '{at} — {actor}: {action}',
	'coord.card.auditReason': 'Powód: {reason}',
	'coord.card.auditChange': '{field}: {before} → {after}',
	'coord.audit.created': 'utworzenie',
	'coord.audit.updated': 'zmiana',
	'coord.audit.amended': 'poprawka',
	'coord.audit.deleted': 'usunięcie',
	'coord.audit.approved': 'zatwierdzenie',
	'coord.audit.flagged': 'oznaczenie',
	'coord.audit.unflagged': 'usunięcie oznaczenia',
	'coord.audit.imported': 'import z pliku (zmiany z telefonu doradcy)',
	'coord.audit.late': ' (spóźnione)',
	'coord.audit.closed': 'zamknięcie miesiąca',
	'coord.audit.reopened': 'ponowne otwarcie miesiąca',
	'coord.audit.set': 'ustawienie',
	'coord.audit.removed': 'usunięcie',

	// Dashboard
	'dash.title': 'Pulpit',
	'dash.centre': 'Centrum',
	'dash.network': 'Cała sieć',
	'dash.quotasLink': 'Limity godzin i okres projektu',
	'dash.fromDevice': 'Liczone z danych na tym urządzeniu — działa także bez internetu.',
	'dash.fromServer': 'Liczone na serwerze.',
	'dash.adminOffline':
		'Pulpit administratora liczy serwer — wymaga połączenia z internetem. Spróbuj, gdy wróci zasięg.',
	'dash.loading': 'Liczę…',
	'dash.outsidePeriod': 'Ten miesiąc leży poza okresem projektu ({start} – {end}).',
	'dash.noPeriod': 'Okres projektu jeszcze nie dotarł na to urządzenie — poczekaj na synchronizację.',
	'dash.totals': 'Godziny miesiąca',
	'dash.done': 'Zrobione — wszystkie formy doradztwa',
	'dash.target': 'Cel — doradztwo mobilne',
	'dash.noTarget': 'brak celu',
	'dash.towardTarget': 'Zrobione — doradztwo mobilne (do celu)',
	'dash.warn.missed': '{centre}: cel nie został osiągnięty — {done} z {target}.',
	'dash.scopeAll': 'Wszystkie moje centra',
	'dash.remaining': 'Zostało',
	'dash.remainingMobile': 'Zostało do celu — doradztwo mobilne',
	'dash.planned': 'Zaplanowane — wszystkie formy doradztwa',
	'dash.pace': 'Potrzeba dziennie',
	'dash.paceValue': '{hours} na dzień roboczy ({days})',
	'dash.workingDaysLeft': (p: P) =>
		plural('pl', Number(p.count), {
			one: '{count} dzień roboczy',
			few: '{count} dni robocze',
			many: '{count} dni roboczych',
			other: '{count} dnia roboczego'
		}),
	'dash.paceNone': 'nie dotyczy',
	'dash.forecast': 'Prognoza doradztwa mobilnego na koniec miesiąca',
	'dash.targetReached': 'cel osiągnięty',
	'dash.targetShort': 'cel nieosiągnięty — zabrakło {hours}',
	'dash.behind': 'poniżej tempa',
	'dash.onTrack': 'w tempie',
	'dash.byStatus': 'Według stanu karty (wszystkie formy doradztwa)',
	'dash.awaiting': (p: P) =>
		plural('pl', Number(p.count), {
			one: '{count} spóźniona karta czeka na zatwierdzenie',
			few: '{count} spóźnione karty czekają na zatwierdzenie',
			many: '{count} spóźnionych kart czeka na zatwierdzenie',
			other: '{count} spóźnionej karty czeka na zatwierdzenie'
		}),
	'dash.advisors': 'Doradcy',
	'dash.allKinds': 'Wszystkie formy doradztwa',
	'dash.advisorOf': 'mobilnie, z celu {target}',
	'dash.centres': 'Centra',
	'dash.warnings': 'Ostrzeżenia',
	'dash.warn.behind': '{centre}: poniżej tempa — prognoza {forecast} z {target}.',
	'dash.warn.noTarget': '{centre}: brak celu godzin na ten miesiąc.',
	'dash.warn.late': (p: P) =>
		plural('pl', Number(p.count), {
			one: '{centre}: {count} spóźniona karta czeka na zatwierdzenie.',
			few: '{centre}: {count} spóźnione karty czekają na zatwierdzenie.',
			many: '{centre}: {count} spóźnionych kart czeka na zatwierdzenie.',
			other: '{centre}: {count} spóźnionej karty czeka na zatwierdzenie.'
		}),
	'dash.chart': 'Godziny w okresie projektu',
	'dash.chartDesc': 'Cel i wykonanie w każdym miesiącu projektu, {start} – {end}.',
	'dash.chartMonth': 'Miesiąc',
	'dash.chartTarget': 'Cel',
	'dash.chartDone': 'Wykonane (mobilne)',
	'dash.chartUnit': 'oś: godziny',
	'dash.chartFuture': '—',
	'dash.chartBar': '{month}: cel {target}, wykonane {done}',
	'dash.chartTable': 'Tabela z danymi wykresu',
	'dash.byTopic': 'Godziny według tematów (wszystkie formy)',
	'dash.byArea': 'Godziny według obszarów (wszystkie formy)',
	'dash.topicSplit':
		'Wizyta z kilkoma tematami dzieli swój czas po równo między nie, więc suma się zgadza; lista po kliknięciu pokazuje te wizyty z całym ich czasem.',
	'dash.forMonth': 'w miesiącu',
	'dash.forPeriod': 'w całym okresie',
	'dash.organisations': 'Organizacje',
	'dash.orgServedMonth': 'obsłużone w miesiącu',
	'dash.orgServedPeriod': 'obsłużone w okresie',
	'dash.orgNew': 'nowe w okresie',
	'dash.none': 'Brak godzin.',
	'dash.hours': '{hm} h',
	'dash.figureLink': 'Pokaż konsultacje: {label}',

	// Quotas
	'quota.title': 'Limity godzin',
	'quota.backToDashboard': 'Wróć do pulpitu',
	'quota.network': 'Cała sieć',
	'quota.networkHint': 'Cel doradztwa mobilnego całej sieci (domyślnie 120 h miesięcznie).',
	'quota.centre': 'Cel centrum',
	'quota.advisor': 'Cel: {name}',
	'quota.hoursLabel': 'godziny',
	'quota.inputHint': 'Np. 12, 12,5 albo 12:30. Puste pole — bez własnego celu na ten miesiąc.',
	'quota.periodSaveAnyway': 'Zapisz okres mimo to',
	'quota.source.kept': 'jak w dniu zamknięcia miesiąca',
	'quota.closedMonth':
		'Miesiąc zamknięty w tym centrum ({month}): cele zostają takie, z jakimi go zamknięto. Aby je zmienić, otwórz go ponownie.',
	'quota.closedMonthLink': 'Zamknięcie miesiąca',
	'quota.gap.centresBelow': 'Cele centrów razem: {sum} h — o {diff} h mniej niż cel sieci.',
	'quota.gap.centresAbove': 'Cele centrów razem: {sum} h — o {diff} h więcej niż cel sieci.',
	'quota.gap.advisorsBelow': 'Cele doradców razem: {sum} h — o {diff} h mniej niż cel centrum.',
	'quota.gap.advisorsAbove': 'Cele doradców razem: {sum} h — o {diff} h więcej niż cel centrum.',
	'quota.source.month': 'ustawiony na ten miesiąc',
	'quota.source.standing': 'stały (każdy miesiąc)',
	'quota.source.share': 'udział w celu centrum: {hours}',
	'quota.source.none': 'brak celu',
	'quota.scope': 'Zapisz jako',
	'quota.scopeMonth': 'tylko ten miesiąc',
	'quota.scopeStanding': 'stały cel (każdy miesiąc)',
	'quota.reason': 'Powód zmiany (nieobowiązkowy)',
	'quota.save': 'Zapisz',
	'quota.remove': 'Usuń cel tego miesiąca',
	'quota.saved': 'Zapisano.',
	'quota.savedStanding': 'Zapisano stały cel: {hours}.',
	'quota.savedStandingOwn': 'Zapisano stały cel: {hours}. Ten miesiąc ma własny cel — zostaje {own}.',
	'quota.savedStandingKept':
		'Zapisano stały cel: {hours}. Ten miesiąc zachowuje cel z dnia zamknięcia: {own}.',
	'quota.badHours':
		'Podaj liczbę godzin (0 lub więcej), np. 12, 12,5 albo 12:30 — najwyżej dwie cyfry po przecinku.',
	'quota.unchanged': 'Bez zmian — cel już tyle wynosi.',
	'quota.tooMany': 'Miesiąc ma najwyżej 744 godziny.',
	'quota.history': 'Historia zmian',
	'quota.historyEmpty': 'Brak zmian.',
	'quota.historyEntry': '{at} — {actor}',
	'quota.historyOffline': 'Historię zmian pokazuje serwer — połącz się z internetem, aby ją zobaczyć.',
	'quota.offline': 'Limity są zapisywane na serwerze — ten ekran wymaga internetu.',
	'quota.period': 'Okres projektu',
	'quota.periodName': 'Nazwa projektu',
	'quota.periodStart': 'Pierwszy miesiąc',
	'quota.periodEnd': 'Ostatni miesiąc',
	'quota.periodSave': 'Zapisz okres projektu',
	'quota.periodSaved': 'Okres projektu zapisany.',
	'quota.periodNow': '{name}: {start} – {end}'
};
