/**
 * A slot is never booked twice: 100 bookings of one slot fired at once through the real route handler, on SQLite
 * and on PostgreSQL (through a pool of 20 connections, so the transactions truly overlap). Exactly one wins; the
 * other 99 get 409 `slot_taken` with the next free slots; one booking row, its claims intact. And 100 posts of ONE
 * request (the same clientId, e.g. a retried send) make one booking, every answer naming it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, TEST_POSTGRES_URL, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { at, weekdayWindows, workingDayAhead } from './helpers/booking';
import { openDatabase, type DatabaseHandle } from '$lib/server/db/database';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_PASSWORD, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { newId } from '$lib/domain/ids';
import type { BookingView, Slot } from '$lib/domain/booking';

const RACERS = 100;

describe.each(ENGINES)('100 concurrent bookings of one slot on %s', (engine) => {
	let database: TestDatabase;
	let pool: DatabaseHandle;
	let call: ApiCall;
	let ngo: string;
	const day = workingDayAhead(10);

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		pool =
			'schema' in database.location
				? openDatabase(TEST_POSTGRES_URL, { searchPath: database.location.schema, poolMax: 20 })
				: database;
		call = apiClient(pool.db);
		ngo = await signInToken(call, 'ngo@demo.pl', DEMO_PASSWORD);
		const advisor = await signInToken(call, 'doradca@demo.pl', DEMO_PASSWORD);
		const put = await call('PUT', '/api/availability', {
			token: advisor,
			body: { advisorId: DEMO_USER_IDS.advisor, centreId: DEMO_CENTRE_IDS.slupsk, windows: weekdayWindows() }
		});
		expect(put.status).toBe(200);
	}, 60_000);
	afterAll(async () => {
		if (pool && pool !== database) await pool.close();
		await database?.close();
	});

	const request = (clientId: string, time: string) => ({
		clientId,
		centreId: DEMO_CENTRE_IDS.slupsk,
		topic: 'fundraising',
		format: 'premises',
		slot: { advisorId: DEMO_USER_IDS.advisor, startsAt: at(day, time), lengthMin: 60 }
	});

	test('exactly one succeeds; 99 get slot_taken with the next free slots', async () => {
		const answers = await Promise.all(
			Array.from({ length: RACERS }, () =>
				call('POST', '/api/bookings', { token: ngo, body: request(newId(), '10:00') })
			)
		);
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(1);
		expect(statuses.filter((s) => s === 409)).toHaveLength(RACERS - 1);

		const winner = answers.find((a) => a.status === 201)!.body.booking as BookingView;
		expect(winner).toMatchObject({ status: 'confirmed', startsAt: at(day, '10:00') });
		for (const loser of answers.filter((a) => a.status === 409)) {
			const error = loser.body.error as unknown as { code: string; message: string; nextFreeSlots: Slot[] };
			expect(error.code).toBe('slot_taken');
			expect(error.message).toMatch(/zarezerwował/);
			expect(error.nextFreeSlots.length).toBeGreaterThanOrEqual(3);
			// The premises visit holds 09:30–11:30, so the next premises slot starts at 12:00.
			expect(error.nextFreeSlots[0]!.startsAt).toBe(at(day, '12:00'));
		}

		const rows = await database.db
			.selectFrom('bookings')
			.select(['id'])
			.where('startsAt', '=', at(day, '10:00'))
			.execute();
		expect(rows.map((r) => r.id)).toEqual([winner.id]);
		const claims = await database.db
			.selectFrom('bookingClaims')
			.select(['bookingId', 'cellStart'])
			.where('advisorId', '=', DEMO_USER_IDS.advisor)
			.where('cellStart', '>=', at(day, '00:00'))
			.where('cellStart', '<=', at(day, '23:45'))
			.orderBy('cellStart')
			.execute();
		expect(claims.map((c) => c.cellStart)).toEqual(
			['09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00', '11:15'].map((t) => at(day, t))
		);
		expect(new Set(claims.map((c) => c.bookingId))).toEqual(new Set([winner.id]));
	}, 120_000);

	test('a slot whose travel buffer overlaps the held time is taken too', async () => {
		// 11:30 premises holds 11:00–13:00; the winner holds until 11:30.
		const overlapping = await call('POST', '/api/bookings', { token: ngo, body: request(newId(), '11:30') });
		expect(overlapping.status).toBe(409);
		expect(overlapping.body.error!.code).toBe('slot_taken');
	});

	test('100 sends of one request make one booking', async () => {
		const clientId = newId();
		const answers = await Promise.all(
			Array.from({ length: RACERS }, () =>
				call('POST', '/api/bookings', { token: ngo, body: request(clientId, '13:00') })
			)
		);
		const ids = new Set(answers.map((a) => (a.body.booking as BookingView | undefined)?.id));
		expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
		expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
		expect(ids.size).toBe(1);
		const rows = await database.db
			.selectFrom('bookings')
			.select('id')
			.where('clientId', '=', clientId)
			.execute();
		expect(rows).toHaveLength(1);
	}, 120_000);
});
