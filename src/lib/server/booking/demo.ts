/**
 * Demo booking data (issue 6), seeded with the rest of the demo (db/seed.ts): the demo advisors available on
 * weekdays 09:00–15:00 at their centres (1 h and 2 h, 30 minutes of travel around premises visits), and two
 * bookings of the demo organisation at Słupsk — a request with preferred days and a visit confirmed for the next
 * working day at 10:00 with doradca@demo.pl.
 */
import type { Transaction } from 'kysely';
import { addDays, warsawInstant, warsawToday } from '$lib/domain/hours';
import { isWorkingDay } from '$lib/domain/calendar';
import { claimCells } from '$lib/domain/slots';
import type { DB } from '../db/schema';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATION_IDS, DEMO_USER_IDS } from '../db/demo-data';

export const DEMO_BOOKING_IDS = {
	requested: '0190a000-0000-7000-8000-000000000601',
	confirmed: '0190a000-0000-7000-8000-000000000602'
} as const;

const DEMO_WINDOWS = [
	{
		advisorId: DEMO_USER_IDS.advisor,
		centreId: DEMO_CENTRE_IDS.slupsk,
		prefix: '0190a000-0000-7000-8000-00000000061'
	},
	{
		advisorId: DEMO_USER_IDS.advisor2,
		centreId: DEMO_CENTRE_IDS.lebork,
		prefix: '0190a000-0000-7000-8000-00000000062'
	}
];

function workingDayAfter(date: string): string {
	let next = addDays(date, 1);
	while (!isWorkingDay(next)) next = addDays(next, 1);
	return next;
}

export async function seedDemoBookings(trx: Transaction<DB>, at: string): Promise<void> {
	const today = warsawToday(new Date(at));
	for (const { advisorId, centreId, prefix } of DEMO_WINDOWS) {
		await trx
			.insertInto('availabilityWindows')
			.values(
				[1, 2, 3, 4, 5].map((weekday) => ({
					id: `${prefix}${weekday}`,
					advisorId,
					centreId,
					weekday,
					startTime: '09:00',
					endTime: '15:00',
					validFrom: today,
					validTo: null,
					formats: JSON.stringify(['premises', 'centre', 'remote']),
					slotLengths: JSON.stringify([60, 120]),
					bufferMin: 30,
					createdAt: at,
					updatedBy: null
				}))
			)
			.execute();
	}

	const next = workingDayAfter(today);
	const common = {
		organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
		centreId: DEMO_CENTRE_IDS.slupsk,
		createdBy: DEMO_USER_IDS.ngo,
		createdAt: at,
		updatedAt: at,
		statusChangedAt: at
	};
	await trx
		.insertInto('bookings')
		.values({
			...common,
			id: DEMO_BOOKING_IDS.requested,
			advisorId: null,
			topic: 'grant-settlement',
			format: 'premises',
			status: 'requested',
			preferredDays: JSON.stringify([workingDayAfter(next), workingDayAfter(workingDayAfter(next))]),
			note: 'Prosimy o wizytę w naszej siedzibie — rozliczenie dotacji z gminy.',
			startsAt: null,
			endsAt: null
		})
		.execute();
	const startsAt = warsawInstant(next, '10:00')!.toISOString();
	const centre = await trx
		.selectFrom('centres')
		.select(['street', 'postalCode', 'town'])
		.where('id', '=', DEMO_CENTRE_IDS.slupsk)
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('bookings')
		.values({
			...common,
			id: DEMO_BOOKING_IDS.confirmed,
			advisorId: DEMO_USER_IDS.advisor,
			topic: 'accounting',
			format: 'centre',
			status: 'confirmed',
			place: `${centre.street}, ${centre.postalCode} ${centre.town}`,
			startsAt,
			endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
			lengthMin: 60,
			note: 'Sprawozdanie finansowe za rok ubiegły.'
		})
		.execute();
	await trx
		.insertInto('bookingClaims')
		.values(
			claimCells(startsAt, 60).map((cellStart) => ({
				advisorId: DEMO_USER_IDS.advisor,
				cellStart,
				bookingId: DEMO_BOOKING_IDS.confirmed
			}))
		)
		.execute();
}
