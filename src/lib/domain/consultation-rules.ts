/**
 * Rules for a consultation record: what a complete card needs (checked on the phone before completing and by
 * the server on every non-draft record it receives), the shape of a record arriving from the network, and
 * amendments of signed records. Every message is an i18n key; field errors use the dotted paths of schemas.ts.
 */
import * as v from 'valibot';
import {
	CONSULTATION_FORM_FIELDS,
	CONSULTATION_STATUSES,
	PLACE_KINDS,
	type Amendment,
	type Consultation,
	type ConsultationForm
} from './consultation';
import {
	checkTiming,
	durationBetween,
	findOverlaps,
	isRecordYear,
	isValidDate,
	MINUTES_PER_DAY,
	parseTime,
	TIMING_MESSAGES,
	warsawToday
} from './hours';
import { isKnownTopic, TOPIC_IDS } from './topics';
import { fieldErrorsFromIssues, key, strict, typeMessage, type FieldErrors } from './schemas';
import type { MessageKey } from '../i18n/translate';

export const NOTES_MAX_LENGTH = 20_000;
export const FOLLOW_UPS_MAX_LENGTH = 20_000;
export const ADDRESS_MAX_LENGTH = 500;
export const PARTICIPANT_TEXT_MAX_LENGTH = 120;
export const PARTICIPANTS_MAX = 500;
export const PARTICIPANT_COUNT_MAX = 10_000;
export const AMENDMENT_REASON_MIN_LENGTH = 5;
export const AMENDMENT_REASON_MAX_LENGTH = 1000;
/** A drawn signature as a PNG data URL is typically 10–60 kB; this leaves room without inviting abuse. */
export const SIGNATURE_MAX_LENGTH = 500_000;
export const SIGNATURE_PREFIX = 'data:image/png;base64,';
/**
 * The largest signature image, in pixels. The phone stores the pad at most 720 px wide (EXPORT_MAX_WIDTH in
 * client/signature-image.ts) and 2 px per CSS px of a pad at most 16rem tall, so ~720 × 512; only when a browser
 * gives no 2D context does it store the canvas as it is, up to its CSS size × devicePixelRatio (a 1280 px wide
 * tablet at 3× is 3840 px wide; 16rem at 4× is 1024 px tall). The caps are well above all of that and keep the
 * decoded image (8 Mpx) far below what the reports would choke on.
 */
export const SIGNATURE_MAX_WIDTH = 4000;
export const SIGNATURE_MAX_HEIGHT = 2000;

// ---------------------------------------------------------------------------------------------------------------
// Completion rules

const isBlank = (value: unknown): boolean => typeof value !== 'string' || value.trim() === '';

/**
 * The errors of a card that claims to be complete, first error per path. `now` = null skips the one rule that
 * depends on when it is checked (the date window), so a stored record is judged the same on any day.
 */
function completionErrors(form: ConsultationForm, now: Date | null): FieldErrors {
	const errors: FieldErrors = {};
	const add = (path: string, message: MessageKey) => {
		errors[path] ??= message;
	};

	if (isBlank(form.organisationId)) add('organisationId', 'workbench.organisation.required');

	const timing = checkTiming(form, now);
	for (const issue of timing) add(issue.field, TIMING_MESSAGES[issue.problem]);
	// The stored minutes are what every sum counts, so they must be the minutes the times say.
	if (timing.length === 0 && form.durationMin !== durationBetween(form.date, form.startTime, form.endTime)) {
		add('durationMin', 'workbench.timing.durationMismatch');
	}

	if (!(PLACE_KINDS as readonly unknown[]).includes(form.placeKind))
		add('placeKind', 'workbench.placeKind.required');
	if (form.placeKind === 'mobile' && isBlank(form.address)) add('address', 'workbench.address.required');
	if (typeof form.address === 'string' && form.address.length > ADDRESS_MAX_LENGTH) {
		add('address', 'workbench.text.tooLong');
	}

	const topics: readonly unknown[] = Array.isArray(form.topics) ? form.topics : [];
	if (topics.length === 0) add('topics', 'workbench.topics.required');
	else if (!topics.every(isKnownTopic)) add('topics', 'workbench.topics.unknown');
	else if (new Set(topics).size !== topics.length) add('topics', 'workbench.topics.duplicate');

	const participants: readonly unknown[] = Array.isArray(form.participants) ? form.participants : [];
	participants.forEach((p, i) => {
		const { name, role } = (p ?? {}) as Partial<Record<'name' | 'role', unknown>>;
		if (isBlank(name)) add(`participants.${i}.name`, 'workbench.participants.nameRequired');
		else if ((name as string).length > PARTICIPANT_TEXT_MAX_LENGTH) {
			add(`participants.${i}.name`, 'workbench.text.tooLong');
		}
		if (typeof role === 'string' && role.length > PARTICIPANT_TEXT_MAX_LENGTH) {
			add(`participants.${i}.role`, 'workbench.text.tooLong');
		}
	});
	if (participants.length > PARTICIPANTS_MAX) add('participants', 'workbench.text.tooLong');

	const count = form.participantCount;
	if (!Number.isInteger(count) || count < 0 || count > PARTICIPANT_COUNT_MAX) {
		add('participantCount', 'workbench.participantCount.invalid');
	} else if (count < Math.max(1, participants.length)) {
		add('participantCount', 'workbench.participantCount.tooFew');
	}

	if (typeof form.notes === 'string' && form.notes.length > NOTES_MAX_LENGTH)
		add('notes', 'workbench.notes.tooLong');
	if (typeof form.followUps === 'string' && form.followUps.length > FOLLOW_UPS_MAX_LENGTH) {
		add('followUps', 'workbench.text.tooLong');
	}
	return errors;
}

export interface CompletionContext {
	now: Date;
	/** The same advisor's other records (the record itself may be among them if `id` is given). */
	others: readonly Consultation[];
	/** The record being completed, so it is not reported as overlapping itself. */
	id?: string;
}

/** A phone's clock a few minutes ahead of the server's is usual; only a clock that is really wrong is refused. */
export const CLOCK_SKEW_MIN = 10;

/**
 * The server's check of a counted card (not a draft) by its own clock: one dated after today in Warsaw comes from
 * a phone whose date is wrong, and would count hours of a day that has not come. Only the date: the phone checks
 * the times of today's visit with its clock, and the server gets a card later than the phone completed it.
 */
export function futureDateErrors(
	form: { date: string; status: string },
	now: Date,
	skewMin: number = CLOCK_SKEW_MIN
): FieldErrors {
	if (form.status === 'draft') return {};
	return form.date > latestCountedDate(now, skewMin) ? { date: 'workbench.timing.inFutureOnServer' } : {};
}

/** The last day a counted card may be dated by the server's clock `now`: today in Warsaw, allowing `skewMin`. */
export function latestCountedDate(now: Date, skewMin: number = CLOCK_SKEW_MIN): string {
	return warsawToday(new Date(now.getTime() + skewMin * 60_000));
}

export interface CompletionCheck {
	/** Dotted path → message key; empty when the card can be completed. */
	fieldErrors: FieldErrors;
	/** Things worth a second look that do not block: the advisor may really have double-booked. */
	warnings: { overlaps: Consultation[] };
}

/** Can this card be completed? Errors block; overlaps with the advisor's other records only warn. */
export function validateForCompletion(form: ConsultationForm, ctx: CompletionContext): CompletionCheck {
	const fieldErrors = completionErrors(form, ctx.now);
	const overlaps = findOverlaps({ ...form, id: ctx.id }, ctx.others);
	return { fieldErrors, warnings: { overlaps } };
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas for records arriving from the network (the conventions of schemas.ts: messages are catalogue keys)

const uuid = v.pipe(v.string(typeMessage()), v.toLowerCase(), v.uuid(key('validation.id')));

/** ECMAScript's date-time string format with a zone: the one form every JavaScript engine reads the same way. */
const INSTANT_PATTERN =
	/^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** An instant of INSTANT_PATTERN on a date that exists? (JavaScript reads 2026-11-31 as 1 December.) */
function isInstant(text: string): boolean {
	const match = INSTANT_PATTERN.exec(text);
	return match !== null && isValidDate(match[1]!) && !Number.isNaN(Date.parse(text));
}

/**
 * An ISO-8601 instant with a zone (Z or ±HH:MM; seconds and milliseconds optional), normalised to
 * `Date#toISOString()` (what the phones send), so instants stored as text sort as the times they name. The one
 * instant schema of records and requests: consultations, amendments and signatures here, bookings in booking.ts.
 */
export const Instant = v.pipe(
	v.string(typeMessage()),
	v.check(isInstant, key('validation.invalid')),
	v.transform((t) => new Date(t).toISOString())
);

/**
 * Half of a UTF-16 surrogate pair without its other half (a cut emoji). It has no UTF-8 form: SQLite would store
 * bytes that are not UTF-8 and PostgreSQL's driver a replacement character, so the engines would differ. No
 * lookbehind (older Safari cannot parse one) and not String#isWellFormed (too new for some phones): these schemas
 * run on the phone too.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What makes a text unstorable alike on both engines, or null: a NUL character (PostgreSQL cannot store one) or a lone
 * surrogate (see LONE_SURROGATE). The server checks every string of a request body with it.
 */
export function unstorableText(t: string): MessageKey | null {
	if (t.includes('\u0000')) return 'validation.nulCharacter';
	return LONE_SURROGATE.test(t) ? 'validation.brokenCharacter' : null;
}

/** Refuses text holding a lone surrogate (see LONE_SURROGATE); for every text schema of a record. */
export const wellFormed = v.check((t: string) => !LONE_SURROGATE.test(t), key('validation.brokenCharacter'));

const text = (max: number, message: MessageKey = 'workbench.text.tooLong') =>
	v.pipe(v.string(typeMessage()), v.maxLength(max, message), wellFormed);

/** Turns 'participants.0.name' into the path items Valibot reports, so getDotPath gives the same string back. */
function pathItems(root: unknown, dotted: string): [v.IssuePathItem, ...v.IssuePathItem[]] {
	const items: v.IssuePathItem[] = [];
	let input: unknown = root;
	for (const part of dotted.split('.')) {
		if (Array.isArray(input)) {
			const index = Number(part);
			items.push({ type: 'array', origin: 'value', input, key: index, value: input[index] });
			input = input[index];
		} else {
			const object = (input ?? {}) as Record<string, unknown>;
			items.push({ type: 'object', origin: 'value', input: object, key: part, value: object[part] });
			input = object[part];
		}
	}
	return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}

// ---------------------------------------------------------------------------------------------------------------
// A whole record from the network

/** Drafts may still have an empty time while being typed; anything else must be HH:MM. */
const timeOrBlank = v.pipe(
	v.string(typeMessage()),
	v.check((t) => t === '' || parseTime(t) !== null, key('workbench.timing.timeInvalid'))
);

/** A date (once it is one) of EARLIEST_RECORD_YEAR … LATEST_RECORD_YEAR: consultations and bookings alike. */
export const inRecordYears = v.check(
	(date: string) => !isValidDate(date) || isRecordYear(date),
	key('validation.date.yearRange')
);

/** The 8 bytes every PNG file starts with. */
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The bit depths the PNG specification allows for each colour type (grey, RGB, palette, grey + alpha, RGBA). */
const PNG_BIT_DEPTHS: Record<number, readonly number[]> = {
	0: [1, 2, 4, 8, 16],
	2: [8, 16],
	3: [1, 2, 4, 8],
	4: [8, 16],
	6: [8, 16]
};
/** Signature, then IHDR's length, type and 13 bytes of data: 33 bytes, the first 44 characters of base64. */
const PNG_HEADER_BYTES = 33;
const PNG_HEADER_BASE64 = (PNG_HEADER_BYTES / 3) * 4;

/**
 * The width and height in a PNG data URL's header, or null when the data is not a PNG whose first chunk is a sound,
 * non-interlaced IHDR. Only the header is decoded (atob, so it runs in the browser too): the image data is the
 * reports' business, which inflate it with a limit taken from these dimensions (server/reports/signature-image.ts).
 */
export function pngDimensions(dataUrl: string): { width: number; height: number } | null {
	if (!dataUrl.startsWith(SIGNATURE_PREFIX)) return null;
	const head = dataUrl.slice(SIGNATURE_PREFIX.length, SIGNATURE_PREFIX.length + PNG_HEADER_BASE64);
	if (head.length < PNG_HEADER_BASE64 || !/^[A-Za-z0-9+/]+$/.test(head)) return null;
	const bytes = Array.from(atob(head), (c) => c.charCodeAt(0));
	const uint32 = (at: number) =>
		((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
	if (PNG_MAGIC.some((byte, i) => bytes[i] !== byte)) return null;
	if (uint32(8) !== 13 || String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') return null;
	const [bitDepth = 0, colourType = 0, compression, filter, interlace] = bytes.slice(24, 29);
	if (!PNG_BIT_DEPTHS[colourType]?.includes(bitDepth)) return null;
	// Interlaced images are valid PNGs but no canvas makes one, and the reports cannot print one.
	if (compression !== 0 || filter !== 0 || interlace !== 0) return null;
	return { width: uint32(16), height: uint32(20) };
}

/** Whether a data URL is a PNG (see pngDimensions) of 1 × 1 to SIGNATURE_MAX_WIDTH × SIGNATURE_MAX_HEIGHT pixels. */
export function isSignatureImage(dataUrl: string): boolean {
	const size = pngDimensions(dataUrl);
	return (
		size !== null &&
		size.width >= 1 &&
		size.width <= SIGNATURE_MAX_WIDTH &&
		size.height >= 1 &&
		size.height <= SIGNATURE_MAX_HEIGHT
	);
}

export const SignatureRecord = strict({
	image: v.pipe(
		v.string(typeMessage('workbench.signature.invalid')),
		v.maxLength(SIGNATURE_MAX_LENGTH, key('workbench.signature.invalid')),
		v.regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, key('workbench.signature.invalid')),
		v.check(isSignatureImage, key('workbench.signature.invalid'))
	),
	signerName: v.pipe(
		v.string(typeMessage()),
		v.trim(),
		v.nonEmpty(key('validation.required')),
		v.maxLength(PARTICIPANT_TEXT_MAX_LENGTH, key('workbench.text.tooLong')),
		wellFormed
	),
	signedAt: Instant
});

const ParticipantRecord = strict({
	name: text(PARTICIPANT_TEXT_MAX_LENGTH),
	role: text(PARTICIPANT_TEXT_MAX_LENGTH)
});

/**
 * A whole Consultation as the server and sync receive it. Shape always; for anything past a draft also the
 * completion rules (without the date window) and, for signed records, a signature.
 */
const ConsultationRecordShape = strict({
	id: uuid,
	advisorId: uuid,
	centreId: uuid,
	organisationId: v.nullable(uuid),
	date: v.pipe(
		v.string(typeMessage()),
		v.check(isValidDate, key('workbench.timing.dateInvalid')),
		inRecordYears
	),
	startTime: timeOrBlank,
	endTime: timeOrBlank,
	durationMin: v.pipe(
		v.number(typeMessage()),
		v.integer(key('validation.invalid')),
		v.minValue(0, key('validation.invalid')),
		v.maxValue(MINUTES_PER_DAY, key('validation.invalid'))
	),
	placeKind: v.picklist(PLACE_KINDS, typeMessage('validation.choice')),
	address: text(ADDRESS_MAX_LENGTH),
	topics: v.pipe(
		v.array(
			v.pipe(
				v.string(typeMessage()),
				v.check((t) => isKnownTopic(t), key('workbench.topics.unknown'))
			),
			typeMessage()
		),
		v.maxLength(TOPIC_IDS.length, key('workbench.topics.duplicate')),
		v.check((topics) => new Set(topics).size === topics.length, key('workbench.topics.duplicate'))
	),
	notes: text(NOTES_MAX_LENGTH, 'workbench.notes.tooLong'),
	participants: v.pipe(
		v.array(ParticipantRecord, typeMessage()),
		v.maxLength(PARTICIPANTS_MAX, key('validation.invalid'))
	),
	participantCount: v.pipe(
		v.number(typeMessage('workbench.participantCount.invalid')),
		v.integer(key('workbench.participantCount.invalid')),
		v.minValue(0, key('workbench.participantCount.invalid')),
		v.maxValue(PARTICIPANT_COUNT_MAX, key('workbench.participantCount.invalid'))
	),
	followUps: text(FOLLOW_UPS_MAX_LENGTH),
	status: v.picklist(CONSULTATION_STATUSES, typeMessage('validation.choice')),
	signature: v.nullable(SignatureRecord),
	bookingId: v.nullable(uuid),
	createdAt: Instant,
	updatedAt: Instant
});

export const ConsultationRecord = v.pipe(
	ConsultationRecordShape,
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed || dataset.value.status === 'draft') return;
		const record = dataset.value;
		const errors = completionErrors(record, null);
		// Approved needs none: a coordinator approves a remote consultation, which no one could sign.
		if (record.status === 'signed' && record.signature === null) {
			errors.signature ??= 'workbench.signature.required';
		}
		for (const [path, message] of Object.entries(errors))
			addIssue({ message, path: pathItems(record, path) });
	})
);
export type ConsultationRecord = v.InferOutput<typeof ConsultationRecord>;

/** The fields a person types (picked ones — the organisation, the topics — come from lists the phone holds). */
const TypedFormRecord = v.omit(v.pick(ConsultationRecordShape, CONSULTATION_FORM_FIELDS), [
	'organisationId',
	'topics'
]);
const TYPED_FORM_FIELDS = Object.keys(TypedFormRecord.entries) as (keyof typeof TypedFormRecord.entries)[];

/**
 * What the server would refuse in the typed fields of any record (ConsultationRecord's lengths and values), first
 * error per field. The phone checks every saved change with it: a change the server refuses for these would stay
 * on the phone for good. (The completion rules are checked when a card is completed.)
 */
export function unsendableFormErrors(form: ConsultationForm): FieldErrors {
	const typed = Object.fromEntries(TYPED_FORM_FIELDS.map((field) => [field, form[field]]));
	const result = v.safeParse(TypedFormRecord, typed);
	return result.success ? {} : fieldErrorsFromIssues(result.issues);
}

// The schema's output must stay assignable to the shared type (a compile error here means they drifted).
const recordMatchesType = (r: ConsultationRecord): Consultation => r;
void recordMatchesType;

// ---------------------------------------------------------------------------------------------------------------
// Amendments

/** Required, 5–1000 characters after trimming; kept in the history next to the change. */
export const AmendmentReason = v.pipe(
	v.string(key('workbench.amendment.reasonRequired')),
	v.trim(),
	v.minLength(AMENDMENT_REASON_MIN_LENGTH, key('workbench.amendment.reasonRequired')),
	v.maxLength(AMENDMENT_REASON_MAX_LENGTH, key('workbench.amendment.reasonTooLong')),
	wellFormed
);

const AmendmentChanges = v.pipe(
	v.record(
		v.picklist(CONSULTATION_FORM_FIELDS, key('validation.unknownField')),
		strict({ before: v.unknown(), after: v.unknown() }),
		typeMessage()
	),
	v.check((changes) => Object.keys(changes).length > 0, key('workbench.amendment.noChanges'))
);

/** What the advisor types when amending a signed record: the reason (the changes come from diffForAmendment). */
export const AmendmentInput = strict({ reason: AmendmentReason });
export type AmendmentInput = v.InferOutput<typeof AmendmentInput>;

/**
 * A whole Amendment as the server and sync receive it (id made on the device, so a retry is recognised). The
 * server still checks `before` against the signed record and validates the amended record as a whole.
 */
export const AmendmentRecord = strict({
	id: uuid,
	consultationId: uuid,
	authorId: uuid,
	reason: AmendmentReason,
	changes: AmendmentChanges,
	createdAt: Instant
});
export type AmendmentRecord = v.InferOutput<typeof AmendmentRecord>;

const amendmentMatchesType = (a: AmendmentRecord): Amendment => a;
void amendmentMatchesType;

type Changes = Amendment['changes'];

function deepEqual(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
	}
	const ak = Object.keys(a);
	const bk = Object.keys(b);
	const bo = b as Record<string, unknown>;
	return (
		ak.length === bk.length && ak.every((k) => k in bo && deepEqual((a as Record<string, unknown>)[k], bo[k]))
	);
}

/** Topics are a set (shown in taxonomy order), so reordering them is not a change worth an amendment. */
const comparable = (field: string, value: unknown): unknown =>
	field === 'topics' && Array.isArray(value) ? [...value].sort() : value;

/** The fields that differ (deep equality), each with copies of its value before and after. */
export function diffForAmendment(before: ConsultationForm, after: ConsultationForm): Changes {
	const changes: Changes = {};
	for (const field of CONSULTATION_FORM_FIELDS) {
		if (deepEqual(comparable(field, before[field]), comparable(field, after[field]))) continue;
		changes[field] = { before: structuredClone(before[field]), after: structuredClone(after[field]) };
	}
	return changes;
}

/** The form with an amendment's `after` values applied (the inverse of diffForAmendment). */
export function applyAmendment(form: ConsultationForm, changes: Changes): ConsultationForm {
	const next: Record<string, unknown> = { ...form };
	for (const field of CONSULTATION_FORM_FIELDS) {
		const change = changes[field];
		if (change) next[field] = structuredClone(change.after);
	}
	return next as unknown as ConsultationForm;
}
