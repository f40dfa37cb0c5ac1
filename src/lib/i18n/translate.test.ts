import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, translate } from './translate';
import { pl } from './messages/pl';
import { en } from './messages/en';

describe('translate', () => {
	it('renders a known message in both languages, with its parameters', () => {
		expect(translate('pl', 'login.title')).toBe('Logowanie');
		expect(translate('en', 'login.title')).toBe('Sign in');
		expect(translate('pl', 'log.savedAt', { time: '12:04' })).toBe('Zapisano na telefonie 12:04');
		expect(translate('en', 'auth.tooManyAttempts', { minutes: 15 })).toContain('15 min');
	});

	it('uses Polish plural forms: 1 zmiana, 2–4 zmiany, 5+ zmian, 22 zmiany', () => {
		const pending = (count: number) => translate('pl', 'status.pending', { count });
		expect([1, 2, 4, 5, 12, 22, 25].map(pending)).toEqual([
			'1 zmiana czeka',
			'2 zmiany czekają',
			'4 zmiany czekają',
			'5 zmian czeka',
			'12 zmian czeka',
			'22 zmiany czekają',
			'25 zmian czeka'
		]);
		expect(translate('en', 'status.pending', { count: 1 })).toBe('1 change waiting');
		expect(translate('en', 'status.pending', { count: 3 })).toBe('3 changes waiting');
	});

	it('fills every placeholder, also those in the text a plural form picks', () => {
		expect(translate('pl', 'dash.warn.late', { centre: 'COP Słupsk', count: 2 })).toBe(
			'COP Słupsk: 2 spóźnione karty czekają na zatwierdzenie.'
		);
		// Any parameter asked for answers: no message of either language may leave a `{name}` behind.
		const anything = new Proxy({} as Record<string, string | number>, {
			get: (_, name) => (name === 'count' ? 3 : 'x'),
			has: () => true
		});
		for (const locale of ['pl', 'en'] as const) {
			for (const key of Object.keys(pl) as (keyof typeof pl)[]) {
				expect(translate(locale, key, anything), `${locale} ${key}`).not.toMatch(/\{\w+\}/);
			}
		}
	});

	it('a row’s chips speak of one card in the singular, of several in the plural', () => {
		expect(translate('pl', 'coord.chip.late', { count: 1 })).toBe('spóźniona — czeka na zatwierdzenie');
		expect(translate('pl', 'coord.chip.late', { count: 3 })).toBe('spóźnione — czekają na zatwierdzenie');
		expect(translate('pl', 'coord.chip.late')).toBe('spóźniona — czeka na zatwierdzenie');
		expect(translate('pl', 'coord.chip.flagged', { count: 1, comment: 'Popraw temat' })).toBe(
			'oznaczona: Popraw temat'
		);
		expect(translate('pl', 'coord.chip.flagged', { count: 2, comment: 'x' })).toBe('oznaczone: x');
		expect(translate('en', 'coord.chip.flagged', { count: 1, comment: 'Fix the topic' })).toBe(
			'flagged: Fix the topic'
		);
		const awaiting = (count: number) => translate('pl', 'dash.awaiting', { count });
		expect([1, 2, 5, 22].map(awaiting)).toEqual([
			'1 spóźniona karta czeka na zatwierdzenie',
			'2 spóźnione karty czekają na zatwierdzenie',
			'5 spóźnionych kart czeka na zatwierdzenie',
			'22 spóźnione karty czekają na zatwierdzenie'
		]);
		expect(translate('en', 'dash.awaiting', { count: 1 })).toBe('1 late card awaiting approval');
		expect(translate('en', 'dash.awaiting', { count: 2 })).toBe('2 late cards awaiting approval');
	});

	it('the dashboard’s figures say what they count: mobile advisory against the target, all kinds done', () => {
		for (const key of [
			'dash.forecast',
			'dash.towardTarget',
			'dash.target',
			'dash.remainingMobile'
		] as const) {
			expect(translate('pl', key), key).toContain('doradztw');
			expect(translate('pl', key), key).toMatch(/mobiln/);
			expect(translate('en', key), key).toMatch(/mobile advisory/i);
		}
		expect(translate('pl', 'dash.forecast')).toBe('Prognoza doradztwa mobilnego na koniec miesiąca');
		for (const key of ['dash.done', 'dash.planned'] as const) {
			expect(translate('pl', key), key).toContain('wszystkie formy doradztwa');
			expect(translate('en', key), key).toContain('all kinds of advisory');
		}
	});

	it('has every Polish message in English, and none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(pl).sort());
		for (const key of Object.keys(pl) as (keyof typeof pl)[]) {
			expect(translate('pl', key, { count: 2, minutes: 1, time: 'x', name: 'x' }).trim(), key).not.toBe('');
			expect(translate('en', key, { count: 2, minutes: 1, time: 'x', name: 'x' }).trim(), key).not.toBe('');
		}
	});

	it('answers in Polish unless the browser prefers English', () => {
		expect(localeFromAcceptLanguage(null)).toBe('pl');
		expect(localeFromAcceptLanguage('en-GB,en;q=0.9')).toBe('en');
		expect(localeFromAcceptLanguage('pl-PL,pl;q=0.9,en;q=0.8')).toBe('pl');
	});
});
