/**
 * The statement as CSV that opens correctly in Polish Excel: UTF-8 with a BOM (or Excel guesses cp1250), ';'
 * between fields (',' is the Polish decimal separator), CRLF line ends, hours with a decimal comma, dates
 * YYYY-MM-DD, identifiers kept as text, a totals row last. Quoting is csv-stringify's.
 */
import { stringify } from 'csv-stringify/sync';
import { decimalHours } from '$lib/domain/hours';
import { exportColumns, totalsCells, type ExportCell } from './columns';
import type { Statement } from './statement';

/**
 * A text that Excel would run as a formula gets a leading apostrophe — CSV injection: one starting with '=', '+',
 * '@', a tab or a carriage return, and one starting with '-' (Excel reads '-2+3' or "-cmd|' /C calc'!A0" as a
 * formula, and a '- pierwszy punkt' note as a broken one) unless it is a plain negative number.
 */
export function csvSafeText(value: string): string {
	if (/^[=+@\t\r]/.test(value)) return `'${value}`;
	if (value.startsWith('-') && !/^-\d+([.,]\d+)?$/.test(value)) return `'${value}`;
	return value;
}

function csvValue(cell: ExportCell): string {
	switch (cell.kind) {
		case 'date':
		case 'time':
		case 'dateTime':
			return cell.value;
		case 'text':
			// Excel reads a KRS 0000534595 as the number 534595 and a 14-digit REGON as 1,23457E+13; a formula
			// that is the text itself keeps every digit (the XLSX holds them as text anyway).
			if (cell.identifier && /^\d+$/.test(cell.value)) return `="${cell.value}"`;
			return csvSafeText(cell.value);
		case 'integer':
			return cell.value === null ? '' : String(cell.value);
		case 'hours':
			// Always the decimal comma: the file is for Polish Excel whatever the user's language.
			return cell.minutes === null ? '' : decimalHours(cell.minutes, 'pl');
	}
}

export function statementCsv(statement: Statement): Buffer {
	const columns = exportColumns(statement);
	const records: string[][] = [columns.map((c) => c.header)];
	statement.rows.forEach((row, i) => records.push(columns.map((c) => csvValue(c.cell(row, i + 1)))));
	records.push(totalsCells(statement, columns).map(csvValue));
	const text = stringify(records, {
		bom: true,
		delimiter: ';',
		record_delimiter: 'windows',
		quoted_match: null
	});
	return Buffer.from(text, 'utf8');
}
