import { describe, expect, it } from 'vitest';
import {
	addressCore,
	diceSimilarity,
	duplicateWhy,
	findLikelyDuplicates,
	nameCore,
	namesLookAlike,
	sameAddress,
	type DuplicateCandidate
} from './organisation-duplicates';

const KARTUZY = '2205023';
const USTKA_TOWN = '2212011';
const USTKA_RURAL = '2212102';
const KOBYLNICA = '2212062';

let seq = 0;
const org = (name: string, gminaTerc: string, ids: Partial<DuplicateCandidate> = {}) => ({
	id: `org-${++seq}`,
	name,
	gminaTerc,
	nip: null,
	krs: null,
	regon: null,
	...ids
});

describe('nameCore', () => {
	it.each([
		['Stowarzyszenie „Razem dla Kartuz”', 'razem dla kartuz'],
		['Koło Gospodyń Wiejskich w Łebie', 'w lebie'],
		['KGW "Łebianki"', 'lebianki'],
		['Ochotnicza Straż Pożarna w Kobylnicy', 'w kobylnicy'],
		['OSP Kobylnica', 'kobylnica'],
		['Uczniowski Klub Sportowy „Orlik” Ustka', 'orlik ustka'],
		['Fundacja Pomorskie Inicjatywy', 'pomorskie inicjatywy'],
		['Stowarzyszenie zwykłe Sąsiedzi z Gołębiej', 'sasiedzi z golebiej'],
		['Stowarzyszenie', '']
	])('%s → %j', (name, core) => {
		expect(nameCore(name)).toBe(core);
	});

	it('keeps legal-form letters inside other words', () => {
		expect(nameCore('Fundacja Ospała Sowa')).toBe('ospala sowa');
	});
});

describe('diceSimilarity', () => {
	it('is 1 for equal texts, 0 for nothing shared, symmetric in between', () => {
		expect(diceSimilarity('kobylnica', 'kobylnica')).toBe(1);
		expect(diceSimilarity('abc', 'xyz')).toBe(0);
		expect(diceSimilarity('night', 'nacht')).toBeCloseTo(0.25);
		expect(diceSimilarity('w kobylnicy', 'kobylnica')).toBe(diceSimilarity('kobylnica', 'w kobylnicy'));
	});
});

describe('namesLookAlike', () => {
	it.each([
		['Stowarzyszenie „Razem dla Kartuz”', 'Razem dla Kartuz'],
		['Koło Gospodyń Wiejskich w Łebie', 'KGW w Łebie'],
		['Ochotnicza Straż Pożarna w Kobylnicy', 'OSP Kobylnica'],
		['Stowarzyszenie Przyjaciół Ziemi Kartuskiej', 'Towarzystwo Przyjaciół Ziemi Kartuskiej'],
		['Fundacja Rozwoju Wsi Kaszubskiej', 'Fundacja Rozwoju Wsi Kaszubskich'],
		['UKS Orlik', 'Uczniowski Klub Sportowy „Orlik”']
	])('%s ≈ %s', (a, b) => {
		expect(namesLookAlike(a, b)).toBe(true);
		expect(namesLookAlike(b, a)).toBe(true);
	});

	it.each([
		['Fundacja Rozwoju Ziemi Kartuskiej', 'Towarzystwo Miłośników Ziemi Kartuskiej'],
		['Stowarzyszenie Seniorów', 'Stowarzyszenie Sportowe'],
		['KGW Łebianki', 'KGW Lędzinianki'],
		['Stowarzyszenie', 'Fundacja'],
		// One word inside another's name is too weak: "Nadzieja" is in many names.
		['Fundacja Nadzieja', 'Stowarzyszenie Nadzieja dla Chorych Dzieci']
	])('%s ≠ %s', (a, b) => {
		expect(namesLookAlike(a, b)).toBe(false);
	});
});

describe('findLikelyDuplicates', () => {
	const fundacja = org('Fundacja Pomorskie Inicjatywy', KARTUZY, {
		nip: '8567346215',
		krs: '0000123456',
		regon: '192598184'
	});
	const razem = org('Stowarzyszenie „Razem dla Kartuz”', KARTUZY);
	const orlikTown = org('Uczniowski Klub Sportowy „Orlik”', USTKA_TOWN);
	const osp = org('Ochotnicza Straż Pożarna w Kobylnicy', KOBYLNICA, { krs: '0000098765' });
	const existing = [fundacja, razem, orlikTown, osp];

	it('finds the same NIP, KRS or REGON however it was typed', () => {
		expect(findLikelyDuplicates({ name: 'Coś innego', nip: 'PL 856-734-62-15' }, existing)).toEqual([
			{ organisation: fundacja, reason: 'nip' }
		]);
		expect(findLikelyDuplicates({ name: 'Coś innego', krs: '123456' }, existing)).toEqual([
			{ organisation: fundacja, reason: 'krs' }
		]);
		expect(findLikelyDuplicates({ name: 'Coś innego', regon: '192 598 184' }, existing)).toEqual([
			{ organisation: fundacja, reason: 'regon' }
		]);
	});

	it('reports each organisation once, with its strongest reason', () => {
		const candidate = {
			name: 'Fundacja „Pomorskie Inicjatywy”',
			gminaTerc: KARTUZY,
			krs: '123456',
			regon: '192598184'
		};
		expect(findLikelyDuplicates(candidate, existing)).toEqual([{ organisation: fundacja, reason: 'krs' }]);
	});

	it('finds a very similar name only in the same gmina', () => {
		expect(findLikelyDuplicates({ name: 'Razem dla Kartuz', gminaTerc: KARTUZY }, existing)).toEqual([
			{ organisation: razem, reason: 'similarName' }
		]);
		expect(findLikelyDuplicates({ name: 'UKS Orlik', gminaTerc: USTKA_RURAL }, existing)).toEqual([]);
		expect(findLikelyDuplicates({ name: 'UKS Orlik', gminaTerc: USTKA_TOWN }, existing)).toEqual([
			{ organisation: orlikTown, reason: 'similarName' }
		]);
		expect(findLikelyDuplicates({ name: 'OSP Kobylnica', gminaTerc: KOBYLNICA }, existing)).toEqual([
			{ organisation: osp, reason: 'similarName' }
		]);
	});

	it('puts identifier matches before name matches', () => {
		const candidate = { name: 'Razem dla Kartuz', gminaTerc: KARTUZY, nip: '8567346215' };
		expect(findLikelyDuplicates(candidate, existing).map((d) => d.reason)).toEqual(['nip', 'similarName']);
	});

	it('skips the organisation itself, and a name that is only a legal form', () => {
		expect(findLikelyDuplicates({ ...razem }, existing)).toEqual([]);
		expect(findLikelyDuplicates({ name: 'Stowarzyszenie', gminaTerc: KARTUZY }, existing)).toEqual([]);
		expect(findLikelyDuplicates({ name: 'Nowa organizacja', gminaTerc: KARTUZY }, existing)).toEqual([]);
	});
});

describe('addressCore', () => {
	it.each([
		['ul. Wojska Polskiego 21', 'wojska polskiego 21'],
		['Wojska Polskiego 21', 'wojska polskiego 21'],
		['ulica Wojska Polskiego 21', 'wojska polskiego 21'],
		['ul. Tuwima 4/2', 'tuwima 4 2'],
		['Tuwima 4 lok. 2', 'tuwima 4 2'],
		['Al. Grunwaldzka 12 m. 3', 'grunwaldzka 12 3'],
		['pl. Zwycięstwa 1', 'zwyciestwa 1'],
		['ul.', ''],
		['', '']
	])('%s → %j', (street, core) => {
		expect(addressCore(street)).toBe(core);
	});
	it('is empty for no street', () => {
		expect(addressCore(null)).toBe('');
	});
});

describe('sameAddress', () => {
	it('compares the street without "ul." and case, and the postal code when both have one', () => {
		const here = { street: 'ul. Wojska Polskiego 21', postalCode: '76-200' };
		expect(sameAddress(here, { street: 'Wojska polskiego 21', postalCode: '76200' })).toBe(true);
		expect(sameAddress(here, { street: 'ul. Wojska Polskiego 21', postalCode: null })).toBe(true);
		expect(sameAddress(here, { street: 'ul. Wojska Polskiego 21', postalCode: '84-300' })).toBe(false);
		expect(sameAddress(here, { street: 'ul. Wojska Polskiego 12', postalCode: '76-200' })).toBe(false);
		expect(
			sameAddress({ street: 'ul.', postalCode: '76-200' }, { street: 'ul.', postalCode: '76-200' })
		).toBe(false);
	});
});

describe('duplicateWhy', () => {
	const SLUPSK = '2263011';
	const existing = {
		...org('Stowarzyszenie „Aktywni Razem”', SLUPSK, { regon: '222207284' }),
		street: 'ul. Wojska Polskiego 21',
		postalCode: '76-200'
	};
	const why = (candidate: DuplicateCandidate & { street?: string; postalCode?: string }) => {
		const [found] = findLikelyDuplicates(candidate, [existing]);
		return found && duplicateWhy(candidate, found);
	};

	it('says "same name and address" for the QA case: quotes and legal form aside, the same name at the same door', () => {
		expect(
			why({
				name: 'Stowarzyszenie Aktywni Razem',
				gminaTerc: SLUPSK,
				street: 'Wojska Polskiego 21',
				postalCode: '76-200'
			})
		).toBe('sameNameAndAddress');
		expect(
			why({
				name: 'STOWARZYSZENIE AKTYWNI RAZEM',
				gminaTerc: SLUPSK,
				street: 'UL. WOJSKA POLSKIEGO 21',
				postalCode: '76200'
			})
		).toBe('sameNameAndAddress');
	});
	it('tells a similar name from the same one, and the same address from only the same gmina', () => {
		const address = { street: 'ul. Wojska Polskiego 21', postalCode: '76-200' };
		expect(why({ name: 'Stowarzyszenie Aktywni Razem Słupsk', gminaTerc: SLUPSK, ...address })).toBe(
			'similarNameAndAddress'
		);
		expect(
			why({ name: 'Aktywni Razem', gminaTerc: SLUPSK, street: 'ul. Długa 1', postalCode: '76-200' })
		).toBe('sameNameInGmina');
		expect(why({ name: 'Aktywni Razem Słupsk', gminaTerc: SLUPSK, street: 'ul. Długa 1' })).toBe(
			'similarNameInGmina'
		);
	});
	it('keeps a registry number as the reason', () => {
		expect(why({ name: 'Coś zupełnie innego', gminaTerc: SLUPSK, regon: '222207284' })).toBe('regon');
	});
	it('finds nothing for another name at the same address (many NGOs share one building)', () => {
		expect(
			why({
				name: 'Fundacja Horyzont',
				gminaTerc: SLUPSK,
				street: 'ul. Wojska Polskiego 21',
				postalCode: '76-200'
			})
		).toBeUndefined();
	});
});
