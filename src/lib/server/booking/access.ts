/** Who may do what with bookings and availability. Every check is here, on the server. */
import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { DB } from '../db/schema';
import { ApiError, forbidden, notFound } from '../http/api-error';

/** Staff who run a centre's bookings: its coordinators, its advisors, every admin. */
export function isStaffOfCentre(user: Identity, centreId: string): boolean {
	if (user.role === 'admin') return true;
	return (user.role === 'coordinator' || user.role === 'advisor') && user.centreIds.includes(centreId);
}

/** The active advisors of a centre (id → name). */
export async function advisorsOfCentre(db: Kysely<DB>, centreId: string): Promise<Map<string, string>> {
	const rows = await db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.userId')
		.select(['users.id', 'users.name'])
		.where('memberships.role', '=', 'advisor')
		.where('memberships.centreId', '=', centreId)
		.where('users.status', '=', 'active')
		.orderBy('users.name')
		.execute();
	return new Map(rows.map((r) => [r.id, r.name]));
}

export async function isAdvisorOfCentre(db: Kysely<DB>, advisorId: string, centreId: string) {
	const row = await db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.userId')
		.select('memberships.id')
		.where('memberships.role', '=', 'advisor')
		.where('memberships.userId', '=', advisorId)
		.where('memberships.centreId', '=', centreId)
		.where('users.status', '=', 'active')
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Whether `user` may change the availability of `advisorId` at `centreId`: the advisor itself (at its own
 * centres), a coordinator of that centre, an admin. The advisor must work at the centre.
 */
export async function assertCanManageAvailability(
	db: Kysely<DB>,
	user: Identity,
	advisorId: string,
	centreId: string | null
): Promise<void> {
	if (user.role === 'ngo') throw forbidden();
	if (user.role === 'advisor' && user.userId !== advisorId) throw forbidden();
	if (centreId !== null) {
		if (user.role !== 'admin' && !user.centreIds.includes(centreId)) throw forbidden();
		if (!(await isAdvisorOfCentre(db, advisorId, centreId))) {
			throw new ApiError(400, 'invalid', 'api.invalid', {}, { advisorId: 'bookingApi.advisorNotInCentre' });
		}
		return;
	}
	// No centre (a leave everywhere): a coordinator must share a centre with the advisor.
	if (user.role === 'coordinator') {
		const shared = await db
			.selectFrom('memberships')
			.select('id')
			.where('userId', '=', advisorId)
			.where('role', '=', 'advisor')
			.where('centreId', 'in', user.centreIds.length ? user.centreIds : [''])
			.executeTakeFirst();
		if (!shared) throw forbidden();
	}
	if (user.role === 'admin') {
		const exists = await db.selectFrom('users').select('id').where('id', '=', advisorId).executeTakeFirst();
		if (!exists) throw notFound();
	}
}
