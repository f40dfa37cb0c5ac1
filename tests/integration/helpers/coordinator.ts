/** Shared set-up of the coordinator tests (issue 5): demo accounts, a second centre's coordinator, records. */
import type { Kysely } from 'kysely';
import type { DB, NewConsultation } from '$lib/server/db/schema';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATION_IDS, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { newId } from '$lib/domain/ids';
import { addMonths, monthOf, warsawToday } from '$lib/domain/hours';
import { receiptFor } from '$lib/domain/sync';
import { nextSeq } from '$lib/server/sync/sequence';
import { SIGNATURE_PNG } from './factories';

export const currentMonth = () => monthOf(warsawToday(new Date()));
/** A past month inside the demo period (which runs from five months back to four ahead). */
export const pastMonth = (back: number) => addMonths(currentMonth(), -back);

export const LEBORK_COORDINATOR = { email: 'koordynator-lebork@example.org', id: newId() };

/** A coordinator of Lębork, with the demo password (the hash is copied from the Słupsk coordinator). */
export async function addLeborkCoordinator(db: Kysely<DB>): Promise<void> {
	const model = await db
		.selectFrom('users')
		.selectAll()
		.where('id', '=', DEMO_USER_IDS.coordinator)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('users')
		.values({ ...model, id: LEBORK_COORDINATOR.id, email: LEBORK_COORDINATOR.email, name: 'Leon Lęborski' })
		.execute();
	await db
		.insertInto('memberships')
		.values({
			id: newId(),
			userId: LEBORK_COORDINATOR.id,
			role: 'coordinator',
			centreId: DEMO_CENTRE_IDS.lebork,
			organisationId: null,
			createdAt: new Date().toISOString()
		})
		.execute();
}

/** A consultation of the Słupsk advisor written straight into the server database. */
export async function insertConsultation(
	db: Kysely<DB>,
	overrides: Partial<NewConsultation> = {}
): Promise<string> {
	const id = overrides.id ?? newId();
	const seq = await nextSeq(db);
	const at = new Date().toISOString();
	const status = overrides.status ?? 'completed';
	const signed = status === 'signed' || status === 'approved';
	await db
		.insertInto('consultations')
		.values({
			id,
			advisorId: DEMO_USER_IDS.advisor,
			centreId: DEMO_CENTRE_IDS.slupsk,
			organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
			date: `${pastMonth(1)}-10`,
			startTime: '10:00',
			endTime: '11:30',
			durationMin: 90,
			placeKind: 'mobile',
			topics: '["accounting"]',
			status,
			signature: signed ? SIGNATURE_PNG : null,
			signedByName: signed ? 'Maria Prezes' : null,
			signedAt: signed ? at : null,
			bookingId: null,
			version: 1,
			createdAt: at,
			updatedAt: at,
			deletedAt: null,
			seq,
			receipt: receiptFor(seq),
			...overrides
		})
		.execute();
	return id;
}
