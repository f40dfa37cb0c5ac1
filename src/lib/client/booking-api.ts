/**
 * The booking screens' side of the server and of the device's booking outbox: actions that may be refused with
 * a time already taken (like `api`, plus the next free slots the server names with a 409 `slot_taken`), and
 * a request still in the outbox shown as a booking.
 */
import { api, type ApiResult } from './api';
import type { BookingView, Slot } from '$lib/domain/booking';
import { warsawTime, warsawToday } from '$lib/domain/hours';
import type { BookingOutboxRow } from './db/local-db';

export type BookingActionResult<T> = ApiResult<T> & { nextFreeSlots: Slot[] };

export async function bookingAction<T>(path: string, body: unknown): Promise<BookingActionResult<T>> {
	let nextFreeSlots: Slot[] = [];
	// The same request as `api` makes; the wrapped fetch only keeps a copy of the refusal's body.
	const keepSlots: typeof fetch = async (input, init) => {
		const response = await fetch(input, init);
		if (response.status === 409) {
			const payload = (await response
				.clone()
				.json()
				.catch(() => null)) as { error?: { nextFreeSlots?: Slot[] } } | null;
			nextFreeSlots = payload?.error?.nextFreeSlots ?? [];
		}
		return response;
	};
	const result = await api<T>(path, { method: 'POST', body, fetch: keepSlots });
	return { ...result, nextFreeSlots };
}

/**
 * A request still waiting in the outbox, shown like a booking ("not sent yet") from what the device knows:
 * the request itself and the centre's name.
 */
export function placeholderOf(
	row: BookingOutboxRow,
	centreName: string,
	organisationName: string
): BookingView {
	const request = row.request;
	return {
		id: `outbox-${row.clientId}`,
		clientId: row.clientId,
		organisationId: '',
		organisationName,
		centreId: request.centreId,
		centreName,
		advisorId: request.slot?.advisorId ?? null,
		advisorName: null,
		topic: request.topic,
		format: request.format,
		place: '',
		startsAt: request.slot?.startsAt ?? null,
		endsAt: null,
		lengthMin: request.slot?.lengthMin ?? null,
		date: request.slot ? warsawToday(new Date(request.slot.startsAt)) : null,
		startTime: request.slot ? warsawTime(new Date(request.slot.startsAt)) : null,
		endTime: request.slot
			? warsawTime(new Date(Date.parse(request.slot.startsAt) + request.slot.lengthMin * 60_000))
			: null,
		status: 'requested',
		preferredDays: request.preferredDays ?? [],
		note: request.note ?? '',
		reason: null,
		cancelledBy: null,
		previousStartsAt: null,
		consultationId: null,
		consultation: null,
		version: 0,
		createdAt: row.createdAt,
		updatedAt: row.createdAt,
		statusChangedAt: row.createdAt
	};
}
