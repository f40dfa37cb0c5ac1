import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { summariseMinutes } from '$lib/domain/hours';
import { csvSafeText, statementCsv } from './csv';
import type { Statement, StatementRow } from './statement';

describe('csvSafeText (CSV injection)', () => {
	it('keeps Excel from running a text as a formula', () => {
		for (const formula of [
			'=HYPERLINK("http://x","klik")',
			'+48 123',
			'@SUM(A1)',
			'\t=1',
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

	it('does the same at the start of every line of a multi-line text, whatever the line break', () => {
		expect(csvSafeText('\n=1+1')).toBe("\n'=1+1");
		expect(csvSafeText('\r=1+1')).toBe("'\r'=1+1");
		expect(csvSafeText('x\r\n+1')).toBe("x\r\n'+1");
		expect(csvSafeText('=A1\n@B2\r\n\tC3\r-D4')).toBe("'=A1\n'@B2\r\n'\tC3\r'-D4");
		// A note stays readable: the lines that are not formulas are left as they are, and so are empty lines.
		expect(csvSafeText('Ustalenia:\n- pierwszy punkt\n\nkwota\n-5')).toBe(
			"Ustalenia:\n'- pierwszy punkt\n\nkwota\n-5"
		);
	});
});

function row(i: number, overrides: Partial<StatementRow>): StatementRow {
	return {
		id: `0192f000-0000-7000-8000-00000000000${i}`,
		advisorId: 'advisor-1',
		advisorName: 'Anna Doradczyni',
		date: '2026-11-05',
		startTime: '10:00',
		endTime: '11:30',
		durationMin: 90,
		placeKind: 'mobile',
		address: 'ul. Długa 1, Słupsk',
		topics: ['accounting'],
		topicLabels: ['Księgowość'],
		status: 'approved',
		organisation: {
			id: 'org-1',
			name: 'Stowarzyszenie Aktywni Razem',
			legalForm: 'association',
			krs: '0000534595',
			nip: null,
			regon: null,
			town: 'Słupsk'
		},
		signatureImage: null,
		signerName: 'Maria Prezes',
		signedAt: '2026-11-05T10:30:00.000Z',
		receipt: '000ZJ-8',
		latePending: false,
		...overrides
	};
}

function statementOf(rows: StatementRow[]): Statement {
	return {
		month: '2026-11',
		monthLabel: 'listopad 2026',
		locale: 'pl',
		centre: { id: 'centre-1', name: 'COP Słupsk', town: 'Słupsk' },
		advisor: null,
		project: null,
		closure: null,
		changedAfterClose: null,
		targetMin: null,
		rows,
		awaiting: [],
		totals: {
			summary: summariseMinutes([]),
			totalMin: rows.reduce((sum, r) => sum + r.durationMin, 0),
			count: rows.length,
			byAdvisor: [],
			byTopic: [],
			awaitingMin: 0,
			awaitingCount: 0
		},
		generatedAt: new Date('2026-12-01T08:00:00.000Z')
	};
}

/** A cell Excel would run as a formula; the identifiers' `="0000534595"` is the one the export means to write. */
const formulaStart = (text: string) =>
	!/^="\d+"$/.test(text) && (/^[=+@\t\r]/.test(text) || (text.startsWith('-') && !/^-\d+([.,]\d+)?$/.test(text)));

describe('statementCsv (CSV injection through a line break)', () => {
	const attacks = ['\n=1+1', '\r=1+1', 'x\r\n+1', '\n@SUM(A1)\r\n-2+3\r+cmd'];
	const rows = attacks.map((address, i) =>
		row(i + 1, { address, signerName: `Maria\n=HYPERLINK("http://x")`, advisorName: `\r\t=1` })
	);
	const note = 'Ustalenia:\n- pierwszy punkt\n- drugi punkt';
	rows.push(row(attacks.length + 1, { address: note }));
	const csv = statementCsv(statementOf(rows)).toString('utf8');
	// Read as Excel does: a line break outside quotes ends the row, whichever it is (csv-parse would otherwise take
	// the first one it meets, the header's "\r\n", as the only one).
	const records = parse(csv, {
		bom: true,
		delimiter: ';',
		record_delimiter: ['\r\n', '\n', '\r'],
		relax_column_count: true
	}) as string[][];

	it('quotes every field with a line break, so each record keeps its columns', () => {
		const header = records[0]!;
		// The header, a row per consultation and the totals row: no line break starts a record of its own.
		expect(records).toHaveLength(rows.length + 2);
		for (const record of records) expect(record).toHaveLength(header.length);
		const address = header.indexOf('Adres');
		expect(address).toBeGreaterThan(0);
		expect(records.slice(1, attacks.length + 1).map((record) => record[address])).toEqual([
			"\n'=1+1",
			"'\r'=1+1",
			"x\r\n'+1",
			"\n'@SUM(A1)\r\n'-2+3\r'+cmd"
		]);
		// A legitimate note stays readable.
		expect(records[rows.length]![address]).toBe("Ustalenia:\n'- pierwszy punkt\n'- drugi punkt");
	});

	it('leaves no cell, and no line within a cell, starting a formula', () => {
		for (const cell of records.flat()) {
			for (const line of cell.split(/\r\n|\r|\n/)) expect(formulaStart(line), JSON.stringify(cell)).toBe(false);
			expect(formulaStart(cell), JSON.stringify(cell)).toBe(false);
		}
		// Nor does any line of the file, for a tool that splits it on every line break before it reads the quotes.
		for (const line of csv.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
			expect(formulaStart(line), JSON.stringify(line)).toBe(false);
		}
	});
});
