import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { DB } from './db/schema';
import { canManageCentre, canReadOrganisation } from './permissions';
import { notFound } from './http/api-error';
import { toSyncOrganisation } from './sync/records';

/** The organisations a user may see: all active ones for staff (plus pending ones of their centres), one for an NGO. */
export async function listOrganisations(db: Kysely<DB>, user: Identity) {
	let query = db.selectFrom('organisations').selectAll().orderBy('name');
	if (user.role === 'ngo') {
		query = query.where('id', '=', user.organisationId ?? '');
	} else if (user.role !== 'admin') {
		// The same rule as canReadOrganisation: coordinators see every organisation of their centres, advisors the
		// active ones and their centres' pending ones (not the rejected).
		const centreIds = user.centreIds.length ? user.centreIds : [''];
		query = query.where((eb) =>
			eb.or([
				eb('status', '=', 'active'),
				...(user.role === 'coordinator' ? [eb('centreId', 'in', centreIds)] : []),
				...(user.role === 'advisor'
					? [eb.and([eb('status', '=', 'pending'), eb('centreId', 'in', centreIds)])]
					: [])
			])
		);
	}
	return (await query.execute()).map(toSyncOrganisation);
}

export async function getOrganisation(db: Kysely<DB>, user: Identity, id: string) {
	const organisation = await db
		.selectFrom('organisations')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	// Another organisation's record is "not found", so an NGO cannot probe which ids exist.
	if (!organisation || !canReadOrganisation(user, organisation)) throw notFound();
	return toSyncOrganisation(organisation);
}

export function canReviewRegistration(user: Identity, organisation: { centreId: string | null }) {
	return canManageCentre(user, organisation.centreId);
}
