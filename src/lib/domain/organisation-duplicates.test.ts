import { describe, expect, it } from 'vitest';
import {
	diceSimilarity,
	findLikelyDuplicates,
	nameCore,
	namesLookAlike,
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
