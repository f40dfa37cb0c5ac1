/**
 * Organisation search for the advisor's combobox: typed on a phone, offline, over a few thousand records, on
 * every keystroke. The index folds and splits everything once, so a query is string prefix checks and an
 * integer sort; Polish alphabetical order is precomputed with Intl.Collator('pl').
 */
import { normaliseIdentifier } from './identifiers';
import { polishOrder } from './collation';

export interface SearchableOrganisation {
	id: string;
	name: string;
	town?: string | null;
	nip?: string | null;
	krs?: string | null;
	regon?: string | null;
}

/** Lower case with Polish diacritics folded (ą→a, ł→l, ż→z…), whitespace collapsed. */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/ł/g, 'l')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The words of a folded text; quotes, hyphens and other punctuation separate words. */
function words(folded: string): string[] {
	return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

interface Entry<T> {
	organisation: T;
	/** ' word word …' of name and town: ' ' + query word found in it means a word starts with the query word. */
	haystack: string;
	/** Name words joined by single spaces, for exact and prefix matches on the name. */
	name: string;
	/** Normalised identifiers, KRS both zero-padded and without leading zeros. */
	ids: string[];
}

export interface SearchIndex<T extends SearchableOrganisation = SearchableOrganisation> {
	/** In Polish alphabetical order, so an entry's position is its alphabetical rank. */
	readonly entries: readonly Entry<T>[];
}

function identifiersOf(org: SearchableOrganisation): string[] {
	const ids: string[] = [];
	for (const raw of [org.nip, org.regon]) {
		const value = raw ? normaliseIdentifier(raw) : '';
		if (value) ids.push(value);
	}
	const krs = org.krs ? normaliseIdentifier(org.krs) : '';
	if (/^\d+$/.test(krs)) {
		ids.push(krs.padStart(10, '0'));
		const short = krs.replace(/^0+/, '');
		if (short) ids.push(short);
	}
	return ids;
}

export function buildSearchIndex<T extends SearchableOrganisation>(
	organisations: readonly T[]
): SearchIndex<T> {
	const sorted = [...organisations].sort(
		(a, b) => polishOrder.compare(a.name, b.name) || polishOrder.compare(a.town ?? '', b.town ?? '')
	);
	const entries = sorted.map((organisation): Entry<T> => {
		const nameWords = words(fold(organisation.name));
		const townWords = words(fold(organisation.town ?? ''));
		return {
			organisation,
			haystack: ` ${[...nameWords, ...townWords].join(' ')}`,
			name: nameWords.join(' '),
			ids: identifiersOf(organisation)
		};
	});
	return { entries };
}

export interface SearchOptions {
	/** Ids of recently used organisations, most recent first. */
	recentIds?: readonly string[];
	/** At most this many results (default 20). */
	limit?: number;
}

/** A query of digits, spaces and hyphens (and maybe a PL prefix) may be an identifier typed from a document. */
const IDENTIFIER_QUERY = /^(pl)?[\d\s-]+$/i;

/**
 * Organisations matching every word of the query (each a prefix of a word of the name or town, ignoring case and
 * diacritics) or, for a digit query, a prefix of NIP, KRS (with or without leading zeros) or REGON. Order: exact
 * name (or identifier) matches, then name prefixes, then the rest; within each, recent first, then A–Z.
 * An empty query lists recent organisations first, then all A–Z.
 */
export function searchOrganisations<T extends SearchableOrganisation>(
	index: SearchIndex<T>,
	query: string,
	options: SearchOptions = {}
): T[] {
	const limit = options.limit ?? 20;
	const recentIds = options.recentIds ?? [];
	const recency = new Map<string, number>();
	recentIds.forEach((id, i) => {
		if (!recency.has(id)) recency.set(id, i);
	});

	const folded = fold(query);
	const queryWords = words(folded);
	const queryName = queryWords.join(' ');
	const digits = IDENTIFIER_QUERY.test(folded) ? normaliseIdentifier(folded) : '';
	const needles = queryWords.map((w) => ` ${w}`);

	// One number per hit orders tier, then recency, then A–Z (the entry's position), and identifies the entry:
	// sorting a Float64Array is far cheaper than sorting objects with a comparator on every keystroke.
	const n = index.entries.length;
	const notRecent = recentIds.length;
	const keys = new Float64Array(n);
	let hits = 0;
	index.entries.forEach((entry, alphabetical) => {
		let tier: number;
		if (queryWords.length === 0) tier = 0;
		else if (digits && entry.ids.some((id) => id.startsWith(digits))) {
			tier = entry.ids.includes(digits) ? 0 : 1;
		} else if (needles.every((needle) => entry.haystack.includes(needle))) {
			tier = entry.name === queryName ? 0 : entry.name.startsWith(queryName) ? 1 : 2;
		} else return;
		const recent = recency.get(entry.organisation.id) ?? notRecent;
		keys[hits++] = (tier * (notRecent + 1) + recent) * n + alphabetical;
	});
	const ranked = keys.subarray(0, hits).sort();
	const count = Math.min(limit, hits);
	const results: T[] = [];
	for (let i = 0; i < count; i++) results.push(index.entries[ranked[i]! % n]!.organisation);
	return results;
}
