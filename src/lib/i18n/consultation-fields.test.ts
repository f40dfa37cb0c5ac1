import { describe, expect, it } from 'vitest';
import { translate } from './translate';
import { consultationFieldName, consultationFieldValue, lateHoursText } from './consultation-fields';
import { COUNTED_FIELDS } from '$lib/server/sync/records';

describe('consultation field names and values', () => {
	it('names known fields in either language and unknown ones by their key', () => {
		expect(consultationFieldName('durationMin', 'pl')).toBe('Czas');
		expect(consultationFieldName('durationMin', 'en')).toBe(translate('en', 'visit.duration'));
		expect(consultationFieldName('fromANewerServer', 'pl')).toBe('fromANewerServer');
	});

	it("names every field the server writes into a consultation's audit entry, in either language", () => {
		// Changes of counted hours (sync/push.ts, a late approval in review.ts) list counted fields; a flag and its
		// removal (review.ts) the coordinator's note as `comment`.
		for (const field of [...COUNTED_FIELDS, 'comment']) {
			for (const locale of ['pl', 'en'] as const) {
				expect(consultationFieldName(field, locale), `${field} (${locale})`).not.toBe(field);
			}
		}
		expect(consultationFieldName('comment', 'pl')).toBe('Komentarz dla doradcy');
		expect(consultationFieldName('comment', 'en')).toBe('Comment for the advisor');
	});

	it('shows statuses, places, topics and minutes in words', () => {
		expect(consultationFieldValue('status', 'approved', 'pl')).toBe('zatwierdzona');
		expect(consultationFieldValue('placeKind', 'centre', 'pl')).toBe('W COP');
		expect(consultationFieldValue('topics', ['model-1-4', 'no-such-topic'], 'pl')).toBe(
			`${translate('pl', 'topic.model-1-4')}, no-such-topic`
		);
		expect(consultationFieldValue('durationMin', 105, 'pl')).toBe('1:45 h');
		expect(consultationFieldValue('date', '2026-11-29', 'pl')).toBe('29 lis 2026');
		expect(consultationFieldValue('date', '2026-11-29', 'en')).toBe('29 Nov 2026');
		expect(consultationFieldValue('date', 'wczoraj', 'pl')).toBe('wczoraj');
	});

	it('names an organisation when the caller knows it, else shortens its id', () => {
		const id = '0190a000-0000-7000-8000-000000000001';
		expect(consultationFieldValue('organisationId', id, 'pl', new Map([[id, 'KGW Kępice']]))).toBe(
			'KGW Kępice'
		);
		expect(consultationFieldValue('organisationId', id, 'pl')).toBe('0190a000…');
	});

	it('shows empty values as a dash and participants as one line', () => {
		expect(consultationFieldValue('notes', '', 'pl')).toBe('—');
		expect(consultationFieldValue('notes', null, 'pl')).toBe('—');
		expect(consultationFieldValue('participants', [{ name: 'Anna Nowak', role: 'prezes' }], 'pl')).toBe(
			'Anna Nowak prezes'
		);
	});

	it("says a late record's counted hours and the hours after approval", () => {
		expect(lateHoursText({ countedMin: 210, pendingMin: 270 }, 'pl')).toBe(
			'Liczone teraz: 3:30 h · Po zatwierdzeniu: 4:30 h'
		);
		expect(lateHoursText({ countedMin: 210, pendingMin: 270 }, 'en')).toBe(
			'Counted now: 3:30 h · After approval: 4:30 h'
		);
		expect(lateHoursText({ countedMin: null, pendingMin: 45 }, 'pl')).toBe(
			`${translate('pl', 'coord.card.lateBaselineNone')} · Po zatwierdzeniu: 0:45 h`
		);
		expect(lateHoursText({ countedMin: 60, pendingMin: null }, 'pl')).toBe('Liczone teraz: 1:00 h');
	});
});
