import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	checkKrs,
	checkNip,
	checkPesel,
	checkRegon,
	identifierChecks,
	nipCheckDigit,
	normaliseIdentifier,
	peselBirthDate,
	regonCheckDigit
} from './identifiers';

const digits = (n: number) =>
	fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** Builds an 11-digit PESEL with a correct check digit, so date rules can be tested on their own. */
function peselWith(first10: string): string {
	const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
	const sum = weights.reduce((s, w, i) => s + w * Number(first10[i]), 0);
	return first10 + ((10 - (sum % 10)) % 10);
}

describe('examples from DOMAIN.md', () => {
	it.each(['8567346215', '1234563218'])('NIP %s is valid', (nip) => {
		expect(checkNip(nip)).toEqual({ ok: true, value: nip });
	});
	it('NIP 8567346216 is invalid', () => {
		expect(checkNip('8567346216')).toEqual({ ok: false, problem: 'checksum' });
	});
	it.each(['192598184', '123456785', '12345678512347'])('REGON %s is valid', (regon) => {
		expect(checkRegon(regon)).toEqual({ ok: true, value: regon });
	});
	it.each(['192598183', '12345678512348'])('REGON %s is invalid', (regon) => {
		expect(checkRegon(regon)).toEqual({ ok: false, problem: 'checksum' });
	});
	it.each(['44051401359', '05322412342'])('PESEL %s is valid', (pesel) => {
		expect(checkPesel(pesel)).toEqual({ ok: true, value: pesel });
	});
	it('PESEL 44051401358 is invalid', () => {
		expect(checkPesel('44051401358')).toEqual({ ok: false, problem: 'checksum' });
	});
	it('KRS 0000123456 is valid and 0000000000 is not', () => {
		expect(checkKrs('0000123456')).toEqual({ ok: true, value: '0000123456' });
		expect(checkKrs('0000000000')).toEqual({ ok: false, problem: 'allZeros' });
	});
});

describe('normalisation', () => {
	it('strips spaces, hyphens and a PL prefix', () => {
		expect(normaliseIdentifier(' 856-734-62-15 ')).toBe('8567346215');
		expect(normaliseIdentifier('PL8567346215')).toBe('8567346215');
		expect(normaliseIdentifier('pl 856 734 62 15')).toBe('8567346215');
		expect(normaliseIdentifier('PL-856-734-62-15')).toBe('8567346215');
	});
	it('returns the normalised value from each check', () => {
		expect(checkNip('PL 856-734-62-15')).toEqual({ ok: true, value: '8567346215' });
		expect(checkRegon('192 598 184')).toEqual({ ok: true, value: '192598184' });
		expect(checkRegon('12345678-5-12347')).toEqual({ ok: true, value: '12345678512347' });
		expect(checkPesel('440514 01359')).toEqual({ ok: true, value: '44051401359' });
		expect(checkKrs('0000-123-456')).toEqual({ ok: true, value: '0000123456' });
	});
	it('zero-pads a short KRS', () => {
		expect(checkKrs('123456')).toEqual({ ok: true, value: '0000123456' });
		expect(checkKrs('1')).toEqual({ ok: true, value: '0000000001' });
	});
	it('strips PL only as a prefix', () => {
		expect(checkNip('856734621PL')).toEqual({ ok: false, problem: 'notDigits' });
	});
});

describe('problem codes', () => {
	it.each(Object.entries(identifierChecks))('%s: empty and notDigits', (_kind, check) => {
		expect(check('')).toEqual({ ok: false, problem: 'empty' });
		expect(check(' - ')).toEqual({ ok: false, problem: 'empty' });
		expect(check('PL')).toEqual({ ok: false, problem: 'empty' });
		expect(check('12a45')).toEqual({ ok: false, problem: 'notDigits' });
		expect(check('１２３')).toEqual({ ok: false, problem: 'notDigits' });
	});
	it('length', () => {
		expect(checkNip('856734621')).toEqual({ ok: false, problem: 'length' });
		expect(checkNip('85673462150')).toEqual({ ok: false, problem: 'length' });
		expect(checkRegon('1925981840')).toEqual({ ok: false, problem: 'length' });
		expect(checkRegon('19259818')).toEqual({ ok: false, problem: 'length' });
		expect(checkPesel('4405140135')).toEqual({ ok: false, problem: 'length' });
		expect(checkKrs('00001234567')).toEqual({ ok: false, problem: 'length' });
	});
	it('checksum', () => {
		expect(checkNip('8567346216').ok).toBe(false);
		// REGON-14 whose own check digit is right but whose REGON-9 prefix is wrong.
		const body = '1925981830000';
		const regon14 = body + regonCheckDigit(body);
		expect(checkRegon(regon14)).toEqual({ ok: false, problem: 'checksum' });
	});
	it('allZeros for NIP and REGON too: their check digits work out, but no office issues such a number', () => {
		expect(checkNip('0000000000')).toEqual({ ok: false, problem: 'allZeros' });
		expect(checkNip('000-000-00-00')).toEqual({ ok: false, problem: 'allZeros' });
		expect(checkRegon('000000000')).toEqual({ ok: false, problem: 'allZeros' });
		expect(checkRegon('00000000000000')).toEqual({ ok: false, problem: 'allZeros' });
	});

	it('allZeros', () => {
		expect(checkKrs('0')).toEqual({ ok: false, problem: 'allZeros' });
		expect(checkKrs('00 00')).toEqual({ ok: false, problem: 'allZeros' });
	});
	it('birthDate', () => {
		expect(checkPesel(peselWith('4402300123'))).toEqual({ ok: false, problem: 'birthDate' }); // 30 Feb 1944
		expect(checkPesel(peselWith('4413010123'))).toEqual({ ok: false, problem: 'birthDate' }); // month 13
		expect(checkPesel(peselWith('4405000123'))).toEqual({ ok: false, problem: 'birthDate' }); // day 0
		expect(checkPesel(peselWith('0122290123'))).toEqual({ ok: false, problem: 'birthDate' }); // 29 Feb 2001
		expect(checkPesel(peselWith('0022290123')).ok).toBe(true); // 29 Feb 2000, a leap year
	});
});

describe('PESEL birth dates', () => {
	it('reads the century from the month offset', () => {
		expect(peselBirthDate('44051401359')).toEqual({ year: 1944, month: 5, day: 14 });
		expect(peselBirthDate('05322412342')).toEqual({ year: 2005, month: 12, day: 24 });
		expect(peselBirthDate('99811500000')).toEqual({ year: 1899, month: 1, day: 15 });
		expect(peselBirthDate('00420100000')).toEqual({ year: 2100, month: 2, day: 1 });
		expect(peselBirthDate('00610100000')).toEqual({ year: 2200, month: 1, day: 1 });
	});
	it('knows leap years', () => {
		expect(peselBirthDate('00222900000')).toEqual({ year: 2000, month: 2, day: 29 });
		expect(peselBirthDate('00022900000')).toBeNull(); // 1900 is not a leap year
	});
});

describe('properties', () => {
	it('9 digits + computed NIP check digit is valid; every other last digit is not', () => {
		fc.assert(
			fc.property(digits(9), (first9) => {
				const c = nipCheckDigit(first9);
				for (let d = 0; d <= 9; d++) {
					expect(checkNip(first9 + d).ok).toBe(d === c);
				}
			})
		);
	});
	it('REGON-9: 8 digits + computed check digit is valid; every other last digit is not', () => {
		fc.assert(
			fc.property(digits(8), (body) => {
				const c = regonCheckDigit(body);
				for (let d = 0; d <= 9; d++) expect(checkRegon(body + d).ok).toBe(d === c);
			})
		);
	});
	it('REGON-14: valid REGON-9 + 4 digits + computed check digit is valid; every other is not', () => {
		fc.assert(
			fc.property(digits(8), digits(4), (body9, local) => {
				const body = body9 + regonCheckDigit(body9) + local;
				const c = regonCheckDigit(body);
				for (let d = 0; d <= 9; d++) expect(checkRegon(body + d).ok).toBe(d === c);
			})
		);
	});
	it('changing one digit of a valid NIP always invalidates it', () => {
		const validNip = digits(9)
			.filter((first9) => nipCheckDigit(first9) !== null)
			.map((first9) => first9 + nipCheckDigit(first9));
		fc.assert(
			fc.property(
				validNip,
				fc.integer({ min: 0, max: 9 }),
				fc.integer({ min: 1, max: 9 }),
				(nip, i, delta) => {
					expect(checkNip(nip).ok).toBe(true);
					const changed = nip.slice(0, i) + ((Number(nip[i]) + delta) % 10) + nip.slice(i + 1);
					expect(checkNip(changed)).toEqual({ ok: false, problem: 'checksum' });
				}
			)
		);
	});
	it('KRS: any 1..10 digits not all zero is valid and padded to 10', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 9_999_999_999 }), (n) => {
				expect(checkKrs(String(n))).toEqual({ ok: true, value: String(n).padStart(10, '0') });
			})
		);
	});
	it('normalisation is idempotent and checks ignore separators', () => {
		fc.assert(
			fc.property(digits(10), fc.array(fc.constantFrom(' ', '-'), { maxLength: 3 }), (nip, seps) => {
				const spaced = seps.join('') + nip.slice(0, 3) + seps.join('') + nip.slice(3);
				expect(normaliseIdentifier(normaliseIdentifier(spaced))).toBe(nip);
				expect(checkNip('PL' + spaced)).toEqual(checkNip(nip));
			})
		);
	});
});
