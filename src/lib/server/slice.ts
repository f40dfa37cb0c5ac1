/**
 * The slice of data a device keeps after sign-in, chosen on the server by role: what the user's screens need
 * offline and nothing more. (The sync protocol grows this into a cursor-based pull.)
 */
import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { DB } from './db/schema';
import type { ServerSlice } from '$lib/client/db/slice';
import { consultationsVisibleTo, toAmendment } from './consultations';
import { listCentres } from './centres';
import { listOrganisations } from './organisations';

export async function loadSlice(db: Kysely<DB>, user: Identity) {
	const [centres, organisations, consultations] = await Promise.all([
		listCentres(db, { activeOnly: true }),
		listOrganisations(db, user),
		consultationsVisibleTo(db, user)
	]);
	const ids = consultations.map((c) => c.id);
	const amendments = ids.length
		? (
				await db.selectFrom('consultationAmendments').selectAll().where('consultationId', 'in', ids).execute()
			).map(toAmendment)
		: [];
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
	return {
		centres: centres.map((centre) => ({ ...centre, active: centre.active === 1 })),
		organisations,
		consultations,
		amendments,
		quotas,
		advisorsInCentre: Object.fromEntries(advisorCounts.map((r) => [r.centreId, Number(r.advisors)])),
		generatedAt: new Date().toISOString()
	};
}

export type Slice = Awaited<ReturnType<typeof loadSlice>>;

// The device stores exactly what this returns: a mismatch of shapes fails the type check here.
const _sameShape: (slice: Slice) => ServerSlice = (slice) => slice;
