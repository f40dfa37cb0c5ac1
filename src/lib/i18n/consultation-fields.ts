/**
 * How a consultation's fields are named and their values shown in histories, audit trails, refusals, conflicts
 * and the PDF card — one map and one formatter for the browser and the server.
 */
import {
	CONSULTATION_STATUSES,
	PLACE_KINDS,
	type ConsultationFormField,
	type CountedFacts
} from '$lib/domain/consultation';
import { shortDateLabel } from '$lib/domain/dates';
import { formatHoursMinutes, isValidDate } from '$lib/domain/hours';
import { isKnownTopic, topicLabelKey } from '$lib/domain/topics';
import { translate, type Locale, type MessageKey } from './translate';

export const FIELD_LABELS: Record<ConsultationFormField, MessageKey> = {
	organisationId: 'visit.organisation',
	date: 'log.date',
	startTime: 'log.start',
	endTime: 'log.end',
	durationMin: 'visit.duration',
	placeKind: 'visit.place',
	address: 'log.address',
	topics: 'visit.topics',
	notes: 'visit.notes',
	participants: 'visit.participants',
	participantCount: 'log.participantCount',
	followUps: 'visit.followUps'
};

/** Fields a person does not type, named where a server's reason points at them (a refusal's field). */
const RECORD_FIELD_LABELS: Record<string, MessageKey> = {
	signature: 'visit.field.signature',
	status: 'visit.field.status'
};

/**
 * What a consultation's audit entry holds besides its counted fields (those are form fields and `status`, above):
 * a flag's note, written by flagging and unflagging (server/review.ts: `{ comment }`).
 */
const AUDIT_FIELD_LABELS: Record<string, MessageKey> = {
	comment: 'review.audit.comment'
};

/** The field's name; an unknown field (from a newer server) by its key. */
export function consultationFieldName(field: string, locale: Locale): string {
	if (Object.hasOwn(FIELD_LABELS, field))
		return translate(locale, FIELD_LABELS[field as ConsultationFormField]);
	if (Object.hasOwn(RECORD_FIELD_LABELS, field)) return translate(locale, RECORD_FIELD_LABELS[field]!);
	return Object.hasOwn(AUDIT_FIELD_LABELS, field) ? translate(locale, AUDIT_FIELD_LABELS[field]!) : field;
}

/** A list value as one line: lists joined, participants as "name role". */
export function listValue(value: unknown): string {
	return Array.isArray(value)
		? value
				.map((v) => (v !== null && typeof v === 'object' ? Object.values(v).join(' ') : String(v)))
				.join(', ')
		: String(value ?? '');
}

/**
 * A before/after value as a person reads it: statuses, places and topics by name, minutes as h:mm, an
 * organisation by its name when the caller knows it. Empty is "—".
 */
export function consultationFieldValue(
	field: string,
	value: unknown,
	locale: Locale,
	organisationNames?: ReadonlyMap<string, string>
): string {
	if (value === null || value === undefined || value === '') return '—';
	if (field === 'status' && (CONSULTATION_STATUSES as readonly unknown[]).includes(value)) {
		return translate(locale, `consultationStatus.${value as (typeof CONSULTATION_STATUSES)[number]}`);
	}
	if (field === 'placeKind' && (PLACE_KINDS as readonly unknown[]).includes(value)) {
		return translate(locale, `place.${value as (typeof PLACE_KINDS)[number]}`);
	}
	if (field === 'topics' && Array.isArray(value)) {
		return value.map((v) => (isKnownTopic(v) ? translate(locale, topicLabelKey(v)) : String(v))).join(', ');
	}
	if (field === 'durationMin' && typeof value === 'number') return `${formatHoursMinutes(value)} h`;
	if (field === 'date' && typeof value === 'string' && isValidDate(value))
		return shortDateLabel(value, locale);
	if (field === 'organisationId' && typeof value === 'string') {
		return organisationNames?.get(value) ?? value.slice(0, 8) + '…';
	}
	return listValue(value) || '—';
}

/** How a record counts in a month, in a line: "1 paź 2026, 3:00 h, zatwierdzona" (late cards, both sides). */
export function countedFactsText(facts: CountedFacts, locale: Locale): string {
	return translate(locale, 'coord.card.facts', {
		date: shortDateLabel(facts.date, locale),
		hours: `${formatHoursMinutes(facts.durationMin)} h`,
		status: translate(locale, `consultationStatus.${facts.status}`)
	});
}

/**
 * A late record's hours in a line of a list: "Liczone teraz: 3:30 h · Po zatwierdzeniu: 4:30 h" — what the month
 * counts now (the baseline; nothing when it did not count) and what it counts once the change is approved.
 */
export function lateHoursText(
	hours: { countedMin: number | null; pendingMin: number | null },
	locale: Locale
): string {
	const now =
		hours.countedMin === null
			? translate(locale, 'coord.card.lateBaselineNone')
			: translate(locale, 'coord.card.lateBaseline', { before: `${formatHoursMinutes(hours.countedMin)} h` });
	if (hours.pendingMin === null) return now;
	return `${now} · ${translate(locale, 'coord.card.lateNow', { after: `${formatHoursMinutes(hours.pendingMin)} h` })}`;
}
