/**
 * "Is this organisation already here?" — asked when a coordinator reviews an NGO's registration (the server lists
 * each pending one with its likely duplicates; the registering visitor is told nothing) or an advisor adds one
 * offline. Same registry number, or a near-identical name in the same gmina (by TERC code: a town and its rural
 * gmina often share a name but are different places). It only suggests: the person decides.
 */
import { normaliseIdentifier } from './identifiers';
import { fold } from './organisation-search';

export interface DuplicateCandidate {
	id?: string | null;
	name: string;
	gminaTerc?: string | null;
	nip?: string | null;
	krs?: string | null;
	regon?: string | null;
}

export type DuplicateReason = 'nip' | 'krs' | 'regon' | 'similarName';

export interface LikelyDuplicate<T> {
	organisation: T;
	reason: DuplicateReason;
}

/** Names at least this similar (Sørensen–Dice on character bigrams) are "very similar". */
export const NAME_SIMILARITY_THRESHOLD = 0.8;

/**
 * Legal-form words and abbreviations that say what an organisation is, not which one (folded). Longer phrases
 * first so 'stowarzyszenie zwykle' goes whole before 'stowarzyszenie'.
 */
const LEGAL_FORM_PHRASES = [
	'ochotnicza straz pozarna',
	'kolo gospodyn wiejskich',
	'uczniowski klub sportowy',
	'stowarzyszenie zwykle',
	'zwiazek stowarzyszen',
	'spoldzielnia socjalna',
	'lokalna grupa dzialania',
	'kolko rolnicze',
	'klub sportowy',
	'organizacja pozytku publicznego',
	'stowarzyszenie',
	'fundacja',
	'kgw',
	'osp',
	'uks',
	'lgd',
	'opp'
];
const LEGAL_FORMS = new RegExp(`(?:^| )(?:${LEGAL_FORM_PHRASES.join('|')})(?= |$)`, 'g');

/** The distinctive part of a name: folded, without quotes, punctuation and legal-form words. */
export function nameCore(name: string): string {
	return fold(name)
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.replace(LEGAL_FORMS, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

function bigrams(compact: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (let i = 0; i < compact.length - 1; i++) {
		const pair = compact.slice(i, i + 2);
		counts.set(pair, (counts.get(pair) ?? 0) + 1);
	}
	return counts;
}

/** Sørensen–Dice coefficient on character bigrams (spaces ignored): 1 for equal texts, 0 for nothing shared. */
export function diceSimilarity(a: string, b: string): number {
	const compactA = a.replace(/ /g, '');
	const compactB = b.replace(/ /g, '');
	if (compactA === compactB) return 1;
	if (compactA.length < 2 || compactB.length < 2) return 0;
	const pairsA = bigrams(compactA);
	let shared = 0;
	for (const [pair, count] of bigrams(compactB)) shared += Math.min(count, pairsA.get(pair) ?? 0);
	return (2 * shared) / (compactA.length - 1 + compactB.length - 1);
}

/** One name's words appear, in order and whole, within the other's; both need 2+ words to mean anything. */
function containsOther(a: string, b: string): boolean {
	if (a.split(' ').length < 2 || b.split(' ').length < 2) return false;
	return ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `);
}

function coresLookAlike(a: string, b: string): boolean {
	if (a === '' || b === '') return false;
	return diceSimilarity(a, b) >= NAME_SIMILARITY_THRESHOLD || containsOther(a, b);
}

/** Very similar names once legal forms and punctuation are gone (the similarName rule, without the gmina). */
export function namesLookAlike(a: string, b: string): boolean {
	return coresLookAlike(nameCore(a), nameCore(b));
}

function normalisedId(kind: 'nip' | 'krs' | 'regon', raw: string | null | undefined): string {
	const value = raw ? normaliseIdentifier(raw) : '';
	if (value === '') return '';
	// KRS is zero-padded: '123456' and '0000123456' are the same entry.
	return kind === 'krs' && /^\d+$/.test(value) ? value.padStart(10, '0') : value;
}

/**
 * Existing organisations that are probably the candidate, each once with its strongest reason
 * (nip, krs, regon, then similarName); identifier matches come first. The candidate itself (same id) is skipped.
 */
export function findLikelyDuplicates<T extends DuplicateCandidate>(
	candidate: DuplicateCandidate,
	existing: readonly T[]
): LikelyDuplicate<T>[] {
	const ids = {
		nip: normalisedId('nip', candidate.nip),
		krs: normalisedId('krs', candidate.krs),
		regon: normalisedId('regon', candidate.regon)
	};
	const core = nameCore(candidate.name);
	const byId: LikelyDuplicate<T>[] = [];
	const byName: LikelyDuplicate<T>[] = [];
	for (const organisation of existing) {
		if (candidate.id && organisation.id === candidate.id) continue;
		const reason = (['nip', 'krs', 'regon'] as const).find(
			(kind) => ids[kind] !== '' && ids[kind] === normalisedId(kind, organisation[kind])
		);
		if (reason) byId.push({ organisation, reason });
		else if (
			core !== '' &&
			candidate.gminaTerc &&
			organisation.gminaTerc === candidate.gminaTerc &&
			coresLookAlike(core, nameCore(organisation.name))
		) {
			byName.push({ organisation, reason: 'similarName' });
		}
	}
	return [...byId, ...byName];
}

/** Where an organisation is: the fields of its address that tell two places apart. */
export interface AddressFields {
	street?: string | null;
	postalCode?: string | null;
}

/** Words that say what kind of street or which flat, not which address (folded): "ul.", "al.", "lok."… */
const ADDRESS_WORDS = new Set([
	'ul',
	'ulica',
	'al',
	'aleja',
	'aleje',
	'pl',
	'plac',
	'os',
	'osiedle',
	'nr',
	'm',
	'lok',
	'lokal'
]);

/**
 * A street address folded for comparison: "ul. Tuwima 4/2" and "Tuwima 4 lok. 2" both give "tuwima 4 2".
 * Empty when nothing distinctive is left.
 */
export function addressCore(street: string | null | undefined): string {
	if (!street) return '';
	return fold(street)
		.split(/[^\p{L}\p{N}]+/u)
		.filter((word) => word !== '' && !ADDRESS_WORDS.has(word))
		.join(' ');
}

/** The same street address; postal codes, when both have one, must agree too ("76-200" = "76200"). */
export function sameAddress(a: AddressFields, b: AddressFields): boolean {
	const core = addressCore(a.street);
	if (core === '' || core !== addressCore(b.street)) return false;
	const codeA = a.postalCode?.replace(/\D/g, '') ?? '';
	const codeB = b.postalCode?.replace(/\D/g, '') ?? '';
	return codeA === '' || codeB === '' || codeA === codeB;
}

/**
 * Why a likely duplicate was found, told so a coordinator can check it at a glance: a registry number, or the
 * name (the same once legal forms and quotes are gone, or only very similar) with the address or the gmina.
 */
export type DuplicateWhy =
	| 'nip'
	| 'krs'
	| 'regon'
	| 'sameNameAndAddress'
	| 'similarNameAndAddress'
	| 'sameNameInGmina'
	| 'similarNameInGmina';

export function duplicateWhy(
	candidate: DuplicateCandidate & AddressFields,
	found: LikelyDuplicate<DuplicateCandidate & AddressFields>
): DuplicateWhy {
	if (found.reason !== 'similarName') return found.reason;
	const core = nameCore(candidate.name);
	const sameName = core !== '' && core === nameCore(found.organisation.name);
	if (sameAddress(candidate, found.organisation))
		return sameName ? 'sameNameAndAddress' : 'similarNameAndAddress';
	return sameName ? 'sameNameInGmina' : 'similarNameInGmina';
}

/** A likely duplicate of a pending registration, as the registrations list gives it to a coordinator. */
export interface RegistrationDuplicate {
	id: string;
	name: string;
	street: string;
	postalCode: string;
	town: string;
	status: 'active' | 'pending';
	why: DuplicateWhy;
}
