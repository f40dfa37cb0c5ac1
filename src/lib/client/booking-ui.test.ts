import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES, type BookingView } from '$lib/domain/booking';
import type { ColleagueVisit } from '$lib/domain/consultation';
import { awaitedByRequest, pastWithVisits, slotSearchFor } from './booking-ui';

describe('awaitedByRequest', () => {
	const unset = { date: null, startTime: null, advisorName: null };

	it('an open request without a time or an advisor awaits both from the centre', () => {
		expect(awaitedByRequest({ status: 'requested', ...unset })).toEqual({ time: true, advisor: true });
		expect(
			awaitedByRequest({ status: 'requested', date: '2026-10-05', startTime: '10:00', advisorName: 'Anna' })
		).toEqual({ time: false, advisor: false });
	});

	it('a declined or cancelled request (or any other status) awaits nothing', () => {
		for (const status of BOOKING_STATUSES.filter((s) => s !== 'requested')) {
			expect(awaitedByRequest({ status, ...unset }), status).toEqual({ time: false, advisor: false });
		}
	});
});

describe('pastWithVisits', () => {
	const booking = (id: string, startsAt: string | null) => ({ id, startsAt }) as BookingView;
	const visit = (id: string, date: string, startTime: string) => ({ id, date, startTime }) as ColleagueVisit;

	it('lays the unbooked visits among the past bookings by their start, newest first', () => {
		const items = pastWithVisits(
			[
				booking('never-timed', null),
				booking('b-nov', '2026-11-04T09:00:00.000Z'),
				booking('b-oct', '2026-10-01T08:00:00.000Z')
			],
			[visit('v-nov', '2026-11-23', '12:00'), visit('v-oct', '2026-10-19', '09:30')]
		);
		expect(items.map((item) => `${item.kind}:${item.id}`)).toEqual([
			'booking:never-timed',
			'visit:v-nov',
			'booking:b-nov',
			'visit:v-oct',
			'booking:b-oct'
		]);
	});
});

describe('slotSearchFor', () => {
	it('looks on the preferred days still ahead, else in the next two weeks', () => {
		expect(slotSearchFor(['2026-12-03', '2026-12-01'], '2026-11-29')).toEqual({
			from: '2026-12-01',
			to: '2026-12-03',
			days: ['2026-12-01', '2026-12-03']
		});
		expect(slotSearchFor(['2026-11-20'], '2026-11-29')).toEqual({
			from: '2026-11-29',
			to: '2026-12-13',
			days: null
		});
		expect(slotSearchFor([], '2026-11-29')).toMatchObject({ days: null });
	});
});
