/**
 * The bookings a device keeps (they travel in the reference slice, not the sync pull): an advisor's own visits
 * from 30 days ago to 90 days ahead; a coordinator's centres' requests and visits; an organisation's every booking
 * with its consultation's topics and hours (never the advisor's notes — BookingView does not carry them).
 */
import type { Kysely } from 'kysely';
import { HOLDING_STATUSES, type BookingView } from '$lib/domain/booking';
import type { Identity } from '$lib/domain/roles';
import type { DB } from '../db/schema';
import { listBookings } from './bookings';

const DAY_MS = 86_400_000;

export async function sliceBookings(
	db: Kysely<DB>,
	user: Identity,
	now = new Date()
): Promise<BookingView[]> {
	const back = new Date(now.getTime() - 30 * DAY_MS).toISOString();
	switch (user.role) {
		case 'advisor': {
			const ahead = new Date(now.getTime() + 90 * DAY_MS).toISOString();
			const own = await listBookings(db, user, {
				statuses: [...HOLDING_STATUSES, 'done'],
				from: back,
				to: ahead
			});
			return own.filter((b) => b.advisorId === user.userId && b.startsAt !== null);
		}
		case 'coordinator':
			return listBookings(db, user, { statuses: ['requested', ...HOLDING_STATUSES], from: back });
		case 'ngo':
			return listBookings(db, user);
		case 'admin':
			return [];
	}
}
