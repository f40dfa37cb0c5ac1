import { describe, expect, it } from 'vitest';
import { csvSafeText } from './csv';

describe('csvSafeText (CSV injection)', () => {
	it('keeps Excel from running a text as a formula', () => {
		for (const formula of [
			'=HYPERLINK("http://x","klik")',
			'+48 123',
			'@SUM(A1)',
			'\t=1',
			'\r=1',
			'-2+3+cmd|\' /C calc\'!A0',
			"-cmd|' /C calc'!A0",
			'- pierwszy punkt',
			'-Jan'
		]) {
			expect(csvSafeText(formula), formula).toBe(`'${formula}`);
		}
	});

	it('leaves ordinary text and plain negative numbers alone', () => {
		for (const text of ['Stowarzyszenie „Aktywni Razem”', 'ul. Długa 1-3', '12', '-5', '-1,5', '', "O'Neil"]) {
			expect(csvSafeText(text), text).toBe(text);
		}
	});
});
