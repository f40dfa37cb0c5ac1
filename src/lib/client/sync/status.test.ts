import { describe, expect, it } from 'vitest';
import { backoffDelay, formatBytes, instantParts, staleDays } from './status';

describe('sync status helpers', () => {
	const now = new Date('2025-03-10T08:00:00.000Z');

	it('warns about unsent changes only after three days without a sync', () => {
		const old = '2025-03-07T07:59:00.000Z';
		expect(staleDays({ pending: 2, lastSyncAt: old, oldestPendingAt: null }, now)).toBe(3);
		expect(
			staleDays({ pending: 2, lastSyncAt: '2025-03-07T08:01:00.000Z', oldestPendingAt: null }, now)
		).toBeNull();
		expect(staleDays({ pending: 0, lastSyncAt: old, oldestPendingAt: old }, now)).toBeNull();
		// Never synced: the oldest waiting change tells how long the device has been cut off.
		expect(
			staleDays({ pending: 1, lastSyncAt: null, oldestPendingAt: '2025-03-01T08:00:00.000Z' }, now)
		).toBe(9);
		expect(staleDays({ pending: 1, lastSyncAt: null, oldestPendingAt: null }, now)).toBeNull();
	});

	it('reads instants on the Warsaw calendar, whatever the zone of the device', () => {
		// 23:30 UTC on the 9th is 00:30 on the 10th in Warsaw: today, not yesterday.
		expect(instantParts('2025-03-09T23:30:00.000Z', now, 'pl')).toEqual({
			day: 'today',
			time: '00:30',
			date: '10 marca 2025'
		});
		expect(instantParts('2025-03-09T12:04:00.000Z', now, 'pl')).toMatchObject({
			day: 'yesterday',
			time: '13:04'
		});
		expect(instantParts('2025-07-01T10:00:00.000Z', new Date('2025-07-05T10:00:00.000Z'), 'en')).toEqual({
			day: 'earlier',
			time: '12:00',
			date: '1 July 2025'
		});
	});

	it('formats sizes with the decimal comma in Polish', () => {
		expect(formatBytes(512, 'pl')).toBe('512 B');
		expect(formatBytes(2_400_000, 'pl')).toBe('2,4 MB');
		expect(formatBytes(2_400_000, 'en')).toBe('2.4 MB');
		expect(formatBytes(1_250_000_000, 'pl')).toBe('1,3 GB');
	});

	it('backs off with full jitter between a floor and a capped ceiling', () => {
		expect(backoffDelay(1, () => 1)).toBe(5_000);
		expect(backoffDelay(4, () => 1)).toBe(40_000);
		expect(backoffDelay(30, () => 1)).toBe(300_000);
		expect(backoffDelay(3, () => 0.25)).toBe(5_000);
		expect(backoffDelay(3, () => 0)).toBe(1_000);
	});
});
