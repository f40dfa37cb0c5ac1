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
	Instant,
	isSignatureImage,
	SIGNATURE_MAX_HEIGHT,
	SIGNATURE_MAX_LENGTH,
	SIGNATURE_MAX_WIDTH,
	SignatureRecord,
	unsendableFormErrors,
	validateForCompletion
} from './consultation-rules';
// The demo's signature: a real drawing of the pad, stored as the phone stores it (240 × 80 RGBA).
import padSignature from '../server/db/demo-signature.png?inline';
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

// ---------------------------------------------------------------------------------------------------------------

/** A 1 × 1 RGBA PNG, complete and sound. */
const TINY_PNG =
	'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A data URL of a PNG signature and a first chunk of `type` with IHDR's fields (no image data: none is read). */
function pngHeader(
	width: number,
	height: number,
	{ bitDepth = 8, colourType = 6, interlace = 0, type = 'IHDR' } = {}
): string {
	const bytes = Buffer.alloc(8 + 25);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
	bytes.writeUInt32BE(13, 8);
	bytes.write(type, 12, 'latin1');
	bytes.writeUInt32BE(width, 16);
	bytes.writeUInt32BE(height, 20);
	bytes.set([bitDepth, colourType, 0, 0, interlace], 24);
	return `data:image/png;base64,${bytes.toString('base64')}`;
}

describe('signature images', () => {
	const signed = (image: string) =>
		validate(SignatureRecord, { image, signerName: 'Anna Kowalska', signedAt: '2026-05-12T08:31:12.345Z' });
	const refused = { ok: false, fieldErrors: { image: 'workbench.signature.invalid' } };

	it('accepts the PNG a signature pad makes', () => {
		expect(padSignature).toMatch(/^data:image\/png;base64,/);
		expect(signed(padSignature).ok).toBe(true);
		expect(signed(TINY_PNG).ok).toBe(true);
		expect(isSignatureImage(pngHeader(SIGNATURE_MAX_WIDTH, SIGNATURE_MAX_HEIGHT))).toBe(true);
		expect(isSignatureImage(pngHeader(720, 512, { colourType: 2 }))).toBe(true);
	});

	it('refuses base64 that is not a PNG, or too short to hold its header', () => {
		const base64 = (text: string) => `data:image/png;base64,${Buffer.from(text).toString('base64')}`;
		expect(signed(base64('hello world'))).toEqual(refused);
		expect(signed(base64('hello world, a longer text than a PNG header needs'))).toEqual(refused);
		expect(signed('data:image/png;base64,A')).toEqual(refused);
		expect(signed('data:image/png;base64,AAAA')).toEqual(refused);
		expect(signed('data:image/png;base64,iVBORw0KGgo=')).toEqual(refused);
		// A JPEG's bytes under a PNG's name.
		const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60)]).toString('base64');
		expect(signed(`data:image/png;base64,${jpeg}`)).toEqual(refused);
		// Cut inside the header.
		expect(signed(TINY_PNG.slice(0, 'data:image/png;base64,'.length + 40))).toEqual(refused);
	});

	it('refuses a PNG whose first chunk is not a sound IHDR', () => {
		expect(signed(pngHeader(100, 50, { type: 'IDAT' }))).toEqual(refused);
		expect(signed(pngHeader(100, 50, { bitDepth: 7 }))).toEqual(refused);
		expect(signed(pngHeader(100, 50, { colourType: 5 }))).toEqual(refused);
		expect(signed(pngHeader(100, 50, { colourType: 2, bitDepth: 4 }))).toEqual(refused);
		expect(signed(pngHeader(100, 50, { interlace: 1 }))).toEqual(refused);
	});

	it('refuses empty and huge dimensions', () => {
		expect(signed(pngHeader(0, 50))).toEqual(refused);
		expect(signed(pngHeader(100, 0))).toEqual(refused);
		expect(signed(pngHeader(SIGNATURE_MAX_WIDTH + 1, 50))).toEqual(refused);
		expect(signed(pngHeader(100, SIGNATURE_MAX_HEIGHT + 1))).toEqual(refused);
		expect(signed(pngHeader(0xffffffff, 0xffffffff))).toEqual(refused);
	});

	it('still refuses another type, data after the base64, and more than SIGNATURE_MAX_LENGTH', () => {
		expect(signed(TINY_PNG.replace('image/png', 'image/svg+xml'))).toEqual(refused);
		expect(signed(`${TINY_PNG}<script>`)).toEqual(refused);
		expect(signed(`${TINY_PNG.slice(0, -2)}${'A'.repeat(SIGNATURE_MAX_LENGTH)}`)).toEqual(refused);
	});

	it('refuses a signed record whose image is not a PNG', () => {
		const signature = {
			image: `data:image/png;base64,${Buffer.from('hello world').toString('base64')}`,
			signerName: 'Anna Kowalska',
			signedAt: '2026-05-12T08:31:12.345Z'
		};
		expect(validate(ConsultationRecord, consultation({ status: 'signed', signature }))).toEqual({
			ok: false,
			fieldErrors: { 'signature.image': 'workbench.signature.invalid' }
		});
	});
});

describe('instants', () => {
	it('are ISO instants with a zone, normalised to toISOString', () => {
		expect(validate(Instant, '2026-05-12T08:31:12.345Z')).toEqual({
			ok: true,
			value: '2026-05-12T08:31:12.345Z'
		});
		expect(validate(Instant, '2026-05-12T10:31+02:00')).toEqual({
			ok: true,
			value: '2026-05-12T08:31:00.000Z'
		});
		expect(validate(Instant, '2028-02-29T12:00:00Z').ok).toBe(true);
		for (const bad of ['2026-05-12', '2026-05-12T08:31:12', '12.05.2026 08:31', '2026-05-12T24:00:00Z', '']) {
			expect(validate(Instant, bad).ok, bad).toBe(false);
		}
	});

	it('refuse dates that do not exist instead of moving them to the next month', () => {
		for (const bad of [
			'2026-11-31T13:00:00.000Z',
			'2026-02-30T10:00:00.000Z',
			'2026-02-29T10:00:00.000Z',
			'2026-13-01T10:00:00.000Z',
			'2026-04-00T10:00:00.000Z'
		]) {
			expect(validate(Instant, bad), bad).toEqual({ ok: false, fieldErrors: { '': 'validation.invalid' } });
		}
	});

	it('are checked in every instant of a record: created, updated, signed, amended', () => {
		const impossible = '2026-11-31T13:00:00.000Z';
		expect(validate(ConsultationRecord, consultation({ createdAt: impossible }))).toEqual({
			ok: false,
			fieldErrors: { createdAt: 'validation.invalid' }
		});
		expect(validate(ConsultationRecord, consultation({ updatedAt: impossible }))).toEqual({
			ok: false,
			fieldErrors: { updatedAt: 'validation.invalid' }
		});
		const signature = { image: TINY_PNG, signerName: 'Anna Kowalska', signedAt: impossible };
		expect(validate(ConsultationRecord, consultation({ status: 'signed', signature }))).toEqual({
			ok: false,
			fieldErrors: { 'signature.signedAt': 'validation.invalid' }
		});
		const amendment = {
			id: '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a10',
			consultationId: '0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a11',
			authorId: ADVISOR,
			reason: 'Pomyłka w godzinie zakończenia',
			changes: { endTime: { before: '10:30', after: '11:00' } },
			createdAt: impossible
		};
		expect(validate(AmendmentRecord, amendment)).toEqual({
			ok: false,
			fieldErrors: { createdAt: 'validation.invalid' }
		});
	});
});

describe('the years a consultation may be dated in', () => {
	const yearRange = 'validation.date.yearRange';

	it.each(['1900-01-05', '0000-01-05', '0026-05-12', '1999-12-31', '2101-01-01', '9999-12-31'])(
		'%s is refused, draft or not, on the server and on the phone',
		(date) => {
			for (const status of ['draft', 'completed'] as const) {
				const record = consultation({ date, status });
				const result = validate(ConsultationRecord, record);
				expect(result.ok).toBe(false);
				if (!result.ok) expect(result.fieldErrors.date).toBe(yearRange);
			}
			expect(unsendableFormErrors(form({ date }))).toEqual({ date: yearRange });
		}
	);

	it('2000 to 2100 are fine; a date that does not exist keeps its own message', () => {
		expect(validate(ConsultationRecord, consultation({ date: '2000-01-03' })).ok).toBe(true);
		expect(validate(ConsultationRecord, consultation({ date: '2100-12-31' })).ok).toBe(true);
		expect(unsendableFormErrors(form({ date: '1900-02-29' }))).toEqual({
			date: 'workbench.timing.dateInvalid'
		});
	});
});

describe('text with half of a surrogate pair', () => {
	const broken = 'validation.brokenCharacter';

	it.each([
		['a lone high surrogate', 'Notatka \ud800 dalej'],
		['a lone low surrogate', 'Notatka \udc00'],
		['a pair in the wrong order', '\udc00\ud83d'],
		['a high surrogate at the end', 'Ala ma kota \ud83d'],
		['a pair and one more low half', '\ud83d\ude00\ude00']
	])('is refused in every typed text: %s', (_, text) => {
		for (const field of ['notes', 'followUps', 'address'] as const) {
			expect(unsendableFormErrors(form({ [field]: text }))).toEqual({ [field]: broken });
			const result = validate(ConsultationRecord, consultation({ [field]: text }));
			expect(result).toEqual({ ok: false, fieldErrors: { [field]: broken } });
		}
		const participants = [{ name: `Anna ${text}`, role: text }];
		expect(validate(ConsultationRecord, consultation({ participants }))).toEqual({
			ok: false,
			fieldErrors: { 'participants.0.name': broken, 'participants.0.role': broken }
		});
		const signature = { image: TINY_PNG, signerName: `Anna ${text}`, signedAt: '2026-05-12T08:31:12.345Z' };
		expect(validate(ConsultationRecord, consultation({ status: 'signed', signature }))).toEqual({
			ok: false,
			fieldErrors: { 'signature.signerName': broken }
		});
		expect(validate(AmendmentReason, `Pomyłka ${text}`)).toEqual({ ok: false, fieldErrors: { '': broken } });
	});

	it('whole emoji and Polish letters are fine', () => {
		const text = 'Zażółć gęślą jaźń 😀👍🏽 — ﬁ 𝄞';
		expect(unsendableFormErrors(form({ notes: text, followUps: text }))).toEqual({});
		expect(validate(ConsultationRecord, consultation({ notes: text })).ok).toBe(true);
		expect(validate(AmendmentReason, text).ok).toBe(true);
	});
});
