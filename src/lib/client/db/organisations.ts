/** Organisations on the device: the slice from the server plus the ones advisors add on the spot. */
import type { OrganisationInput } from '$lib/domain/schemas';
import { localWrite, type LocalDb, type LocalOrganisation, type RepoContext } from './local-db';
import { advisorByDate } from './consultations';
import { recordChange } from './outbox';

/**
 * An organisation met during a visit that is not in the list yet. Usable at once (a consultation can point to it
 * offline); it stays 'pending' until a coordinator confirms it on the server.
 */
export function createLocalOrganisation(
	db: LocalDb,
	ctx: RepoContext,
	input: OrganisationInput
): Promise<LocalOrganisation> {
	const stamp = ctx.now().toISOString();
	const fields = {
		...input,
		id: ctx.newId(),
		centreId: ctx.centreId || null,
		status: 'pending' as const,
		createdAt: stamp,
		updatedAt: stamp
	};
	return localWrite(db, [db.organisations], async () => {
		const organisation: LocalOrganisation = { ...fields, origin: 'local' };
		await db.organisations.add(organisation);
		// Organisations carry no server version yet, so there is nothing to base a change on.
		await recordChange(db, ctx, {
			entity: 'organisation',
			entityId: organisation.id,
			op: 'create',
			fields,
			baseVersion: null
		});
		return organisation;
	});
}

/** All organisations on the device, by name (Polish collation, so "Ł" sorts after "L"). */
export async function listOrganisations(db: LocalDb): Promise<LocalOrganisation[]> {
	const rows = await db.organisations.toArray();
	const collator = new Intl.Collator('pl', { sensitivity: 'base' });
	return rows.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

export function getOrganisation(db: LocalDb, id: string): Promise<LocalOrganisation | undefined> {
	return db.organisations.get(id);
}

/** The organisations of the advisor's latest visits, each once, most recent first: the quick picks on "new visit". */
export async function recentOrganisationIds(
	db: LocalDb,
	advisorId: string,
	limit: number
): Promise<string[]> {
	const ids: string[] = [];
	if (limit <= 0) return ids;
	// `until` stops the cursor as soon as enough ids are found, so years of history are not read for five picks.
	await advisorByDate(db, advisorId)
		.reverse()
		.until(() => ids.length >= limit)
		.each((consultation) => {
			const id = consultation.organisationId;
			if (id && !ids.includes(id)) ids.push(id);
		});
	return ids;
}
