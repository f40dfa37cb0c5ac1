import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import {
	bookingRequestOutcome,
	bookingsForToday,
	dismissRefusedBooking,
	listAgenda,
	listMyBookings,
	queueBookingRequest,
	sendQueuedBookings
} from './bookings';
import { applySlice } from './slice';
import { deleteLocalDb, openLocalDb, SCHEMA_V3, type LocalDb, type OutboxEntry } from './local-db';
import { freshDbs } from './test-factories';
import type { BookingRequestInput, BookingView, Slot } from '$lib/domain/booking';

const db = freshDbs();
const ctx = { now: () => new Date('2026-12-01T10:00:00.000Z') };

function request(overrides: Partial<BookingRequestInput> = {}): BookingRequestInput {
	return {
		clientId: `client-${Math.random().toString(36).slice(2)}`,
		centreId: 'centre-1',
		topic: 'accounting',
		format: 'centre',
		note: '',
		slot: { advisorId: 'advisor-1', startsAt: '2026-12-03T09:00:00.000Z', lengthMin: 60 },
		...overrides
	};
}

function view(overrides: Partial<BookingView> = {}): BookingView {
	return {
		id: `b-${Math.random().toString(36).slice(2)}`,
		clientId: null,
		organisationId: 'org-1',
		organisationName: 'Fundacja',
		centreId: 'centre-1',
		centreName: 'COP',
		advisorId: 'advisor-1',
		advisorName: 'Damian',
		topic: 'accounting',
		format: 'centre',
		place: '',
		startsAt: '2026-12-03T09:00:00.000Z',
		endsAt: '2026-12-03T10:00:00.000Z',
		lengthMin: 60,
		date: '2026-12-03',
		startTime: '10:00',
		endTime: '11:00',
		status: 'confirmed',
		preferredDays: [],
		note: '',
		reason: null,
		cancelledBy: null,
		previousStartsAt: null,
		consultationId: null,
		consultation: null,
		version: 1,
		createdAt: '2026-12-01T09:00:00.000Z',
		updatedAt: '2026-12-01T09:00:00.000Z',
		statusChangedAt: '2026-12-01T09:00:00.000Z',
		...overrides
	};
}

/** A fetch answering each POST with the next canned response (or throwing: no network). */
function fakeFetch(answers: (() => Response)[]) {
	const bodies: unknown[] = [];
	const fn = (async (_path: string, init?: RequestInit) => {
		bodies.push(JSON.parse(String(init?.body)));
		const next = answers.shift();
		if (!next) throw new TypeError('Failed to fetch');
		return next();
	}) as unknown as typeof fetch;
	return { fn, bodies };
}

const json = (status: number, body: unknown) => () =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('booking requests made on the device', () => {
	it('a queued request shows as "not sent yet" and survives until sent', async () => {
		const local = await db();
		const req = request();
		await queueBookingRequest(local, req, ctx);
		const [placeholder] = await listMyBookings(local);
		expect(placeholder).toMatchObject({
			id: req.clientId,
			pending: true,
			date: '2026-12-03',
			startTime: '10:00'
		});
		expect(await bookingRequestOutcome(local, req.clientId)).toEqual({ state: 'queued' });

		// No network: still queued, one attempt counted.
		const offline = fakeFetch([]);
		expect(await sendQueuedBookings(local, offline.fn)).toEqual({ sent: 0, refused: 0, failed: 1 });
		expect((await local.bookingOutbox.get(req.clientId))?.attempts).toBe(1);

		// Sent: the answer replaces the placeholder, the outbox row leaves.
		const booked = view({ clientId: req.clientId });
		const online = fakeFetch([json(201, { booking: booked })]);
		expect(await sendQueuedBookings(local, online.fn)).toEqual({ sent: 1, refused: 0, failed: 0 });
		expect(online.bodies).toEqual([req]);
		expect(await local.bookingOutbox.count()).toBe(0);
		expect((await listMyBookings(local)).map((b) => b.id)).toEqual([booked.id]);
		expect(await bookingRequestOutcome(local, req.clientId)).toEqual({ state: 'sent', booking: booked });
	});

	it('a refusal is kept with its message and the next free slots; dismissing removes it', async () => {
		const local = await db();
		const req = request();
		await queueBookingRequest(local, req, ctx);
		const next: Slot[] = [
			{
				advisorId: 'advisor-1',
				advisorName: 'Damian',
				centreId: 'centre-1',
				format: 'centre',
				lengthMin: 60,
				startsAt: '2026-12-03T10:00:00.000Z',
				endsAt: '2026-12-03T11:00:00.000Z',
				date: '2026-12-03',
				startTime: '11:00',
				endTime: '12:00'
			}
		];
		const answer = fakeFetch([
			json(409, {
				error: { code: 'slot_taken', message: 'Ten termin właśnie ktoś zarezerwował.', nextFreeSlots: next }
			})
		]);
		expect(await sendQueuedBookings(local, answer.fn)).toEqual({ sent: 0, refused: 1, failed: 0 });
		expect(await bookingRequestOutcome(local, req.clientId)).toEqual({
			state: 'refused',
			code: 'slot_taken',
			message: 'Ten termin właśnie ktoś zarezerwował.',
			nextFreeSlots: next
		});
		expect(await local.bookings.count()).toBe(0);
		// A refused request is not sent again.
		expect(await sendQueuedBookings(local, fakeFetch([]).fn)).toEqual({ sent: 0, refused: 0, failed: 0 });
		await dismissRefusedBooking(local, req.clientId);
		expect(await local.bookingOutbox.count()).toBe(0);
	});

	it('a server error or an ended session keeps the rest queued, in order', async () => {
		const local = await db();
		const first = request({ clientId: 'a' });
		const second = request({ clientId: 'b' });
		await queueBookingRequest(local, first, { now: () => new Date('2026-12-01T10:00:00.000Z') });
		await queueBookingRequest(local, second, { now: () => new Date('2026-12-01T10:01:00.000Z') });
		const answer = fakeFetch([json(201, { booking: view({ clientId: 'a' }) }), json(503, {})]);
		expect(await sendQueuedBookings(local, answer.fn)).toEqual({ sent: 1, refused: 0, failed: 1 });
		expect((await local.bookingOutbox.toArray()).map((r) => [r.clientId, r.state])).toEqual([
			['b', 'queued']
		]);
		const expired = fakeFetch([json(401, { error: { code: 'unauthenticated', message: '' } })]);
		expect(await sendQueuedBookings(local, expired.fn)).toEqual({ sent: 0, refused: 0, failed: 1 });
	});

	it('a slice replaces the server bookings and keeps requests not sent yet', async () => {
		const local = await db();
		const req = request({ clientId: 'still-here' });
		await queueBookingRequest(local, req, ctx);
		await local.bookings.put(view({ id: 'old' }));
		await applySlice(
			local,
			{ centres: [], quotas: [], advisorsInCentre: {}, bookings: [view({ id: 'new' })] },
			ctx
		);
		expect((await local.bookings.toArray()).map((b) => b.id).sort()).toEqual(['new', 'still-here']);
	});
});

describe("the advisor's agenda", () => {
	it('lists visits that hold time (and done ones) by date, in time order; today only for "today"', async () => {
		const local = await db();
		await local.bookings.bulkPut([
			view({ id: 'late', startsAt: '2026-12-03T13:00:00.000Z', date: '2026-12-03', startTime: '14:00' }),
			view({ id: 'early', startsAt: '2026-12-03T08:00:00.000Z', date: '2026-12-03', startTime: '09:00' }),
			view({ id: 'moved', status: 'rescheduled', startsAt: '2026-12-04T08:00:00.000Z', date: '2026-12-04' }),
			view({ id: 'gone', status: 'cancelled', date: '2026-12-03' }),
			view({ id: 'other', advisorId: 'advisor-2', date: '2026-12-03' }),
			view({ id: 'done', status: 'done', startsAt: '2026-12-02T08:00:00.000Z', date: '2026-12-02' })
		]);
		const agenda = await listAgenda(local, { advisorId: 'advisor-1', from: '2026-12-01', to: '2026-12-31' });
		expect(agenda.map((b) => b.id)).toEqual(['done', 'early', 'late', 'moved']);
		const today = await bookingsForToday(local, 'advisor-1', new Date('2026-12-03T06:00:00.000Z'));
		expect(today.map((b) => b.id)).toEqual(['early', 'late']);
	});
});

describe('schema v3 → v4 (bookings)', () => {
	it('keeps every outbox entry and draft; the booking tables start empty', async () => {
		const userId = `u-upgrade-v4-${Math.random().toString(36).slice(2)}`;
		class V3Build extends Dexie {
			constructor() {
				super(`doradca-${userId}`);
				this.version(3).stores(SCHEMA_V3);
			}
		}
		const v3 = new V3Build() as unknown as LocalDb;
		await v3.open();
		const entry: Omit<OutboxEntry, 'seq'> = {
			opId: 'op-1',
			entity: 'consultation',
			entityId: 'draft-1',
			op: 'create',
			fields: { id: 'draft-1', notes: 'W drodze' },
			baseVersion: null,
			createdAt: '2026-12-01T09:00:00.000Z',
			attempts: 0,
			mergeable: true
		};
		await v3.outbox.add(entry as OutboxEntry);
		await v3.meta.put({ key: 'sliceLoadedAt', value: '2026-12-01T09:00:00.000Z' });
		const outboxBefore = await v3.outbox.toArray();
		v3.close();

		const v4 = await openLocalDb(userId);
		expect(v4.verno).toBe(6); // v4 (bookings), then v5 and v6
		expect(await v4.outbox.toArray()).toEqual(outboxBefore);
		expect(await v4.meta.get('sliceLoadedAt')).toEqual({
			key: 'sliceLoadedAt',
			value: '2026-12-01T09:00:00.000Z'
		});
		expect(await v4.bookings.count()).toBe(0);
		expect(await v4.bookingOutbox.count()).toBe(0);
		await queueBookingRequest(v4, request({ clientId: 'after-upgrade' }), ctx);
		expect(await v4.bookingOutbox.count()).toBe(1);
		v4.close();
		await deleteLocalDb(userId);
	});
});
