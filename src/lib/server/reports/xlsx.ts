/**
 * The statement as XLSX (write-excel-file): the same columns as the CSV, a bold header row frozen at the top,
 * column widths, real numbers (minutes as integers; hours as minutes / 60 shown with '0.00'; dates, times of day
 * and the signature's date and time as Excel's own, 'yyyy-mm-dd', 'hh:mm' and 'yyyy-mm-dd hh:mm'), and a totals row
 * that holds the values themselves (not only a formula, so every reader sees them). Records awaiting approval,
 * if any, go to a sheet of their own: they are not counted, so they stay out of the first sheet's columns. A summary
 * sheet holds the PDF's summaries (per advisor, place and topic) as numbers: minutes and decimal hours.
 */
import writeExcelFile, { type Cell, type Row, type SheetData } from 'write-excel-file/node';
import { MINUTES_PER_DAY, MINUTES_PER_HOUR, parseTime } from '$lib/domain/hours';
import { translate, type MessageKey } from '$lib/i18n/translate';
import { exportColumns, totalsCells, type ExportCell, type ExportColumn } from './columns';
import { statementSummaries, type Statement, type StatementRow } from './statement';

function xlsxCell(cell: ExportCell, bold = false): Cell {
	const style = bold ? { fontWeight: 'bold' as const } : {};
	switch (cell.kind) {
		case 'text':
			return cell.value === '' && !bold ? null : { value: cell.value, type: String, ...style };
		case 'integer':
			return cell.value === null ? null : { value: cell.value, type: Number, format: '0', ...style };
		case 'hours':
			return cell.minutes === null
				? null
				: { value: cell.minutes / MINUTES_PER_HOUR, type: Number, format: '0.00', ...style };
		case 'date': {
			const [year, month, day] = cell.value.split('-').map(Number);
			if (!year || !month || !day) return null;
			return { value: new Date(Date.UTC(year, month - 1, day)), type: Date, format: 'yyyy-mm-dd', ...style };
		}
		case 'time': {
			const minutes = parseTime(cell.value);
			// A time of day is a fraction of a day in a spreadsheet.
			return minutes === null
				? null
				: { value: minutes / MINUTES_PER_DAY, type: Number, format: 'hh:mm', ...style };
		}
		case 'dateTime': {
			// The wall clock as given (a spreadsheet has no time zone), as the date and time columns.
			const [day = '', time = ''] = cell.value.split(' ');
			const [year, month, date] = day.split('-').map(Number);
			const minutes = parseTime(time);
			if (!year || !month || !date || minutes === null) return null;
			const value = new Date(Date.UTC(year, month - 1, date) + minutes * 60_000);
			return { value, type: Date, format: 'yyyy-mm-dd hh:mm', ...style };
		}
	}
}

function sheet(columns: ExportColumn[], rows: StatementRow[], totals: ExportCell[] | null): SheetData {
	const data: Row[] = [columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' as const }))];
	rows.forEach((row, i) => data.push(columns.map((c) => xlsxCell(c.cell(row, i + 1)))));
	if (totals) data.push(totals.map((cell) => xlsxCell(cell, true)));
	return data;
}

/** The PDF's summary tables, one after another: a bold title, a header, the entries, a bold total, a blank row. */
function summarySheet(statement: Statement): SheetData {
	const t = (key: MessageKey) => translate(statement.locale, key);
	const bold = (value: string): Cell => ({ value, type: String, fontWeight: 'bold' as const });
	const figures = (minutes: number, isBold = false): Cell[] => [
		{ value: minutes, type: Number, format: '0', ...(isBold ? { fontWeight: 'bold' as const } : {}) },
		{
			value: minutes / MINUTES_PER_HOUR,
			type: Number,
			format: '0.00',
			...(isBold ? { fontWeight: 'bold' as const } : {})
		}
	];
	const data: Row[] = [];
	for (const { title, entries } of statementSummaries(statement)) {
		data.push([bold(title), null, null]);
		data.push([null, bold(t('report.col.minutes')), bold(t('report.col.hours'))]);
		for (const entry of entries) data.push([{ value: entry.label, type: String }, ...figures(entry.minutes)]);
		data.push([bold(t('report.totalLabel')), ...figures(statement.totals.totalMin, true)]);
		data.push([null, null, null]);
	}
	return data;
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(text: string): string {
	return text.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

export async function statementXlsx(statement: Statement): Promise<Buffer> {
	const columns = exportColumns(statement);
	const widths = columns.map((c) => ({ width: c.width }));
	const sheets = [
		{
			data: sheet(columns, statement.rows, totalsCells(statement, columns)),
			sheet: sheetName(`${statement.month} ${statement.centre.town}`),
			columns: widths,
			stickyRowsCount: 1
		}
	];
	sheets.push({
		data: summarySheet(statement),
		sheet: sheetName(translate(statement.locale, 'report.summarySheet')),
		columns: [{ width: 60 }, { width: 10 }, { width: 22 }],
		stickyRowsCount: 0
	});
	if (statement.awaiting.length > 0) {
		sheets.push({
			data: sheet(exportColumns(statement, true), statement.awaiting, null),
			sheet: sheetName(translate(statement.locale, 'report.counted.awaiting')),
			columns: widths,
			stickyRowsCount: 1
		});
	}
	return writeExcelFile(sheets).toBuffer();
}
