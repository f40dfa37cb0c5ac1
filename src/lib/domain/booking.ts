/**
 * Bookings (issue 6): statuses and the transitions between them, the shapes the API sends and the device keeps,
 * and the Valibot schemas of every booking and availability request. Pure: shared by browser and server.
 * The contract with the screens is docs/booking-api.md.
 */
import * as v from 'valibot';
import { key, strict, typeMessage } from './schemas';
import { isKnownTopic } from './topics';
import { isValidDate, parseTime } from './hours';
import { inRecordYears, Instant, wellFormed } from './consultation-rules';
import type { MessageKey } from '../i18n/translate';

// ---------------------------------------------------------------------------------------------------------------
// Statuses, formats, transitions

export const BOOKING_FORMATS = ['premises', 'centre', 'remote'] as const;
export type BookingFormat = (typeof BOOKING_FORMATS)[number];

export const BOOKING_STATUSES = [
	'requested',
	'confirmed',
	'rescheduled',
	'done',
	'no_show',
	'declined',
	'cancelled'
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Statuses in which a booking holds an advisor's time (claims); a rescheduled booking is a confirmed one moved. */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['confirmed', 'rescheduled'];
export const FINAL_STATUSES: readonly BookingStatus[] = ['done', 'no_show', 'declined', 'cancelled'];

export const isHolding = (status: BookingStatus): boolean => HOLDING_STATUSES.includes(status);

const TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
	requested: ['confirmed', 'declined', 'cancelled'],
	confirmed: ['rescheduled', 'done', 'no_show', 'cancelled'],
	rescheduled: ['rescheduled', 'done', 'no_show', 'cancelled'],
	done: [],
	no_show: [],
	declined: [],
	cancelled: []
};

export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
	return TRANSITIONS[from].includes(to);
}

/** Why a change of status is refused, in words for the user: one message per status it cannot leave. */
export const BAD_TRANSITION_MESSAGES: Record<BookingStatus, MessageKey> = {
	requested: 'bookingApi.transition.requested',
	confirmed: 'bookingApi.transition.confirmed',
	rescheduled: 'bookingApi.transition.confirmed',
	done: 'bookingApi.transition.done',
	no_show: 'bookingApi.transition.noShow',
	declined: 'bookingApi.transition.declined',
	cancelled: 'bookingApi.transition.cancelled'
};

export const BOOKING_STATUS_LABELS: Record<BookingStatus, MessageKey> = {
	requested: 'bookingStatus.requested',
	confirmed: 'bookingStatus.confirmed',
	rescheduled: 'bookingStatus.rescheduled',
	done: 'bookingStatus.done',
	no_show: 'bookingStatus.noShow',
	declined: 'bookingStatus.declined',
	cancelled: 'bookingStatus.cancelled'
};

export const BOOKING_FORMAT_LABELS: Record<BookingFormat, MessageKey> = {
	premises: 'bookingFormat.premises',
	centre: 'bookingFormat.centre',
	remote: 'bookingFormat.remote'
};

/** The place kind of the consultation a booking becomes ("start consultation" prefills it). */
export const PLACE_KIND_OF_FORMAT = { premises: 'mobile', centre: 'centre', remote: 'remote' } as const;

/** Weekdays as ISO numbers: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Claims and slot starts sit on a 15-minute grid. */
export const CELL_MIN = 15;
/** Offered slot lengths must be whole cells between 15 min and 8 h. */
export const MAX_SLOT_LENGTH_MIN = 8 * 60;
export const MAX_BUFFER_MIN = 180;
/** How far ahead a slot may be booked and how wide one slots query may be. */
export const MAX_BOOKING_DAYS_AHEAD = 366;
export const MAX_SLOT_RANGE_DAYS = 62;
export const MAX_PREFERRED_DAYS = 10;
export const NEXT_FREE_SLOTS = 5;

// ---------------------------------------------------------------------------------------------------------------
// Shapes the API sends

export interface BookingConsultationFacts {
	topics: string[];
	durationMin: number;
	/** The next steps agreed with the organisation, once the card is finished ('' while it is a draft or has none). */
	followUps: string;
}

export interface BookingView {
	id: string;
	clientId: string | null;
	organisationId: string;
	organisationName: string;
	centreId: string;
	centreName: string;
	advisorId: string | null;
	advisorName: string | null;
	topic: string;
	format: BookingFormat;
	place: string;
	startsAt: string | null;
	endsAt: string | null;
	lengthMin: number | null;
	/** Warsaw date and wall-clock times of startsAt/endsAt, for screens and the consultation form. */
	date: string | null;
	startTime: string | null;
	endTime: string | null;
	status: BookingStatus;
	preferredDays: string[];
	note: string;
	reason: string | null;
	cancelledBy: 'ngo' | 'centre' | null;
	previousStartsAt: string | null;
	consultationId: string | null;
	/** Topics, hours and agreed next steps of the linked consultation — never its notes, participants or signature. */
	consultation: BookingConsultationFacts | null;
	version: number;
	createdAt: string;
	updatedAt: string;
	statusChangedAt: string;
}

export interface Slot {
	advisorId: string;
	advisorName: string;
	centreId: string;
	format: BookingFormat;
	lengthMin: number;
	startsAt: string;
	endsAt: string;
	date: string;
	startTime: string;
	endTime: string;
}

export interface AvailabilityWindow {
	id: string;
	advisorId: string;
	centreId: string;
	weekday: number;
	startTime: string;
	endTime: string;
	validFrom: string;
	validTo: string | null;
	formats: BookingFormat[];
	slotLengths: number[];
	bufferMin: number;
}

export type ExceptionKind = 'leave' | 'extra';

export interface AvailabilityException {
	id: string;
	advisorId: string;
	date: string;
	kind: ExceptionKind;
	centreId: string | null;
	startTime: string | null;
	endTime: string | null;
	formats: BookingFormat[];
	slotLengths: number[];
	bufferMin: number;
	note: string;
}

export interface CentreOption {
	id: string;
	name: string;
	town: string;
	kind: string;
	street: string;
	postalCode: string;
	gminaTerc: string;
	powiatTerc: string;
	formats: BookingFormat[];
	slotLengths: number[];
	match: 'town' | 'powiat' | 'other';
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const entityId = v.pipe(
	v.string(typeMessage()),
	v.trim(),
	v.toLowerCase(),
	v.nonEmpty(key('validation.required')),
	v.uuid(key('validation.id'))
);

const format = v.picklist(BOOKING_FORMATS, typeMessage('validation.choice'));

const dateText = v.pipe(v.string(typeMessage()), v.check(isValidDate, key('bookingApi.date')), inRecordYears);

const timeText = v.pipe(
	v.string(typeMessage()),
	v.check((t) => parseTime(t) !== null, key('bookingApi.time'))
);

const lengthMin = v.pipe(
	v.number(typeMessage()),
	v.integer(key('validation.invalid')),
	v.minValue(CELL_MIN, key('bookingApi.length')),
	v.maxValue(MAX_SLOT_LENGTH_MIN, key('bookingApi.length')),
	v.check((n) => n % CELL_MIN === 0, key('bookingApi.length'))
);

const reason = v.pipe(
	v.string(typeMessage()),
	v.trim(),
	v.nonEmpty(key('bookingApi.reasonRequired')),
	v.maxLength(500, key('bookingApi.tooLong')),
	wellFormed
);

const optionalText = (max: number) =>
	v.optional(
		v.pipe(v.string(typeMessage()), v.trim(), v.maxLength(max, key('bookingApi.tooLong')), wellFormed),
		''
	);

const place = v.optional(
	v.pipe(v.string(typeMessage()), v.trim(), v.maxLength(200, key('bookingApi.tooLong')), wellFormed)
);

export const SlotChoice = strict({ advisorId: entityId, startsAt: Instant, lengthMin });
export type SlotChoice = v.InferOutput<typeof SlotChoice>;

export const BookingRequestInput = v.pipe(
	strict({
		clientId: entityId,
		centreId: entityId,
		topic: v.pipe(
			v.string(typeMessage()),
			v.check((t: string) => isKnownTopic(t), key('validation.choice'))
		),
		format,
		slot: v.optional(SlotChoice),
		preferredDays: v.optional(
			v.pipe(
				v.array(dateText, typeMessage()),
				v.minLength(1, key('bookingApi.preferredDays')),
				v.maxLength(MAX_PREFERRED_DAYS, key('bookingApi.preferredDays')),
				v.check((days) => new Set(days).size === days.length, key('bookingApi.preferredDays'))
			)
		),
		note: optionalText(1000)
	}),
	v.forward(
		v.check(
			(input) => (input.slot === undefined) !== (input.preferredDays === undefined),
			key('bookingApi.slotOrDays')
		),
		['slot']
	)
);
export type BookingRequestInput = v.InferOutput<typeof BookingRequestInput>;

export const ConfirmInput = strict({ advisorId: entityId, startsAt: Instant, lengthMin, place });
export type ConfirmInput = v.InferOutput<typeof ConfirmInput>;

export const RescheduleInput = strict({
	startsAt: Instant,
	lengthMin: v.optional(lengthMin),
	advisorId: v.optional(entityId),
	place
});
export type RescheduleInput = v.InferOutput<typeof RescheduleInput>;

export const ReasonInput = strict({ reason });
export type ReasonInput = v.InferOutput<typeof ReasonInput>;

const formats = v.pipe(
	v.array(format, typeMessage()),
	v.minLength(1, key('bookingApi.formatsRequired')),
	v.transform((list) => [...new Set(list)])
);

const slotLengths = v.pipe(
	v.array(lengthMin, typeMessage()),
	v.minLength(1, key('bookingApi.lengthsRequired')),
	v.maxLength(8, key('bookingApi.lengthsRequired')),
	v.transform((list) => [...new Set(list)].sort((a, b) => a - b))
);

const bufferMin = v.pipe(
	v.number(typeMessage()),
	v.integer(key('validation.invalid')),
	v.minValue(0, key('bookingApi.buffer')),
	v.maxValue(MAX_BUFFER_MIN, key('bookingApi.buffer')),
	v.check((n) => n % CELL_MIN === 0, key('bookingApi.buffer'))
);

const onGrid = (t: string) => (parseTime(t) ?? 1) % CELL_MIN === 0;
const gridTime = v.pipe(timeText, v.check(onGrid, key('bookingApi.grid')));

export const WindowInput = v.pipe(
	strict({
		weekday: v.pipe(
			v.number(typeMessage()),
			v.integer(key('validation.choice')),
			v.minValue(1, key('validation.choice')),
			v.maxValue(7, key('validation.choice'))
		),
		startTime: gridTime,
		endTime: gridTime,
		validFrom: dateText,
		validTo: v.optional(v.nullable(dateText), null),
		formats,
		slotLengths,
		bufferMin
	}),
	v.forward(
		v.check(
			(w) => (parseTime(w.endTime) ?? 0) > (parseTime(w.startTime) ?? 0),
			key('bookingApi.endBeforeStart')
		),
		['endTime']
	),
	v.forward(
		v.check((w) => w.validTo === null || w.validTo >= w.validFrom, key('bookingApi.validToBeforeFrom')),
		['validTo']
	)
);
export type WindowInput = v.InferOutput<typeof WindowInput>;

export const AvailabilityInput = strict({
	advisorId: entityId,
	centreId: entityId,
	windows: v.pipe(v.array(WindowInput, typeMessage()), v.maxLength(50, key('validation.invalid')))
});
export type AvailabilityInput = v.InferOutput<typeof AvailabilityInput>;

export const ExceptionInput = v.pipe(
	strict({
		advisorId: entityId,
		date: dateText,
		kind: v.picklist(['leave', 'extra'] as const, typeMessage('validation.choice')),
		centreId: v.optional(v.nullable(entityId), null),
		startTime: v.optional(v.nullable(gridTime), null),
		endTime: v.optional(v.nullable(gridTime), null),
		formats: v.optional(formats),
		slotLengths: v.optional(slotLengths),
		bufferMin: v.optional(bufferMin, 0),
		note: optionalText(300)
	}),
	v.forward(
		v.check((e) => (e.startTime === null) === (e.endTime === null), key('bookingApi.bothTimes')),
		['endTime']
	),
	v.forward(
		v.check(
			(e) =>
				e.startTime === null ||
				e.endTime === null ||
				(parseTime(e.endTime) ?? 0) > (parseTime(e.startTime) ?? 0),
			key('bookingApi.endBeforeStart')
		),
		['endTime']
	),
	v.forward(
		v.check(
			(e) => e.kind === 'leave' || (e.centreId !== null && e.startTime !== null),
			key('bookingApi.extraNeedsPlace')
		),
		['centreId']
	)
);
export type ExceptionInput = v.InferOutput<typeof ExceptionInput>;

export const BookingSettingsInput = strict({ formats });
export type BookingSettingsInput = v.InferOutput<typeof BookingSettingsInput>;

// ---------------------------------------------------------------------------------------------------------------
// Overlapping availability

/** Two windows of one advisor overlap when they share a weekday, a stretch of time and a stretch of validity. */
export function windowsOverlap(
	a: Pick<AvailabilityWindow, 'weekday' | 'startTime' | 'endTime' | 'validFrom' | 'validTo'>,
	b: Pick<AvailabilityWindow, 'weekday' | 'startTime' | 'endTime' | 'validFrom' | 'validTo'>
): boolean {
	if (a.weekday !== b.weekday) return false;
	if (!(a.startTime < b.endTime && b.startTime < a.endTime)) return false;
	const aTo = a.validTo ?? '9999-12-31';
	const bTo = b.validTo ?? '9999-12-31';
	return a.validFrom <= bTo && b.validFrom <= aTo;
}

/** Index of the first window that overlaps an earlier one (or one of `others`), or -1. */
export function firstOverlap<
	W extends Pick<AvailabilityWindow, 'weekday' | 'startTime' | 'endTime' | 'validFrom' | 'validTo'>
>(windows: readonly W[], others: readonly W[] = []): number {
	for (let i = 0; i < windows.length; i++) {
		const w = windows[i]!;
		if (others.some((o) => windowsOverlap(w, o))) return i;
		for (let j = 0; j < i; j++) if (windowsOverlap(w, windows[j]!)) return i;
	}
	return -1;
}
