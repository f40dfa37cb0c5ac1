/**
 * Polish registry identifiers (NIP, REGON, KRS, PESEL). Pure, shared by browser and server.
 * Every check strips spaces, hyphens and a `PL` prefix first, and says *what* is wrong so the UI can explain it.
 */

export type IdentifierKind = 'nip' | 'regon' | 'krs' | 'pesel';
export type IdentifierProblem = 'empty' | 'notDigits' | 'length' | 'checksum' | 'allZeros' | 'birthDate';
export type IdentifierCheck = { ok: true; value: string } | { ok: false; problem: IdentifierProblem };

export function normaliseIdentifier(raw: string): string {
	return raw.replace(/[\s-]/g, '').replace(/^PL/i, '');
}

function weightedSum(digits: string, weights: readonly number[]): number {
	let sum = 0;
	for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
	return sum;
}

/** Digits of one of `lengths`, not all zeros (whose check digit works out, but no office issues such a number). */
function shape(raw: string, lengths: readonly number[]): IdentifierCheck {
	const value = normaliseIdentifier(raw);
	if (value === '') return { ok: false, problem: 'empty' };
	if (!/^\d+$/.test(value)) return { ok: false, problem: 'notDigits' };
	if (!lengths.includes(value.length)) return { ok: false, problem: 'length' };
	if (/^0+$/.test(value)) return { ok: false, problem: 'allZeros' };
	return { ok: true, value };
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7] as const;
const REGON9_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7] as const;
const REGON14_WEIGHTS = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8] as const;
const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3] as const;

/** NIP check digit for the first nine digits, or null when no digit can make it valid (sum mod 11 = 10). */
export function nipCheckDigit(first9: string): number | null {
	const c = weightedSum(first9, NIP_WEIGHTS) % 11;
	return c === 10 ? null : c;
}

export function regonCheckDigit(body: string): number {
	const weights = body.length === 8 ? REGON9_WEIGHTS : REGON14_WEIGHTS;
	return (weightedSum(body, weights) % 11) % 10;
}

export function checkNip(raw: string): IdentifierCheck {
	const result = shape(raw, [10]);
	if (!result.ok) return result;
	const c = nipCheckDigit(result.value.slice(0, 9));
	return c !== null && c === Number(result.value[9]) ? result : { ok: false, problem: 'checksum' };
}

export function checkRegon(raw: string): IdentifierCheck {
	const result = shape(raw, [9, 14]);
	if (!result.ok) return result;
	const v = result.value;
	const valid9 = regonCheckDigit(v.slice(0, 8)) === Number(v[8]);
	if (!valid9) return { ok: false, problem: 'checksum' };
	if (v.length === 14 && regonCheckDigit(v.slice(0, 13)) !== Number(v[13])) {
		return { ok: false, problem: 'checksum' };
	}
	return result;
}

export function checkKrs(raw: string): IdentifierCheck {
	const value = normaliseIdentifier(raw);
	if (value === '') return { ok: false, problem: 'empty' };
	if (!/^\d+$/.test(value)) return { ok: false, problem: 'notDigits' };
	if (value.length > 10) return { ok: false, problem: 'length' };
	const padded = value.padStart(10, '0');
	return /^0+$/.test(padded) ? { ok: false, problem: 'allZeros' } : { ok: true, value: padded };
}

/** Birth date encoded in a PESEL (month offset gives the century), or null when it is not a real date. */
export function peselBirthDate(pesel: string): { year: number; month: number; day: number } | null {
	const yy = Number(pesel.slice(0, 2));
	const mm = Number(pesel.slice(2, 4));
	const dd = Number(pesel.slice(4, 6));
	const century = [1900, 2000, 2100, 2200, 1800][Math.floor(mm / 20)];
	if (century === undefined) return null;
	const month = mm % 20;
	const year = century + yy;
	if (month < 1 || month > 12 || dd < 1) return null;
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return dd <= daysInMonth ? { year, month, day: dd } : null;
}

export function checkPesel(raw: string): IdentifierCheck {
	const result = shape(raw, [11]);
	if (!result.ok) return result;
	const v = result.value;
	const c = (10 - (weightedSum(v, PESEL_WEIGHTS) % 10)) % 10;
	if (c !== Number(v[10])) return { ok: false, problem: 'checksum' };
	return peselBirthDate(v) ? result : { ok: false, problem: 'birthDate' };
}

export const identifierChecks: Record<IdentifierKind, (raw: string) => IdentifierCheck> = {
	nip: checkNip,
	regon: checkRegon,
	krs: checkKrs,
	pesel: checkPesel
};
