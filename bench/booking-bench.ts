/**
 * Booking benchmarks (issue 6), in-process on fresh databases (demo data + 10 advisors at the Słupsk centre, each
 * with weekday windows 09:00–15:00, 1 h and 2 h slots, a 30-minute travel buffer).
 *
 *   node --import tsx bench/booking-bench.ts [--quick]
 *
 * - slots_month_ms: free premises slots for the centre over next month (10 advisors, ~20% of their time already
 *   claimed by bookings): `freeSlots` as the route calls it — loading windows, exceptions and claims, then the
 *   pure generator. Median of 20 runs (5 with --quick).
 * - booking_contended_p99_ms_sqlite (and _postgres when reachable): 100 POST /api/bookings of ONE slot at once,
 *   through the real route handler (validation, the transaction with its claims, the 409 answers with the next
 *   free slots). p99 of the per-request latency (handler call → response), over 5 races (1 with --quick), each on
 *   a fresh slot. Every race is checked: exactly one 201, 99 × 409.
 * - peer_sqlite_insert_p99_ms: the scale to read the above against — 100 plain single-row inserts fired at once on
 *   the same SQLite database (Kysely, one connection, the same serialisation), p99 of their latencies.
 *
 * Figures go to stdout as one JSON line, `{"figures":[{ name, value, unit, better }]}` (like bench/sync-bench.ts);
 * progress to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RequestEvent } from '@sveltejs/kit';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '$lib/server/db/database';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { loadIdentity } from '$lib/server/identity';
import { freeSlots } from '$lib/server/booking/availability';
import { newId } from '$lib/domain/ids';
import { addDays, addMonths, monthOf, monthRange, warsawInstant, warsawToday } from '$lib/domain/hours';
import { claimCells } from '$lib/domain/slots';
import { workingDaysOfMonth } from '$lib/domain/calendar';
import type { Identity } from '$lib/domain/roles';
import { POST as postBooking } from '../src/routes/api/bookings/+server';
import { benchFigures, freshSchema, percentile, POSTGRES_URL, postgresReachable } from './bench-kit';

const quick = process.argv.includes('--quick');
const SLOT_RUNS = quick ? 5 : 20;
const RACES = quick ? 1 : 5;
const RACERS = 100;
const ADVISORS = 10;
const CENTRE = DEMO_CENTRE_IDS.slupsk;

const { log, record, print } = benchFigures('booking-bench');

// ---------------------------------------------------------------------------------------------------------------
// Databases

interface BenchDatabase extends DatabaseHandle {
	drop(): Promise<void>;
}

async function freshDatabase(engine: 'sqlite' | 'postgres'): Promise<BenchDatabase> {
	if (engine === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'doradca-booking-bench-'));
		const handle = openDatabase(join(dir, 'bench.db'));
		await migrateToLatest(handle.db);
		return { ...handle, drop: async () => rmSync(dir, { recursive: true, force: true }) };
	}
	const { schema, drop } = await freshSchema();
	const handle = openDatabase(POSTGRES_URL, { searchPath: schema, poolMax: 20 });
	await migrateToLatest(handle.db);
	return { ...handle, drop };
}

/** Demo data, 10 advisors at the centre (the demo one included) with weekday windows. */
async function prepare(database: DatabaseHandle): Promise<string[]> {
	const { db } = database;
	await seedDemo(db);
	const now = new Date().toISOString();
	const advisors: string[] = [DEMO_USER_IDS.advisor];
	for (let i = 1; i < ADVISORS; i++) {
		const id = newId();
		advisors.push(id);
		await db
			.insertInto('users')
			.values({
				id,
				email: `bench-advisor-${i}@example.org`,
				name: `Doradca ${String(i).padStart(2, '0')}`,
				passwordHash: 'x',
				status: 'active',
				mustChangePassword: 0,
				locale: 'pl',
				createdAt: now,
				updatedAt: now
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
				createdAt: now
			})
			.execute();
	}
	const validFrom = warsawToday(new Date());
	for (const advisorId of advisors) {
		await db
			.insertInto('availabilityWindows')
			.values(
				[1, 2, 3, 4, 5].map((weekday) => ({
					id: newId(),
					advisorId,
					centreId: CENTRE,
					weekday,
					startTime: '09:00',
					endTime: '15:00',
					validFrom,
					validTo: null,
					formats: JSON.stringify(['premises', 'centre', 'remote']),
					slotLengths: JSON.stringify([60, 120]),
					bufferMin: 30,
					createdAt: now,
					updatedBy: null
				}))
			)
			.execute();
	}
	return advisors;
}

/** Claims a 1-hour centre visit at 11:00 on every second working day of the month for each advisor (~20%). */
async function claimSome(database: DatabaseHandle, advisors: string[], month: string): Promise<number> {
	const { db } = database;
	const days = workingDaysOfMonth(month).filter((_, i) => i % 2 === 0);
	let count = 0;
	const now = new Date().toISOString();
	for (const advisorId of advisors) {
		for (const date of days) {
			const startsAt = warsawInstant(date, '11:00')!.toISOString();
			const id = newId();
			await db
				.insertInto('bookings')
				.values({
					id,
					organisationId: '0190a000-0000-7000-8000-000000000201',
					centreId: CENTRE,
					advisorId,
					topic: 'accounting',
					format: 'centre',
					startsAt,
					endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
					lengthMin: 60,
					status: 'confirmed',
					createdBy: DEMO_USER_IDS.ngo,
					createdAt: now,
					updatedAt: now,
					statusChangedAt: now
				})
				.execute();
			await db
				.insertInto('bookingClaims')
				.values(claimCells(startsAt, 60).map((cellStart) => ({ advisorId, cellStart, bookingId: id })))
				.execute();
			count++;
		}
	}
	return count;
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements

async function slotsMonth(): Promise<void> {
	const database = await freshDatabase('sqlite');
	try {
		const advisors = await prepare(database);
		const month = addMonths(monthOf(warsawToday(new Date())), 1);
		const claimed = await claimSome(database, advisors, month);
		const range = monthRange(month);
		const query = {
			centreId: CENTRE,
			from: range.firstDate,
			to: range.lastDate,
			format: 'premises' as const
		};
		const warm = await freeSlots(database.db, query);
		const runs: number[] = [];
		for (let i = 0; i < SLOT_RUNS; i++) {
			const start = performance.now();
			await freeSlots(database.db, query);
			runs.push(performance.now() - start);
		}
		log(`${warm.length} free slots in ${month} for ${advisors.length} advisors (${claimed} bookings held)`);
		record('slots_month_ms', percentile(runs, 50), 'ms', 'lower');
	} finally {
		await database.close();
		await database.drop();
	}
}

function bookingEvent(db: DatabaseHandle['db'], user: Identity, body: unknown): RequestEvent {
	const url = new URL('http://localhost:3000/api/bookings');
	const text = JSON.stringify(body);
	return {
		request: new Request(url, {
			method: 'POST',
			headers: {
				origin: url.origin,
				'content-type': 'application/json',
				'content-length': String(text.length)
			},
			body: text
		}),
		url,
		params: {},
		locals: { db, user, sessionId: 'bench', locale: 'pl' },
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
}

async function contended(engine: 'sqlite' | 'postgres'): Promise<void> {
	const database = await freshDatabase(engine);
	try {
		await prepare(database);
		const ngoRow = await database.db
			.selectFrom('users')
			.selectAll()
			.where('id', '=', DEMO_USER_IDS.ngo)
			.executeTakeFirstOrThrow();
		const ngo = (await loadIdentity(database.db, ngoRow))!;
		let date = addDays(warsawToday(new Date()), 2);
		const latencies: number[] = [];
		for (let race = 0; race < RACES; race++) {
			// A slot that is really free (the demo data books some of the advisor's time too).
			const free = (
				await freeSlots(database.db, {
					centreId: CENTRE,
					from: date,
					to: addDays(date, 14),
					format: 'premises'
				})
			).find((s) => s.advisorId === DEMO_USER_IDS.advisor && s.lengthMin === 60);
			if (!free) throw new Error(`race ${race} on ${engine}: no free slot from ${date}`);
			const slot = { advisorId: free.advisorId, startsAt: free.startsAt, lengthMin: free.lengthMin };
			date = addDays(warsawToday(new Date(free.startsAt)), 1);
			const statuses = await Promise.all(
				Array.from({ length: RACERS }, async () => {
					const event = bookingEvent(database.db, ngo, {
						clientId: newId(),
						centreId: CENTRE,
						topic: 'accounting',
						format: 'premises',
						slot
					});
					const start = performance.now();
					const response = await postBooking(event);
					await response.text();
					latencies.push(performance.now() - start);
					return response.status;
				})
			);
			const won = statuses.filter((s) => s === 201).length;
			const lost = statuses.filter((s) => s === 409).length;
			if (won !== 1 || lost !== RACERS - 1) {
				throw new Error(
					`race ${race} on ${engine}: ${won} × 201, ${lost} × 409 (${JSON.stringify(statuses)})`
				);
			}
		}
		log(
			`${engine}: ${RACES} races of ${RACERS}, p50 ${percentile(latencies, 50).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`
		);
		record(`booking_contended_p99_ms_${engine}`, percentile(latencies, 99), 'ms', 'lower');

		if (engine === 'sqlite') {
			await sql`create table bench_peer (id text primary key, at text not null)`.execute(database.db);
			const peer: number[] = [];
			for (let race = 0; race < RACES; race++) {
				await Promise.all(
					Array.from({ length: RACERS }, async () => {
						const start = performance.now();
						await sql`insert into bench_peer (id, at) values (${newId()}, ${new Date().toISOString()})`.execute(
							database.db
						);
						peer.push(performance.now() - start);
					})
				);
			}
			record('peer_sqlite_insert_p99_ms', percentile(peer, 99), 'ms', 'lower');
		}
	} finally {
		await database.close();
		await database.drop();
	}
}

await slotsMonth();
await contended('sqlite');
if (await postgresReachable(log)) await contended('postgres');
print();
