/**
 * Bookings on the device (issue 6). The server's bookings arrive in the reference slice (slice.ts); a request
 * made here is stored first — in `bookingOutbox`, with a placeholder in `bookings` marked `pending` ("not sent
 * yet") — and posted by `sendQueuedBookings` when there is network. The request's `clientId` makes the post
 * idempotent: sent twice (a lost answer, two tabs), the server keeps one booking and answers both alike.
 */
import type { LocalBooking, LocalDb, BookingOutboxRow } from './local-db';
import { HOLDING_STATUSES, type BookingRequestInput, type BookingView, type Slot } from '$lib/domain/booking';
import { warsawTime, warsawToday } from '$lib/domain/hours';

export type { BookingOutboxRow, LocalBooking } from './local-db';

const MS_PER_MIN = 60_000;

function byTime(a: BookingView, b: BookingView): number {
	return (a.startsAt ?? a.createdAt).localeCompare(b.startsAt ?? b.createdAt) || a.id.localeCompare(b.id);
}

const AGENDA_STATUSES: readonly BookingView['status'][] = [...HOLDING_STATUSES, 'done'];

/** An advisor's visits from `from` to `to` (Warsaw dates, inclusive), in time order. */
export async function listAgenda(
	db: LocalDb,
	query: { advisorId: string; from: string; to: string }
): Promise<LocalBooking[]> {
	const rows = await db.bookings.where('advisorId').equals(query.advisorId).toArray();
	return rows
		.filter(
			(b) =>
				!b.pending &&
				AGENDA_STATUSES.includes(b.status) &&
				b.date !== null &&
				b.date >= query.from &&
				b.date <= query.to
		)
		.sort(byTime);
}

/** The advisor's visits today (Warsaw), for the "today" screen. */
export function bookingsForToday(db: LocalDb, advisorId: string, now: Date): Promise<LocalBooking[]> {
	const today = warsawToday(now);
	return listAgenda(db, { advisorId, from: today, to: today });
}

/** Every booking on the device (an organisation's list), requests not sent yet included, in time order. */
export async function listMyBookings(db: LocalDb): Promise<LocalBooking[]> {
	return (await db.bookings.toArray()).sort(byTime);
}

/**
 * A request not answered yet, shown as a booking ("not sent yet"): what the organisation asked for, as far as
 * the device knows it.
 */
export function placeholderOf(
	request: BookingRequestInput,
	createdAt: string,
	centreName: string
): LocalBooking {
	const start = request.slot ? new Date(request.slot.startsAt) : null;
	const end = request.slot && start ? new Date(start.getTime() + request.slot.lengthMin * MS_PER_MIN) : null;
	return {
		id: request.clientId,
		clientId: request.clientId,
		organisationId: '',
		organisationName: '',
		centreId: request.centreId,
		centreName,
		advisorId: request.slot?.advisorId ?? null,
		advisorName: null,
		topic: request.topic,
		format: request.format,
		place: '',
		startsAt: start?.toISOString() ?? null,
		endsAt: end?.toISOString() ?? null,
		lengthMin: request.slot?.lengthMin ?? null,
		date: start ? warsawToday(start) : null,
		startTime: start ? warsawTime(start) : null,
		endTime: end ? warsawTime(end) : null,
		status: 'requested',
		preferredDays: request.preferredDays ?? [],
		note: request.note ?? '',
		reason: null,
		cancelledBy: null,
		previousStartsAt: null,
		consultationId: null,
		consultation: null,
		version: 0,
		createdAt,
		updatedAt: createdAt,
		statusChangedAt: createdAt,
		pending: true
	};
}

/** Stores a booking request on the device (one transaction: the outbox row and its placeholder). */
export async function queueBookingRequest(
	db: LocalDb,
	request: BookingRequestInput,
	ctx: { now: () => Date }
): Promise<BookingOutboxRow> {
	const createdAt = ctx.now().toISOString();
	const row: BookingOutboxRow = {
		clientId: request.clientId,
		request,
		state: 'queued',
		createdAt,
		attempts: 0
	};
	const centre = await db.centres.get(request.centreId);
	const placeholder = placeholderOf(request, createdAt, centre?.name ?? '');
	await db.transaction('rw', [db.bookingOutbox, db.bookings], async () => {
		await db.bookingOutbox.put(row);
		await db.bookings.put(placeholder);
	});
	return row;
}

export interface SendResult {
	sent: number;
	refused: number;
	/** Still queued: no network, the session ended or the server failed; tried again on the next run. */
	failed: number;
}

type Fetch = typeof fetch;

interface ErrorAnswer {
	error?: { code?: string; message?: string; nextFreeSlots?: Slot[] };
}

/**
 * Posts every queued request, oldest first, and stores each answer: the booking (confirmed or requested) replaces
 * its placeholder; a refusal (slot taken, unavailable, …) is kept with its message and the next free slots. Stops
 * at the first network failure, 401 or 5xx — those stay queued.
 */
export async function sendQueuedBookings(db: LocalDb, fetchFn: Fetch): Promise<SendResult> {
	const result: SendResult = { sent: 0, refused: 0, failed: 0 };
	const queued = (await db.bookingOutbox.where('state').equals('queued').toArray()).sort((a, b) =>
		a.createdAt.localeCompare(b.createdAt)
	);
	for (let i = 0; i < queued.length; i++) {
		const row = queued[i]!;
		let response: Response;
		try {
			response = await fetchFn('/api/bookings', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(row.request),
				credentials: 'same-origin'
			});
		} catch {
			await markTried(db, row);
			result.failed += queued.length - i;
			return result;
		}
		const payload = (await response.json().catch(() => null)) as
			({ booking?: BookingView } & ErrorAnswer) | null;
		if (response.ok && payload?.booking) {
			const booking = payload.booking;
			await db.transaction('rw', [db.bookingOutbox, db.bookings], async () => {
				await db.bookingOutbox.delete(row.clientId);
				await db.bookings.delete(row.clientId);
				await db.bookings.put(booking);
			});
			result.sent += 1;
			continue;
		}
		if (response.status === 401 || response.status >= 500 || response.ok) {
			await markTried(db, row);
			result.failed += queued.length - i;
			return result;
		}
		const answer = {
			code: payload?.error?.code ?? `http_${response.status}`,
			message: payload?.error?.message ?? response.statusText,
			nextFreeSlots: payload?.error?.nextFreeSlots ?? []
		};
		await db.transaction('rw', [db.bookingOutbox, db.bookings], async () => {
			await db.bookingOutbox.put({
				...row,
				state: 'refused',
				attempts: row.attempts + 1,
				lastTriedAt: new Date().toISOString(),
				answer
			});
			await db.bookings.delete(row.clientId);
		});
		result.refused += 1;
	}
	return result;
}

async function markTried(db: LocalDb, row: BookingOutboxRow): Promise<void> {
	await db.bookingOutbox.update(row.clientId, {
		attempts: row.attempts + 1,
		lastTriedAt: new Date().toISOString()
	});
}

export type BookingRequestOutcome =
	| { state: 'queued' }
	| { state: 'refused'; code: string; message: string; nextFreeSlots: Slot[] }
	| { state: 'sent'; booking: LocalBooking };

/** What became of a request made on this device: still queued, refused (why, what else is free) or booked. */
export async function bookingRequestOutcome(db: LocalDb, clientId: string): Promise<BookingRequestOutcome> {
	const row = await db.bookingOutbox.get(clientId);
	if (row?.state === 'refused') {
		return {
			state: 'refused',
			code: row.answer?.code ?? '',
			message: row.answer?.message ?? '',
			nextFreeSlots: row.answer?.nextFreeSlots ?? []
		};
	}
	if (row) return { state: 'queued' };
	const booking = await db.bookings.filter((b) => b.clientId === clientId && !b.pending).first();
	return booking ? { state: 'sent', booking } : { state: 'queued' };
}

/** The organisation has read a refusal (or booked again): the refused request leaves the device. */
export async function dismissRefusedBooking(db: LocalDb, clientId: string): Promise<void> {
	await db.transaction('rw', [db.bookingOutbox, db.bookings], async () => {
		await db.bookingOutbox.delete(clientId);
		await db.bookings.filter((b) => b.id === clientId && b.pending === true).delete();
	});
}
