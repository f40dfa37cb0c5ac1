/** Runs in the `client` project: runes compiled for the browser, so `$effect` subscribes as on the phone. */
import { afterEach, describe, expect, it } from 'vitest';
import { deleteLocalDb, openLocalDb, type LocalDb } from './db/local-db';
import { serverConsultation } from './db/test-factories';
import { agendaRecords, type AgendaRecords } from './agenda.svelte';
import { until } from './test-until';

describe('agendaRecords', () => {
	let db: LocalDb;
	const stops: (() => void)[] = [];
	afterEach(async () => {
		stops.splice(0).forEach((stop) => stop());
		db.close();
		await deleteLocalDb('agenda-test');
	});

	it("gives each booking its started record and the next steps of its organisation's previous visit", async () => {
		db = await openLocalDb('agenda-test');
		await db.consultations.bulkPut([
			serverConsultation({
				id: 'v1',
				organisationId: 'org-a',
				date: '2026-10-01',
				followUps: 'Wzór statutu'
			}),
			serverConsultation({ id: 'v2', organisationId: 'org-a', date: '2026-11-02', followUps: '' }),
			serverConsultation({ id: 'v3', organisationId: 'org-b', date: '2026-11-03', followUps: 'Budżet' })
		]);
		const bookings = $state([
			{ id: 'b1', organisationId: 'org-a', date: '2026-11-30' },
			{ id: 'b2', organisationId: 'org-c', date: '2026-11-30' }
		]);
		let cards!: AgendaRecords;
		stops.push(
			$effect.root(() => {
				cards = agendaRecords(
					() => db,
					() => 'advisor-1',
					() => bookings
				);
			})
		);
		await until(() => cards.agreementFor(bookings[0]!)?.id === 'v1');
		expect(cards.agreementFor(bookings[1]!)).toBeUndefined();
		expect(cards.recordOf(bookings[0]!)).toBeUndefined();

		// A booking of another organisation joins the agenda: its history is read too.
		bookings.push({ id: 'b3', organisationId: 'org-b', date: '2026-12-01' });
		await until(() => cards.agreementFor(bookings[2]!)?.followUps === 'Budżet');

		// The visit started from the booking is its record, and is never its own "previous visit".
		await db.consultations.put(
			serverConsultation({
				id: 'v4',
				organisationId: 'org-a',
				date: '2026-11-30',
				bookingId: 'b1',
				status: 'completed',
				followUps: 'Nowe ustalenia'
			})
		);
		await until(() => cards.recordOf(bookings[0]!)?.id === 'v4');
		expect(cards.agreementFor(bookings[0]!)?.id).toBe('v1');
	});
});
