import { describe, expect, it } from 'vitest';
import {
	bufferFor,
	claimCells,
	claimKey,
	generateSlots,
	isOnGrid,
	isoWeekday,
	offeredSlot,
	type SlotException,
	type SlotWindow
} from './slots';
import { firstOverlap, windowsOverlap, canTransition, BookingRequestInput, WindowInput } from './booking';
import { validate } from './schemas';

const A = 'advisor-a';
const B = 'advisor-b';
const C = 'centre-1';

function window(overrides: Partial<SlotWindow> = {}): SlotWindow {
	return {
		advisorId: A,
		centreId: C,
		weekday: 1,
		startTime: '09:00',
		endTime: '15:00',
		validFrom: '2026-01-01',
		validTo: null,
		formats: ['premises', 'centre', 'remote'],
		slotLengths: [60, 120],
		bufferMin: 30,
		...overrides
	};
}

/** Every weekday 9–15. */
const WEEK = [1, 2, 3, 4, 5].map((weekday) => window({ weekday }));
const LONG_AGO = new Date('2020-01-01T00:00:00Z');

function slotsOn(
	date: string,
	opts: {
		windows?: SlotWindow[];
		exceptions?: SlotException[];
		claims?: Set<string>;
		format?: 'premises' | 'centre' | 'remote';
		length?: number;
		now?: Date;
	} = {}
) {
	return generateSlots(
		{
			centreId: C,
			from: date,
			to: date,
			format: opts.format ?? 'centre',
			lengthMin: opts.length ?? 60,
			now: opts.now ?? LONG_AGO
		},
		{ windows: opts.windows ?? WEEK, exceptions: opts.exceptions ?? [], claims: opts.claims }
	);
}

describe('weekdays', () => {
	it('uses ISO weekdays', () => {
		expect(isoWeekday('2026-11-30')).toBe(1); // Monday
		expect(isoWeekday('2026-12-06')).toBe(7); // Sunday
	});
});

describe('slot generation', () => {
	it('offers every 30 minutes inside the window, Warsaw wall-clock (winter: UTC+1)', () => {
		const slots = slotsOn('2026-11-30');
		expect(slots.map((s) => s.startTime)).toEqual([
			'09:00',
			'09:30',
			'10:00',
			'10:30',
			'11:00',
			'11:30',
			'12:00',
			'12:30',
			'13:00',
			'13:30',
			'14:00'
		]);
		expect(slots[0]).toMatchObject({
			startsAt: '2026-11-30T08:00:00.000Z',
			endsAt: '2026-11-30T09:00:00.000Z',
			date: '2026-11-30',
			endTime: '10:00',
			lengthMin: 60,
			advisorId: A
		});
	});

	it('summer time is UTC+2', () => {
		const slots = slotsOn('2026-06-01');
		expect(slots[0]!.startsAt).toBe('2026-06-01T07:00:00.000Z');
	});

	it('nothing on weekends without a window, nothing outside valid_from/valid_to', () => {
		expect(slotsOn('2026-12-05')).toEqual([]);
		expect(slotsOn('2026-11-30', { windows: [window({ validFrom: '2026-12-01' })] })).toEqual([]);
		expect(slotsOn('2026-11-30', { windows: [window({ validTo: '2026-11-29' })] })).toEqual([]);
		expect(slotsOn('2026-11-30', { windows: [window({ validTo: '2026-11-30' })] })).toHaveLength(11);
	});

	it('only the format and length the window offers', () => {
		expect(slotsOn('2026-11-30', { windows: [window({ formats: ['remote'] })] })).toEqual([]);
		expect(slotsOn('2026-11-30', { length: 90 })).toEqual([]);
		expect(
			slotsOn('2026-11-30', { length: 120 })
				.map((s) => s.startTime)
				.at(-1)
		).toBe('13:00');
	});

	it('excludes past slots and slots starting now', () => {
		const now = new Date('2026-11-30T09:00:00.000Z'); // 10:00 in Warsaw
		const slots = slotsOn('2026-11-30', { now });
		expect(slots[0]!.startTime).toBe('10:30');
	});

	it('premises visits keep the travel buffer inside the window', () => {
		const slots = slotsOn('2026-11-30', { format: 'premises' });
		expect(slots[0]!.startTime).toBe('09:30');
		expect(slots.at(-1)!.startTime).toBe('13:30'); // 13:30–14:30 + 30 min back = 15:00
		expect(bufferFor('premises', 30)).toBe(30);
		expect(bufferFor('centre', 30)).toBe(0);
	});

	it('claims hide slots, including the buffer around a premises visit', () => {
		// A premises visit 11:00–12:00 holds 10:30–12:30.
		const held = claimCells('2026-11-30T10:00:00.000Z', 60, 30);
		expect(held).toHaveLength(8);
		expect(held[0]).toBe('2026-11-30T09:30:00.000Z');
		expect(held.at(-1)).toBe('2026-11-30T11:15:00.000Z');
		const claims = new Set(held.map((c) => claimKey(A, c)));
		const centre = slotsOn('2026-11-30', { claims }).map((s) => s.startTime);
		expect(centre).toEqual(['09:00', '09:30', '12:30', '13:00', '13:30', '14:00']);
		// Another premises visit needs its own travel time after the held cells: 13:00 at the earliest.
		const premises = slotsOn('2026-11-30', { claims, format: 'premises' }).map((s) => s.startTime);
		expect(premises).toEqual(['13:00', '13:30']);
		// Claims of another advisor change nothing.
		const other = new Set(held.map((c) => claimKey(B, c)));
		expect(slotsOn('2026-11-30', { claims: other })).toHaveLength(11);
	});

	it('cells are on the 15-minute grid', () => {
		expect(isOnGrid('2026-11-30T08:15:00.000Z')).toBe(true);
		expect(isOnGrid('2026-11-30T08:10:00.000Z')).toBe(false);
	});
});

describe('public holidays', () => {
	it.each([
		['2026-04-06', 'Easter Monday'],
		['2026-06-04', 'Corpus Christi (Boże Ciało)'],
		['2026-12-24', 'Christmas Eve, a holiday since 2025'],
		['2026-11-11', 'Independence Day'],
		['2026-01-06', 'Epiphany']
	])('%s (%s) has no slots', (date) => {
		expect(slotsOn(date)).toEqual([]);
	});

	it('the working day before and after a holiday has slots', () => {
		expect(slotsOn('2026-12-23')).toHaveLength(11);
		expect(slotsOn('2026-06-05')).toHaveLength(11);
	});

	it('24 December before 2025 was a working day', () => {
		const thursday = [window({ weekday: 3, validFrom: '2024-01-01' })];
		expect(
			slotsOn('2024-12-24', { windows: [window({ weekday: 2, validFrom: '2024-01-01' })] })
		).toHaveLength(11);
		expect(thursday).toHaveLength(1);
	});

	it('an extra day opens a holiday or a weekend on purpose', () => {
		const extra: SlotException = {
			advisorId: A,
			date: '2026-12-05',
			kind: 'extra',
			centreId: C,
			startTime: '10:00',
			endTime: '12:00',
			formats: ['centre'],
			slotLengths: [60],
			bufferMin: 0
		};
		expect(slotsOn('2026-12-05', { exceptions: [extra] }).map((s) => s.startTime)).toEqual([
			'10:00',
			'10:30',
			'11:00'
		]);
	});
});

describe('exceptions', () => {
	const leave = (over: Partial<SlotException> = {}): SlotException => ({
		advisorId: A,
		date: '2026-11-30',
		kind: 'leave',
		centreId: null,
		startTime: null,
		endTime: null,
		formats: [],
		slotLengths: [],
		bufferMin: 0,
		...over
	});

	it('a whole-day leave removes the day', () => {
		expect(slotsOn('2026-11-30', { exceptions: [leave()] })).toEqual([]);
		expect(slotsOn('2026-12-01', { exceptions: [leave()] })).toHaveLength(11);
	});

	it('a leave for some hours removes the slots touching them (buffer included)', () => {
		const ex = [leave({ startTime: '12:00', endTime: '13:00' })];
		expect(slotsOn('2026-11-30', { exceptions: ex }).map((s) => s.startTime)).toEqual([
			'09:00',
			'09:30',
			'10:00',
			'10:30',
			'11:00',
			'13:00',
			'13:30',
			'14:00'
		]);
		expect(slotsOn('2026-11-30', { exceptions: ex, format: 'premises' }).map((s) => s.startTime)).toEqual([
			'09:30',
			'10:00',
			'10:30',
			'13:30'
		]);
	});

	it("another advisor's leave or a leave at another centre changes nothing", () => {
		expect(slotsOn('2026-11-30', { exceptions: [leave({ advisorId: B })] })).toHaveLength(11);
		expect(slotsOn('2026-11-30', { exceptions: [leave({ centreId: 'other' })] })).toHaveLength(11);
	});
});

describe('weeks when the clocks change', () => {
	it('the Monday after the spring change is UTC+2, the Friday before is UTC+1', () => {
		expect(slotsOn('2026-03-27')[0]!.startsAt).toBe('2026-03-27T08:00:00.000Z');
		expect(slotsOn('2026-03-30')[0]!.startsAt).toBe('2026-03-30T07:00:00.000Z');
	});

	it('the Monday after the autumn change is UTC+1, the Friday before is UTC+2', () => {
		expect(slotsOn('2026-10-23')[0]!.startsAt).toBe('2026-10-23T07:00:00.000Z');
		expect(slotsOn('2026-10-26')[0]!.startsAt).toBe('2026-10-26T08:00:00.000Z');
	});

	it('a night window on the spring Sunday skips the hour that does not exist', () => {
		const night = [window({ weekday: 7, startTime: '01:00', endTime: '05:00', slotLengths: [60] })];
		const slots = slotsOn('2026-03-29', { windows: night });
		// No slot starts at 02:00 or 02:30; 01:30 CET + 1 h real time ends at 03:30 CEST.
		expect(slots.map((s) => s.startTime)).toEqual(['01:00', '01:30', '03:00', '03:30', '04:00']);
		expect(slots[1]!.endTime).toBe('03:30');
		expect(slots[0]).toMatchObject({ startsAt: '2026-03-29T00:00:00.000Z', endTime: '03:00' });
		for (const s of slots) expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(3_600_000);
	});

	it('a night window on the autumn Sunday lasts one hour longer in real time', () => {
		const night = [window({ weekday: 7, startTime: '01:00', endTime: '04:00', slotLengths: [60] })];
		const slots = slotsOn('2026-10-25', { windows: night });
		// 01:00 CEST = 23:00Z … 04:00 CET = 03:00Z: four real hours.
		expect(slots[0]!.startsAt).toBe('2026-10-24T23:00:00.000Z');
		expect(slots.at(-1)!.endsAt).toBe('2026-10-25T03:00:00.000Z');
		for (const s of slots) expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(3_600_000);
	});

	it('claims are instants: a cell taken in summer time does not block the same wall-clock in winter', () => {
		const claims = new Set(claimCells('2026-10-23T07:00:00.000Z', 60).map((c) => claimKey(A, c)));
		expect(slotsOn('2026-10-23', { claims })[0]!.startTime).toBe('10:00');
		expect(slotsOn('2026-10-26', { claims })[0]!.startTime).toBe('09:00');
	});
});

describe('several advisors and ranges', () => {
	it('sorts by time, then advisor; limit stops early', () => {
		const windows = [...WEEK, ...WEEK.map((w) => ({ ...w, advisorId: B }))];
		const names = new Map([
			[A, 'Zofia'],
			[B, 'Anna']
		]);
		const slots = generateSlots(
			{
				centreId: C,
				from: '2026-11-30',
				to: '2026-12-04',
				format: 'centre',
				lengthMin: 60,
				now: LONG_AGO,
				limit: 3
			},
			{ windows, exceptions: [], advisorNames: names }
		);
		expect(slots.map((s) => [s.startTime, s.advisorName])).toEqual([
			['09:00', 'Anna'],
			['09:00', 'Zofia'],
			['09:30', 'Anna']
		]);
	});

	it('every offered length when none is asked for', () => {
		const slots = generateSlots(
			{ centreId: C, from: '2026-11-30', to: '2026-11-30', format: 'centre', now: LONG_AGO },
			{ windows: WEEK, exceptions: [] }
		);
		expect(slots.filter((s) => s.lengthMin === 120)).toHaveLength(9);
		expect(slots).toHaveLength(20);
	});

	it('offeredSlot tells an offered slot from one outside availability', () => {
		const sources = { windows: WEEK, exceptions: [] };
		const choice = { advisorId: A, centreId: C, format: 'premises' as const, lengthMin: 60 };
		expect(offeredSlot({ ...choice, startsAt: '2026-11-30T08:30:00.000Z' }, sources, LONG_AGO)).toMatchObject(
			{
				bufferMin: 30
			}
		);
		// 09:00 premises: the buffer would start before the window.
		expect(offeredSlot({ ...choice, startsAt: '2026-11-30T08:00:00.000Z' }, sources, LONG_AGO)).toBeNull();
		// Off the 30-minute steps.
		expect(offeredSlot({ ...choice, startsAt: '2026-11-30T08:45:00.000Z' }, sources, LONG_AGO)).toBeNull();
		// A holiday.
		expect(offeredSlot({ ...choice, startsAt: '2026-12-24T09:00:00.000Z' }, sources, LONG_AGO)).toBeNull();
		// In the past.
		expect(
			offeredSlot({ ...choice, startsAt: '2026-11-30T08:30:00.000Z' }, sources, new Date('2026-12-01'))
		).toBeNull();
	});
});

describe('availability windows', () => {
	it('overlap only on the same weekday, time and validity', () => {
		const a = { weekday: 1, startTime: '09:00', endTime: '12:00', validFrom: '2026-01-01', validTo: null };
		expect(windowsOverlap(a, { ...a, startTime: '11:00', endTime: '13:00' })).toBe(true);
		expect(windowsOverlap(a, { ...a, startTime: '12:00', endTime: '13:00' })).toBe(false);
		expect(windowsOverlap(a, { ...a, weekday: 2 })).toBe(false);
		expect(windowsOverlap({ ...a, validTo: '2026-03-31' }, { ...a, validFrom: '2026-04-01' })).toBe(false);
		expect(windowsOverlap({ ...a, validTo: '2026-04-01' }, { ...a, validFrom: '2026-04-01' })).toBe(true);
		expect(firstOverlap([a, { ...a, weekday: 2 }, { ...a, startTime: '08:00', endTime: '09:30' }])).toBe(2);
		expect(firstOverlap([a], [{ ...a, startTime: '11:30', endTime: '14:00' }])).toBe(0);
		expect(firstOverlap([a, { ...a, weekday: 3 }])).toBe(-1);
	});

	it('refuses a window that ends before it starts or is off the grid', () => {
		const base = {
			weekday: 1,
			startTime: '09:00',
			endTime: '15:00',
			validFrom: '2026-01-01',
			formats: ['centre'],
			slotLengths: [60],
			bufferMin: 30
		};
		expect(validate(WindowInput, base).ok).toBe(true);
		expect(validate(WindowInput, { ...base, endTime: '08:00' })).toMatchObject({
			ok: false,
			fieldErrors: { endTime: 'bookingApi.endBeforeStart' }
		});
		expect(validate(WindowInput, { ...base, startTime: '09:10' })).toMatchObject({ ok: false });
		expect(validate(WindowInput, { ...base, slotLengths: [50] })).toMatchObject({ ok: false });
		expect(validate(WindowInput, { ...base, weekday: 8 })).toMatchObject({ ok: false });
	});
});

describe('booking requests and statuses', () => {
	const base = {
		clientId: '0190f0a0-0000-7000-8000-000000000001',
		centreId: '0190f0a0-0000-7000-8000-000000000002',
		topic: 'accounting',
		format: 'premises'
	};

	it('needs exactly one of a slot and preferred days', () => {
		expect(validate(BookingRequestInput, base)).toMatchObject({
			ok: false,
			fieldErrors: { slot: 'bookingApi.slotOrDays' }
		});
		expect(validate(BookingRequestInput, { ...base, preferredDays: ['2026-12-01'] }).ok).toBe(true);
		const slot = {
			advisorId: '0190f0a0-0000-7000-8000-000000000003',
			startsAt: '2026-12-01T09:00:00+01:00',
			lengthMin: 60
		};
		const ok = validate(BookingRequestInput, { ...base, slot });
		expect(ok).toMatchObject({ ok: true, value: { slot: { startsAt: '2026-12-01T08:00:00.000Z' } } });
		expect(validate(BookingRequestInput, { ...base, slot, preferredDays: ['2026-12-01'] }).ok).toBe(false);
		expect(
			validate(BookingRequestInput, { ...base, topic: 'astrology', preferredDays: ['2026-12-01'] }).ok
		).toBe(false);
	});

	it('knows which transitions are allowed', () => {
		expect(canTransition('requested', 'confirmed')).toBe(true);
		expect(canTransition('cancelled', 'confirmed')).toBe(false);
		expect(canTransition('confirmed', 'rescheduled')).toBe(true);
		expect(canTransition('rescheduled', 'done')).toBe(true);
		expect(canTransition('requested', 'done')).toBe(false);
		expect(canTransition('done', 'cancelled')).toBe(false);
	});
});
