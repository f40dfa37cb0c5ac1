/**
 * The columns of the spreadsheet exports (CSV and XLSX print the same rows): one definition, typed cells. Minutes
 * are the exact figure; hours are minutes / 60, written by each format in its own way (CSV: decimal comma via
 * hours.ts decimalHours; XLSX: a real number with the '0.00' format).
 */
import { translate, type MessageKey } from '$lib/i18n/translate';
import { sheetInstant } from './format';
import { messageKeyOfPlace, messageKeyOfStatus, type Statement, type StatementRow } from './statement';

export type ExportCell =
	/** `identifier`: digits that name something (KRS, NIP, REGON) — text, never a number to round or shorten. */
	| { kind: 'text'; value: string; identifier?: boolean }
	| { kind: 'integer'; value: number | null }
	| { kind: 'hours'; minutes: number | null }
	/** 'YYYY-MM-DD' and 'HH:MM' (or ''): a real date and time of day in XLSX, so Excel sorts, filters and adds them. */
	| { kind: 'date'; value: string }
	| { kind: 'time'; value: string }
	/** 'YYYY-MM-DD HH:MM' Warsaw wall clock (or ''): a real date and time in XLSX. */
	| { kind: 'dateTime'; value: string };

export interface ExportColumn {
	header: string;
	/** Width in characters for XLSX. */
	width: number;
	cell: (row: StatementRow, index: number) => ExportCell;
}

const text = (value: string | null | undefined): ExportCell => ({ kind: 'text', value: value ?? '' });
const identifier = (value: string | null | undefined): ExportCell => ({
	kind: 'text',
	value: value ?? '',
	identifier: true
});

/** `awaiting`: the columns of the records awaiting approval (their 'counted' cell says so). */
export function exportColumns(statement: Statement, awaiting = false): ExportColumn[] {
	const t = (key: MessageKey) => translate(statement.locale, key);
	return [
		{ header: t('report.col.no'), width: 6, cell: (_, i) => ({ kind: 'integer', value: i }) },
		{ header: t('report.col.date'), width: 12, cell: (r) => ({ kind: 'date', value: r.date }) },
		{ header: t('report.col.start'), width: 9, cell: (r) => ({ kind: 'time', value: r.startTime }) },
		{ header: t('report.col.end'), width: 9, cell: (r) => ({ kind: 'time', value: r.endTime }) },
		{ header: t('report.col.advisor'), width: 22, cell: (r) => text(r.advisorName) },
		{ header: t('report.col.organisation'), width: 40, cell: (r) => text(r.organisation?.name) },
		{ header: t('report.col.nip'), width: 12, cell: (r) => identifier(r.organisation?.nip) },
		{ header: t('report.col.krs'), width: 12, cell: (r) => identifier(r.organisation?.krs) },
		{ header: t('report.col.regon'), width: 15, cell: (r) => identifier(r.organisation?.regon) },
		{ header: t('report.col.placeKind'), width: 12, cell: (r) => text(t(messageKeyOfPlace(r.placeKind))) },
		{ header: t('report.col.address'), width: 30, cell: (r) => text(r.address) },
		{ header: t('report.col.topics'), width: 50, cell: (r) => text(r.topicLabels.join('; ')) },
		{ header: t('report.col.minutes'), width: 9, cell: (r) => ({ kind: 'integer', value: r.durationMin }) },
		{ header: t('report.col.hours'), width: 11, cell: (r) => ({ kind: 'hours', minutes: r.durationMin }) },
		{ header: t('report.col.status'), width: 12, cell: (r) => text(t(messageKeyOfStatus(r.status))) },
		{
			header: t('report.col.counted'),
			width: 14,
			cell: (r) =>
				text(
					t(
						awaiting
							? 'report.counted.awaiting'
							: r.latePending
								? 'report.counted.baseline'
								: 'report.counted.yes'
					)
				)
		},
		{ header: t('report.col.signer'), width: 22, cell: (r) => text(r.signerName) },
		{ header: t('report.col.signedAt'), width: 20, cell: (r) => ({ kind: 'dateTime', value: sheetInstant(r.signedAt) }) },
		{ header: t('report.col.receipt'), width: 14, cell: (r) => text(r.receipt) },
		{ header: t('report.col.id'), width: 38, cell: (r) => text(r.id) }
	];
}

/** The totals row: 'Razem' under the date, the consultations' count under the organisation, the minutes. */
export function totalsCells(statement: Statement, columns: ExportColumn[]): ExportCell[] {
	const t = (key: MessageKey) => translate(statement.locale, key);
	const cells: ExportCell[] = columns.map(() => text(''));
	const at = (header: MessageKey) => columns.findIndex((c) => c.header === t(header));
	cells[at('report.col.date')] = text(t('report.totalLabel'));
	cells[at('report.col.organisation')] = text(
		translate(statement.locale, 'report.consultations', { count: statement.totals.count })
	);
	cells[at('report.col.minutes')] = { kind: 'integer', value: statement.totals.totalMin };
	cells[at('report.col.hours')] = { kind: 'hours', minutes: statement.totals.totalMin };
	return cells;
}
