/**
 * Centres an organisation may book, nearest first without geodata: the same gmina (or town) first, then the same
 * powiat, then the rest — TERC codes of Pomorskie say which is which. Each with the formats and lengths offered.
 */
import type { Kysely } from 'kysely';
import { BOOKING_FORMATS, type BookingFormat, type CentreOption } from '$lib/domain/booking';
import type { Identity } from '$lib/domain/roles';
import type { DB } from '../db/schema';
import { polishOrder } from '$lib/domain/collation';

export interface NearestQuery {
	town?: string;
	gminaTerc?: string;
	powiatTerc?: string;
}

const norm = (text: string) => text.trim().toLocaleLowerCase('pl');

export async function nearestCentres(
	db: Kysely<DB>,
	user: Identity,
	query: NearestQuery
): Promise<CentreOption[]> {
	let { town, gminaTerc, powiatTerc } = query;
	if (!town && !gminaTerc && !powiatTerc && user.role === 'ngo' && user.organisationId) {
		const organisation = await db
			.selectFrom('organisations')
			.select(['town', 'gminaTerc', 'powiatTerc'])
			.where('id', '=', user.organisationId)
			.executeTakeFirst();
		if (organisation) ({ town, gminaTerc, powiatTerc } = organisation);
	}
	if (gminaTerc && !powiatTerc) powiatTerc = gminaTerc.slice(0, 4);

	const [centres, settings, windows] = await Promise.all([
		db.selectFrom('centres').selectAll().where('active', '=', 1).execute(),
		db.selectFrom('centreBookingSettings').select(['centreId', 'formats']).execute(),
		db.selectFrom('availabilityWindows').select(['centreId', 'slotLengths']).execute()
	]);
	const formatsOf = new Map(settings.map((s) => [s.centreId, JSON.parse(s.formats) as BookingFormat[]]));
	const lengthsOf = new Map<string, Set<number>>();
	for (const w of windows) {
		const set = lengthsOf.get(w.centreId) ?? new Set<number>();
		for (const length of JSON.parse(w.slotLengths) as number[]) set.add(length);
		lengthsOf.set(w.centreId, set);
	}
	const rank = { town: 0, powiat: 1, other: 2 } as const;
	return centres
		.map((c): CentreOption => {
			const sameTown =
				(gminaTerc !== undefined && c.gminaTerc === gminaTerc) ||
				(town !== undefined && town !== '' && norm(c.town) === norm(town));
			const samePowiat = powiatTerc !== undefined && c.powiatTerc === powiatTerc;
			return {
				id: c.id,
				name: c.name,
				town: c.town,
				kind: c.kind,
				street: c.street,
				postalCode: c.postalCode,
				gminaTerc: c.gminaTerc,
				powiatTerc: c.powiatTerc,
				formats: formatsOf.get(c.id) ?? [...BOOKING_FORMATS],
				slotLengths: [...(lengthsOf.get(c.id) ?? [])].sort((a, b) => a - b),
				match: sameTown ? 'town' : samePowiat ? 'powiat' : 'other'
			};
		})
		.sort((a, b) => rank[a.match] - rank[b.match] || polishOrder.compare(a.name, b.name));
}
