import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	findGmina,
	findPowiat,
	foldForSearch,
	GMINAS,
	gminasOfPowiat,
	POWIATS,
	searchGminas,
	TERC_AS_OF
} from './terc';

// The GUS file the data module was generated from, kept in the repo so this check always runs.
const CSV = 'scripts/data/pomorskie_terc_2024.csv';

describe('the nine COP towns (and Kobylnica) from DOMAIN.md', () => {
	it.each([
		['Słupsk', '2263011', '2263', 'miejska'],
		['Kartuzy', '2205023', '2205', 'miejsko-wiejska'],
		['Lębork', '2208011', '2208', 'miejska'],
		['Ustka', '2212011', '2212', 'miejska'],
		['Ustka', '2212102', '2212', 'wiejska'],
		['Tczew', '2214011', '2214', 'miejska'],
		['Tczew', '2214062', '2214', 'wiejska'],
		['Sopot', '2264011', '2264', 'miejska'],
		['Gdańsk', '2261011', '2261', 'miejska'],
		['Pruszcz Gdański', '2204011', '2204', 'miejska'],
		['Pruszcz Gdański', '2204042', '2204', 'wiejska'],
		['Kwidzyn', '2207011', '2207', 'miejska'],
		['Kwidzyn', '2207032', '2207', 'wiejska'],
		['Kobylnica', '2212062', '2212', 'wiejska']
	])('%s %s is in powiat %s', (name, code, powiatCode, kind) => {
		const gmina = findGmina(code);
		expect(gmina).toMatchObject({ name, code, powiatCode, kind, parentCode: null });
		expect(findPowiat(powiatCode)).toBeDefined();
		expect(gminasOfPowiat(powiatCode)).toContainEqual(gmina);
	});
	it('names the powiats as DOMAIN.md does', () => {
		expect(findPowiat('2263')).toEqual({ code: '2263', name: 'Słupsk', kind: 'miasto-na-prawach-powiatu' });
		expect(findPowiat('2205')).toEqual({ code: '2205', name: 'kartuski', kind: 'powiat' });
		expect(findPowiat('2212')?.name).toBe('słupski');
		expect(findPowiat('2204')?.name).toBe('gdański');
	});
});

describe('counts', () => {
	it('has 20 powiats (16 + 4 cities), 123 gminas and 40 parts of urban-rural gminas', () => {
		expect(TERC_AS_OF).toBe('2024-01-01');
		expect(POWIATS).toHaveLength(20);
		expect(POWIATS.filter((p) => p.kind === 'miasto-na-prawach-powiatu')).toHaveLength(4);
		expect(GMINAS).toHaveLength(163);
		expect(GMINAS.filter((g) => g.parentCode === null)).toHaveLength(123);
		expect(GMINAS.filter((g) => g.kind === 'miejska')).toHaveLength(22);
		expect(GMINAS.filter((g) => g.kind === 'wiejska')).toHaveLength(81);
		expect(GMINAS.filter((g) => g.kind === 'miejsko-wiejska')).toHaveLength(20);
		expect(GMINAS.filter((g) => g.kind === 'miasto')).toHaveLength(20);
		expect(GMINAS.filter((g) => g.kind === 'obszar-wiejski')).toHaveLength(20);
		const whole = POWIATS.reduce((n, p) => n + gminasOfPowiat(p.code).length, 0);
		expect(whole).toBe(123);
	});

	it('matches the CSV row for row', () => {
		const rows = readFileSync(CSV, 'utf8')
			.trim()
			.split(/\r?\n/)
			.slice(1)
			.map((line) => line.split(','));
		const powiatRows = rows.filter(([terc]) => terc!.length === 4);
		const gminaRows = rows.filter(([terc]) => terc!.length === 7);
		expect(POWIATS.map((p) => [p.code, p.name])).toEqual(powiatRows.map(([c, , n]) => [c, n]));
		expect(GMINAS.map((g) => [g.code, g.name, g.powiatCode])).toEqual(
			gminaRows.map(([c, p, , n]) => [c, n, p])
		);
	});
});

describe('structure', () => {
	it('every gmina belongs to a known powiat and every part to a known urban-rural gmina', () => {
		for (const gmina of GMINAS) {
			expect(findPowiat(gmina.powiatCode)).toBeDefined();
			if (gmina.parentCode !== null) {
				const parent = findGmina(gmina.parentCode);
				expect(parent).toMatchObject({ kind: 'miejsko-wiejska', name: gmina.name });
			}
		}
	});
	it('lists parts only when asked', () => {
		expect(gminasOfPowiat('2205').map((g) => g.code)).toContain('2205023');
		expect(gminasOfPowiat('2205').map((g) => g.code)).not.toContain('2205024');
		expect(gminasOfPowiat('2205', { parts: true }).map((g) => g.code)).toContain('2205024');
		expect(findGmina('2205025')).toMatchObject({ kind: 'obszar-wiejski', parentCode: '2205023' });
	});
	it('returns undefined or empty for unknown codes', () => {
		expect(findGmina('1465011')).toBeUndefined();
		expect(findGmina('2205')).toBeUndefined();
		expect(findPowiat('2299')).toBeUndefined();
		expect(gminasOfPowiat('2299')).toEqual([]);
	});
});

describe('searchGminas', () => {
	it('ignores case and Polish diacritics, ł included', () => {
		expect(foldForSearch('  Łeba  ŻUKOWO ')).toBe('leba zukowo');
		// Name prefixes first (Polish order puts L before Ł), then word prefixes, then gminas of powiat lęborski.
		expect(searchGminas('leb').map((g) => g.name)).toEqual([
			'Lębork',
			'Łeba',
			'Nowa Wieś Lęborska',
			'Cewice',
			'Wicko'
		]);
		expect(searchGminas('zukowo')[0]?.code).toBe('2205083');
		expect(searchGminas('SŁUPSK')[0]?.code).toBe('2263011');
	});
	it('finds both gminas sharing a name, best matches first', () => {
		expect(searchGminas('Ustka').map((g) => g.code)).toEqual(['2212011', '2212102']);
		expect(
			searchGminas('gdanski')
				.slice(0, 3)
				.map((g) => g.code)
		).toEqual(['2210023', '2204011', '2204042']);
		expect(searchGminas('pruszcz', { parts: true })).toHaveLength(2);
	});
	it('matches word prefixes, substrings, powiat names and code prefixes', () => {
		expect(searchGminas('wielkie').map((g) => g.name)).toContain('Trąbki Wielkie');
		expect(searchGminas('kartuski').map((g) => g.powiatCode)).toEqual(
			gminasOfPowiat('2205').map((g) => g.powiatCode)
		);
		expect(searchGminas('2205').map((g) => g.code)).toEqual(
			gminasOfPowiat('2205')
				.map((g) => g.code)
				.sort()
		);
		expect(searchGminas('kartuzy', { parts: true })).toHaveLength(3);
		expect(searchGminas('', { limit: 5 })).toEqual([]);
		expect(searchGminas('a', { limit: 5 })).toHaveLength(5);
	});
});
