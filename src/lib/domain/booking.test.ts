import { describe, expect, it } from 'vitest';
import {
	BookingRequestInput,
	ConfirmInput,
	ExceptionInput,
	ReasonInput,
	RescheduleInput,
	WindowInput
} from './booking';
import { validate } from './schemas';

const ADVISOR = '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b';
const CENTRE = '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0c';

const request = (overrides: Record<string, unknown> = {}) => ({
	clientId: '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0d',
	centreId: CENTRE,
	topic: 'accounting',
	format: 'centre',
	slot: { advisorId: ADVISOR, startsAt: '2026-12-01T09:00:00.000Z', lengthMin: 60 },
	...overrides
});

describe('booking instants', () => {
	it('accept an instant with a zone and store it as toISOString', () => {
		const result = validate(ConfirmInput, {
			advisorId: ADVISOR,
			startsAt: '2026-12-01T10:00+01:00',
			lengthMin: 60
		});
		expect(result.ok && result.value.startsAt).toBe('2026-12-01T09:00:00.000Z');
		expect(validate(BookingRequestInput, request()).ok).toBe(true);
	});

	it.each([
		'2026-11-31T13:00:00.000Z',
		'2026-02-30T09:00:00.000Z',
		'2027-02-29T09:00:00+01:00',
		'2026-12-01T09:00:00',
		'2026-12-01 09:00:00Z'
	])('refuse %s (JavaScript would move 31 November to 1 December)', (startsAt) => {
		expect(validate(RescheduleInput, { startsAt })).toEqual({
			ok: false,
			fieldErrors: { startsAt: 'validation.invalid' }
		});
		const slot = { advisorId: ADVISOR, startsAt, lengthMin: 60 };
		expect(validate(BookingRequestInput, request({ slot }))).toEqual({
			ok: false,
			fieldErrors: { 'slot.startsAt': 'validation.invalid' }
		});
	});
});

describe('booking dates', () => {
	const yearRange = 'validation.date.yearRange';

	it('refuse years before 2000 and after 2100', () => {
		const days = (preferredDays: string[]) => request({ slot: undefined, preferredDays });
		expect(validate(BookingRequestInput, days(['2026-12-01', '2100-12-31'])).ok).toBe(true);
		for (const date of ['1900-01-05', '0000-01-05', '0026-12-01', '2101-01-01']) {
			expect(validate(BookingRequestInput, days([date]))).toEqual({
				ok: false,
				fieldErrors: { 'preferredDays.0': yearRange }
			});
			const exception = { advisorId: ADVISOR, date, kind: 'leave' };
			expect(validate(ExceptionInput, exception)).toEqual({ ok: false, fieldErrors: { date: yearRange } });
		}
		// A date that does not exist keeps its own message.
		expect(validate(ExceptionInput, { advisorId: ADVISOR, date: '1900-02-29', kind: 'leave' })).toEqual({
			ok: false,
			fieldErrors: { date: 'bookingApi.date' }
		});
		const window = {
			weekday: 1,
			startTime: '09:00',
			endTime: '12:00',
			validFrom: '1999-12-31',
			formats: ['centre'],
			slotLengths: [60],
			bufferMin: 0
		};
		expect(validate(WindowInput, window)).toEqual({ ok: false, fieldErrors: { validFrom: yearRange } });
	});
});

describe('booking texts', () => {
	const broken = 'validation.brokenCharacter';

	it('refuse half of a surrogate pair, keep whole emoji', () => {
		expect(validate(BookingRequestInput, request({ note: 'Proszę o kontakt \ud83d' }))).toEqual({
			ok: false,
			fieldErrors: { note: broken }
		});
		expect(validate(ReasonInput, { reason: '\udc00 nie możemy' })).toEqual({
			ok: false,
			fieldErrors: { reason: broken }
		});
		const place = { advisorId: ADVISOR, startsAt: '2026-12-01T09:00:00.000Z', lengthMin: 60 };
		expect(validate(ConfirmInput, { ...place, place: 'Sala \ud800 2' })).toEqual({
			ok: false,
			fieldErrors: { place: broken }
		});
		expect(validate(BookingRequestInput, request({ note: 'Dziękuję 😀' })).ok).toBe(true);
	});
});
