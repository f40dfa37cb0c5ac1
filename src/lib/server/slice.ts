/**
 * Reference data a device keeps after sign-in, chosen on the server by role: centres, hour targets, advisor
 * counts and, for a coordinator, the names of their centres' advisors. Records (consultations, amendments,
 * organisations) travel through the sync pull (sync/pull.ts).
 */
import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { DB } from './db/schema';
import type { ServerSlice } from '$lib/client/db/slice';
import { listCentres } from './centres';
import { loadProjectPeriod } from './project-period';
import { closedMonthsOf } from './months';
import { sliceBookings, sliceOrganisationVisits } from './booking/slice';

export async function loadSlice(db: Kysely<DB>, user: Identity) {
	const centres = await listCentres(db, { activeOnly: true });
	const quotas = user.centreIds.length
		? await db
				.selectFrom('quotas')
				.select(['month', 'centreId', 'advisorId', 'kind', 'targetMin'])
				.where((eb) => eb.or([eb('centreId', 'in', user.centreIds), eb('advisorId', '=', user.userId)]))
				.execute()
		: [];
	const advisorCounts = user.centreIds.length
		? await db
				.selectFrom('memberships')
				.innerJoin('users', 'users.id', 'memberships.userId')
				.select(['memberships.centreId', (eb) => eb.fn.countAll<number>().as('advisors')])
				.where('memberships.role', '=', 'advisor')
				.where('users.status', '=', 'active')
				.where('memberships.centreId', 'in', user.centreIds)
				.groupBy('memberships.centreId')
				.execute()
		: [];
	// Names only for the coordinator's review screen (who logged each consultation); advisors do not need their
	// colleagues' names. Deactivated advisors stay listed: their past consultations still need a name.
	const advisorRows =
		user.role === 'coordinator' && user.centreIds.length
			? await db
					.selectFrom('memberships')
					.innerJoin('users', 'users.id', 'memberships.userId')
					.select(['memberships.centreId', 'users.id', 'users.name'])
					.where('memberships.role', '=', 'advisor')
					.where('memberships.centreId', 'in', user.centreIds)
					.orderBy('users.name')
					.orderBy('users.id')
					.execute()
			: [];
	const advisors: Record<string, { id: string; name: string }[]> = {};
	for (const row of advisorRows) {
		if (row.centreId) (advisors[row.centreId] ??= []).push({ id: row.id, name: row.name });
	}
	return {
		centres: centres.map((centre) => ({ ...centre, active: centre.active === 1 })),
		quotas,
		advisorsInCentre: Object.fromEntries(advisorCounts.map((r) => [r.centreId, Number(r.advisors)])),
		advisors,
		projectPeriod: await loadProjectPeriod(db),
		closedMonths: await closedMonthsOf(db, user.centreIds),
		bookings: await sliceBookings(db, user),
		organisationVisits: await sliceOrganisationVisits(db, user),
		generatedAt: new Date().toISOString()
	};
}

export type Slice = Awaited<ReturnType<typeof loadSlice>>;

// The device stores exactly what this returns: a mismatch of shapes fails the type check here.
const _sameShape: (slice: Slice) => ServerSlice = (slice) => slice;
