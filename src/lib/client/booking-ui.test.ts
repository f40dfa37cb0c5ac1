import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES } from '$lib/domain/booking';
import { awaitedByRequest } from './booking-ui';

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
