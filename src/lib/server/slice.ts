/**
 * Reference data a device keeps after sign-in, chosen on the server by role: centres, hour targets and advisor
 * counts. Records (consultations, amendments, organisations) travel through the sync pull (sync/pull.ts).
 */
import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { DB } from './db/schema';
import type { ServerSlice } from '$lib/client/db/slice';
import { listCentres } from './centres';

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
	return {
		centres: centres.map((centre) => ({ ...centre, active: centre.active === 1 })),
		quotas,
		advisorsInCentre: Object.fromEntries(advisorCounts.map((r) => [r.centreId, Number(r.advisors)])),
		generatedAt: new Date().toISOString()
	};
}

export type Slice = Awaited<ReturnType<typeof loadSlice>>;

// The device stores exactly what this returns: a mismatch of shapes fails the type check here.
const _sameShape: (slice: Slice) => ServerSlice = (slice) => slice;
