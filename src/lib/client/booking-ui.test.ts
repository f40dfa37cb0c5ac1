import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES, type BookingView } from '$lib/domain/booking';
import type { ColleagueVisit } from '$lib/domain/consultation';
import {
	awaitedByRequest,
	firstSlotsRange,
	nextSlotsRange,
	organisationMayMove,
	pastWithVisits,
	slotSearchFor,
	slotsPath
} from './booking-ui';

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

describe('slotsPath', () => {
	it('asks for one advisor and length when given', () => {
		const url = new URL(
			slotsPath({
				centreId: 'c1',
				format: 'premises',
				lengthMin: 120,
				advisorId: 'a1',
				from: '2026-10-05',
				to: '2026-10-19'
			}),
			'http://x'
		);
		expect(url.pathname).toBe('/api/slots');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			centreId: 'c1',
			format: 'premises',
			length: '120',
			advisorId: 'a1',
			from: '2026-10-05',
			to: '2026-10-19'
		});
	});

	it('leaves the length and the advisor out when not given (every one the centre offers)', () => {
		const url = new URL(
			slotsPath({ centreId: 'c1', format: 'centre', from: '2026-10-05', to: '2026-10-19', advisorId: null }),
			'http://x'
		);
		expect([...url.searchParams.keys()].sort()).toEqual(['centreId', 'format', 'from', 'to']);
	});
});

describe('firstSlotsRange and nextSlotsRange', () => {
	it('shows two weeks from today, then the next two weeks after those shown', () => {
		expect(firstSlotsRange('2026-10-05')).toEqual({ from: '2026-10-05', to: '2026-10-19' });
		expect(nextSlotsRange('2026-10-19', '2026-10-05')).toEqual({ from: '2026-10-20', to: '2026-11-02' });
	});

	it('stops at the last day a booking may take, a year ahead', () => {
		// 366 days from 2026-10-05 (counting today) end on 2027-10-05.
		expect(nextSlotsRange('2027-09-30', '2026-10-05')).toEqual({ from: '2027-10-01', to: '2027-10-05' });
		expect(nextSlotsRange('2027-10-05', '2026-10-05')).toBeNull();
	});
});

describe('organisationMayMove', () => {
	const now = new Date('2026-10-05T08:00:00.000Z');
	const ahead = { advisorId: 'a1', startsAt: '2026-10-06T08:00:00.000Z' };

	it('a confirmed or already moved meeting still ahead may be moved', () => {
		expect(organisationMayMove({ status: 'confirmed', ...ahead }, now)).toBe(true);
		expect(organisationMayMove({ status: 'rescheduled', ...ahead }, now)).toBe(true);
	});

	it('a request, a closed meeting, one without a time or advisor, or one begun may not', () => {
		for (const status of BOOKING_STATUSES.filter((s) => s !== 'confirmed' && s !== 'rescheduled')) {
			expect(organisationMayMove({ status, ...ahead }, now), status).toBe(false);
		}
		expect(organisationMayMove({ status: 'confirmed', ...ahead, advisorId: null }, now)).toBe(false);
		expect(organisationMayMove({ status: 'confirmed', ...ahead, startsAt: null }, now)).toBe(false);
		expect(
			organisationMayMove({ status: 'confirmed', ...ahead, startsAt: '2026-10-05T08:00:00.000Z' }, now)
		).toBe(false);
	});
});
