/** How a consultation's fields are named and shown in histories, refusals and conflicts: one map for every screen. */
import type { ConsultationFormField } from '$lib/domain/consultation';
import type { MessageKey } from '$lib/i18n/translate';
import { t } from '$lib/i18n/locale.svelte';

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

/** The field's name in the user's language; an unknown field (from a newer server) by its key. */
export function fieldName(field: string): string {
	return Object.hasOwn(FIELD_LABELS, field) ? t(FIELD_LABELS[field as ConsultationFormField]) : field;
}

/** A before/after value as one line: lists joined, participants as "name role". */
export function showValue(value: unknown): string {
	return Array.isArray(value)
		? value
				.map((v) => (v !== null && typeof v === 'object' ? Object.values(v).join(' ') : String(v)))
				.join(', ')
		: String(value ?? '');
}
