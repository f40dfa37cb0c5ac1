import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	AmendmentInput,
	AmendmentReason,
	AmendmentRecord,
	applyAmendment,
	ConsultationRecord,
	diffForAmendment,
	futureDateErrors,
	validateForCompletion
} from './consultation-rules';
import { CONSULTATION_FORM_FIELDS, type Consultation, type ConsultationForm } from './consultation';
import { validate } from './schemas';
import { isMessageKey } from '../i18n/translate';

const NOW = new Date('2026-05-12T10:00:00Z');
const ADVISOR = '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b';
const CENTRE = '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0c';
const ORG = '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0d';

function form(overrides: Partial<ConsultationForm> = {}): ConsultationForm {
	return {
		organisationId: ORG,
		date: '2026-05-12',
		startTime: '09:00',
		endTime: '10:30',
		durationMin: 90,
		placeKind: 'mobile',
		address: 'Świetlica wiejska, ul. Szkolna 3, 83-300 Kartuzy',
		topics: ['accounting', 'model-2-1'],
		notes: 'Omówiono sprawozdanie finansowe za 2025 r.',
		participants: [{ name: 'Anna Kowalska', role: 'skarbniczka' }],
		participantCount: 2,
		followUps: '',
		...overrides
	};
}

let seq = 0;
function consultation(overrides: Partial<Consultation> = {}): Consultation {
	seq++;
	return {
		id: `0190f3a2-1c2d-7e3f-8a4b-${String(seq).padStart(12, '0')}`,
		advisorId: ADVISOR,
		centreId: CENTRE,
		...form(),
		status: 'completed',
		signature: null,
		bookingId: null,
		createdAt: '2026-05-12T08:00:00.000Z',
		updatedAt: '2026-05-12T08:45:00.000Z',
		...overrides
	};
}

const errorsOf = (f: ConsultationForm, others: Consultation[] = []) =>
	validateForCompletion(f, { now: NOW, others }).fieldErrors;

describe('validateForCompletion', () => {
	it('accepts a complete card', () => {
		expect(validateForCompletion(form(), { now: NOW, others: [] })).toEqual({
			fieldErrors: {},
			warnings: { overlaps: [] }
		});
	});

	it.each([
		[{ organisationId: null }, 'organisationId', 'workbench.organisation.required'],
		[{ endTime: '08:30' }, 'endTime', 'workbench.timing.endBeforeStart'],
		[{ endTime: '09:00' }, 'endTime', 'workbench.timing.zeroDuration'],
		[{ endTime: '22:00', durationMin: 780 }, 'endTime', 'workbench.timing.tooLong'],
		[{ startTime: '9' }, 'startTime', 'workbench.timing.timeInvalid'],
		[{ date: '2026-05-32' }, 'date', 'workbench.timing.dateInvalid'],
		[{ date: '2026-05-25' }, 'date', 'workbench.timing.inFuture'],
		[
			{ date: '2026-03-29', startTime: '02:15', endTime: '04:00' },
			'startTime',
			'workbench.timing.timeNotExist'
		],
		[{ durationMin: 60 }, 'durationMin', 'workbench.timing.durationMismatch'],
		[{ placeKind: '' as never }, 'placeKind', 'workbench.placeKind.required'],
		[{ address: '  ' }, 'address', 'workbench.address.required'],
		[{ topics: [] }, 'topics', 'workbench.topics.required'],
		[{ topics: ['astrology'] }, 'topics', 'workbench.topics.unknown'],
		[{ topics: ['taxes', 'taxes'] }, 'topics', 'workbench.topics.duplicate'],
		[{ participantCount: 0, participants: [] }, 'participantCount', 'workbench.participantCount.tooFew'],
		[{ participantCount: 1.5 }, 'participantCount', 'workbench.participantCount.invalid'],
		[{ notes: 'x'.repeat(20_001) }, 'notes', 'workbench.notes.tooLong']
	] as const)('%j → %s: %s', (overrides, path, key) => {
		expect(errorsOf(form(overrides as Partial<ConsultationForm>))).toEqual({ [path]: key });
	});

	it('needs an address only for mobile advice', () => {
		expect(errorsOf(form({ placeKind: 'centre', address: '' }))).toEqual({});
		expect(errorsOf(form({ placeKind: 'remote', address: '' }))).toEqual({});
	});

	it('counts at least the named participants', () => {
		const three = [
			{ name: 'Anna Kowalska', role: 'prezeska' },
			{ name: 'Jan Nowak', role: '' },
			{ name: 'Ewa Wiśniewska', role: 'wolontariuszka' }
		];
		expect(errorsOf(form({ participants: three, participantCount: 2 }))).toEqual({
			participantCount: 'workbench.participantCount.tooFew'
		});
		expect(errorsOf(form({ participants: three, participantCount: 3 }))).toEqual({});
		expect(errorsOf(form({ participants: [], participantCount: 1 }))).toEqual({});
	});

	it('points at the participant whose name is missing', () => {
		const participants = [
			{ name: 'Anna Kowalska', role: '' },
			{ name: ' ', role: 'skarbnik' }
		];
		expect(errorsOf(form({ participants, participantCount: 2 }))).toEqual({
			'participants.1.name': 'workbench.participants.nameRequired'
		});
	});

	it('reports every broken field at once, first problem per field', () => {
		const errors = errorsOf(form({ organisationId: null, topics: [], endTime: '08:00', address: '' }));
		expect(errors).toEqual({
			organisationId: 'workbench.organisation.required',
			endTime: 'workbench.timing.endBeforeStart',
			address: 'workbench.address.required',
			topics: 'workbench.topics.required'
		});
		for (const key of Object.values(errors)) expect(isMessageKey(key)).toBe(true);
	});

	it('warns about overlapping records of the same advisor without blocking', () => {
		const own = consultation({ id: '0190f3a2-1c2d-7e3f-8a4b-aaaaaaaaaaaa' });
		const overlapping = consultation({ startTime: '10:00', endTime: '11:00', durationMin: 60 });
		const touching = consultation({ startTime: '10:30', endTime: '11:00', durationMin: 30 });
		const result = validateForCompletion(form(), {
			now: NOW,
			others: [own, overlapping, touching],
			id: own.id
		});
		expect(result.fieldErrors).toEqual({});
		expect(result.warnings.overlaps).toEqual([overlapping]);
	});
});

describe('futureDateErrors (the server, by its clock)', () => {
	const inFuture = { date: 'workbench.timing.inFutureOnServer' };

	it('refuses a counted card dated after today in Warsaw, not a draft, not today', () => {
		expect(futureDateErrors({ date: '2026-05-13', status: 'completed' }, NOW)).toEqual(inFuture);
		expect(futureDateErrors({ date: '2026-05-13', status: 'signed' }, NOW)).toEqual(inFuture);
		expect(futureDateErrors({ date: '2026-05-13', status: 'draft' }, NOW)).toEqual({});
		expect(futureDateErrors({ date: '2026-05-12', status: 'completed' }, NOW)).toEqual({});
	});

	it('allows a phone clock a few minutes ahead across midnight, not more', () => {
		// 23:55 in Warsaw (CEST, UTC+2): a phone 10 minutes ahead already dates its card the next day.
		const beforeMidnight = new Date('2026-05-12T21:55:00Z');
		expect(futureDateErrors({ date: '2026-05-13', status: 'completed' }, beforeMidnight)).toEqual({});
		const earlier = new Date('2026-05-12T21:45:00Z');
		expect(futureDateErrors({ date: '2026-05-13', status: 'completed' }, earlier)).toEqual(inFuture);
	});
});

describe('ConsultationRecord', () => {
	it('accepts a valid record and lower-cases ids', () => {
		const record = consultation({ id: '0190F3A2-1C2D-7E3F-8A4B-5C6D7E8F9A01' });
		const result = validate(ConsultationRecord, record);
		expect(result).toEqual({ ok: true, value: { ...record, id: record.id.toLowerCase() } });
	});

	it('accepts an unfinished draft', () => {
		const draft = consultation({
			status: 'draft',
			organisationId: null,
			endTime: '',
			durationMin: 0,
			topics: [],
			participantCount: 0
		});
		expect(validate(ConsultationRecord, draft).ok).toBe(true);
	});

	it('refuses unknown fields, malformed ids, dates, times, topics and statuses', () => {
		const result = validate(ConsultationRecord, {
			...consultation(),
			id: 'not-a-uuid',
			date: '12.05.2026',
			startTime: '9:00',
			topics: ['astrology'],
			status: 'deleted',
			extra: 1
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.fieldErrors).toMatchObject({
			id: 'validation.id',
			date: 'workbench.timing.dateInvalid',
			startTime: 'workbench.timing.timeInvalid',
			'topics.0': 'workbench.topics.unknown',
			status: 'validation.choice',
			extra: 'validation.unknownField'
		});
	});

	it('applies the completion rules (but not the date window) past a draft', () => {
		const far = consultation({ date: '2030-01-15' });
		expect(validate(ConsultationRecord, far).ok).toBe(true);
		const result = validate(ConsultationRecord, consultation({ durationMin: 45, organisationId: null }));
		expect(result).toEqual({
			ok: false,
			fieldErrors: {
				organisationId: 'workbench.organisation.required',
				durationMin: 'workbench.timing.durationMismatch'
			}
		});
		const nameless = consultation({ participants: [{ name: '', role: 'skarbnik' }] });
		expect(validate(ConsultationRecord, nameless)).toEqual({
			ok: false,
			fieldErrors: { 'participants.0.name': 'workbench.participants.nameRequired' }
		});
	});

	it('needs a well-formed signature on signed records', () => {
		expect(validate(ConsultationRecord, consultation({ status: 'signed' }))).toEqual({
			ok: false,
			fieldErrors: { signature: 'workbench.signature.required' }
		});
		// A coordinator approves unsigned cards too (a remote consultation has no one to sign it).
		expect(validate(ConsultationRecord, consultation({ status: 'approved' })).ok).toBe(true);
		const signature = {
			image:
				'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
			signerName: 'Anna Kowalska',
			signedAt: '2026-05-12T08:31:12.345Z'
		};
		expect(validate(ConsultationRecord, consultation({ status: 'approved', signature })).ok).toBe(true);
		const forged = { ...signature, image: 'javascript:alert(1)' };
		expect(validate(ConsultationRecord, consultation({ status: 'signed', signature: forged }))).toEqual({
			ok: false,
			fieldErrors: { 'signature.image': 'workbench.signature.invalid' }
		});
	});
});

describe('amendments', () => {
	const valid = {
		id: '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a10',
		consultationId: '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a11',
		authorId: ADVISOR,
		reason: '  Pomyłka w godzinie zakończenia  ',
		changes: { endTime: { before: '10:30', after: '11:00' }, durationMin: { before: 90, after: 120 } },
		createdAt: '2026-05-13T07:00:00.000Z'
	};

	it('accepts a reason and trims it', () => {
		expect(validate(AmendmentInput, { reason: valid.reason })).toEqual({
			ok: true,
			value: { reason: 'Pomyłka w godzinie zakończenia' }
		});
	});

	it.each([undefined, null, '', '    ', 'abcd', '  ab  '])(
		'needs a reason of at least 5 characters: %j',
		(reason) => {
			expect(validate(AmendmentInput, { reason })).toEqual({
				ok: false,
				fieldErrors: { reason: 'workbench.amendment.reasonRequired' }
			});
		}
	);

	it('limits the reason to 1000 characters', () => {
		expect(validate(AmendmentReason, 'x'.repeat(1000)).ok).toBe(true);
		expect(validate(AmendmentReason, 'x'.repeat(1001))).toEqual({
			ok: false,
			fieldErrors: { '': 'workbench.amendment.reasonTooLong' }
		});
	});

	it('accepts a whole amendment record from the network', () => {
		const result = validate(AmendmentRecord, valid);
		expect(result.ok && result.value.reason).toBe('Pomyłka w godzinie zakończenia');
	});

	it('refuses a record with no changes, fields not on the form, or a short reason', () => {
		expect(validate(AmendmentRecord, { ...valid, changes: {} })).toEqual({
			ok: false,
			fieldErrors: { changes: 'workbench.amendment.noChanges' }
		});
		const status = { ...valid, changes: { status: { before: 'signed', after: 'draft' } } };
		expect(validate(AmendmentRecord, status).ok).toBe(false);
		expect(validate(AmendmentRecord, { ...valid, reason: 'bo' })).toEqual({
			ok: false,
			fieldErrors: { reason: 'workbench.amendment.reasonRequired' }
		});
	});

	it('diffs only the changed fields, deeply', () => {
		const before = form();
		const after = form({
			endTime: '11:00',
			durationMin: 120,
			participants: [{ name: 'Anna Kowalska', role: 'prezeska' }],
			topics: ['model-2-1', 'accounting']
		});
		expect(diffForAmendment(before, after)).toEqual({
			endTime: { before: '10:30', after: '11:00' },
			durationMin: { before: 90, after: 120 },
			participants: {
				before: [{ name: 'Anna Kowalska', role: 'skarbniczka' }],
				after: [{ name: 'Anna Kowalska', role: 'prezeska' }]
			}
		});
		expect(diffForAmendment(before, form())).toEqual({});
	});

	it('diff copies values, so later edits of the form do not rewrite history', () => {
		const before = form();
		const after = form({ participants: [{ name: 'Jan Nowak', role: '' }] });
		const changes = diffForAmendment(before, after);
		after.participants[0]!.name = 'Ktoś inny';
		expect(changes.participants?.after).toEqual([{ name: 'Jan Nowak', role: '' }]);
	});

	it('applying a diff gives the amended form back', () => {
		const field = fc.constantFrom(...CONSULTATION_FORM_FIELDS);
		const edits = fc.dictionary(
			field,
			fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { maxLength: 3 }))
		);
		fc.assert(
			fc.property(edits, (overrides) => {
				const before = form();
				const after = { ...before, ...overrides } as ConsultationForm;
				const changes = diffForAmendment(before, after);
				const applied = applyAmendment(before, changes);
				expect(diffForAmendment(applied, after)).toEqual({});
				for (const change of Object.values(changes)) expect(change.before).not.toEqual(change.after);
			})
		);
	});
});
