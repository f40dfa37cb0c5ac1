/**
 * Dashboard benchmark for `npm run bench`: the coordinator's dashboard of a big centre, server side.
 *
 *   node --import tsx bench/dashboard-bench.ts [--quick] [--profile] [--only=sqlite|postgres] [--keep=file.db]
 *
 * Data: one centre, 10 advisors, 50,000 consultations over ten months (the project period; the last month is the
 * current one on the fixed clock below): all statuses, three place kinds, 0–3 topics, 800 organisations (a third
 * created inside the period), 1% late records with a baseline, 200 confirmed bookings, standing and monthly
 * targets. Built by bulk inserts into a fresh, migrated database.
 *
 * Figures (one JSON line `{"figures":[…]}` on stdout; progress on stderr):
 * - dashboard_50k_ms: `loadDashboard` (server/reports/dashboard.ts: permission check, the queries, building with
 *   domain/dashboard.ts) for the coordinator, current month, on SQLite; median of 15 runs (5 with --quick) after
 *   2 warm-up runs.
 * - dashboard_50k_pg_ms: the same on PostgreSQL (BENCH_POSTGRES_URL / TEST_POSTGRES_URL; a schema of its own,
 *   dropped afterwards; skipped with a notice when PostgreSQL does not answer).
 * - peer_sql_group_by_50k_ms: one plain SQL `GROUP BY status` sum of the month's minutes on SQLite (the same
 *   median): what a dashboard without the model (period, late records, topics, pace) would cost.
 * --profile adds, on stderr, how the time splits between reading the rows and building the dashboard.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, openDatabase, withTransaction, type DatabaseHandle } from '$lib/server/db/database';
import type { DB } from '$lib/server/db/schema';
import { loadDashboard, loadDashboardInput } from '$lib/server/reports/dashboard';
import { buildDashboard } from '$lib/domain/dashboard';
import { addMonths, endTimeFor, monthRange, warsawInstant } from '$lib/domain/hours';
import { CONSULTATION_STATUSES, PLACE_KINDS, type CountedFacts } from '$lib/domain/consultation';
import { TOPIC_IDS } from '$lib/domain/topics';
import type { Identity } from '$lib/domain/roles';
import { benchFigures, freshSchema, median, POSTGRES_URL, postgresReachable } from './bench-kit';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
/** Keeps the SQLite database in this (new) file, for looking into it afterwards. */
const keep = args.find((arg) => arg.startsWith('--keep='))?.slice('--keep='.length);

const CONSULTATIONS = 50_000;
const ADVISORS = 10;
const ORGANISATIONS = 800;
const BOOKINGS = 200;
const RUNS = quick ? 5 : 15;
const WARM_UP = 2;
const NOW = new Date('2026-11-20T10:00:00.000Z');
const LAST_MONTH = '2026-11';
const FIRST_MONTH = addMonths(LAST_MONTH, -9);
const AT = '2026-01-01T08:00:00.000Z';

const { log, record, print } = benchFigures('dashboard-bench');

// ---------------------------------------------------------------------------------------------------------------
// Data

const uuid = (prefix: number, n: number) =>
	`0190c${String(prefix).padStart(3, '0')}-0000-7000-8000-${String(n).padStart(12, '0')}`;
const CENTRE = uuid(1, 1);
const COORDINATOR = uuid(2, 1);
const advisorId = (i: number) => uuid(3, i);
const organisationId = (i: number) => uuid(4, i);

const coordinator: Identity = {
	userId: COORDINATOR,
	email: 'bench-coordinator@example.org',
	name: 'Koordynatorka',
	role: 'coordinator',
	centreIds: [CENTRE],
	organisationId: null,
	mustChangePassword: false,
	locale: 'pl'
};

/** A small deterministic generator, so both engines get the very same rows. */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

async function insertChunked<T extends keyof DB & string>(
	db: Kysely<DB>,
	table: T,
	rows: readonly Record<string, unknown>[],
	chunk = 500
): Promise<void> {
	for (let i = 0; i < rows.length; i += chunk) {
		// The rows are built to the table's shape by the callers below; Kysely cannot check a generic table.
		await db
			.insertInto(table)
			.values(rows.slice(i, i + chunk) as never)
			.execute();
	}
}

async function seed(db: Kysely<DB>): Promise<void> {
	const rnd = random(2026);
	const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;

	await db
		.updateTable('projectPeriods')
		.set({ startMonth: FIRST_MONTH, endMonth: LAST_MONTH })
		.where('id', '=', 'current')
		.execute();
	await db
		.insertInto('centres')
		.values({
			id: CENTRE,
			name: 'COP Benchmark',
			town: 'Słupsk',
			kind: 'regional',
			street: 'ul. Długa 1',
			postalCode: '76-200',
			gminaTerc: '2263011',
			powiatTerc: '2263',
			email: null,
			phone: null,
			active: 1,
			createdAt: AT,
			updatedAt: AT
		})
		.execute();
	const people = [
		{ id: COORDINATOR, name: 'Koordynatorka', role: 'coordinator' as const },
		...Array.from({ length: ADVISORS }, (_, i) => ({
			id: advisorId(i),
			name: `Doradca ${i + 1}`,
			role: 'advisor' as const
		}))
	];
	await insertChunked(
		db,
		'users',
		people.map((p, i) => ({
			id: p.id,
			email: `bench-${i}@example.org`,
			name: p.name,
			passwordHash: 'x',
			status: 'active',
			mustChangePassword: 0,
			locale: 'pl',
			createdAt: AT,
			updatedAt: AT
		}))
	);
	await insertChunked(
		db,
		'memberships',
		people.map((p, i) => ({
			id: uuid(5, i),
			userId: p.id,
			role: p.role,
			centreId: CENTRE,
			organisationId: null,
			createdAt: AT
		}))
	);
	const periodStart = monthRange(FIRST_MONTH).start.getTime();
	await insertChunked(
		db,
		'organisations',
		Array.from({ length: ORGANISATIONS }, (_, i) => {
			// A third are created inside the period ("new"), the rest before it.
			const createdAt = new Date(
				i % 3 === 0 ? periodStart + i * 3_600_000 : periodStart - (i + 1) * 86_400_000
			).toISOString();
			return {
				id: organisationId(i),
				name: `Stowarzyszenie ${i}`,
				kind: 'ngo',
				legalForm: 'stowarzyszenie',
				krs: null,
				nip: null,
				regon: null,
				street: 'ul. Polna 1',
				postalCode: '76-200',
				town: 'Słupsk',
				gminaTerc: '2263011',
				powiatTerc: '2263',
				email: null,
				phone: null,
				website: null,
				centreId: CENTRE,
				status: 'active',
				createdAt,
				updatedAt: createdAt
			};
		})
	);

	const months = Array.from({ length: 10 }, (_, i) => addMonths(FIRST_MONTH, i));
	const statuses = CONSULTATION_STATUSES;
	const consultations: Record<string, unknown>[] = [];
	for (let i = 0; i < CONSULTATIONS; i++) {
		const month = months[i % months.length]!;
		const days = monthRange(month).days;
		let day = 1 + Math.floor(rnd() * days);
		if (month === LAST_MONTH) day = 1 + Math.floor(rnd() * 19); // up to the day before "today"
		const date = `${month}-${String(day).padStart(2, '0')}`;
		const durationMin = 15 * (1 + Math.floor(rnd() * 12));
		const startTime = `${String(8 + Math.floor(rnd() * 6)).padStart(2, '0')}:${pick(['00', '15', '30', '45'])}`;
		const topicCount = Math.floor(rnd() * 4);
		const topics = Array.from({ length: topicCount }, () => pick(TOPIC_IDS));
		const status = statuses[Math.floor(rnd() * statuses.length)]!;
		const placeKind = pick(PLACE_KINDS);
		const late = status !== 'draft' && i % 97 === 7;
		const baseline: CountedFacts | null = late
			? {
					date,
					durationMin: durationMin + 15,
					placeKind,
					topics,
					status: 'completed',
					organisationId: organisationId(i % ORGANISATIONS)
				}
			: null;
		consultations.push({
			id: uuid(6, i),
			advisorId: advisorId(i % ADVISORS),
			centreId: CENTRE,
			organisationId: organisationId(Math.floor(rnd() * ORGANISATIONS)),
			date,
			startTime,
			endTime: endTimeFor(date, startTime, durationMin) ?? '23:59',
			durationMin,
			placeKind,
			topics: JSON.stringify(topics),
			notes: 'Notatka z konsultacji: omówiono sprawozdanie finansowe i plan działań na kolejny kwartał.',
			participants: JSON.stringify([{ name: 'Jan Kowalski', role: 'prezes' }]),
			status,
			signature: status === 'signed' || status === 'approved' ? 'data:image/png;base64,iVBORw0KGgo=' : null,
			signedByName: null,
			signedAt: null,
			bookingId: null,
			createdAt: AT,
			updatedAt: AT,
			deletedAt: i % 500 === 3 ? AT : null,
			lateSince: late ? NOW.toISOString() : null,
			lateBaseline: baseline ? JSON.stringify(baseline) : null
		});
	}
	await insertChunked(db, 'consultations', consultations, 400);

	const bookings: Record<string, unknown>[] = [];
	for (let i = 0; i < BOOKINGS; i++) {
		const day = 20 + (i % 10);
		const date = `${LAST_MONTH}-${String(day).padStart(2, '0')}`;
		const start = warsawInstant(date, `${String(8 + (i % 8)).padStart(2, '0')}:00`)!;
		bookings.push({
			id: uuid(7, i),
			organisationId: organisationId(i),
			centreId: CENTRE,
			advisorId: i % 7 === 0 ? null : advisorId(i % ADVISORS),
			topic: 'accounting',
			format: pick(['premises', 'centre', 'remote'] as const),
			startsAt: start.toISOString(),
			endsAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
			status: i % 5 === 0 ? 'requested' : 'confirmed',
			createdBy: COORDINATOR,
			createdAt: AT,
			updatedAt: AT,
			statusChangedAt: AT
		});
	}
	await insertChunked(db, 'bookings', bookings);
	await insertChunked(db, 'quotas', [
		{
			id: uuid(8, 1),
			month: null,
			centreId: CENTRE,
			advisorId: null,
			kind: 'mobile',
			targetMin: 120 * 60,
			updatedAt: AT,
			updatedBy: null
		},
		{
			id: uuid(8, 2),
			month: LAST_MONTH,
			centreId: CENTRE,
			advisorId: null,
			kind: 'mobile',
			targetMin: 150 * 60,
			updatedAt: AT,
			updatedBy: null
		},
		{
			id: uuid(8, 3),
			month: null,
			centreId: CENTRE,
			advisorId: advisorId(0),
			kind: 'mobile',
			targetMin: 20 * 60,
			updatedAt: AT,
			updatedBy: null
		}
	]);
}

// ---------------------------------------------------------------------------------------------------------------
// Timing

async function time(fn: () => Promise<unknown>): Promise<number> {
	for (let i = 0; i < WARM_UP; i++) await fn();
	const samples: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const started = performance.now();
		await fn();
		samples.push(performance.now() - started);
	}
	return median(samples);
}

async function measure(handle: DatabaseHandle, engine: 'sqlite' | 'postgres'): Promise<void> {
	const { db } = handle;
	const started = performance.now();
	await withTransaction(db, (trx) => seed(trx));
	// Fresh statistics, as a long-running database has them.
	await sql`analyze`.execute(db);
	log(`${engine}: seeded ${CONSULTATIONS} consultations in ${Math.round(performance.now() - started)} ms`);

	const query = { month: LAST_MONTH };
	const dashboard = await loadDashboard(db, coordinator, query, NOW);
	log(
		`${engine}: ${LAST_MONTH} done ${dashboard.totals.doneMin} min in ${dashboard.totals.count} records, ` +
			`${dashboard.advisors.length} advisors, ${dashboard.warnings.length} warnings, ` +
			`awaiting ${dashboard.totals.awaitingApproval.count}, planned ${dashboard.totals.plannedMin} min`
	);

	const ms = await time(() => loadDashboard(db, coordinator, query, NOW));
	record(engine === 'sqlite' ? 'dashboard_50k_ms' : 'dashboard_50k_pg_ms', ms, 'ms', 'lower');

	if (engine === 'sqlite') {
		const { firstDate, lastDate } = monthRange(LAST_MONTH);
		const peer = await time(() =>
			db
				.selectFrom('consultations')
				.select(['status', (eb) => eb.fn.sum<number>('durationMin').as('minutes')])
				.where('centreId', '=', CENTRE)
				.where('date', '>=', firstDate)
				.where('date', '<=', lastDate)
				.where('status', '!=', 'draft')
				.where('deletedAt', 'is', null)
				.groupBy('status')
				.execute()
		);
		record('peer_sql_group_by_50k_ms', peer, 'ms', 'lower');
	}

	if (profile) {
		const read = await time(() => loadDashboardInput(db, coordinator, query, NOW));
		const input = await loadDashboardInput(db, coordinator, query, NOW);
		const build = await time(async () => buildDashboard(input));
		log(
			`${engine} profile: read rows ${read.toFixed(1)} ms (${input.consultations.length} consultations), ` +
				`build ${build.toFixed(1)} ms`
		);
	}
}

// ---------------------------------------------------------------------------------------------------------------

log(
	`${quick ? 'quick: ' : ''}${CONSULTATIONS} consultations, ${ADVISORS} advisors, ${FIRST_MONTH}…${LAST_MONTH}; median of ${RUNS}`
);
if (only !== 'postgres') {
	const dir = mkdtempSync(join(tmpdir(), 'doradca-dashboard-bench-'));
	const handle = openDatabase(keep ?? join(dir, 'bench.db'));
	try {
		await migrateToLatest(handle.db);
		await measure(handle, 'sqlite');
	} finally {
		await handle.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
if (only === 'sqlite') {
	// SQLite only.
} else if (await postgresReachable(log)) {
	const { schema, drop } = await freshSchema();
	const handle = openDatabase(POSTGRES_URL, { searchPath: schema, poolMax: 4 });
	try {
		await migrateToLatest(handle.db);
		await measure(handle, 'postgres');
	} finally {
		await handle.close();
		await drop();
	}
} else {
	log('PostgreSQL figure skipped (set BENCH_POSTGRES_URL or TEST_POSTGRES_URL)');
}
print();
