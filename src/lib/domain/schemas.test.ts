import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type * as v from 'valibot';
import { pl } from '../i18n/messages/pl';
import { en } from '../i18n/messages/en';
import { isMessageKey, type MessageKey } from '../i18n/translate';
import {
	CentreInput,
	CentreUpdateInput,
	FORM_PATH,
	identifierSchema,
	LEGAL_FORMS,
	legalFormLabelKey,
	LocaleInput,
	LoginInput,
	OrganisationInput,
	PasswordChangeInput,
	RegistrationDecisionInput,
	RegistrationInput,
	UserCreateInput,
	UserUpdateInput,
	validate
} from './schemas';

/** Every key seen in a failure, so the last test can check both catalogues have it. */
const seenKeys = new Set<string>();

function errorsOf(schema: v.GenericSchema, input: unknown): Record<string, MessageKey> {
	const result = validate(schema, input);
	if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
	for (const k of Object.values(result.fieldErrors)) seenKeys.add(k);
	return result.fieldErrors;
}

function valueOf<TSchema extends v.GenericSchema>(schema: TSchema, input: unknown): v.InferOutput<TSchema> {
	const result = validate(schema, input);
	if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.fieldErrors)}`);
	return result.value;
}

/** Rows of [input, path, key] as objects, so test titles show the path and key rather than the whole input. */
function cases(rows: readonly (readonly [Record<string, unknown>, string, MessageKey])[]) {
	return rows.map(([input, path, key]) => ({ input, path, key }));
}

const CENTRE_ID = '0b5cad00-1234-4abc-8def-0123456789ab';
const ORG_ID = '7f1e2d3c-4b5a-4968-8776-655443322110';

const organisation = {
	name: '  Fundacja Pomorskie Inicjatywy ',
	kind: 'ngo',
	legalForm: 'fundacja',
	krs: '123456',
	nip: 'PL 856-734-62-15',
	regon: '192 598 184',
	street: 'ul. Długa 1',
	postalCode: '80827',
	town: 'Gdańsk',
	gminaTerc: '2261011',
	powiatTerc: '2261',
	email: '',
	phone: '',
	website: 'www.fundacja.pl'
};

const centre = {
	name: 'COP Kartuzy',
	town: 'Kartuzy',
	kind: 'local',
	street: 'ul. Gdańska 5',
	postalCode: '83-300',
	gminaTerc: '2205023',
	powiatTerc: '2205',
	email: 'COP@Kartuzy.pl',
	phone: '58 681 00 00'
};

const registration = {
	organisation,
	centreId: CENTRE_ID,
	representative: { name: 'Anna Nowak', email: 'anna@fundacja.pl', password: 'kaszubskie jezioro' },
	consent: true
};

describe('LoginInput', () => {
	it('trims and lower-cases the e-mail, keeps the password as typed', () => {
		expect(valueOf(LoginInput, { email: '  Anna@Example.PL ', password: ' x ' })).toEqual({
			email: 'anna@example.pl',
			password: ' x '
		});
	});
	it.each(
		cases([
			[{ password: 'x' }, 'email', 'validation.required'],
			[{ email: '   ', password: 'x' }, 'email', 'validation.required'],
			[{ email: 'anna@', password: 'x' }, 'email', 'validation.email.invalid'],
			[{ email: `${'a'.repeat(250)}@x.pl`, password: 'x' }, 'email', 'validation.email.tooLong'],
			[{ email: 'a@b.pl', password: '' }, 'password', 'validation.required'],
			[{ email: 'a@b.pl', password: 'x'.repeat(201) }, 'password', 'validation.password.tooLong'],
			[{ email: 'a@b.pl', password: 42 }, 'password', 'validation.invalid'],
			[{ email: 'a@b.pl', password: 'x', remember: true }, 'remember', 'validation.unknownField']
		])
	)('$path: $key', ({ input, path, key }) => {
		expect(errorsOf(LoginInput, input)[path]).toBe(key);
	});
	it('reports a body that is not an object on the form path', () => {
		expect(errorsOf(LoginInput, 'hello')).toEqual({ [FORM_PATH]: 'validation.invalid' });
		expect(errorsOf(LoginInput, null)).toEqual({ [FORM_PATH]: 'validation.required' });
	});
});

describe('PasswordChangeInput', () => {
	it('accepts a new password of 10+ characters that differs', () => {
		expect(valueOf(PasswordChangeInput, { currentPassword: 'old', newPassword: 'nowe hasło 1' })).toEqual({
			currentPassword: 'old',
			newPassword: 'nowe hasło 1'
		});
	});
	it.each(
		cases([
			[{ currentPassword: 'old', newPassword: 'short' }, 'newPassword', 'validation.password.tooShort'],
			[
				{ currentPassword: 'old', newPassword: 'y'.repeat(201) },
				'newPassword',
				'validation.password.tooLong'
			],
			[
				{ currentPassword: 'same-old-pass', newPassword: 'same-old-pass' },
				'newPassword',
				'validation.password.same'
			],
			[{ newPassword: 'nowe hasło 1' }, 'currentPassword', 'validation.required'],
			[{ currentPassword: 'old', newPassword: '' }, 'newPassword', 'validation.required'],
			...[
				'aaaaaaaaaa',
				'1234567890',
				'12121212121',
				'abcdefghij',
				'qwertyuiop1',
				'zaq1@WSXcde',
				'haslo12345',
				'Password!!',
				'Hasło2026!'
			].map(
				(newPassword) =>
					[{ currentPassword: 'old', newPassword }, 'newPassword', 'validation.password.guessable'] as const
			)
		])
	)('$path: $key', ({ input, path, key }) => {
		expect(errorsOf(PasswordChangeInput, input)[path]).toBe(key);
	});
	it('takes passphrases and other passwords long enough', () => {
		for (const newPassword of [
			'kaszubskie jezioro',
			'demo-haslo-2026',
			'Wiosna nad Słupią 7',
			'x7!kP0-zq2Lm'
		]) {
			expect(valueOf(PasswordChangeInput, { currentPassword: 'old', newPassword }).newPassword).toBe(
				newPassword
			);
		}
	});
});

describe('CentreInput', () => {
	it('accepts a centre and normalises optional fields', () => {
		expect(valueOf(CentreInput, { ...centre, email: '', phone: undefined })).toEqual({
			...centre,
			email: null,
			phone: null
		});
		expect(valueOf(CentreInput, centre).email).toBe('cop@kartuzy.pl');
		const { email: _email, phone: _phone, ...withoutOptional } = centre;
		expect(valueOf(CentreInput, withoutOptional)).toMatchObject({ email: null, phone: null });
		// A postal code as typed on a phone: with a space, or without the dash.
		expect(valueOf(CentreInput, { ...centre, postalCode: '83 300' }).postalCode).toBe('83-300');
		expect(valueOf(CentreInput, { ...centre, postalCode: ' 83300 ' }).postalCode).toBe('83-300');
	});
	it.each(
		cases([
			[{ name: 'C' }, 'name', 'validation.name.length'],
			[{ name: 'C'.repeat(121) }, 'name', 'validation.name.length'],
			[{ name: '  ' }, 'name', 'validation.required'],
			[{ town: 'T'.repeat(201) }, 'town', 'validation.text.tooLong'],
			[{ kind: 'national' }, 'kind', 'validation.choice'],
			[{ kind: '' }, 'kind', 'validation.required'],
			[{ postalCode: '83-3000' }, 'postalCode', 'validation.postalCode'],
			[{ gminaTerc: '220502' }, 'gminaTerc', 'validation.terc.gminaFormat'],
			[{ gminaTerc: '1465011' }, 'gminaTerc', 'validation.terc.gminaOutside'],
			[{ powiatTerc: '22051' }, 'powiatTerc', 'validation.terc.powiatFormat'],
			[{ powiatTerc: '1465' }, 'powiatTerc', 'validation.terc.powiatOutside'],
			[{ powiatTerc: '2204' }, 'powiatTerc', 'validation.terc.powiatMismatch'],
			[{ email: 'cop@' }, 'email', 'validation.email.invalid'],
			[{ phone: '12 34' }, 'phone', 'validation.phone'],
			[{ phone: 'call me' }, 'phone', 'validation.phone'],
			[{ active: true }, 'active', 'validation.unknownField']
		])
	)('$path: $key', ({ input: change, path, key }) => {
		expect(errorsOf(CentreInput, { ...centre, ...change })[path]).toBe(key);
	});
	it('CentreUpdateInput also takes active', () => {
		expect(valueOf(CentreUpdateInput, { ...centre, active: false }).active).toBe(false);
		expect(valueOf(CentreUpdateInput, centre).active).toBeUndefined();
		expect(errorsOf(CentreUpdateInput, { ...centre, active: 'no' }).active).toBe('validation.invalid');
		expect(errorsOf(CentreUpdateInput, { ...centre, powiatTerc: '2204' }).powiatTerc).toBe(
			'validation.terc.powiatMismatch'
		);
	});
});

describe('OrganisationInput', () => {
	it('takes a long name as the KRS has it', () => {
		const name = `Stowarzyszenie ${'Przyjaciół Ziemi Słupskiej i Ustki '.repeat(7)}`.trim();
		expect(name.length).toBeGreaterThan(200);
		expect(valueOf(OrganisationInput, { ...organisation, name }).name).toBe(name);
	});
	it('normalises identifiers, postal code, blanks and the website', () => {
		expect(valueOf(OrganisationInput, organisation)).toEqual({
			...organisation,
			name: 'Fundacja Pomorskie Inicjatywy',
			krs: '0000123456',
			nip: '8567346215',
			regon: '192598184',
			postalCode: '80-827',
			email: null,
			phone: null,
			website: 'https://www.fundacja.pl'
		});
	});
	it('lets a form without KRS (ordinary association, KGW, JST) leave it empty', () => {
		for (const [kind, legalForm] of [
			['ngo', 'stowarzyszenie_zwykle'],
			['ngo', 'kgw'],
			['ngo', 'grupa_nieformalna'],
			['jst', 'gmina_miejska']
		]) {
			expect(
				valueOf(OrganisationInput, { ...organisation, kind, legalForm, krs: '', nip: null }).krs
			).toBeNull();
		}
	});
	it.each(
		cases([
			[{ name: 'F' }, 'name', 'validation.orgName.length'],
			[{ name: 'F'.repeat(301) }, 'name', 'validation.orgName.length'],
			[{ nip: '8567346216' }, 'nip', 'validation.nip.checksum'],
			[{ nip: '85673462' }, 'nip', 'validation.nip.length'],
			[{ nip: '856734621O' }, 'nip', 'validation.nip.notDigits'],
			[{ nip: '0000000000' }, 'nip', 'validation.nip.allZeros'],
			[{ regon: '000000000' }, 'regon', 'validation.regon.allZeros'],
			[{ regon: '192598183' }, 'regon', 'validation.regon.checksum'],
			[{ regon: '12345678512348' }, 'regon', 'validation.regon.checksum'],
			[{ regon: '1925981' }, 'regon', 'validation.regon.length'],
			[{ regon: 'REGON' }, 'regon', 'validation.regon.notDigits'],
			[{ krs: '0000000000' }, 'krs', 'validation.krs.allZeros'],
			[{ krs: '00001234567' }, 'krs', 'validation.krs.length'],
			[{ krs: 'KRS123' }, 'krs', 'validation.krs.notDigits'],
			[{ krs: '' }, 'krs', 'validation.krs.required'],
			[{ krs: null }, 'krs', 'validation.krs.required'],
			[{ kind: 'ngo', legalForm: 'gmina_wiejska' }, 'legalForm', 'validation.legalForm.kindMismatch'],
			[{ kind: 'jst', legalForm: 'fundacja' }, 'legalForm', 'validation.legalForm.kindMismatch'],
			[{ legalForm: 'spolka_akcyjna' }, 'legalForm', 'validation.choice'],
			[{ kind: 'firma' }, 'kind', 'validation.choice'],
			[{ gminaTerc: '2261011', powiatTerc: '2262' }, 'powiatTerc', 'validation.terc.powiatMismatch'],
			[{ gminaTerc: '0261011', powiatTerc: '0261' }, 'gminaTerc', 'validation.terc.gminaOutside'],
			[{ website: 'not a website' }, 'website', 'validation.website'],
			[{ website: 'fundacja' }, 'website', 'validation.website'],
			[{ postalCode: '' }, 'postalCode', 'validation.required'],
			[{ street: undefined }, 'street', 'validation.required'],
			[{ email: 42 }, 'email', 'validation.invalid'],
			[{ status: 'active' }, 'status', 'validation.unknownField']
		])
	)('$path: $key', ({ input: change, path, key }) => {
		expect(errorsOf(OrganisationInput, { ...organisation, ...change })[path]).toBe(key);
	});
	it('reports every bad field at once, the first problem of each', () => {
		expect(
			errorsOf(OrganisationInput, { ...organisation, name: '', nip: '1', regon: '1', krs: '0' })
		).toEqual({
			name: 'validation.required',
			nip: 'validation.nip.length',
			regon: 'validation.regon.length',
			krs: 'validation.krs.allZeros'
		});
	});
	it('accepts any valid NIP however it is typed', () => {
		const nip = fc
			.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
			.map((d) => {
				const sum = d.reduce((s, x, i) => s + x * [6, 5, 7, 2, 3, 4, 5, 6, 7][i]!, 0) % 11;
				return sum === 10 ? null : d.join('') + sum;
			})
			.filter((n): n is string => n !== null);
		fc.assert(
			fc.property(nip, fc.constantFrom('', 'PL', 'pl ', 'PL-'), (n, prefix) => {
				const typed = `${prefix}${n.slice(0, 3)}-${n.slice(3, 6)} ${n.slice(6)}`;
				expect(valueOf(OrganisationInput, { ...organisation, nip: typed }).nip).toBe(n);
			})
		);
	});
});

describe('RegistrationInput', () => {
	it('accepts a registration', () => {
		const value = valueOf(RegistrationInput, registration);
		expect(value.consent).toBe(true);
		expect(value.organisation.nip).toBe('8567346215');
	});
	it.each(
		cases([
			[
				{ organisation: { ...organisation, nip: '8567346216' } },
				'organisation.nip',
				'validation.nip.checksum'
			],
			[{ organisation: { ...organisation, extra: 1 } }, 'organisation.extra', 'validation.unknownField'],
			[{ organisation: undefined }, 'organisation', 'validation.required'],
			[{ centreId: 'cop-kartuzy' }, 'centreId', 'validation.id'],
			[
				{ representative: { ...registration.representative, password: 'krótkie' } },
				'representative.password',
				'validation.password.tooShort'
			],
			[
				{ representative: { ...registration.representative, email: 'anna' } },
				'representative.email',
				'validation.email.invalid'
			],
			[{ representative: { name: 'Anna Nowak' } }, 'representative.email', 'validation.required'],
			[{ consent: false }, 'consent', 'validation.consent'],
			[{ consent: 'true' }, 'consent', 'validation.consent'],
			[{ consent: undefined }, 'consent', 'validation.consent']
		])
	)('$path: $key', ({ input: change, path, key }) => {
		const input: Record<string, unknown> = { ...registration, ...change };
		for (const k of Object.keys(change)) if (change[k] === undefined) delete input[k];
		expect(errorsOf(RegistrationInput, input)[path]).toBe(key);
	});
});

describe('RegistrationDecisionInput', () => {
	it('takes a decision and an optional reason', () => {
		expect(valueOf(RegistrationDecisionInput, { decision: 'approve' })).toEqual({
			decision: 'approve',
			reason: null
		});
		expect(valueOf(RegistrationDecisionInput, { decision: 'reject', reason: ' Duplikat ' }).reason).toBe(
			' Duplikat '
		);
		expect(errorsOf(RegistrationDecisionInput, { decision: 'maybe' }).decision).toBe('validation.choice');
		expect(errorsOf(RegistrationDecisionInput, { decision: 'reject', reason: 'x'.repeat(1001) }).reason).toBe(
			'validation.reason.tooLong'
		);
	});
});

describe('UserCreateInput', () => {
	const user = { email: 'Doradca@COP.pl', name: 'Jan Kowalski', role: 'advisor', centreId: CENTRE_ID };
	it('accepts users with the link their role needs', () => {
		expect(valueOf(UserCreateInput, user)).toEqual({
			...user,
			email: 'doradca@cop.pl',
			organisationId: null
		});
		expect(valueOf(UserCreateInput, { ...user, role: 'admin', centreId: null }).centreId).toBeNull();
		expect(
			valueOf(UserCreateInput, { ...user, role: 'ngo', centreId: '', organisationId: ORG_ID.toUpperCase() })
				.organisationId
		).toBe(ORG_ID);
	});
	it.each(
		cases([
			[{ centreId: null }, 'centreId', 'validation.user.centreRequired'],
			[{ role: 'coordinator', centreId: '' }, 'centreId', 'validation.user.centreRequired'],
			[{ role: 'ngo', organisationId: null }, 'organisationId', 'validation.user.organisationRequired'],
			[{ centreId: 'abc' }, 'centreId', 'validation.id'],
			[{ role: 'root' }, 'role', 'validation.choice'],
			[{ name: 'J' }, 'name', 'validation.name.length'],
			[{ email: 'jan@@cop.pl' }, 'email', 'validation.email.invalid']
		])
	)('$path: $key', ({ input: change, path, key }) => {
		expect(errorsOf(UserCreateInput, { ...user, ...change })[path]).toBe(key);
	});
});

describe('UserUpdateInput', () => {
	it('keeps omitted fields omitted and turns blank ids into null (clear)', () => {
		expect(valueOf(UserUpdateInput, {})).toEqual({});
		expect(valueOf(UserUpdateInput, { centreId: '' })).toEqual({ centreId: null });
		expect(valueOf(UserUpdateInput, { status: 'deactivated', name: ' Jan ' })).toEqual({
			status: 'deactivated',
			name: 'Jan'
		});
		expect(valueOf(UserUpdateInput, { role: 'advisor' })).toEqual({ role: 'advisor' });
	});
	it.each(
		cases([
			[{ status: 'deleted' }, 'status', 'validation.choice'],
			[{ role: 'advisor', centreId: null }, 'centreId', 'validation.user.centreRequired'],
			[{ role: 'ngo', organisationId: '' }, 'organisationId', 'validation.user.organisationRequired'],
			[{ organisationId: 'x' }, 'organisationId', 'validation.id'],
			[{ email: 'new@cop.pl' }, 'email', 'validation.unknownField'],
			[{ name: '' }, 'name', 'validation.required']
		])
	)('$path: $key', ({ input, path, key }) => {
		expect(errorsOf(UserUpdateInput, input)[path]).toBe(key);
	});
});

describe('identifierSchema', () => {
	it('normalises a PESEL and names each problem', () => {
		const pesel = identifierSchema('pesel');
		expect(valueOf(pesel, '440514 01359')).toBe('44051401359');
		expect(errorsOf(pesel, '44051401358')).toEqual({ [FORM_PATH]: 'validation.pesel.checksum' });
		expect(errorsOf(pesel, '4405140135')).toEqual({ [FORM_PATH]: 'validation.pesel.length' });
		expect(errorsOf(pesel, '4405140135X')).toEqual({ [FORM_PATH]: 'validation.pesel.notDigits' });
		expect(errorsOf(pesel, '44023001233')).toEqual({ [FORM_PATH]: 'validation.pesel.birthDate' });
		expect(errorsOf(pesel, ' ')).toEqual({ [FORM_PATH]: 'validation.required' });
	});
});

describe('LocaleInput', () => {
	it('accepts pl and en only', () => {
		expect(valueOf(LocaleInput, { locale: 'en' })).toEqual({ locale: 'en' });
		expect(errorsOf(LocaleInput, { locale: 'de' })).toEqual({ locale: 'validation.choice' });
		expect(errorsOf(LocaleInput, {})).toEqual({ locale: 'validation.required' });
	});
});

describe('validate', () => {
	const schemas = {
		LoginInput,
		PasswordChangeInput,
		CentreInput,
		CentreUpdateInput,
		OrganisationInput,
		RegistrationInput,
		RegistrationDecisionInput,
		UserCreateInput,
		UserUpdateInput,
		LocaleInput
	};
	it.each(Object.entries(schemas))(
		'%s never throws and only ever returns catalogue keys',
		(_name, schema) => {
			fc.assert(
				fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything())), (input) => {
					const result = validate(schema, input);
					if (!result.ok) {
						for (const k of Object.values(result.fieldErrors)) {
							expect(isMessageKey(k)).toBe(true);
							seenKeys.add(k);
						}
					} else expect(result.value).toBeDefined();
				}),
				{ numRuns: 200 }
			);
		}
	);
});

describe('catalogues', () => {
	it('has every key used by the schemas in Polish and English', () => {
		expect(seenKeys.size).toBeGreaterThan(30);
		for (const k of seenKeys) {
			expect.soft(pl, k).toHaveProperty([k]);
			expect.soft(en, k).toHaveProperty([k]);
			expect.soft(en[k as MessageKey], k).not.toBe('');
		}
	});
	it('labels every legal form in Polish and English', () => {
		for (const form of LEGAL_FORMS) {
			const k = legalFormLabelKey(form.value);
			expect(pl[k]).toBeTruthy();
			expect(en[k]).toBeTruthy();
		}
		expect(new Set(LEGAL_FORMS.map((f) => f.value)).size).toBe(LEGAL_FORMS.length);
	});
});
