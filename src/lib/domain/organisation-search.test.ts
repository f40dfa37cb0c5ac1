import { describe, expect, it } from 'vitest';
import {
	buildSearchIndex,
	fold,
	searchOrganisations,
	type SearchableOrganisation
} from './organisation-search';

const org = (id: string, name: string, town: string, ids: Partial<SearchableOrganisation> = {}) => ({
	id,
	name,
	town,
	nip: null,
	krs: null,
	regon: null,
	...ids
});

const ORGS = [
	org('kgw-leba', 'Koło Gospodyń Wiejskich „Łebianki”', 'Łeba'),
	org('lebork-fund', 'Fundacja Rozwoju Ziemi Lęborskiej', 'Lębork', {
		nip: '856-734-62-15',
		krs: '0000123456',
		regon: '192598184'
	}),
	org('osp-zukowo', 'Ochotnicza Straż Pożarna w Żukowie', 'Żukowo', { krs: '0000098765' }),
	org('sopot', 'Stowarzyszenie Przyjaciół Sopotu', 'Sopot', { nip: '1234563218' }),
	org('sopot-exact', 'Sopot', 'Sopot'),
	org('slupsk', 'Słupskie Stowarzyszenie Seniorów', 'Słupsk'),
	org('ustka', 'Uczniowski Klub Sportowy „Orlik”', 'Ustka', { regon: '12345678512347' }),
	org('zabki', 'Stowarzyszenie Ząbki', 'Kartuzy')
];
const index = buildSearchIndex(ORGS);
const ids = (query: string, options = {}) => searchOrganisations(index, query, options).map((o) => o.id);

describe('fold', () => {
	it('lower-cases and folds Polish letters', () => {
		expect(fold('ZAŻÓŁĆ Gęślą JAŹŃ')).toBe('zazolc gesla jazn');
		expect(fold('  Łeba \t i  Lębork ')).toBe('leba i lebork');
	});
});

describe('searchOrganisations', () => {
	it('matches word prefixes of name and town, without diacritics', () => {
		expect(ids('leb')).toEqual(['lebork-fund', 'kgw-leba']);
		expect(ids('łebianki')).toEqual(['kgw-leba']);
		expect(ids('zukow')).toEqual(['osp-zukowo']);
		expect(ids('ZĄBKI')).toEqual(['zabki']);
	});

	it('needs every query word, in any order, each a word prefix', () => {
		expect(ids('stow sopot')).toEqual(['sopot']);
		expect(ids('sopotu przyj')).toEqual(['sopot']);
		expect(ids('stow kartuzy')).toEqual(['zabki']);
		expect(ids('owarzyszenie')).toEqual([]);
		expect(ids('gospodyn wiejskich leba')).toEqual(['kgw-leba']);
	});

	it('finds NIP, KRS (with or without zeros) and REGON typed with spaces or hyphens', () => {
		expect(ids('856 734')).toEqual(['lebork-fund']);
		expect(ids('PL 856-734-62-15')).toEqual(['lebork-fund']);
		expect(ids('123456')).toEqual(['lebork-fund', 'sopot', 'ustka']);
		expect(ids('0000098')).toEqual(['osp-zukowo']);
		expect(ids('98765')).toEqual(['osp-zukowo']);
		expect(ids('1925')).toEqual(['lebork-fund']);
		expect(ids('12345678512347')).toEqual(['ustka']);
	});

	it('ranks exact, then prefix name matches, then recent, then A–Z in Polish order', () => {
		expect(ids('sopot')).toEqual(['sopot-exact', 'sopot']);
		expect(ids('stowarzyszenie')).toEqual(['sopot', 'zabki', 'slupsk']);
		expect(ids('stowarzyszenie', { recentIds: ['zabki'] })).toEqual(['zabki', 'sopot', 'slupsk']);
		// Names starting with "s" (ł sorts after l, so Słupskie before Sopot), then a later word (Straż, Sportowy).
		expect(ids('s')).toEqual(['slupsk', 'sopot-exact', 'sopot', 'zabki', 'osp-zukowo', 'ustka']);
	});

	it('lists recent first, then everything A–Z, for an empty query', () => {
		expect(ids('', { recentIds: ['ustka', 'sopot', 'ustka'], limit: 4 })).toEqual([
			'ustka',
			'sopot',
			'lebork-fund',
			'kgw-leba'
		]);
		expect(ids('   ')).toHaveLength(ORGS.length);
	});
});

describe('5,000 organisations', () => {
	const FORMS = [
		'Stowarzyszenie',
		'Fundacja',
		'Koło Gospodyń Wiejskich',
		'Ochotnicza Straż Pożarna',
		'Klub Sportowy'
	];
	const NAMES = [
		'Razem',
		'Przyjaciół Dzieci',
		'Rozwoju Wsi',
		'Kaszubskie Serce',
		'Nadzieja',
		'Żurawie',
		'Łąka'
	];
	const TOWNS = [
		'Gdańsk',
		'Słupsk',
		'Kartuzy',
		'Lębork',
		'Ustka',
		'Tczew',
		'Sopot',
		'Kwidzyn',
		'Żukowo',
		'Łeba'
	];
	const many = Array.from({ length: 5000 }, (_, i) =>
		org(`o${i}`, `${FORMS[i % 5]} ${NAMES[i % 7]} ${i}`, TOWNS[i % 10]!, {
			krs: String(100000 + i).padStart(10, '0'),
			nip: null
		})
	);
	const big = buildSearchIndex(many);

	it('finds the right ones', () => {
		const all = searchOrganisations(big, 'kolo laka kwidzyn', { limit: Infinity });
		const expected = many.filter((_, i) => i % 5 === 2 && i % 7 === 6 && i % 10 === 7);
		expect(all.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
		expect(all.length).toBeGreaterThan(10);
	});

	it('finds one by KRS and by its number in the name, and respects the limit', () => {
		expect(searchOrganisations(big, '104321').map((o) => o.id)).toEqual(['o4321']);
		expect(searchOrganisations(big, 'fundacja 4321').map((o) => o.id)).toEqual(['o4321']);
		expect(searchOrganisations(big, 'stow', { limit: 10 })).toHaveLength(10);
	});

	it('sorts A–Z with Polish collation', () => {
		const names = searchOrganisations(big, 'gdansk', { limit: 50 }).map((o) => o.name);
		expect(names).toEqual([...names].sort(new Intl.Collator('pl').compare));
	});
});
