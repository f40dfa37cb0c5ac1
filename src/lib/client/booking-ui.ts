/**
 * What the booking screens share: how a booking's time, place and topic read, slots grouped by day, the centres an
 * organisation sees first, the next working days to offer, which free times to ask for (two weeks at a time), who may
 * move a meeting, and the consultation form a booking prefills.
 * Pure apart from the locale; the data comes from the device (client/db/bookings.ts) or the booking API.
 */
import type { Locale, MessageKey } from '$lib/i18n/translate';
import { dayLabel } from '$lib/domain/dates';
import { addDays, durationBetween, warsawInstant, warsawTime, warsawToday } from '$lib/domain/hours';
import { isWorkingDay } from '$lib/domain/calendar';
import { isKnownTopic, topicLabelKey } from '$lib/domain/topics';
import {
	BOOKING_FORMAT_LABELS,
	BOOKING_STATUS_LABELS,
	FINAL_STATUSES,
	MAX_BOOKING_DAYS_AHEAD,
	PLACE_KIND_OF_FORMAT,
	canTransition,
	type BookingFormat,
	type BookingView,
	type Slot
} from '$lib/domain/booking';
import type { ColleagueVisit, ConsultationForm } from '$lib/domain/consultation';
import { polishOrder } from '$lib/domain/collation';

/** "czwartek, 4 grudnia · 10:00–11:00", or null for a request without a time yet. */
export function whenOf(booking: Pick<BookingView, 'date' | 'startTime' | 'endTime'>, locale: Locale) {
	if (!booking.date || !booking.startTime) return null;
	return `${dayLabel(booking.date, locale)} · ${booking.startTime}–${booking.endTime ?? ''}`;
}

/**
 * The "not yet" lines of a booking card — "time to be set by the centre", "an advisor will be assigned": only
 * while the request awaits the centre. A declined or cancelled booking never gets either, so it says neither.
 */
export function awaitedByRequest(
	booking: Pick<BookingView, 'status' | 'date' | 'startTime' | 'advisorName'>
): { time: boolean; advisor: boolean } {
	const open = booking.status === 'requested';
	return { time: open && (!booking.date || !booking.startTime), advisor: open && !booking.advisorName };
}

/** The same for an ISO instant (a booking's previous time). */
export function whenOfInstant(iso: string, locale: Locale): string {
	const instant = new Date(iso);
	return `${dayLabel(warsawToday(instant), locale)} · ${warsawTime(instant)}`;
}

export function slotWhen(slot: Slot, locale: Locale): string {
	return `${dayLabel(slot.date, locale)} · ${slot.startTime}–${slot.endTime}`;
}

/** 'w siedzibie organizacji' → 'W siedzibie organizacji': a catalogue phrase used on its own. */
export function sentence(text: string): string {
	return text.charAt(0).toLocaleUpperCase('pl') + text.slice(1);
}

export const statusLabel = (status: BookingView['status']): MessageKey => BOOKING_STATUS_LABELS[status];
export const formatLabel = (format: BookingFormat): MessageKey => BOOKING_FORMAT_LABELS[format];
export const topicLabel = (topic: string): MessageKey | null =>
	isKnownTopic(topic) ? topicLabelKey(topic) : null;

export interface DayGroup<T> {
	date: string;
	items: T[];
}

/** Items in time order, grouped by their Warsaw date (days in order). */
export function groupByDay<T extends { date: string | null; startTime?: string | null }>(
	items: readonly T[]
): DayGroup<T>[] {
	const sorted = [...items].sort((a, b) =>
		`${a.date ?? ''}${a.startTime ?? ''}`.localeCompare(`${b.date ?? ''}${b.startTime ?? ''}`)
	);
	const groups: DayGroup<T>[] = [];
	for (const item of sorted) {
		const date = item.date ?? '';
		const last = groups[groups.length - 1];
		if (last?.date === date) last.items.push(item);
		else groups.push({ date, items: [item] });
	}
	return groups;
}

/** The next `count` working days after today (Warsaw): the preferred-day chips of a premises request. */
export function nextWorkingDays(now: Date, count: number): string[] {
	const days: string[] = [];
	let date = warsawToday(now);
	while (days.length < count) {
		date = addDays(date, 1);
		if (isWorkingDay(date)) days.push(date);
	}
	return days;
}

interface Place {
	town: string;
	gminaTerc: string;
	powiatTerc: string;
}

const fold = (text: string) => text.trim().toLocaleLowerCase('pl');

/** How near a centre is to the organisation, without maps: same town or gmina, same powiat, the rest. */
export function nearness(centre: Place, organisation: Place | null): 'town' | 'powiat' | 'other' {
	if (!organisation) return 'other';
	if (fold(centre.town) === fold(organisation.town) || centre.gminaTerc === organisation.gminaTerc)
		return 'town';
	if (centre.powiatTerc && centre.powiatTerc === organisation.powiatTerc) return 'powiat';
	return 'other';
}

const RANK = { town: 0, powiat: 1, other: 2 } as const;

/** The device's centres in the order the API would give them (used offline, and before its answer arrives). */
export function orderCentres<T extends Place & { name: string }>(
	centres: readonly T[],
	organisation: Place | null
) {
	return [...centres].sort(
		(a, b) =>
			RANK[nearness(a, organisation)] - RANK[nearness(b, organisation)] || polishOrder.compare(a.name, b.name)
	);
}

/** Upcoming: not final, and either without a time yet or not yet ended. Past: the rest, newest first. */
export function splitUpcoming<T extends Pick<BookingView, 'status' | 'endsAt' | 'startsAt'>>(
	bookings: readonly T[],
	now: Date
): { upcoming: T[]; past: T[] } {
	const upcoming: T[] = [];
	const past: T[] = [];
	for (const b of bookings) {
		const ended = b.endsAt !== null && new Date(b.endsAt).getTime() <= now.getTime();
		if (FINAL_STATUSES.includes(b.status) || ended) past.push(b);
		else upcoming.push(b);
	}
	const key = (b: T) => b.startsAt ?? '9999';
	upcoming.sort((a, b) => key(a).localeCompare(key(b)));
	past.sort((a, b) => key(b).localeCompare(key(a)));
	return { upcoming, past };
}

/**
 * Where to look for a request's free times: its preferred days (those still ahead) when it has some, else the next
 * two weeks. `days`: the dates a slot must fall on, null for any.
 */
export function slotSearchFor(
	preferredDays: readonly string[],
	today: string
): { from: string; to: string; days: string[] | null } {
	const ahead = preferredDays.filter((day) => day >= today).sort();
	if (ahead.length === 0) return { from: today, to: addDays(today, 14), days: null };
	return { from: ahead[0]!, to: ahead.at(-1)!, days: ahead };
}

/** What `/api/slots` is asked: a centre's free times in one format, of one length and advisor when given. */
export interface SlotQuery {
	centreId: string;
	format: BookingFormat;
	/** Omitted: every length the advisors offer. */
	lengthMin?: number | null;
	/** Omitted: every advisor of the centre. */
	advisorId?: string | null;
	from: string;
	to: string;
}

/** The `/api/slots` address of a query. */
export function slotsPath(query: SlotQuery): string {
	const params = new URLSearchParams({ centreId: query.centreId, format: query.format });
	if (query.lengthMin) params.set('length', String(query.lengthMin));
	if (query.advisorId) params.set('advisorId', query.advisorId);
	params.set('from', query.from);
	params.set('to', query.to);
	return `/api/slots?${params}`;
}

/** Days of free times shown at once, and added by "Pokaż kolejne dwa tygodnie". */
export const SLOT_STEP_DAYS = 14;

/** The free times shown first: from today, two weeks ahead. */
export function firstSlotsRange(today: string): { from: string; to: string } {
	return { from: today, to: addDays(today, SLOT_STEP_DAYS) };
}

/**
 * The two weeks after those shown (up to `shownTo`), never past the last day a booking may take (a year ahead);
 * null once that day is shown.
 */
export function nextSlotsRange(shownTo: string, today: string): { from: string; to: string } | null {
	const last = addDays(today, MAX_BOOKING_DAYS_AHEAD - 1);
	if (shownTo >= last) return null;
	const to = addDays(shownTo, SLOT_STEP_DAYS);
	return { from: addDays(shownTo, 1), to: to < last ? to : last };
}

/**
 * Whether the organisation may move a meeting to another free time itself: one that holds a time with an advisor
 * (confirmed or already moved) and has not begun. The server decides again (`rescheduleBooking`).
 */
export function organisationMayMove(
	booking: Pick<BookingView, 'status' | 'advisorId' | 'startsAt'>,
	now: Date
): boolean {
	return (
		canTransition(booking.status, 'rescheduled') &&
		booking.advisorId !== null &&
		booking.startsAt !== null &&
		Date.parse(booking.startsAt) > now.getTime()
	);
}

export type PastItem =
	| { kind: 'booking'; id: string; booking: BookingView }
	| { kind: 'visit'; id: string; visit: ColleagueVisit };

/**
 * An organisation's past list: its past bookings (as `splitUpcoming` orders them, newest first; those never given
 * a time first) with the visits it had without a booking, each at its own start.
 */
export function pastWithVisits(past: readonly BookingView[], visits: readonly ColleagueVisit[]): PastItem[] {
	const items = [
		...past.map((booking) => ({
			item: { kind: 'booking' as const, id: booking.id, booking },
			key: booking.startsAt ?? '9999'
		})),
		...visits.map((visit) => ({
			item: { kind: 'visit' as const, id: visit.id, visit },
			key: warsawInstant(visit.date, visit.startTime || '00:00', 'first')?.toISOString() ?? visit.date
		}))
	];
	// Stable: bookings keep their order among themselves.
	return items.sort((a, b) => b.key.localeCompare(a.key)).map(({ item }) => item);
}

/**
 * The visit form a confirmed booking starts: its organisation, topic, place kind and address, date and time.
 * The booking's length is kept when the clock allows it (a visit across the autumn hour keeps its minutes).
 */
export function consultationFromBooking(booking: BookingView): Partial<ConsultationForm> {
	const form: Partial<ConsultationForm> = {
		organisationId: booking.organisationId,
		placeKind: PLACE_KIND_OF_FORMAT[booking.format],
		address: booking.place,
		topics: isKnownTopic(booking.topic) ? [booking.topic] : []
	};
	if (booking.date && booking.startTime && booking.endTime) {
		form.date = booking.date;
		form.startTime = booking.startTime;
		form.endTime = booking.endTime;
		form.durationMin =
			durationBetween(booking.date, booking.startTime, booking.endTime) ?? booking.lengthMin ?? 60;
	}
	return form;
}
