/**
 * Valibot schemas for every input message, shared by forms (browser) and API routes (server). Each issue message
 * is an i18n key, and `validate` is the one way both sides turn issues into `{ 'dotted.path': key }` field errors.
 * Network inputs use strict objects: an unknown field is refused, not silently dropped.
 */
import * as v from 'valibot';
import { identifierChecks, type IdentifierKind, type IdentifierProblem } from './identifiers';
import { ROLES, type Role } from './roles';
import { findGmina, findPowiat } from './terc';
import { isMessageKey, LOCALES, type MessageKey } from '../i18n/translate';

// ---------------------------------------------------------------------------------------------------------------
// Messages

type AnyIssue = v.BaseIssue<unknown>;

/** Checks at compile time that a message is a catalogue key, so a typo cannot reach the user. */
export const key = <K extends MessageKey>(k: K): K => k;

const isBlank = (input: unknown): boolean =>
	input === undefined || input === null || (typeof input === 'string' && input.trim() === '');

/** For a value of the wrong type: nothing there means "required", anything else gets `otherwise`. */
export const typeMessage =
	(otherwise: MessageKey = 'validation.invalid') =>
	(issue: AnyIssue): MessageKey =>
		isBlank(issue.input) ? 'validation.required' : otherwise;

/** A strict object reports an unknown key (expected 'never'), a missing key, or a non-object. */
const objectMessage = (issue: AnyIssue): MessageKey =>
	issue.expected === 'never'
		? 'validation.unknownField'
		: issue.input === undefined || issue.input === null
			? 'validation.required'
			: 'validation.invalid';

export function strict<const TEntries extends v.ObjectEntries>(entries: TEntries) {
	return v.strictObject(entries, objectMessage);
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

const requiredString = () =>
	v.pipe(v.string(typeMessage()), v.trim(), v.nonEmpty(key('validation.required')));

const personOrOrgName = v.pipe(
	requiredString(),
	v.minLength(2, key('validation.name.length')),
	v.maxLength(120, key('validation.name.length'))
);

/** An organisation's name as in the KRS, where names of 200 characters and more are real ("Stowarzyszenie … im. …"). */
export const ORGANISATION_NAME_MAX = 300;
const organisationName = v.pipe(
	requiredString(),
	v.minLength(2, key('validation.orgName.length')),
	v.maxLength(ORGANISATION_NAME_MAX, key('validation.orgName.length'))
);

const shortText = v.pipe(requiredString(), v.maxLength(200, key('validation.text.tooLong')));

const emailAddress = v.pipe(
	v.string(typeMessage()),
	v.trim(),
	v.toLowerCase(),
	v.nonEmpty(key('validation.required')),
	v.maxLength(254, key('validation.email.tooLong')),
	v.email(key('validation.email.invalid'))
);

const anyPassword = v.pipe(
	v.string(typeMessage()),
	v.nonEmpty(key('validation.required')),
	v.maxLength(200, key('validation.password.tooLong'))
);

/** Long enough and still guessed first: keyboard rows, counting, one character repeated, the usual words. */
const GUESSED_FIRST = [
	'1234567890',
	'0987654321',
	'abcdefghijklmnopqrstuvwxyz',
	'qwertyuiop',
	'poiuytrewq',
	'asdfghjkl',
	'zaq12wsx',
	'zaq1@wsx',
	'1qaz2wsx',
	'qazwsx'
];
const COMMON_WORDS = [
	'password',
	'haslo',
	'hasło',
	'qwerty',
	'doradca',
	'admin',
	'letmein',
	'welcome',
	'polska'
];

/** Whether a password of the minimum length is still among the first an attacker tries. */
export function isGuessablePassword(password: string): boolean {
	const text = password.toLowerCase();
	if (new Set(text).size < 4) return true;
	if (GUESSED_FIRST.some((run) => run.includes(text) || text.includes(run))) return true;
	// A common word padded with digits or symbols ("haslo12345", "Password!!").
	const letters = text.replace(/[^\p{L}]/gu, '');
	return COMMON_WORDS.includes(letters) || /^\d+$/.test(text);
}

const newPassword = v.pipe(
	v.string(typeMessage()),
	v.nonEmpty(key('validation.required')),
	v.minLength(10, key('validation.password.tooShort')),
	v.maxLength(200, key('validation.password.tooLong')),
	v.check((password) => !isGuessablePassword(password), key('validation.password.guessable'))
);

const entityId = v.pipe(requiredString(), v.toLowerCase(), v.uuid(key('validation.id')));

/** Accepts 80-830, 80830 and 80 830 (common ways to type it on a phone) and stores 80-830. */
const postalCode = v.pipe(
	requiredString(),
	// "76 200" and "76 - 200" as typed on a phone are the same code.
	v.transform((s) => s.replace(/\s+/g, '')),
	v.transform((s) => (/^\d{5}$/.test(s) ? `${s.slice(0, 2)}-${s.slice(2)}` : s)),
	v.regex(/^\d{2}-\d{3}$/, key('validation.postalCode'))
);

const phone = v.pipe(
	requiredString(),
	v.transform((s) => s.replace(/\s+/g, ' ')),
	v.regex(/^\+?[\d ()-]+$/, key('validation.phone')),
	v.check((s) => {
		const digits = s.replace(/\D/g, '').length;
		return digits >= 9 && digits <= 15;
	}, key('validation.phone'))
);

/** People type "www.fundacja.pl"; the stored address always has a scheme so it can be a link. */
const website = v.pipe(
	requiredString(),
	v.maxLength(254, key('validation.text.tooLong')),
	v.transform((s) => (/^https?:\/\//i.test(s) ? s : `https://${s}`)),
	v.url(key('validation.website')),
	v.regex(/^https?:\/\/[^/\s.]+(\.[^/\s.]+)+(?::\d+)?(?:[/?#]\S*)?$/i, key('validation.website'))
);

const gminaTerc = v.pipe(
	requiredString(),
	v.regex(/^\d{7}$/, key('validation.terc.gminaFormat')),
	v.check((code) => findGmina(code) !== undefined, key('validation.terc.gminaOutside'))
);

const powiatTerc = v.pipe(
	requiredString(),
	v.regex(/^\d{4}$/, key('validation.terc.powiatFormat')),
	v.check((code) => findPowiat(code) !== undefined, key('validation.terc.powiatOutside'))
);

/**
 * An optional field: forms send '' for an empty one, the API may send null or omit it — all three become null
 * (the default makes an omitted key run through the pipe too, so the output always has the key).
 */
function optionalField<TOutput>(inner: v.GenericSchema<string, TOutput>) {
	return v.pipe(
		v.nullish(v.string(typeMessage()), null),
		v.transform((s) => (s === null || s === undefined || s.trim() === '' ? null : s)),
		v.nullable(inner)
	);
}

/** For updates: an omitted key means "leave as is", while null or '' means "clear". */
function clearableField<TOutput>(inner: v.GenericSchema<string, TOutput>) {
	return v.optional(
		v.pipe(
			v.nullable(v.string(typeMessage())),
			v.transform((s) => (s === null || s.trim() === '' ? null : s)),
			v.nullable(inner)
		)
	);
}

const IDENTIFIER_MESSAGES: Record<IdentifierKind, Partial<Record<IdentifierProblem, MessageKey>>> = {
	nip: {
		notDigits: 'validation.nip.notDigits',
		length: 'validation.nip.length',
		checksum: 'validation.nip.checksum',
		allZeros: 'validation.nip.allZeros'
	},
	regon: {
		notDigits: 'validation.regon.notDigits',
		length: 'validation.regon.length',
		checksum: 'validation.regon.checksum',
		allZeros: 'validation.regon.allZeros'
	},
	krs: {
		notDigits: 'validation.krs.notDigits',
		length: 'validation.krs.length',
		allZeros: 'validation.krs.allZeros'
	},
	pesel: {
		notDigits: 'validation.pesel.notDigits',
		length: 'validation.pesel.length',
		checksum: 'validation.pesel.checksum',
		birthDate: 'validation.pesel.birthDate'
	}
};

export function identifierMessage(kind: IdentifierKind, problem: IdentifierProblem): MessageKey {
	return problem === 'empty'
		? 'validation.required'
		: (IDENTIFIER_MESSAGES[kind][problem] ?? 'validation.invalid');
}

/** A required identifier, normalised (no spaces, hyphens or PL prefix; KRS zero-padded) by the domain checks. */
export function identifierSchema(kind: IdentifierKind) {
	return v.pipe(
		v.string(typeMessage()),
		v.rawTransform(({ dataset, addIssue, NEVER }) => {
			const result = identifierChecks[kind](dataset.value);
			if (result.ok) return result.value;
			addIssue({ message: identifierMessage(kind, result.problem) });
			return NEVER;
		})
	);
}

// ---------------------------------------------------------------------------------------------------------------
// Reference lists

export const ORGANISATION_KINDS = ['ngo', 'jst'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const CENTRE_KINDS = ['regional', 'local'] as const;
export const USER_STATUSES = ['active', 'deactivated'] as const;

/**
 * Legal forms from DOMAIN.md. `needsKrs` marks forms always entered in the KRS; for the others (ordinary
 * association, UKS, KGW, church bodies, informal groups, branches without legal personality) it is optional.
 */
export const LEGAL_FORMS = [
	{ value: 'fundacja', kind: 'ngo', needsKrs: true },
	{ value: 'stowarzyszenie', kind: 'ngo', needsKrs: true },
	{ value: 'stowarzyszenie_zwykle', kind: 'ngo', needsKrs: false },
	{ value: 'zwiazek_stowarzyszen', kind: 'ngo', needsKrs: true },
	{ value: 'oddzial_stowarzyszenia', kind: 'ngo', needsKrs: false },
	{ value: 'klub_sportowy', kind: 'ngo', needsKrs: false },
	{ value: 'osp', kind: 'ngo', needsKrs: true },
	{ value: 'kgw', kind: 'ngo', needsKrs: false },
	{ value: 'kolko_rolnicze', kind: 'ngo', needsKrs: true },
	{ value: 'lgd', kind: 'ngo', needsKrs: true },
	{ value: 'spoldzielnia_socjalna', kind: 'ngo', needsKrs: true },
	{ value: 'koscielna_osoba_prawna', kind: 'ngo', needsKrs: false },
	{ value: 'stowarzyszenie_jst', kind: 'ngo', needsKrs: true },
	{ value: 'spolka_non_profit', kind: 'ngo', needsKrs: true },
	{ value: 'cech_izba', kind: 'ngo', needsKrs: true },
	{ value: 'grupa_nieformalna', kind: 'ngo', needsKrs: false },
	{ value: 'gmina_miejska', kind: 'jst', needsKrs: false },
	{ value: 'gmina_wiejska', kind: 'jst', needsKrs: false },
	{ value: 'gmina_miejsko_wiejska', kind: 'jst', needsKrs: false },
	{ value: 'powiat', kind: 'jst', needsKrs: false },
	{ value: 'miasto_na_prawach_powiatu', kind: 'jst', needsKrs: false },
	{ value: 'wojewodztwo', kind: 'jst', needsKrs: false }
] as const satisfies readonly { value: string; kind: OrganisationKind; needsKrs: boolean }[];

export type LegalForm = (typeof LEGAL_FORMS)[number]['value'];

const LEGAL_FORM_VALUES = LEGAL_FORMS.map((f) => f.value);
const legalFormByValue = new Map<string, (typeof LEGAL_FORMS)[number]>(LEGAL_FORMS.map((f) => [f.value, f]));

export function findLegalForm(value: string): (typeof LEGAL_FORMS)[number] | undefined {
	return legalFormByValue.get(value);
}

/** The i18n key of a legal form's label; a form without a label in the catalogue is a type error here. */
export function legalFormLabelKey(value: LegalForm): MessageKey {
	return `legalForm.${value}`;
}

/** A gmina's TERC code starts with its powiat's, so the pair can be checked without a lookup. */
const gminaInPowiat = (input: { gminaTerc: string; powiatTerc: string }): boolean =>
	input.gminaTerc.slice(0, 4) === input.powiatTerc;

const ROLES_WITH_CENTRE: readonly Role[] = ['coordinator', 'advisor'];

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const locale = v.picklist(LOCALES, typeMessage('validation.choice'));

/** `locale`: the language chosen on the sign-in page, which then becomes the account's. */
export const LoginInput = strict({ email: emailAddress, password: anyPassword, locale: v.optional(locale) });
export type LoginInput = v.InferOutput<typeof LoginInput>;

export const PasswordChangeInput = v.pipe(
	strict({ currentPassword: anyPassword, newPassword }),
	v.forward(
		v.partialCheck(
			[['currentPassword'], ['newPassword']],
			(input) => input.newPassword !== input.currentPassword,
			key('validation.password.same')
		),
		['newPassword']
	)
);
export type PasswordChangeInput = v.InferOutput<typeof PasswordChangeInput>;

const centreFields = {
	name: personOrOrgName,
	town: shortText,
	kind: v.picklist(CENTRE_KINDS, typeMessage('validation.choice')),
	street: shortText,
	postalCode,
	gminaTerc,
	powiatTerc,
	email: optionalField(emailAddress),
	phone: optionalField(phone)
};

export const CentreInput = v.pipe(
	strict(centreFields),
	v.forward(
		v.partialCheck([['gminaTerc'], ['powiatTerc']], gminaInPowiat, key('validation.terc.powiatMismatch')),
		['powiatTerc']
	)
);
export type CentreInput = v.InferOutput<typeof CentreInput>;

/** An edit sends the whole centre again (forms always hold all fields), plus whether it is still active. */
export const CentreUpdateInput = v.pipe(
	strict({ ...centreFields, active: v.optional(v.boolean(typeMessage())) }),
	v.forward(
		v.partialCheck([['gminaTerc'], ['powiatTerc']], gminaInPowiat, key('validation.terc.powiatMismatch')),
		['powiatTerc']
	)
);
export type CentreUpdateInput = v.InferOutput<typeof CentreUpdateInput>;

export const OrganisationInput = v.pipe(
	strict({
		name: organisationName,
		kind: v.picklist(ORGANISATION_KINDS, typeMessage('validation.choice')),
		legalForm: v.picklist(LEGAL_FORM_VALUES, typeMessage('validation.choice')),
		krs: optionalField(identifierSchema('krs')),
		nip: optionalField(identifierSchema('nip')),
		regon: optionalField(identifierSchema('regon')),
		street: shortText,
		postalCode,
		town: shortText,
		gminaTerc,
		powiatTerc,
		email: optionalField(emailAddress),
		phone: optionalField(phone),
		website: optionalField(website)
	}),
	v.forward(
		v.partialCheck(
			[['kind'], ['legalForm']],
			(input) => findLegalForm(input.legalForm)?.kind === input.kind,
			key('validation.legalForm.kindMismatch')
		),
		['legalForm']
	),
	v.forward(
		v.partialCheck(
			[['legalForm'], ['krs']],
			(input) => input.krs !== null || !findLegalForm(input.legalForm)?.needsKrs,
			key('validation.krs.required')
		),
		['krs']
	),
	v.forward(
		v.partialCheck([['gminaTerc'], ['powiatTerc']], gminaInPowiat, key('validation.terc.powiatMismatch')),
		['powiatTerc']
	)
);
export type OrganisationInput = v.InferOutput<typeof OrganisationInput>;

export const RegistrationInput = strict({
	organisation: OrganisationInput,
	centreId: entityId,
	representative: strict({ name: personOrOrgName, email: emailAddress, password: newPassword }),
	// Only `true` consents; a missing box is read as false so it gets the consent message, not "required".
	consent: v.pipe(
		v.optional(v.unknown(), false),
		v.check((value) => value === true, key('validation.consent')),
		v.transform((): true => true)
	)
});
export type RegistrationInput = v.InferOutput<typeof RegistrationInput>;

export const RegistrationDecisionInput = v.pipe(
	strict({
		decision: v.picklist(['approve', 'reject'], typeMessage('validation.choice')),
		reason: optionalField(v.pipe(v.string(), v.maxLength(1000, key('validation.reason.tooLong'))))
	}),
	// A rejected organisation is told why: the reason is required, and at least a few words.
	v.forward(
		v.partialCheck(
			[['decision'], ['reason']],
			(input) => input.decision !== 'reject' || (input.reason ?? '').trim().length >= 3,
			key('validation.reason.required')
		),
		['reason']
	)
);
export type RegistrationDecisionInput = v.InferOutput<typeof RegistrationDecisionInput>;

const role = v.picklist(ROLES, typeMessage('validation.choice'));

export const UserCreateInput = v.pipe(
	strict({
		email: emailAddress,
		name: personOrOrgName,
		role,
		centreId: optionalField(entityId),
		organisationId: optionalField(entityId)
	}),
	v.forward(
		v.partialCheck(
			[['role'], ['centreId']],
			(input) => !ROLES_WITH_CENTRE.includes(input.role) || input.centreId !== null,
			key('validation.user.centreRequired')
		),
		['centreId']
	),
	v.forward(
		v.partialCheck(
			[['role'], ['organisationId']],
			(input) => input.role !== 'ngo' || input.organisationId !== null,
			key('validation.user.organisationRequired')
		),
		['organisationId']
	)
);
export type UserCreateInput = v.InferOutput<typeof UserCreateInput>;

/**
 * Every field optional (omitted = unchanged; null = clear). The server still checks the merged record: this
 * only refuses an update that contradicts itself, e.g. role advisor with centreId null.
 */
export const UserUpdateInput = v.pipe(
	strict({
		name: v.optional(personOrOrgName),
		role: v.optional(role),
		centreId: clearableField(entityId),
		organisationId: clearableField(entityId),
		status: v.optional(v.picklist(USER_STATUSES, typeMessage('validation.choice')))
	}),
	v.forward(
		v.partialCheck(
			[['role'], ['centreId']],
			(input) => !(input.role && ROLES_WITH_CENTRE.includes(input.role) && input.centreId === null),
			key('validation.user.centreRequired')
		),
		['centreId']
	),
	v.forward(
		v.partialCheck(
			[['role'], ['organisationId']],
			(input) => !(input.role === 'ngo' && input.organisationId === null),
			key('validation.user.organisationRequired')
		),
		['organisationId']
	)
);
export type UserUpdateInput = v.InferOutput<typeof UserUpdateInput>;

export const LocaleInput = strict({ locale });
export type LocaleInput = v.InferOutput<typeof LocaleInput>;

// ---------------------------------------------------------------------------------------------------------------
// Turning issues into field errors

/** The path of errors that belong to the whole input rather than one field (e.g. the body is not an object). */
export const FORM_PATH = '';

/** Dotted path ('organisation.nip', 'representative.email') → message key; the first issue per path wins. */
export type FieldErrors = Record<string, MessageKey>;
export type Validation<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

export function fieldErrorsFromIssues(issues: readonly AnyIssue[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const path = v.getDotPath(issue) ?? FORM_PATH;
		// hasOwn, not `in`: a field called 'constructor' or 'toString' must still get its message.
		if (Object.hasOwn(errors, path)) continue;
		// Every schema here sets keys; the fallback covers schemas written elsewhere with Valibot's defaults.
		errors[path] = isMessageKey(issue.message)
			? issue.message
			: isBlank(issue.input)
				? 'validation.required'
				: 'validation.invalid';
	}
	return errors;
}

export function validate<TSchema extends v.GenericSchema>(
	schema: TSchema,
	input: unknown
): Validation<v.InferOutput<TSchema>> {
	const result = v.safeParse(schema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, fieldErrors: fieldErrorsFromIssues(result.issues) };
}
