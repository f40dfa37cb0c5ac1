/**
 * Export benchmarks for `npm run bench`: a month of 2,000 consultations of one centre exported end to end — the
 * statement read from the database with its permission check and totals (server/reports/statement.ts), then
 * written — as the routes do it.
 *
 *   node --import tsx bench/export-bench.ts [--quick]
 *
 * The database: a fresh SQLite file with the demo data, 10 extra advisors, 100 extra organisations and 2,000
 * counted consultations in one month (1–3 topics each, all three place kinds), 70% of them signed, each with its
 * own signature image (a 300×100 RGBA PNG with a pen stroke, as the signature pad makes them, ~2–4 kB).
 *
 * - export_month_2k_pdf_ms: loadStatement + statementPdf (A4 landscape, every row, thumbnails, totals, page
 *   numbers), wall-clock median of 5 runs (--quick: 2 runs; always 2,000 rows);
 * - export_month_2k_xlsx_ms: loadStatement + statementXlsx;
 * - export_month_2k_csv_ms: loadStatement + statementCsv;
 * - peer_json_stringify_2k_ms: loadStatement + JSON.stringify of its rows (with the signature data URLs), the
 *   cheapest possible "export" of the same data, for scale.
 * Every run also checks that each file's total equals summariseMinutes' (the numbers are not measured on a
 * broken export). Figures go to stdout as one JSON line `{"figures":[…]}`; progress goes to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { migrateToLatest, openDatabase } from '$lib/server/db/database';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATION_IDS, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import type { NewConsultation } from '$lib/server/db/schema';
import { newId } from '$lib/domain/ids';
import { TOPIC_IDS } from '$lib/domain/topics';
import { PLACE_KINDS } from '$lib/domain/consultation';
import { formatTime } from '$lib/domain/hours';
import type { Identity } from '$lib/domain/roles';
import { loadStatement, type Statement } from '$lib/server/reports/statement';
import { statementPdf } from '$lib/server/reports/pdf';
import { statementXlsx } from '$lib/server/reports/xlsx';
import { statementCsv } from '$lib/server/reports/csv';
import { benchFigures } from './bench-kit';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;
const ROWS = 2000;
const MONTH = '2026-01';
const CENTRE = DEMO_CENTRE_IDS.slupsk;

const { log, record, print } = benchFigures('export-bench');

/** A deterministic pseudo-random sequence, so every run benchmarks the same month. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Signature images

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'latin1');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

/** A 300×100 transparent PNG with a wavy pen stroke that differs per seed. */
function signatureImage(seed: number): string {
	const width = 300;
	const height = 100;
	const next = random(seed);
	const stride = width * 4 + 1;
	const raw = Buffer.alloc(stride * height);
	const a = 10 + next() * 30;
	const f = 0.02 + next() * 0.05;
	const phase = next() * 6;
	for (let x = 20; x < width - 20; x++) {
		const y = Math.round(height / 2 + a * Math.sin(x * f + phase) + 8 * Math.sin(x * f * 3.1));
		for (let dy = -1; dy <= 1; dy++) {
			const row = y + dy;
			if (row >= 0 && row < height) raw.set([10, 20, 90, 255], row * stride + 1 + x * 4);
		}
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, 0], 8);
	const png = Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		pngChunk('IDAT', deflateSync(raw)),
		pngChunk('IEND', Buffer.alloc(0))
	]);
	return `data:image/png;base64,${png.toString('base64')}`;
}

// ---------------------------------------------------------------------------------------------------------------

const FIRST = [
	'Anna',
	'Piotr',
	'Zofia',
	'Łukasz',
	'Małgorzata',
	'Jędrzej',
	'Ewa',
	'Grzegorz',
	'Żaneta',
	'Michał'
];
const LAST = [
	'Kowalska',
	'Nowak',
	'Wiśniewska',
	'Wójcik',
	'Kamińska',
	'Lewandowski',
	'Zieliński',
	'Szymańska'
];

const dir = mkdtempSync(join(tmpdir(), 'doradca-export-bench-'));
const handle = openDatabase(join(dir, 'bench.db'));
try {
	const { db } = handle;
	await migrateToLatest(db);
	await seedDemo(db);
	const at = new Date().toISOString();
	const next = random(2026);

	const advisors: string[] = [DEMO_USER_IDS.advisor];
	const { passwordHash } = await db
		.selectFrom('users')
		.select('passwordHash')
		.where('id', '=', DEMO_USER_IDS.advisor)
		.executeTakeFirstOrThrow();
	for (let i = 0; i < 10; i++) {
		const id = newId();
		advisors.push(id);
		await db
			.insertInto('users')
			.values({
				id,
				email: `bench-advisor-${i}@example.org`,
				name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`,
				passwordHash,
				status: 'active',
				mustChangePassword: 0,
				locale: 'pl',
				createdAt: at,
				updatedAt: at
			})
			.execute();
		await db
			.insertInto('memberships')
			.values({
				id: newId(),
				userId: id,
				role: 'advisor',
				centreId: CENTRE,
				organisationId: null,
				createdAt: at
			})
			.execute();
	}

	const template = await db
		.selectFrom('organisations')
		.selectAll()
		.where('id', '=', DEMO_ORGANISATION_IDS.aktywniRazem)
		.executeTakeFirstOrThrow();
	const organisations: string[] = Object.values(DEMO_ORGANISATION_IDS);
	for (let i = 0; i < 100; i++) {
		const id = newId();
		organisations.push(id);
		await db
			.insertInto('organisations')
			.values({
				...template,
				id,
				name: `Stowarzyszenie Przyjaciół Gminy nr ${i + 1} „Zielona Dolina”`,
				krs: String(1000 + i).padStart(10, '0'),
				nip: null,
				regon: null
			})
			.execute();
	}

	const rows: NewConsultation[] = [];
	for (let i = 0; i < ROWS; i++) {
		const start = 8 * 60 + Math.floor(next() * 32) * 15;
		const duration = 30 + Math.floor(next() * 8) * 15;
		const topicCount = 1 + Math.floor(next() * 3);
		const topics = new Set<string>();
		while (topics.size < topicCount) topics.add(TOPIC_IDS[Math.floor(next() * TOPIC_IDS.length)]!);
		const signed = next() < 0.7;
		rows.push({
			id: newId(),
			advisorId: advisors[i % advisors.length]!,
			centreId: CENTRE,
			organisationId: organisations[Math.floor(next() * organisations.length)]!,
			date: `${MONTH}-${String(1 + Math.floor(next() * 31)).padStart(2, '0')}`,
			startTime: formatTime(start),
			endTime: formatTime(start + duration),
			durationMin: duration,
			placeKind: PLACE_KINDS[i % 3]!,
			address: `ul. Długa ${1 + (i % 90)}, 76-200 Słupsk`,
			topics: JSON.stringify([...topics]),
			notes: '',
			participants: '[]',
			participantCount: 1,
			followUps: '',
			status: signed ? 'signed' : 'completed',
			signature: signed ? signatureImage(i + 1) : null,
			signedByName: signed ? `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}` : null,
			signedAt: signed ? at : null,
			bookingId: null,
			receipt: null,
			lateSince: null,
			lateBaseline: null,
			createdAt: at,
			updatedAt: at,
			deletedAt: null
		});
	}
	for (let i = 0; i < rows.length; i += 200) {
		await db
			.insertInto('consultations')
			.values(rows.slice(i, i + 200))
			.execute();
	}
	log(
		`${ROWS} consultations in ${MONTH}, ${rows.filter((r) => r.signature).length} signed; ${RUNS} runs each`
	);

	const admin: Identity = {
		userId: DEMO_USER_IDS.admin,
		email: 'admin@demo.pl',
		name: 'Administrator',
		role: 'admin',
		centreIds: [],
		organisationId: null,
		mustChangePassword: false,
		locale: 'pl'
	};
	const load = () => loadStatement(db, admin, { month: MONTH, centreId: CENTRE }, 'pl');
	const expected = (await load()).totals.totalMin;
	if ((await load()).rows.length !== ROWS) throw new Error('the statement does not hold every row');

	async function median(name: string, run: (statement: Statement) => Promise<Buffer | string>) {
		const times: number[] = [];
		const cpu: number[] = [];
		let size = 0;
		for (let i = 0; i < RUNS; i++) {
			const start = performance.now();
			const used = process.cpuUsage();
			const statement = await load();
			const output = await run(statement);
			times.push(performance.now() - start);
			const { user, system } = process.cpuUsage(used);
			cpu.push((user + system) / 1000);
			size = output.length;
			if (statement.totals.totalMin !== expected) throw new Error(`${name}: total differs`);
		}
		times.sort((a, b) => a - b);
		// CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
		log(
			`${name}: ${times.map((t) => Math.round(t)).join(', ')} ms wall; ` +
				`${cpu.map((t) => Math.round(t)).join(', ')} ms CPU; ${Math.round(size / 1024)} kB`
		);
		return times[Math.floor(times.length / 2)]!;
	}

	// One warm-up of each writer (font parse, module init), as a running server has done before.
	const warm = await load();
	await statementPdf(warm);
	await statementXlsx(warm);

	record('export_month_2k_pdf_ms', await median('pdf', statementPdf), 'ms', 'lower');
	record('export_month_2k_xlsx_ms', await median('xlsx', statementXlsx), 'ms', 'lower');
	record('export_month_2k_csv_ms', await median('csv', async (s) => statementCsv(s)), 'ms', 'lower');
	record(
		'peer_json_stringify_2k_ms',
		await median('json', async (s) => JSON.stringify(s.rows)),
		'ms',
		'lower'
	);
} finally {
	await handle.close();
	rmSync(dir, { recursive: true, force: true });
}
print();
