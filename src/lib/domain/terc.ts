/**
 * Powiats and gminas of Pomorskie from the GUS TERC register. Pure, shared by browser and server.
 * Towns and rural gminas share names (Ustka, Tczew, Kwidzyn…), so records store the TERC code, never the name.
 */
import { GMINA_ROWS, POWIAT_ROWS } from './data/pomorskie-terc';
import { fold } from './organisation-search';
import { polishOrder } from './collation';

export { TERC_AS_OF } from './data/pomorskie-terc';

export type PowiatKind = 'powiat' | 'miasto-na-prawach-powiatu';

/**
 * TERC rodz: 1 urban, 2 rural, 3 urban-rural gmina; 4 and 5 are the town and the rural area *inside* an
 * urban-rural gmina — real TERC units (they tell urban from rural for the funder), but not gminas of their own.
 */
export type GminaKind = 'miejska' | 'wiejska' | 'miejsko-wiejska' | 'miasto' | 'obszar-wiejski';

export interface Powiat {
	/** 4 digits: woj + pow. */
	code: string;
	/** GUS name: the adjective for a powiat ('kartuski'), the city's name for a city with powiat rights. */
	name: string;
	kind: PowiatKind;
}

export interface Gmina {
	/** 7 digits: woj + pow + gmi + rodz. */
	code: string;
	name: string;
	kind: GminaKind;
	powiatCode: string;
	/** For a town or rural area (rodz 4, 5): the code of the urban-rural gmina it belongs to; otherwise null. */
	parentCode: string | null;
}

export interface GminaListOptions {
	/** Also list the town and rural-area parts of urban-rural gminas (default: whole gminas only). */
	parts?: boolean;
}

const KIND_BY_RODZ: Record<string, GminaKind> = {
	'1': 'miejska',
	'2': 'wiejska',
	'3': 'miejsko-wiejska',
	'4': 'miasto',
	'5': 'obszar-wiejski'
};

export const POWIATS: readonly Powiat[] = POWIAT_ROWS.map(([code, name, city]) => ({
	code,
	name,
	kind: city ? 'miasto-na-prawach-powiatu' : 'powiat'
}));

/** Every gmina-level TERC unit: whole gminas and the parts of urban-rural ones (see GminaKind). */
export const GMINAS: readonly Gmina[] = GMINA_ROWS.map(([code, name]) => {
	const rodz = code.slice(6);
	const kind = KIND_BY_RODZ[rodz];
	// The generator checks every rodz digit; this only fires if the data module was edited by hand.
	if (!kind) throw new Error(`TERC ${code}: unknown rodz ${rodz}`);
	return {
		code,
		name,
		kind,
		powiatCode: code.slice(0, 4),
		parentCode: rodz === '4' || rodz === '5' ? code.slice(0, 6) + '3' : null
	};
});

const powiatByCode = new Map(POWIATS.map((p) => [p.code, p]));
const gminaByCode = new Map(GMINAS.map((g) => [g.code, g]));

export function isGminaPart(gmina: Gmina): boolean {
	return gmina.parentCode !== null;
}

export function findPowiat(code: string): Powiat | undefined {
	return powiatByCode.get(code.trim());
}

/** Any gmina-level unit by its 7-digit code, parts of urban-rural gminas included. */
export function findGmina(code: string): Gmina | undefined {
	return gminaByCode.get(code.trim());
}

export function gminasOfPowiat(powiatCode: string, options: GminaListOptions = {}): Gmina[] {
	return GMINAS.filter((g) => g.powiatCode === powiatCode.trim() && (options.parts || !isGminaPart(g)));
}

/** Search text as everywhere in the app: lower case, Polish diacritics folded. */
export const foldForSearch = fold;

const searchIndex = GMINAS.map((gmina) => ({
	gmina,
	name: foldForSearch(gmina.name),
	powiat: foldForSearch(powiatByCode.get(gmina.powiatCode)?.name ?? '')
}));

/**
 * Gminas whose name (or powiat name, or TERC code) matches the query, ignoring case and Polish diacritics
 * ('leb' finds Lębork, 'zukowo' finds Żukowo). Best matches first: exact name, name prefix, word prefix, then
 * anywhere in the name, then by powiat.
 */
export function searchGminas(query: string, options: GminaListOptions & { limit?: number } = {}): Gmina[] {
	const q = foldForSearch(query);
	if (q === '') return [];
	const ranked: { gmina: Gmina; rank: number }[] = [];
	for (const entry of searchIndex) {
		if (!options.parts && isGminaPart(entry.gmina)) continue;
		let rank: number;
		if (/^\d+$/.test(q)) rank = entry.gmina.code.startsWith(q) ? 0 : -1;
		else if (entry.name === q) rank = 0;
		else if (entry.name.startsWith(q)) rank = 1;
		else if (entry.name.split(/[\s-]/).some((word) => word.startsWith(q))) rank = 2;
		else if (entry.name.includes(q)) rank = 3;
		else if (entry.powiat.startsWith(q)) rank = 4;
		else rank = -1;
		if (rank >= 0) ranked.push({ gmina: entry.gmina, rank });
	}
	ranked.sort(
		(a, b) =>
			a.rank - b.rank ||
			polishOrder.compare(a.gmina.name, b.gmina.name) ||
			a.gmina.code.localeCompare(b.gmina.code)
	);
	const found = ranked.map((r) => r.gmina);
	return options.limit === undefined ? found : found.slice(0, options.limit);
}
