/**
 * The PDFs the funder accepts, drawn with pdfkit in DejaVu Sans (Polish letters):
 * - the monthly statement (A4 landscape): header with the centre, month, project and advisor; a table of the
 *   counted consultations that breaks cleanly across pages and repeats its header row; signature thumbnails;
 *   totals "Razem: 123:45 (123,75 h)", per advisor and per topic; the records awaiting approval apart; room for
 *   the coordinator's signature; "Strona 1 z 3" on every page;
 * - the karta doradztwa of one consultation (A4 portrait): every field, the amendments, the representative's
 *   signature with the signer's name and time, the receipt code.
 *
 * Speed (2,000 rows): the table wraps text itself with cached word widths and writes each line once (no second
 * layout pass to measure), each distinct signature image is embedded once per document (pdfkit keys images by
 * their data URL), and the fonts are parsed once per process (fonts.ts).
 */
import PDFDocument from 'pdfkit';
import { decimalHours, formatHoursMinutes } from '$lib/domain/hours';
import { QUOTA_PLACE_KIND } from '$lib/domain/dashboard';
import {
	isMessageKey,
	translate,
	type Locale,
	type MessageKey,
	type MessageParams
} from '$lib/i18n/translate';
import { consultationFieldName, consultationFieldValue } from '$lib/i18n/consultation-fields';
import { BOLD, REGULAR, useFonts } from './fonts';
import { displayDate, displayInstant, totalLine } from './format';
import { monthLabel } from '$lib/domain/dates';
import { inflateImageData, signatureThumbnail } from './signature-image';
import {
	messageKeyOfPlace,
	messageKeyOfStatus,
	statementSummaries,
	type Card,
	type Statement,
	type StatementRow
} from './statement';

const MARGIN = 36;
const FOOTER = 18;
const TEXT = '#111111';
const MUTED = '#555555';
const RULE = '#9a9a9a';
const HEADER_FILL = '#e6e6e6';

// ---------------------------------------------------------------------------------------------------------------
// Shared plumbing

function createDocument(layout: 'portrait' | 'landscape', title: string, locale: Locale): PDFKit.PDFDocument {
	const doc = new PDFDocument({
		size: 'A4',
		layout,
		margin: MARGIN,
		bufferPages: true,
		// No default font: pdfkit would load Helvetica, which cannot print Polish letters anyway.
		font: null as unknown as string,
		lang: locale === 'pl' ? 'pl-PL' : 'en-GB',
		displayTitle: true,
		info: { Title: title, Creator: 'Doradca', Producer: 'Doradca (pdfkit)' }
	});
	useFonts(doc);
	return doc;
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		doc.end();
	});
}

/** "Strona 1 z 3" at the foot of every page (the pages are buffered until now). */
function numberPages(doc: PDFKit.PDFDocument, locale: Locale, left: string): void {
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const bottom = doc.page.margins.bottom;
		// Writing inside the bottom margin must not make pdfkit start a new page.
		doc.page.margins.bottom = 0;
		const y = doc.page.height - MARGIN + 6;
		const text = translate(locale, 'report.page', { page: i + 1, pages: range.count });
		doc.font(REGULAR).fontSize(7).fillColor(MUTED);
		doc.text(left, MARGIN, y, { lineBreak: false });
		doc.text(text, doc.page.width - MARGIN - doc.widthOfString(text), y, { lineBreak: false });
		doc.page.margins.bottom = bottom;
	}
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Whether pdfkit can embed this data URL. pdfkit decodes a PNG's alpha channel in an asynchronous zlib callback
 * that throws on corrupt data — an uncaught exception, not an error we could catch — so a PNG is checked here
 * first: its chunks, that the image data inflates (to no more than its header's size: inflateImageData) and each
 * row's filter byte. JPEGs are parsed synchronously by pdfkit itself (a bad one throws inside our try).
 */
export function isEmbeddableImage(dataUrl: string): boolean {
	const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/.exec(dataUrl);
	if (!match) return false;
	const bytes = Buffer.from(match[2]!, 'base64');
	if (match[1] === 'jpeg') return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8;
	if (bytes.length < 45 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
	let pos = 8;
	let width = 0;
	let height = 0;
	let bitsPerPixel = 0;
	const data: Buffer[] = [];
	while (pos + 12 <= bytes.length) {
		const length = bytes.readUInt32BE(pos);
		const type = bytes.toString('latin1', pos + 4, pos + 8);
		if (pos + 12 + length > bytes.length) return false;
		const body = bytes.subarray(pos + 8, pos + 8 + length);
		if (type === 'IHDR') {
			if (length < 13) return false;
			width = body.readUInt32BE(0);
			height = body.readUInt32BE(4);
			const channels = CHANNELS[body[9]!];
			// Interlaced images take another decoding path in pdfkit: a signature pad never makes one.
			if (!channels || body[12] !== 0) return false;
			bitsPerPixel = channels * body[8]!;
		} else if (type === 'IDAT') data.push(body);
		else if (type === 'IEND') break;
		pos += 12 + length;
	}
	if (!width || !height || !bitsPerPixel || data.length === 0 || width * height > 16_000_000) return false;
	const pixels = inflateImageData(Buffer.concat(data), width, height, bitsPerPixel);
	if (!pixels) return false;
	const stride = Math.ceil((width * bitsPerPixel) / 8) + 1;
	if (pixels.length < stride * height) return false;
	for (let row = 0; row < height; row++) if (pixels[row * stride]! > 4) return false;
	return true;
}

/** Text set in a fixed font and size, wrapped by hand: word widths are cached, each line is drawn once. */
class Typesetter {
	private font = '';
	private size = 0;
	private widths = new Map<string, number>();
	private images = new Map<string, boolean>();
	private thumbnails = new Map<string, string | null>();
	lineHeight = 0;

	constructor(readonly doc: PDFKit.PDFDocument) {}

	use(font: string, size: number): this {
		if (font !== this.font || size !== this.size) {
			this.font = font;
			this.size = size;
			this.doc.font(font).fontSize(size);
			this.lineHeight = this.doc.currentLineHeight(true);
		}
		return this;
	}

	width(text: string): number {
		const key = `${this.font}\u0000${this.size}\u0000${text}`;
		let width = this.widths.get(key);
		if (width === undefined) {
			width = this.doc.widthOfString(text);
			this.widths.set(key, width);
		}
		return width;
	}

	/** Lines of at most `width` points; words longer than a line are cut. Paragraphs ('\n') are kept. */
	wrap(text: string, width: number): string[] {
		const lines: string[] = [];
		const space = this.width(' ');
		for (const paragraph of text.split('\n')) {
			let line = '';
			let lineWidth = 0;
			for (const word of paragraph.split(' ')) {
				if (word === '') continue;
				let w = this.width(word);
				if (line && lineWidth + space + w <= width) {
					line += ' ' + word;
					lineWidth += space + w;
					continue;
				}
				if (line) lines.push(line);
				line = word;
				lineWidth = w;
				while (lineWidth > width && line.length > 1) {
					// Cut an over-long word (a URL, a long identifier) where it fits.
					let cut = line.length - 1;
					while (cut > 1 && this.width(line.slice(0, cut)) > width) cut--;
					lines.push(line.slice(0, cut));
					line = line.slice(cut);
					w = this.width(line);
					lineWidth = w;
				}
			}
			lines.push(line);
		}
		return lines;
	}

	line(text: string, x: number, y: number, color = TEXT): void {
		if (text) this.doc.fillColor(color).text(text, x, y, { lineBreak: false });
	}

	/**
	 * Draws a signature thumbnail fitted into the box (signature-image.ts: flattened, shrunk, greyscale), made once
	 * per distinct image; false (nothing drawn) when the image cannot be read.
	 */
	thumbnail(dataUrl: string, x: number, y: number, width: number, height: number): boolean {
		let thumb = this.thumbnails.get(dataUrl);
		if (thumb === undefined) {
			// Three pixels per point: sharp in print, a few kilobytes per signature.
			const png = signatureThumbnail(dataUrl, Math.ceil(width * 3), Math.ceil(height * 3));
			thumb = png ? `data:image/png;base64,${png.toString('base64')}` : null;
			this.thumbnails.set(dataUrl, thumb);
		}
		if (!thumb) return false;
		this.doc.image(thumb, x, y, { fit: [width, height] });
		return true;
	}

	/** Draws the image fitted into the box; false (and nothing drawn) when it cannot be embedded. */
	image(dataUrl: string, x: number, y: number, width: number, height: number): boolean {
		let ok = this.images.get(dataUrl);
		if (ok === undefined) {
			ok = isEmbeddableImage(dataUrl);
			this.images.set(dataUrl, ok);
		}
		if (!ok) return false;
		try {
			this.doc.image(dataUrl, x, y, { fit: [width, height] });
			return true;
		} catch {
			this.images.set(dataUrl, false);
			return false;
		}
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

interface Paragraph {
	text: string;
	bold?: boolean;
	muted?: boolean;
	small?: boolean;
}

interface CellSpec {
	paragraphs: Paragraph[];
	align?: 'left' | 'right';
	/** A signature thumbnail above the paragraphs. */
	image?: string | null;
}

interface Column {
	header: string;
	width: number;
	align?: 'left' | 'right';
}

const TABLE_SIZE = 7.5;
const SMALL_SIZE = 6.5;
const PAD = 3;
const THUMB_HEIGHT = 20;

interface MeasuredCell {
	lines: { text: string; font: string; size: number; color: string; width: number }[];
	height: number;
	image: string | null;
	align: 'left' | 'right';
}

class Table {
	private y = 0;
	constructor(
		private readonly set: Typesetter,
		private readonly columns: Column[],
		private readonly x: number,
		/** Draws the page's running head on a continuation page and returns where the table may start. */
		private readonly onNewPage: () => number
	) {}

	get bottom(): number {
		const page = this.set.doc.page;
		return page.height - page.margins.bottom - FOOTER;
	}

	get width(): number {
		return this.columns.reduce((sum, c) => sum + c.width, 0);
	}

	start(y: number): number {
		this.y = y;
		this.header();
		return this.y;
	}

	private header(): void {
		const { set } = this;
		set.use(BOLD, TABLE_SIZE);
		const cells = this.columns.map((c) => this.measure(c, { paragraphs: [{ text: c.header, bold: true }] }));
		const height = Math.max(...cells.map((c) => c.height)) + 2 * PAD;
		set.doc.rect(this.x, this.y, this.width, height).fill(HEADER_FILL);
		this.drawCells(cells);
		this.y += height;
		this.rule(0.6);
	}

	private measure(column: Column, spec: CellSpec): MeasuredCell {
		const { set } = this;
		const width = column.width - 2 * PAD;
		const lines: MeasuredCell['lines'] = [];
		let height = spec.image ? THUMB_HEIGHT + 2 : 0;
		for (const p of spec.paragraphs) {
			const font = p.bold ? BOLD : REGULAR;
			const size = p.small ? SMALL_SIZE : TABLE_SIZE;
			set.use(font, size);
			for (const text of set.wrap(p.text, width)) {
				lines.push({ text, font, size, color: p.muted ? MUTED : TEXT, width: set.width(text) });
				height += set.lineHeight;
			}
		}
		return { lines, height, image: spec.image ?? null, align: spec.align ?? column.align ?? 'left' };
	}

	private drawCells(cells: MeasuredCell[]): void {
		const { set } = this;
		let x = this.x;
		cells.forEach((cell, i) => {
			const width = this.columns[i]!.width;
			let y = this.y + PAD;
			if (cell.image) {
				// An image that cannot be embedded leaves its room empty; the signer's name is still printed.
				set.thumbnail(cell.image, x + PAD, y, width - 2 * PAD, THUMB_HEIGHT);
				y += THUMB_HEIGHT + 2;
			}
			for (const line of cell.lines) {
				set.use(line.font, line.size);
				const lx = cell.align === 'right' ? x + width - PAD - line.width : x + PAD;
				set.line(line.text, lx, y, line.color);
				y += set.lineHeight;
			}
			x += width;
		});
	}

	private rule(width = 0.3): void {
		this.set.doc
			.lineWidth(width)
			.strokeColor(RULE)
			.moveTo(this.x, this.y)
			.lineTo(this.x + this.width, this.y)
			.stroke();
	}

	/** The height a row of these cells takes. */
	heightOf(specs: CellSpec[]): number {
		const cells = specs.map((spec, i) => this.measure(this.columns[i]!, spec));
		return Math.max(...cells.map((c) => c.height)) + 2 * PAD;
	}

	/**
	 * One row; moves to a new page (with the header row again) when it does not fit. `keepWith`: the height of what
	 * must follow on the same page (the total row after the last row), so a total never stands alone on a page.
	 */
	row(specs: CellSpec[], options: { fill?: string; boldRule?: boolean; keepWith?: number } = {}): void {
		const cells = specs.map((spec, i) => this.measure(this.columns[i]!, spec));
		const height = Math.max(...cells.map((c) => c.height)) + 2 * PAD;
		if (this.y + height + (options.keepWith ?? 0) > this.bottom) {
			this.set.doc.addPage({ size: 'A4', layout: this.set.doc.page.layout as 'portrait' | 'landscape', margin: MARGIN });
			this.y = this.onNewPage();
			this.header();
		}
		if (options.fill) this.set.doc.rect(this.x, this.y, this.width, height).fill(options.fill);
		this.drawCells(cells);
		this.y += height;
		this.rule(options.boldRule ? 0.8 : 0.3);
	}

	get cursor(): number {
		return this.y;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// The monthly statement

/**
 * A column's width, widened when needed to hold its header's longest word (bold, table size): a header never
 * breaks mid-word ("Duratio" / "n") in either language.
 */
function fitHeader(set: Typesetter, header: string, width: number): number {
	set.use(BOLD, TABLE_SIZE);
	const longest = Math.max(0, ...header.split(/\s+/).map((word) => set.width(word)));
	return Math.max(width, Math.ceil(longest + 2 * PAD));
}

function statementColumns(statement: Statement, total: number, set: Typesetter): Column[] {
	const t = (key: MessageKey) => translate(statement.locale, key);
	const withAdvisor = statement.advisor === null;
	const headers = {
		no: t('report.col.no'),
		date: t('report.col.date'),
		time: t('report.col.time'),
		place: t('report.col.place'),
		advisor: t('report.col.advisor'),
		duration: t('report.col.duration'),
		signature: t('report.col.signature')
	};
	const fit = (name: keyof typeof headers, width: number) => fitHeader(set, headers[name], width);
	const fixed = {
		no: fit('no', 24),
		date: fit('date', 52),
		time: fit('time', 62),
		place: fit('place', 92),
		advisor: withAdvisor ? fit('advisor', 78) : 0,
		duration: fit('duration', 38),
		signature: fit('signature', 96)
	};
	// The organisation and the topics share what is left (their headers are single words, far narrower).
	const rest = total - Object.values(fixed).reduce((a, b) => a + b, 0);
	const organisation = Math.round(rest * 0.45);
	const columns: Column[] = [
		{ header: headers.no, width: fixed.no, align: 'right' },
		{ header: headers.date, width: fixed.date },
		{ header: headers.time, width: fixed.time },
		{ header: headers.place, width: fixed.place },
		{ header: t('report.col.organisation'), width: organisation }
	];
	if (withAdvisor) columns.push({ header: headers.advisor, width: fixed.advisor });
	columns.push(
		{ header: t('report.col.topics'), width: rest - organisation },
		{ header: headers.duration, width: fixed.duration, align: 'right' },
		{ header: headers.signature, width: fixed.signature }
	);
	return columns;
}

function identifiersLine(org: StatementRow['organisation']): string {
	if (!org) return '';
	return [org.nip && `NIP ${org.nip}`, org.krs && `KRS ${org.krs}`, org.regon && `REGON ${org.regon}`]
		.filter(Boolean)
		.join(', ');
}

function statementCells(statement: Statement, row: StatementRow, index: number): CellSpec[] {
	const { locale } = statement;
	const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
	const none = t('report.none');
	const cells: CellSpec[] = [
		{ paragraphs: [{ text: `${index}${row.latePending ? '*' : ''}` }] },
		{
			paragraphs: [
				{ text: displayDate(row.date, locale) },
				{ text: t(messageKeyOfStatus(row.status)), muted: true, small: true }
			]
		},
		{ paragraphs: [{ text: row.startTime ? `${row.startTime}–${row.endTime}` : none }] },
		{
			paragraphs: [
				{ text: t(messageKeyOfPlace(row.placeKind)) },
				...(row.address ? [{ text: row.address, muted: true, small: true }] : [])
			]
		},
		{
			paragraphs: row.organisation
				? [
						{ text: row.organisation.name },
						{ text: identifiersLine(row.organisation), muted: true, small: true }
					]
				: [{ text: none }]
		}
	];
	if (statement.advisor === null) cells.push({ paragraphs: [{ text: row.advisorName }] });
	cells.push(
		{ paragraphs: [{ text: row.topicLabels.join('; ') || t('report.noTopic') }] },
		{ paragraphs: [{ text: formatHoursMinutes(row.durationMin) }] },
		row.signatureImage
			? {
					image: row.signatureImage,
					paragraphs: [{ text: row.signerName ?? '', small: true, muted: true }]
				}
			: { paragraphs: [{ text: t('report.noSignature'), small: true, muted: true }] }
	);
	return cells;
}

/** The monthly statement as a PDF (see the module header). */
export async function statementPdf(statement: Statement): Promise<Buffer> {
	const { locale } = statement;
	const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
	const title = t('report.statementTitle');
	const doc = createDocument('landscape', `${title} — ${statement.centre.name} — ${statement.month}`, locale);
	const set = new Typesetter(doc);
	const left = MARGIN;
	const contentWidth = doc.page.width - 2 * MARGIN;
	const runningHead = `${title} · ${statement.centre.name} · ${statement.monthLabel}${
		statement.advisor ? ` · ${statement.advisor.name}` : ''
	}`;

	// Header of the first page.
	let y = MARGIN;
	set.use(BOLD, 14);
	set.line(title, left, y);
	y += set.lineHeight + 4;
	const facts: [string, string][] = [
		[t('report.centre'), `${statement.centre.name} (${statement.centre.town})`],
		[t('report.month'), statement.monthLabel],
		[t('report.advisor'), statement.advisor?.name ?? t('report.allAdvisors')]
	];
	if (statement.project) {
		facts.push([
			t('report.project'),
			t('report.projectPeriod', {
				name: statement.project.name,
				start: monthLabel(statement.project.startMonth, locale),
				end: monthLabel(statement.project.endMonth, locale)
			})
		]);
	}
	// Open, the figures may still change (late changes, approvals): the funder is told which kind of statement this is.
	facts.push([
		t('report.monthState'),
		statement.closure
			? t(statement.closure.closedByName ? 'report.monthClosedBy' : 'report.monthClosed', {
					at: displayInstant(statement.closure.closedAt, locale),
					name: statement.closure.closedByName ?? ''
				})
			: t('report.monthOpen')
	]);
	if (statement.changedAfterClose) {
		facts.push([
			t('report.changedAfterCloseLabel'),
			t('report.changedAfterClose', {
				count: statement.changedAfterClose.count,
				at: displayInstant(statement.changedAfterClose.lastApprovedAt, locale)
			})
		]);
	}
	for (const [label, value] of facts) {
		set.use(REGULAR, 9);
		set.line(`${label}:`, left, y, MUTED);
		set.use(BOLD, 9);
		set.line(value, left + 70, y);
		y += set.lineHeight + 1;
	}
	set.use(REGULAR, 7);
	set.line(
		t('report.generatedAt', { at: displayInstant(statement.generatedAt.toISOString(), locale) }),
		left,
		y,
		MUTED
	);
	y += set.lineHeight + 8;

	const continuation = () => {
		set.use(REGULAR, 8);
		set.line(runningHead, left, MARGIN, MUTED);
		return MARGIN + set.lineHeight + 6;
	};

	const columns = statementColumns(statement, contentWidth, set);
	const durationColumn = columns.length - 2;
	const table = new Table(set, columns, left, continuation);
	table.start(y);
	const totalCells: CellSpec[] = columns.map(() => ({ paragraphs: [] }));
	totalCells[1] = { paragraphs: [{ text: t('report.totalLabel'), bold: true }] };
	totalCells[4] = {
		paragraphs: [{ text: t('report.consultations', { count: statement.totals.count }), bold: true }]
	};
	totalCells[durationColumn] = {
		paragraphs: [{ text: formatHoursMinutes(statement.totals.totalMin), bold: true }]
	};
	const totalHeight = table.heightOf(totalCells);
	statement.rows.forEach((row, i) =>
		table.row(statementCells(statement, row, i + 1), {
			keepWith: i === statement.rows.length - 1 ? totalHeight : 0
		})
	);
	table.row(totalCells, { fill: HEADER_FILL, boldRule: true });
	y = table.cursor + 8;

	const ensure = (height: number) => {
		if (y + height > doc.page.height - MARGIN - FOOTER) {
			doc.addPage({ size: 'A4', layout: 'landscape', margin: MARGIN });
			y = continuation();
		}
	};
	const lateRows = statement.rows.some((r) => r.latePending);
	if (lateRows) {
		ensure(12);
		set.use(REGULAR, 7);
		set.line(`* ${t('report.latePending')}`, left, y, MUTED);
		y += set.lineHeight + 4;
	}
	ensure(16);
	set.use(BOLD, 11);
	set.line(
		`${totalLine(statement.totals.totalMin, locale)} · ${t('report.consultations', { count: statement.totals.count })}`,
		left,
		y
	);
	y += set.lineHeight + 4;
	// The figure the project's target counts (mobile advisory), beside the target: the dashboard's, for the funder.
	const mobileMin = statement.totals.summary.byPlaceKind[QUOTA_PLACE_KIND.mobile];
	ensure(14);
	set.use(BOLD, 9);
	set.line(
		statement.targetMin === null
			? t('report.mobileTotal', { hm: formatHoursMinutes(mobileMin), hours: decimalHours(mobileMin, locale) })
			: t('report.mobileAgainstTarget', {
					hm: formatHoursMinutes(mobileMin),
					hours: decimalHours(mobileMin, locale),
					target: formatHoursMinutes(statement.targetMin),
					percent: statement.targetMin > 0 ? Math.round((mobileMin / statement.targetMin) * 100) : 0
				}),
		left,
		y
	);
	y += set.lineHeight + 10;

	// Per advisor and per topic: small two-column tables side by side would break badly; one after the other.
	const summaryTable = (heading: string, entries: { label: string; minutes: number }[]) => {
		ensure(60);
		set.use(BOLD, 9);
		set.line(heading, left, y);
		y += set.lineHeight + 2;
		const summary = new Table(
			set,
			[
				{ header: '', width: 380 },
				{ header: t('report.col.hoursMinutes'), width: 90, align: 'right' },
				{ header: t('report.col.hours'), width: 120, align: 'right' }
			],
			left,
			continuation
		);
		summary.start(y);
		const total = statement.totals.totalMin;
		const totalRow: CellSpec[] = [
			{ paragraphs: [{ text: t('report.totalLabel'), bold: true }] },
			{ paragraphs: [{ text: formatHoursMinutes(total), bold: true }] },
			{ paragraphs: [{ text: decimalHours(total, locale), bold: true }] }
		];
		const totalHeight = summary.heightOf(totalRow);
		entries.forEach((entry, i) => {
			summary.row(
				[
					{ paragraphs: [{ text: entry.label }] },
					{ paragraphs: [{ text: formatHoursMinutes(entry.minutes) }] },
					{ paragraphs: [{ text: decimalHours(entry.minutes, locale) }] }
				],
				{ keepWith: i === entries.length - 1 ? totalHeight : 0 }
			);
		});
		summary.row(totalRow, { fill: HEADER_FILL, boldRule: true });
		y = summary.cursor + 10;
	};
	for (const { title, entries } of statementSummaries(statement)) summaryTable(title, entries);

	if (statement.awaiting.length > 0) {
		ensure(60);
		set.use(BOLD, 9);
		set.line(t('report.awaiting'), left, y);
		y += set.lineHeight + 2;
		const awaiting = new Table(set, columns, left, continuation);
		awaiting.start(y);
		statement.awaiting.forEach((row, i) => awaiting.row(statementCells(statement, row, i + 1)));
		y = awaiting.cursor + 6;
		ensure(12);
		set.use(REGULAR, 8);
		set.line(
			t('report.awaitingTotal', {
				hm: formatHoursMinutes(statement.totals.awaitingMin),
				hours: decimalHours(statement.totals.awaitingMin, locale)
			}),
			left,
			y,
			MUTED
		);
		y += set.lineHeight + 10;
	}

	// Room for the coordinator's signature (36 pt to sign in, the lines, their captions), with a place and date
	// line, under a line naming what is signed: should the block go to a page of its own, that page still says
	// which statement and which total the signature confirms.
	const SIGNING_ROOM = 36;
	const covers = t('report.signatureCovers', {
		statement: `${statement.centre.name} · ${statement.monthLabel}${statement.advisor ? ` · ${statement.advisor.name}` : ''}`,
		total: totalLine(statement.totals.totalMin, locale),
		consultations: t('report.consultations', { count: statement.totals.count })
	});
	set.use(REGULAR, 8);
	const coversHeight = doc.heightOfString(covers, { width: contentWidth });
	ensure(coversHeight + SIGNING_ROOM + 3 + set.lineHeight);
	doc.fillColor(MUTED).text(covers, left, y, { width: contentWidth });
	y += coversHeight + SIGNING_ROOM;
	const lineWidth = 220;
	const signX = doc.page.width - MARGIN - lineWidth;
	doc.lineWidth(0.5).strokeColor(TEXT);
	doc.moveTo(left, y).lineTo(left + lineWidth, y).stroke();
	doc.moveTo(signX, y).lineTo(signX + lineWidth, y).stroke();
	set.use(REGULAR, 8);
	set.line(t('report.placeAndDate'), left, y + 3, MUTED);
	set.line(t('report.coordinatorSignature'), signX, y + 3, MUTED);

	numberPages(doc, locale, runningHead);
	return finish(doc);
}

// ---------------------------------------------------------------------------------------------------------------
// The karta doradztwa

/** One consultation's card as a PDF (A4 portrait). */
export async function cardPdf(card: Card): Promise<Buffer> {
	const { locale } = card;
	const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
	const title = t('report.cardTitle');
	const doc = createDocument('portrait', `${title} — ${card.organisation?.name ?? ''} — ${card.date}`, locale);
	const width = doc.page.width - 2 * MARGIN;
	const labelWidth = 150;
	const none = t('report.none');

	doc.font(BOLD).fontSize(15).fillColor(TEXT).text(title, MARGIN, MARGIN, { width });
	doc.moveDown(0.2);
	const subtitle = [card.project?.name, `${t('report.card.receipt')}: ${card.receipt ?? none}`]
		.filter(Boolean)
		.join(' · ');
	doc.font(REGULAR).fontSize(9).fillColor(MUTED).text(subtitle, { width });
	doc.moveDown(0.8);

	const field = (label: string, value: string) => {
		const y = doc.y;
		doc.font(REGULAR).fontSize(9).fillColor(MUTED);
		const labelHeight = doc.heightOfString(label, { width: labelWidth - 8 });
		doc.font(REGULAR).fontSize(10);
		const valueHeight = doc.heightOfString(value || none, { width: width - labelWidth });
		if (y + Math.max(labelHeight, valueHeight) > doc.page.height - MARGIN - FOOTER) {
			doc.addPage();
		}
		const top = doc.y;
		doc.font(REGULAR).fontSize(9).fillColor(MUTED).text(label, MARGIN, top, { width: labelWidth - 8 });
		doc.font(REGULAR).fontSize(10).fillColor(TEXT).text(value || none, MARGIN + labelWidth, top, {
			width: width - labelWidth
		});
		doc.x = MARGIN;
		doc.y = top + Math.max(labelHeight, valueHeight) + 5;
	};
	const section = (heading: string) => {
		if (doc.y + 40 > doc.page.height - MARGIN - FOOTER) doc.addPage();
		doc.moveDown(0.4);
		doc.font(BOLD).fontSize(11).fillColor(TEXT).text(heading, MARGIN, doc.y, { width });
		doc.moveDown(0.3);
	};

	const org = card.organisation;
	field(t('report.card.status'), t(messageKeyOfStatus(card.status)));
	if (card.review.late) field('', t('report.card.late'));
	else if (card.review.approvedAt) {
		field('', t('report.card.approved', { at: displayInstant(card.review.approvedAt, locale) }));
	}
	field(t('report.card.organisation'), org?.name ?? none);
	if (org) {
		const form = `legalForm.${org.legalForm}`;
		field(t('report.col.legalForm'), isMessageKey(form) ? t(form) : org.legalForm);
		field(t('report.card.identifiers'), identifiersLine(org) || none);
		field(t('report.card.address'), `${org.street}, ${org.postalCode} ${org.town}`);
	}
	field(
		t('report.card.when'),
		`${displayDate(card.date, locale)}, ${card.startTime}–${card.endTime}`
	);
	field(
		t('report.card.duration'),
		`${formatHoursMinutes(card.durationMin)} (${decimalHours(card.durationMin, locale)} h)`
	);
	field(
		t('report.card.place'),
		[t(`place.${card.placeKind}`), card.address].filter(Boolean).join(' — ')
	);
	field(t('report.card.centre'), `${card.centre.name} (${card.centre.town})`);
	field(t('report.card.advisor'), card.advisorName);
	field(t('report.card.topics'), card.topicLabels.map((label) => `• ${label}`).join('\n') || t('report.noTopic'));
	field(
		t('report.card.participants'),
		[
			...card.participants.map((p) => `• ${p.name}${p.role ? ` — ${p.role}` : ''}`),
			t('report.card.participantCount', { count: card.participantCount })
		].join('\n')
	);
	field(t('report.card.notes'), card.notes);
	field(t('report.card.followUps'), card.followUps);

	section(t('report.card.amendments'));
	if (card.amendments.length === 0) field('', t('report.card.noAmendments'));
	for (const amendment of card.amendments) {
		const changes = Object.entries(amendment.changes)
			.map(
				([name, change]) =>
					`${consultationFieldName(name, locale)}: ${consultationFieldValue(name, change.before, locale)} → ${consultationFieldValue(name, change.after, locale)}`
			)
			.join('\n');
		field(
			displayInstant(amendment.at, locale),
			`${t('report.card.amendmentLine', {
				author: amendment.authorName,
				reason: amendment.reason
			})}\n${changes}`
		);
	}

	section(t('report.card.signature'));
	if (doc.y + 110 > doc.page.height - MARGIN - FOOTER) doc.addPage();
	if (card.signature) {
		const set = new Typesetter(doc);
		const top = doc.y;
		const drawn = set.image(card.signature.image, MARGIN, top, 220, 80);
		doc.y = top + (drawn ? 84 : 0);
		doc.font(REGULAR).fontSize(10).fillColor(TEXT).text(
			t('report.card.signedBy', {
				name: card.signature.signerName,
				at: displayInstant(card.signature.signedAt, locale)
			}),
			MARGIN,
			doc.y,
			{ width }
		);
	} else {
		doc.font(REGULAR).fontSize(10).fillColor(MUTED).text(t('report.card.unsigned'), MARGIN, doc.y, { width });
	}

	// The advisor signs the paper copy, if the funder wants one.
	doc.moveDown(3);
	// The line and its caption stay together, inside the page's printable area.
	if (doc.y + 16 > doc.page.height - MARGIN - FOOTER) doc.addPage();
	const y = doc.y;
	doc.lineWidth(0.5).strokeColor(TEXT).moveTo(MARGIN, y).lineTo(MARGIN + 220, y).stroke();
	doc.font(REGULAR).fontSize(8).fillColor(MUTED).text(t('report.card.advisorSignature'), MARGIN, y + 3);

	numberPages(doc, locale, `${title} · ${card.receipt ?? card.id}`);
	return finish(doc);
}


/** The typesetting parts, for their unit test (pdf.test.ts); the module's API is the functions above. */
export const typesettingForTests = { createDocument, Typesetter, Table, MARGIN };
