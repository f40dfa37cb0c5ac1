/**
 * Exports on SQLite and PostgreSQL: the monthly statement as PDF, CSV and XLSX and the karta doradztwa as PDF,
 * through the real routes. Each file is read back with an independent reader (pdfjs-dist, csv-parse,
 * read-excel-file) and its total must equal the dashboard's done minutes to the minute. A month with several
 * advisors, a multi-topic record, a late change (counted by its baseline), a late arrival (not counted), a draft,
 * a deleted record, another centre's and another month's records, a real and a corrupt signature image.
 */
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import type { Kysely } from 'kysely';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { addStaff, DEMO_ACCOUNTS } from './helpers/sync-server';
import { seedDemo } from '$lib/server/db/seed';
import type { DB, NewConsultation } from '$lib/server/db/schema';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATION_IDS, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { newId } from '$lib/domain/ids';
import { summariseMinutes, decimalHours, formatHoursMinutes } from '$lib/domain/hours';
import type { CountedFacts } from '$lib/domain/consultation';
import { translate } from '$lib/i18n/translate';

const MONTH = '2025-11';
const SLUPSK = DEMO_CENTRE_IDS.slupsk;

// ---------------------------------------------------------------------------------------------------------------
// Downloads: files, read from the answer's bytes

interface Download {
	status: number;
	headers: Headers;
	bytes: Buffer;
	json: () => { error?: { code: string; message: string; fields?: Record<string, string> } };
}

async function download(
	db: Kysely<DB>,
	path: string,
	token?: string,
	locale: 'pl' | 'en' = 'pl'
): Promise<Download> {
	const { status, headers, bytes } = await apiClient(db)('GET', path, { token, locale });
	return { status, headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

async function pdfText(bytes: Buffer): Promise<string> {
	const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const pages: string[] = [];
	for (let i = 1; i <= pdf.numPages; i++) {
		const content = await (await pdf.getPage(i)).getTextContent();
		pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
	}
	await pdf.destroy();
	// Runs of spaces (between pdfkit's text runs) collapse, so phrases can be looked for as written.
	return pages.join('\n').replace(/[ \t]+/g, ' ');
}

/** The statement table's headers are in the text whole: "Duration", never "Duratio n" (a word cut to fit). */
function expectHeadersWhole(text: string, locale: 'pl' | 'en'): void {
	const keys = [
		'no',
		'date',
		'time',
		'place',
		'organisation',
		'advisor',
		'topics',
		'duration',
		'signature'
	] as const;
	for (const key of keys) {
		for (const word of translate(locale, `report.col.${key}`).split(/\s+/)) {
			expect(text, word).toContain(word);
			for (let cut = 1; cut < word.length; cut++) {
				expect(text, word).not.toContain(`${word.slice(0, cut)} ${word.slice(cut)}`);
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------------------------
// A real signature image: a small RGBA PNG with a transparent background, as the signature pad makes them.

function crc32(bytes: Buffer): number {
	let crc = ~0;
	for (const byte of bytes) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

function signaturePng(width = 60, height = 20): string {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, 0], 8);
	const raw = Buffer.alloc((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			// A dark diagonal stroke on transparency.
			if (Math.abs(y - Math.round((x * height) / width)) <= 1) {
				raw.set([20, 20, 80, 255], y * (width * 4 + 1) + 1 + x * 4);
			}
		}
	}
	const png = Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
	return `data:image/png;base64,${png.toString('base64')}`;
}

// ---------------------------------------------------------------------------------------------------------------

describe.each(ENGINES)('reports on %s', (engine) => {
	let database: TestDatabase;
	let db: Kysely<DB>;
	let call: ApiCall;
	const tokens: Record<string, string> = {};
	let colleagueId: string;
	let colleagueToken: string;
	const ids: Record<string, string> = {};

	const at = '2025-11-30T12:00:00.000Z';
	const consultation = (key: string, fields: Partial<NewConsultation>): NewConsultation => {
		ids[key] = newId();
		// Every column given: a multi-row insert on SQLite fills a missing one with NULL, not its default.
		return {
			id: ids[key],
			advisorId: DEMO_USER_IDS.advisor,
			centreId: SLUPSK,
			organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
			date: `${MONTH}-03`,
			startTime: '09:00',
			endTime: '10:30',
			durationMin: 90,
			placeKind: 'mobile',
			address: 'ul. Wojska Polskiego 21, Słupsk',
			topics: JSON.stringify(['accounting']),
			notes: '',
			participants: '[]',
			participantCount: 1,
			followUps: '',
			status: 'completed',
			receipt: null,
			lateSince: null,
			lateBaseline: null,
			signature: null,
			signedByName: null,
			signedAt: null,
			bookingId: null,
			createdAt: at,
			updatedAt: at,
			deletedAt: null,
			...fields
		};
	};

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		db = database.db;
		await seedDemo(db);
		call = apiClient(db);
		// The dashboard answers only for months of the project period.
		await db
			.updateTable('projectPeriods')
			.set({ startMonth: '2025-09', endMonth: '2026-08' })
			.where('id', '=', 'current')
			.execute();
		for (const [name, account] of Object.entries(DEMO_ACCOUNTS)) {
			tokens[name] = await signInToken(call, account.email, account.password);
		}
		const colleague = await addStaff(db, 'advisor', SLUPSK);
		colleagueId = colleague.userId;
		colleagueToken = await signInToken(call, colleague.email, colleague.password);

		const baseline: CountedFacts = {
			date: `${MONTH}-20`,
			durationMin: 45,
			placeKind: 'mobile',
			topics: ['promotion'],
			status: 'completed',
			organisationId: DEMO_ORGANISATION_IDS.aktywniRazem
		};
		await db
			.insertInto('consultations')
			.values([
				consultation('plain', {}),
				consultation('multiTopic', {
					organisationId: DEMO_ORGANISATION_IDS.horyzont,
					date: `${MONTH}-05`,
					startTime: '12:00',
					endTime: '14:15',
					durationMin: 135,
					placeKind: 'centre',
					topics: JSON.stringify(['model-1-4', 'formalities', 'grant-sources']),
					status: 'signed',
					signature: signaturePng(),
					signedByName: 'Zofia Żółkiewska',
					signedAt: '2025-11-05T13:16:00.000Z',
					notes: 'Statut — zmiany w zarządzie; wniosek o dotację.',
					participants: JSON.stringify([{ name: 'Zofia Żółkiewska', role: 'prezeska' }]),
					participantCount: 2,
					followUps: 'Przesłać wzór uchwały.',
					receipt: 'K7Q-2PX'
				}),
				consultation('colleague', {
					advisorId: colleagueId,
					date: `${MONTH}-05`,
					startTime: '08:00',
					endTime: '08:50',
					durationMin: 50,
					placeKind: 'remote',
					topics: JSON.stringify(['volunteering']),
					status: 'approved',
					// A corrupt image must not break the export: the signer's name is still printed.
					signature: 'data:image/png;base64,AAAA',
					signedByName: 'Jan Ęłski',
					signedAt: '2025-11-05T07:51:00.000Z'
				}),
				consultation('draft', {
					advisorId: colleagueId,
					date: `${MONTH}-10`,
					durationMin: 60,
					endTime: '10:00',
					status: 'draft'
				}),
				consultation('lateChange', {
					date: `${MONTH}-20`,
					startTime: '10:00',
					endTime: '11:15',
					durationMin: 75,
					topics: JSON.stringify(['promotion', 'fundraising']),
					lateSince: '2025-12-03T09:00:00.000Z',
					lateBaseline: JSON.stringify(baseline)
				}),
				consultation('lateArrival', {
					advisorId: colleagueId,
					date: `${MONTH}-25`,
					startTime: '15:00',
					endTime: '15:30',
					durationMin: 30,
					lateSince: '2025-12-04T09:00:00.000Z',
					lateBaseline: null
				}),
				consultation('deleted', { date: `${MONTH}-12`, deletedAt: at }),
				consultation('otherCentre', {
					advisorId: DEMO_USER_IDS.advisor2,
					centreId: DEMO_CENTRE_IDS.lebork,
					date: `${MONTH}-07`,
					durationMin: 120,
					endTime: '11:00'
				}),
				consultation('otherMonth', { date: '2025-10-31' })
			])
			.execute();
	});
	afterAll(() => database?.close());

	// 90 + 135 + 50 + 45 (the late change's baseline).
	const EXPECTED_MIN = 320;
	const statementPath = (kind: string, query: Record<string, string> = {}) =>
		`/api/reports/month.${kind}?${new URLSearchParams({ month: MONTH, centreId: SLUPSK, ...query })}`;

	async function dashboardDoneMin(): Promise<number> {
		const response = await call('GET', `/api/reports/dashboard?month=${MONTH}&centreId=${SLUPSK}`, {
			token: tokens.coordinator
		});
		expect(response.status, JSON.stringify(response.body)).toBe(200);
		return (response.body as unknown as { totals: { doneMin: number } }).totals.doneMin;
	}

	test('the dashboard counts what the seed says (the figure every export must match)', async () => {
		expect(await dashboardDoneMin()).toBe(EXPECTED_MIN);
	});

	test('PDF: the total in h:mm and decimal hours equals the dashboard, with the awaiting records apart', async () => {
		const doneMin = await dashboardDoneMin();
		const response = await download(db, statementPath('pdf'), tokens.coordinator);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toContain(
			`attachment; filename="zestawienie-${MONTH}-slupsk.pdf"`
		);
		expect(response.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const text = await pdfText(response.bytes);
		expect(text).toContain(`Razem: ${formatHoursMinutes(doneMin)} (${decimalHours(doneMin, 'pl')} h)`);
		expect(text).toContain('Razem: 5:20 (5,33 h)');
		expect(text).toContain('Zestawienie miesięczne usług doradczych');
		expect(text).toContain('listopad 2025');
		expect(text).toContain('Zofia Żółkiewska');
		expect(text).toContain('Jan Ęłski');
		expect(text).toContain('Oczekują na zatwierdzenie');
		expect(text).toMatch(/Strona 1 z \d/);
		expect(text).toContain('Podpis koordynatora');
		// The signature block names what it signs, on the block's own page wherever it falls.
		const signingPage = text.split('\n').find((page) => page.includes('Podpis koordynatora'))!;
		expect(signingPage).toContain(
			`Podpis potwierdza: Regionalne Centrum Organizacji Pozarządowych w Słupsku · listopad 2025 — Razem: ${formatHoursMinutes(doneMin)} (${decimalHours(doneMin, 'pl')} h), `
		);
		// The month is open: the statement says it is provisional.
		expect(text).toContain('otwarty — zestawienie wstępne');
		// The figure the target counts, and the target, as the dashboard has them.
		const board = await call('GET', `/api/reports/dashboard?month=${MONTH}&centreId=${SLUPSK}`, {
			token: tokens.coordinator
		});
		const { quotaDoneMin, targetMin } = (
			board.body as unknown as { totals: { quotaDoneMin: number; targetMin: number } }
		).totals;
		expect(quotaDoneMin).toBeLessThan(doneMin);
		expect(text.replace(/\s+/g, ' ')).toContain(
			`W tym doradztwo mobilne (liczone do celu): ${formatHoursMinutes(quotaDoneMin)} (${decimalHours(quotaDoneMin, 'pl')} h) z celu ${formatHoursMinutes(targetMin)} h`
		);
		expect(text).toContain('Według miejsca');
		// The per-advisor table: the demo advisor's 90 + 135 + 45 and the colleague's 50.
		expect(text).toContain('4:30');
		expect(text).toContain('0:50');
	});

	test('PDF in English when the user reads English', async () => {
		const response = await download(db, statementPath('pdf'), tokens.coordinator, 'en');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toContain(`statement-${MONTH}-slupsk.pdf`);
		const text = await pdfText(response.bytes);
		expect(text).toContain('Total: 5:20 (5.33 h)');
		expect(text).toContain('November 2025');
		expect(text).toMatch(/Page 1 of \d/);
		expectHeadersWhole(text, 'en');
	});

	test('PDF: a closed month says when and by whom; an open one that it is provisional', async () => {
		await db
			.insertInto('monthClosures')
			.values({
				centreId: DEMO_CENTRE_IDS.slupsk,
				month: MONTH,
				closedAt: '2025-12-03T09:15:00.000Z',
				closedBy: DEMO_USER_IDS.coordinator
			})
			.execute();
		try {
			const text = await pdfText((await download(db, statementPath('pdf'), tokens.coordinator)).bytes);
			expect(text).toContain('zamknięty 03.12.2025 10:15 — Katarzyna Koordynatorka');
			expect(text).not.toContain('zestawienie wstępne');
			expect(text).not.toContain('Po zamknięciu');

			// A card approved after the closing (a late correction, say): the statement says so, and when.
			const card = await db
				.selectFrom('consultations')
				.select(['id', 'status', 'approvedAt', 'approvedBy'])
				.where('centreId', '=', DEMO_CENTRE_IDS.slupsk)
				.where('date', 'like', `${MONTH}-%`)
				.where('status', 'in', ['signed', 'approved'])
				.where('lateSince', 'is', null)
				.where('deletedAt', 'is', null)
				.executeTakeFirstOrThrow();
			try {
				await db
					.updateTable('consultations')
					.set({
						status: 'approved',
						approvedAt: '2025-12-04T13:30:00.000Z',
						approvedBy: DEMO_USER_IDS.coordinator
					})
					.where('id', '=', card.id)
					.execute();
				const later = await pdfText((await download(db, statementPath('pdf'), tokens.coordinator)).bytes);
				expect(later).toContain('Po zamknięciu:');
				expect(later).toContain('zatwierdzono 1 kartę, 04.12.2025 14:30');
			} finally {
				await db
					.updateTable('consultations')
					.set({ status: card.status, approvedAt: card.approvedAt, approvedBy: card.approvedBy })
					.where('id', '=', card.id)
					.execute();
			}
		} finally {
			await db.deleteFrom('monthClosures').execute();
		}
	});

	test('PDF: no column header breaks mid-word, in either language', async () => {
		const text = await pdfText((await download(db, statementPath('pdf'), tokens.coordinator)).bytes);
		expectHeadersWhole(text, 'pl');
	});

	test('CSV: BOM, semicolons, CRLF, decimal comma; its rows sum to the dashboard', async () => {
		const doneMin = await dashboardDoneMin();
		const response = await download(db, statementPath('csv'), tokens.coordinator);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toContain(`zestawienie-${MONTH}-slupsk.csv`);
		expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = response.bytes.toString('utf8');
		expect(text).toContain('\r\n');
		expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);

		const records = parse(response.bytes, { bom: true, delimiter: ';' }) as string[][];
		const [header, ...rest] = records;
		const totals = rest.pop()!;
		const minutesAt = header!.indexOf('Minuty');
		const hoursAt = header!.indexOf('Godziny (dziesiętnie)');
		const dateAt = header!.indexOf('Data');
		expect(minutesAt).toBeGreaterThan(-1);
		expect(rest).toHaveLength(4);
		expect(rest.reduce((sum, row) => sum + Number(row[minutesAt]), 0)).toBe(doneMin);
		expect(Number(totals[minutesAt])).toBe(doneMin);
		expect(totals[dateAt]).toBe('Razem');
		expect(totals[hoursAt]).toBe('5,33');
		// Ordered by date and time; dates as YYYY-MM-DD; hours with a decimal comma.
		expect(rest.map((row) => row[dateAt])).toEqual([
			`${MONTH}-03`,
			`${MONTH}-05`,
			`${MONTH}-05`,
			`${MONTH}-20`
		]);
		expect(rest[0]![hoursAt]).toBe('1,5');
		expect(rest[2]![hoursAt]).toBe('2,25');
		// The late change counts with its baseline: 45 minutes, not its awaiting 75.
		expect(rest[3]![minutesAt]).toBe('45');
		expect(text).toContain('Stowarzyszenie „Aktywni Razem”');
		// Identifiers stay text in Excel, leading zeros and all: a formula that is the text itself.
		for (const column of ['KRS', 'NIP', 'REGON']) {
			const at = header!.indexOf(column);
			expect(at, column).toBeGreaterThan(-1);
			for (const row of rest) expect(row[at], column).toMatch(/^(="\d+")?$/);
		}
		expect(rest.map((row) => row[header!.indexOf('KRS')])).toContain('="0000534595"');
	});

	test('XLSX: real numbers, a totals row with its value; the rows sum to the dashboard', async () => {
		const doneMin = await dashboardDoneMin();
		const response = await download(db, statementPath('xlsx'), tokens.coordinator);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(response.headers.get('content-disposition')).toContain(`zestawienie-${MONTH}-slupsk.xlsx`);
		const rows = await readSheet(response.bytes);
		const [header, ...rest] = rows;
		const totals = rest.pop()!;
		const minutesAt = header!.indexOf('Minuty');
		const hoursAt = header!.indexOf('Godziny (dziesiętnie)');
		expect(rest).toHaveLength(4);
		for (const row of rest) expect(typeof row[minutesAt]).toBe('number');
		expect(rest.reduce((sum, row) => sum + (row[minutesAt] as number), 0)).toBe(doneMin);
		expect(totals[minutesAt]).toBe(doneMin);
		expect(totals[hoursAt]).toBeCloseTo(doneMin / 60, 10);
		expect(rest[0]![hoursAt]).toBe(1.5);
		// Dates and times are the spreadsheet's own, so it sorts, filters and adds them (not text); the CSV of the
		// same rows says them as text.
		const csv = parse((await download(db, statementPath('csv'), tokens.coordinator)).bytes, {
			bom: true,
			delimiter: ';'
		}) as string[][];
		const at = (name: string) => header!.indexOf(name);
		const iso = (cell: unknown) => (cell instanceof Date ? cell.toISOString() : String(cell ?? ''));
		rest.forEach((row, i) => {
			const text = csv[i + 1]!;
			expect(row[at('Data')]).toBeInstanceOf(Date);
			expect(iso(row[at('Data')]).slice(0, 10)).toBe(text[at('Data')]);
			for (const time of ['Początek', 'Koniec']) {
				// (A late card's counted row from an older baseline has no times: empty in both.)
				expect(iso(row[at(time)]).slice(11, 16)).toBe(text[at(time)]);
			}
			const signedAt = row[at('Data podpisu')];
			if (text[at('Data podpisu')]) expect(signedAt).toBeInstanceOf(Date);
			expect(iso(signedAt).slice(0, 16).replace('T', ' ')).toBe(text[at('Data podpisu')]);
		});
		expect(rest.some((row) => row[at('Data podpisu')] instanceof Date)).toBe(true);

		// The PDF's summaries are a sheet of numbers too: each table adds up to the month's total.
		const summary = await readSheet(response.bytes, 'Podsumowanie');
		const titles = summary.filter((row) => row[1] === null && row[0] !== null).map((row) => String(row[0]));
		expect(titles).toEqual([
			translate('pl', 'report.byAdvisor'),
			translate('pl', 'report.byPlace'),
			translate('pl', 'report.byTopic')
		]);
		const totalRows = summary.filter((row) => row[0] === 'Razem');
		expect(totalRows).toHaveLength(3);
		for (const total of totalRows) {
			expect(total[1]).toBe(doneMin);
			expect(total[2]).toBeCloseTo(doneMin / 60, 10);
		}
		// Each table's entries sum to its total (topics: split evenly, still whole minutes in sum).
		let sum = 0;
		for (const row of summary) {
			if (row[0] === 'Razem') {
				expect(sum).toBe(doneMin);
				sum = 0;
			} else if (typeof row[1] === 'number') sum += row[1];
		}
	});

	test('the totals are the hours module over the same rows', async () => {
		const rows = await db
			.selectFrom('consultations')
			.selectAll()
			.where('centreId', '=', SLUPSK)
			.where('deletedAt', 'is', null)
			.execute();
		const summary = summariseMinutes(
			rows.map((r) => ({
				...r,
				topics: JSON.parse(r.topics) as string[],
				review: {
					late: r.lateSince
						? {
								since: r.lateSince,
								baseline: r.lateBaseline ? (JSON.parse(r.lateBaseline) as CountedFacts) : null
							}
						: null
				}
			})),
			{ month: MONTH }
		);
		expect(summary.totalMin).toBe(EXPECTED_MIN);
		expect(summary.awaitingApproval).toEqual({ count: 2, minutes: 105 });
	});

	test('an advisor exports their own statement (and only theirs)', async () => {
		const own = await download(db, statementPath('csv'), tokens.advisor);
		expect(own.status).toBe(200);
		expect(own.headers.get('content-disposition')).toContain(`zestawienie-${MONTH}-slupsk-`);
		const records = parse(own.bytes, { bom: true, delimiter: ';' }) as string[][];
		const minutesAt = records[0]!.indexOf('Minuty');
		expect(Number(records.at(-1)![minutesAt])).toBe(90 + 135 + 45);

		const colleague = await download(db, statementPath('pdf'), colleagueToken);
		expect(colleague.status).toBe(200);
		expect(await pdfText(colleague.bytes)).toContain('Razem: 0:50 (0,83 h)');

		const notTheirs = await download(db, statementPath('pdf', { advisorId: colleagueId }), tokens.advisor);
		expect(notTheirs.status).toBe(403);
		expect(notTheirs.json().error?.code).toBe('forbidden');
	});

	test('permissions: other centres, NGOs and anonymous users get nothing', async () => {
		expect((await download(db, statementPath('pdf'))).status).toBe(401);
		expect((await download(db, statementPath('pdf'), tokens.ngo)).status).toBe(403);
		expect((await download(db, statementPath('csv', { month: 'x' }), tokens.ngo)).status).toBe(403);
		expect((await download(db, statementPath('xlsx'), tokens.advisor2)).status).toBe(403);
		const otherCentre = `/api/reports/month.csv?month=${MONTH}&centreId=${DEMO_CENTRE_IDS.lebork}`;
		expect((await download(db, otherCentre, tokens.coordinator)).status).toBe(403);
		// The admin sees any centre; a centre that does not exist is 404.
		const admin = await download(db, otherCentre, tokens.admin);
		expect(admin.status).toBe(200);
		const lebork = parse(admin.bytes, { bom: true, delimiter: ';' }) as string[][];
		expect(lebork.at(-1)![lebork[0]!.indexOf('Minuty')]).toBe('120');
		const missing = `/api/reports/month.pdf?month=${MONTH}&centreId=${newId()}`;
		expect((await download(db, missing, tokens.admin)).status).toBe(404);
	});

	test('an empty month: a clear 422 in the user language, for every format', async () => {
		for (const kind of ['pdf', 'csv', 'xlsx']) {
			const response = await download(db, statementPath(kind, { month: '2025-12' }), tokens.coordinator);
			expect(response.status).toBe(422);
			expect(response.headers.get('content-type')).toContain('application/json');
			expect(response.json().error).toEqual({
				code: 'empty_month',
				message: 'W tym miesiącu nie ma policzonych konsultacji — nie ma czego eksportować.'
			});
		}
		const english = await download(db, statementPath('pdf', { month: '2025-12' }), tokens.coordinator, 'en');
		expect(english.json().error?.message).toBe(translate('en', 'report.emptyMonth'));
		// A month with only a draft (October has a counted record; pick one with nothing counted).
		const draftOnly = await download(db, statementPath('csv', { month: '2025-09' }), tokens.coordinator);
		expect(draftOnly.status).toBe(422);
	});

	test('bad input: a malformed month or a missing centre is a 400 with the field', async () => {
		for (const month of ['2025-13', 'listopad', '', '2025-1']) {
			const response = await download(db, statementPath('pdf', { month }), tokens.coordinator);
			expect(response.status).toBe(400);
			expect(response.json().error?.code).toBe('bad_month');
			expect(response.json().error?.fields?.month).toBe(translate('pl', 'report.badMonth'));
		}
		const noCentre = await download(db, `/api/reports/month.pdf?month=${MONTH}`, tokens.admin);
		expect(noCentre.status).toBe(400);
		expect(noCentre.json().error?.fields?.centreId).toBe(translate('pl', 'report.centreRequired'));
	});

	test('the card PDF holds the organisation, the topics, the notes and the signer', async () => {
		const response = await download(db, `/api/reports/card/${ids.multiTopic}.pdf`, tokens.coordinator);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toContain(
			`filename="karta-doradztwa-${MONTH}-05-k7q-2px.pdf"`
		);
		const text = await pdfText(response.bytes);
		expect(text).toContain('Karta usługi doradczej');
		expect(text).toContain('Fundacja Rozwoju Pomorza Środkowego „Horyzont”');
		expect(text).toContain(translate('pl', 'topic.formalities'));
		expect(text).toContain('1.4 Konsultowanie projektów aktów normatywnych');
		expect(text).toContain('Podpisał(a): Zofia Żółkiewska, 05.11.2025 14:16');
		expect(text).toContain('Statut — zmiany w zarządzie');
		expect(text).toContain('K7Q-2PX');
		expect(text).toContain('2:15 (2,25 h)');

		// The advisor who logged it may download it too; English when they read English.
		const own = await download(db, `/api/reports/card/${ids.multiTopic}.pdf`, tokens.advisor, 'en');
		expect(own.status).toBe(200);
		expect(await pdfText(own.bytes)).toContain('Advisory service card');
	});

	test('the card PDF: a corrupt signature image still gives a card; strangers get 404', async () => {
		const corrupt = await download(db, `/api/reports/card/${ids.colleague}.pdf`, tokens.admin);
		expect(corrupt.status).toBe(200);
		expect(await pdfText(corrupt.bytes)).toContain('Jan Ęłski');

		for (const token of [tokens.advisor2, tokens.ngo, tokens.advisor]) {
			const response = await download(db, `/api/reports/card/${ids.colleague}.pdf`, token);
			expect(response.status).toBe(404);
		}
		expect((await download(db, `/api/reports/card/${ids.colleague}.pdf`)).status).toBe(401);
		const deleted = await download(db, `/api/reports/card/${ids.deleted}.pdf`, tokens.coordinator);
		expect(deleted.status).toBe(404);
		const other = await download(db, `/api/reports/card/${ids.otherCentre}.pdf`, tokens.coordinator);
		expect(other.status).toBe(404);
	});
});
