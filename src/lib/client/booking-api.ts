/**
 * The booking screens' actions on the server: like `api`, plus the next free slots the server names when it
 * refuses a time already taken (409 `slot_taken`).
 */
import { api, type ApiResult } from './api';
import type { Slot } from '$lib/domain/booking';

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
