/**
 * The bookings a device keeps (they travel in the reference slice, not the sync pull): an advisor's own visits
 * from 30 days ago to 90 days ahead; a coordinator's centres' requests and visits; an organisation's every booking
 * with its consultation's topics and hours (never the advisor's notes — BookingView does not carry them).
 */
import type { Kysely } from 'kysely';
import { HOLDING_STATUSES, type BookingView } from '$lib/domain/booking';
import type { ColleagueVisit } from '$lib/domain/consultation';
import { COLLEAGUE_VISIT_COLUMNS, toColleagueVisit } from '../sync/records';
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

/**
 * An organisation's past sessions that were not booked through the app (an advisor came, or was phoned): its
 * finished consultations without a booking, as summaries — when, how long, on what, the next steps agreed, the
 * advisor; never the notes, the participants or the signature (the same cut as a colleague's visit). Booked ones
 * come with their booking (`consultation` facts). Other roles get none.
 */
export async function sliceOrganisationVisits(db: Kysely<DB>, user: Identity): Promise<ColleagueVisit[]> {
	if (user.role !== 'ngo' || !user.organisationId) return [];
	const rows = await db
		.selectFrom('consultations as c')
		.innerJoin('users as u', 'u.id', 'c.advisorId')
		.select([...COLLEAGUE_VISIT_COLUMNS, 'u.name as advisorName'])
		.where('c.organisationId', '=', user.organisationId)
		.where('c.bookingId', 'is', null)
		.where('c.status', '!=', 'draft')
		.where('c.deletedAt', 'is', null)
		.orderBy('c.date', 'desc')
		.orderBy('c.startTime', 'desc')
		.limit(500)
		.execute();
	return rows.map(toColleagueVisit).filter((visit): visit is ColleagueVisit => visit !== null);
}
