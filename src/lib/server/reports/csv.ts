/**
 * The statement as CSV that opens correctly in Polish Excel: UTF-8 with a BOM (or Excel guesses cp1250), ';'
 * between fields (',' is the Polish decimal separator), CRLF line ends, hours with a decimal comma, dates
 * YYYY-MM-DD, identifiers kept as text, a totals row last. Quoting is csv-stringify's, and every field with a
 * line break in it is quoted.
 */
import { stringify } from 'csv-stringify/sync';
import { decimalHours } from '$lib/domain/hours';
import { exportColumns, totalsCells, type ExportCell } from './columns';
import type { Statement } from './statement';

/**
 * A text that Excel would run as a formula gets a leading apostrophe — CSV injection: one starting with '=', '+',
 * '@', a tab or a carriage return, and one starting with '-' (Excel reads '-2+3' or "-cmd|' /C calc'!A0" as a
 * formula, and a '- pierwszy punkt' note as a broken one) unless it is a plain negative number.
 *
 * So does every line of a multi-line text (a note, an address): the cell is quoted, but a tool that splits the file
 * on line breaks would start a row with the line after one. "Ustalenia:\n- pierwszy punkt" stays readable as
 * "Ustalenia:\n'- pierwszy punkt".
 */
export function csvSafeText(value: string): string {
	const safe = startsFormula(value) ? `'${value}` : value;
	return safe.replace(/(\r\n|\r|\n)([^\r\n]*)/g, (_, lineBreak: string, line: string) =>
		startsFormula(line) ? `${lineBreak}'${line}` : `${lineBreak}${line}`
	);
}

function startsFormula(text: string): boolean {
	if (/^[=+@\t\r]/.test(text)) return true;
	return text.startsWith('-') && !/^-\d+([.,]\d+)?$/.test(text);
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
		// Every field holding a line break is quoted, a lone '\n' or '\r' too: with a record delimiter of its own
		// csv-stringify quotes only "\r\n", and an unquoted "\n=1+1" starts a new row in Excel whose first cell
		// is a formula.
		quoted_match: /[\r\n]/
	});
	return Buffer.from(text, 'utf8');
}
