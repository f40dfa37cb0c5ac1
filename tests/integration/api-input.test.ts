/**
 * Bad input at the API boundary: every refusal is a 4xx with a specific message in the user's language, nothing
 * is stored half-way, and the server keeps serving. Plus the rules that end sessions. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { centreBody, registrationBody, uniqueEmail } from './helpers/factories';
import { addStaff } from './helpers/sync-server';
import { seedDemo } from '$lib/server/db/seed';
import {
	DEMO_CENTRE_IDS,
	DEMO_ORGANISATION_IDS,
	DEMO_PASSWORD,
	DEMO_USER_IDS
} from '$lib/server/db/demo-data';
import { MAX_JSON_BYTES } from '$lib/server/http';
import { DEVICE_COOKIE } from '$lib/server/auth/known-devices';
import { claimRegistration, MAX_REGISTRATIONS_PER_ADDRESS } from '$lib/server/auth/rate-limit';
import type { Identity } from '$lib/domain/roles';
import { translate } from '$lib/i18n/translate';

describe.each(ENGINES)('API input on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	const count = async (table: 'organisations' | 'users' | 'centres') =>
		Number(
			(
				await database.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
	});
	afterAll(async () => {
		await database?.close();
	});

	test('malformed JSON is a 400 that says so', async () => {
		const response = await call('POST', '/api/session', { rawBody: '{"email": "a@b.pl",' });
		expect(response.status).toBe(400);
		expect(response.body.error).toMatchObject({
			code: 'bad_json',
			message: 'Nieprawidłowy JSON w treści żądania.'
		});
	});

	test('a body that is not JSON is refused with 415', async () => {
		const response = await call('POST', '/api/session', {
			rawBody: 'email=a@b.pl',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(response.status).toBe(415);
		expect(response.body.error?.code).toBe('unsupported_media_type');
	});

	test('a request from another origin is refused before anything runs', async () => {
		const before = await count('organisations');
		const response = await call('POST', '/api/register', {
			body: registrationBody(DEMO_CENTRE_IDS.slupsk),
			headers: { origin: 'https://evil.example' }
		});
		expect(response.status).toBe(403);
		expect(response.body.error?.code).toBe('bad_origin');
		expect(await count('organisations')).toBe(before);
	});

	test('an oversized body is refused with 413', async () => {
		const huge = JSON.stringify({ email: 'a@b.pl', password: 'x'.repeat(MAX_JSON_BYTES + 10) });
		const declared = await call('POST', '/api/session', { rawBody: huge });
		expect(declared.status).toBe(413);
		expect(declared.body.error?.message).toBe('Treść żądania jest za duża.');
	});

	test('text holding a NUL character is refused at its field and stores nothing', async () => {
		const before = await count('organisations');
		const body = registrationBody(DEMO_CENTRE_IDS.slupsk);
		const response = await call('POST', '/api/register', {
			body: { ...body, organisation: { ...body.organisation, name: 'Fund\u0000acja' } }
		});
		expect(response.status).toBe(400);
		expect(response.body.error?.fields).toEqual({
			'organisation.name':
				'Tekst zawiera znak, którego nie da się zapisać (NUL) — usuń go i spróbuj ponownie.'
		});
		expect(await count('organisations')).toBe(before);
		// Half of an emoji (a lone surrogate) likewise: SQLite and PostgreSQL would store it apart.
		const broken = await call('POST', '/api/register', {
			body: { ...body, organisation: { ...body.organisation, name: 'Fundacja \ud83d' } }
		});
		expect(broken.status).toBe(400);
		expect(broken.body.error?.fields).toEqual({
			'organisation.name': translate('pl', 'validation.brokenCharacter')
		});
		expect(await count('organisations')).toBe(before);
	});

	test("a body cut off by the server's own size limit is 'too large', not 'invalid JSON'", async () => {
		const response = await call('POST', '/api/session', {
			body: { email: 'a@b.pl', password: 'x' },
			// What adapter-node's BODY_SIZE_LIMIT does to a longer body: the stream ends with its 413.
			streamError: Object.assign(new Error('Content-length of 600000 exceeds limit of 524288 bytes.'), {
				status: 413
			})
		});
		expect(response.status).toBe(413);
		expect(response.body.error?.code).toBe('body_too_large');
	});

	test('wrong types and unknown fields get field messages, in English when the user chose it', async () => {
		const response = await call('POST', '/api/session', {
			body: { email: 42, password: 'x', admin: true },
			locale: 'en'
		});
		expect(response.status).toBe(400);
		expect(response.body.error?.message).toBe('Please correct the marked fields.');
		expect(Object.keys(response.body.error?.fields ?? {})).toEqual(
			expect.arrayContaining(['email', 'admin'])
		);
	});

	const localeOfAccount = async (email: string) =>
		(
			await database.db
				.selectFrom('users')
				.select('locale')
				.where('email', '=', email)
				.executeTakeFirstOrThrow()
		).locale;

	test("a language chosen on the sign-in page becomes the account's; an unknown one is refused", async () => {
		const email = 'ngo@demo.pl';
		const localeOf = () => localeOfAccount(email);
		expect(await localeOf()).toBe('pl');

		const unknown = await call('POST', '/api/session', {
			body: { email, password: DEMO_PASSWORD, locale: 'de' }
		});
		expect(unknown.status).toBe(400);
		expect(Object.keys(unknown.body.error?.fields ?? {})).toEqual(['locale']);
		expect(await localeOf()).toBe('pl');

		const chosen = await call('POST', '/api/session', {
			body: { email, password: DEMO_PASSWORD, locale: 'en' }
		});
		expect(chosen.status).toBe(200);
		expect((chosen.body.user as Identity).locale).toBe('en');
		expect(await localeOf()).toBe('en');

		// Without a choice on the sign-in page, the account keeps its language.
		const plain = await call('POST', '/api/session', { body: { email, password: DEMO_PASSWORD } });
		expect((plain.body.user as Identity).locale).toBe('en');
		expect(await localeOf()).toBe('en');
	});

	test('an invalid NIP at registration is named next to its field, and nothing is stored', async () => {
		const [orgs, users] = [await count('organisations'), await count('users')];
		const body = registrationBody(DEMO_CENTRE_IDS.slupsk);
		body.organisation.nip = '8567346216';
		const response = await call('POST', '/api/register', { body });
		expect(response.status).toBe(400);
		expect(response.body.error?.fields?.['organisation.nip']).toMatch(/NIP/);
		expect([await count('organisations'), await count('users')]).toEqual([orgs, users]);
	});

	test('a representative who registered in English has an English account from the start', async () => {
		const body = registrationBody(DEMO_CENTRE_IDS.slupsk);
		expect((await call('POST', '/api/register', { body, locale: 'en' })).status).toBe(201);
		const polish = registrationBody(DEMO_CENTRE_IDS.slupsk);
		expect((await call('POST', '/api/register', { body: polish })).status).toBe(201);
		expect(await localeOfAccount(body.representative.email)).toBe('en');
		expect(await localeOfAccount(polish.representative.email)).toBe('pl');
	});

	test('one address sending very many registrations is asked to wait, and nothing more is stored', async () => {
		const ip = '203.0.113.7';
		for (let i = 0; i < MAX_REGISTRATIONS_PER_ADDRESS; i++) {
			expect((await claimRegistration(database.db, ip)).allowed).toBe(true);
		}
		const before = [await count('organisations'), await count('users')];
		const refused = await call('POST', '/api/register', {
			body: registrationBody(DEMO_CENTRE_IDS.slupsk),
			ip
		});
		expect(refused.status).toBe(429);
		expect(refused.body.error?.code).toBe('too_many_registrations');
		expect(refused.body.error?.message).toMatch(
			/^Z tego adresu wysłano w ostatniej godzinie bardzo wiele zgłoszeń\. Spróbuj ponownie za (60|59) min\.$/
		);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
		expect([await count('organisations'), await count('users')]).toEqual(before);
		// Another address is not held up.
		const other = await call('POST', '/api/register', {
			body: registrationBody(DEMO_CENTRE_IDS.slupsk),
			ip: '203.0.113.8'
		});
		expect(other.status).toBe(201);
	});

	test('registering the same NIP twice is refused with 409 and the first registration is intact', async () => {
		const first = registrationBody(DEMO_CENTRE_IDS.lebork);
		expect((await call('POST', '/api/register', { body: first })).status).toBe(201);
		const orgs = await count('organisations');
		const second = registrationBody(DEMO_CENTRE_IDS.lebork);
		second.organisation.nip = first.organisation.nip;
		const response = await call('POST', '/api/register', { body: second });
		expect(response.status).toBe(409);
		expect(response.body.error?.fields?.['organisation.nip']).toBeTruthy();
		expect(await count('organisations')).toBe(orgs);
	});

	test('a pending registration cannot sign in until approved, then can', async () => {
		const body = registrationBody(DEMO_CENTRE_IDS.slupsk);
		const created = await call('POST', '/api/register', { body });
		const credentials = { email: body.representative.email, password: body.representative.password };
		const pending = await call('POST', '/api/session', { body: credentials });
		expect(pending.status).toBe(403);
		expect(pending.body.error?.message).toContain('czeka na zatwierdzenie');
		const coordinator = await signInToken(call, 'koordynator@demo.pl', DEMO_PASSWORD);
		const approval = await call('POST', `/api/registrations/${created.body.organisationId}`, {
			token: coordinator,
			body: { decision: 'approve' }
		});
		expect(approval.status).toBe(200);
		expect((await call('POST', '/api/session', { body: credentials })).status).toBe(200);
		const audit = await database.db
			.selectFrom('auditLog')
			.selectAll()
			.where('entityId', '=', String(created.body.organisationId))
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['registered', 'registration_approved']);
	});

	test('rejecting a registration needs a reason, which the audit log keeps', async () => {
		const created = await call('POST', '/api/register', { body: registrationBody(DEMO_CENTRE_IDS.slupsk) });
		const coordinator = await signInToken(call, 'koordynator@demo.pl', DEMO_PASSWORD);
		const path = `/api/registrations/${created.body.organisationId}`;
		const bare = await call('POST', path, { token: coordinator, body: { decision: 'reject' } });
		expect(bare.status).toBe(400);
		expect(bare.body.error?.fields?.reason).toContain('powód');
		const rejected = await call('POST', path, {
			token: coordinator,
			body: { decision: 'reject', reason: 'To nie jest organizacja pozarządowa.' }
		});
		expect(rejected.status).toBe(200);
		const audit = await database.db
			.selectFrom('auditLog')
			.select(['action', 'reason'])
			.where('entityId', '=', String(created.body.organisationId))
			.where('action', '=', 'registration_rejected')
			.executeTakeFirstOrThrow();
		expect(audit.reason).toBe('To nie jest organizacja pozarządowa.');
	});

	test('too many wrong passwords lock the account for a while with a message saying how long', async () => {
		const email = 'doradca2@demo.pl';
		for (let i = 0; i < 5; i++) {
			const wrong = await call('POST', '/api/session', {
				body: { email, password: 'zle-haslo' },
				ip: `10.0.0.${i}`
			});
			expect(wrong.status).toBe(401);
		}
		const locked = await call('POST', '/api/session', {
			body: { email, password: DEMO_PASSWORD },
			ip: '10.0.1.1'
		});
		expect(locked.status).toBe(429);
		expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(locked.body.error?.message).toMatch(/Spróbuj ponownie za \d+ min/);
	});

	test('failures elsewhere do not lock the owner out of a browser that signed in before; that browser has its own limit', async () => {
		const { email, password } = await addStaff(database.db, 'advisor', DEMO_CENTRE_IDS.slupsk);
		const signIn = (pass: string, ip: string, cookies?: Record<string, string>) =>
			call('POST', '/api/session', { body: { email, password: pass }, ip, cookies });
		const first = await signIn(password, '10.7.0.1');
		expect(first.status).toBe(200);
		const token = first.setCookies.get(DEVICE_COOKIE);
		expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const phone = { [DEVICE_COOKIE]: token! };

		// Someone who knows only the e-mail fails five times: other browsers are locked out, the phone is not.
		for (let i = 0; i < 5; i++) expect((await signIn(`zgadywane-${i}`, `10.7.1.${i}`)).status).toBe(401);
		expect((await signIn(password, '10.7.0.1')).status).toBe(429);
		const again = await signIn(password, '10.7.0.1', phone);
		expect(again.status).toBe(200);
		expect(again.setCookies.get(DEVICE_COOKIE)).toBe(token);
		// Another account's known browser, or a made-up token, is no known browser of this account.
		const stranger = await call('POST', '/api/session', {
			body: { email: 'koordynator@demo.pl', password: DEMO_PASSWORD },
			ip: '10.7.0.3'
		});
		expect(stranger.status).toBe(200);
		const theirs = { [DEVICE_COOKIE]: stranger.setCookies.get(DEVICE_COOKIE)! };
		expect((await signIn(password, '10.7.0.3', theirs)).status).toBe(429);
		expect((await signIn(password, '10.7.0.4', { [DEVICE_COOKIE]: 'x'.repeat(43) })).status).toBe(429);
		// The known browser is limited too, on its own count.
		for (let i = 0; i < 5; i++) expect((await signIn(`pomylka-${i}`, '10.7.0.1', phone)).status).toBe(401);
		expect((await signIn(password, '10.7.0.1', phone)).status).toBe(429);
	});

	test('wrong passwords sent all at once are checked no more often than one after another', async () => {
		const { email, password } = await addStaff(database.db, 'advisor', DEMO_CENTRE_IDS.slupsk);
		// 30 guesses and the right password among them, all at once, from 31 addresses.
		const answers = await Promise.all(
			Array.from({ length: 31 }, (_, i) =>
				call('POST', '/api/session', {
					body: { email, password: i === 20 ? password : `zgadywane-${i}` },
					ip: `10.9.0.${i}`
				})
			)
		);
		const statuses = answers.map((answer) => answer.status);
		const checked = statuses.filter((status) => status !== 429);
		expect(checked.length, statuses.join(',')).toBeLessThanOrEqual(5);
		expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(26);
		// What is left counts as before: the refused attempts left no failure behind them.
		const failures = await database.db
			.selectFrom('loginAttempts')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('key', '=', `email:${email}`)
			.where('succeeded', '=', 0)
			.executeTakeFirstOrThrow();
		expect(Number(failures.n)).toBe(statuses.filter((status) => status === 401).length);
	});

	test('the current password is guessed no faster on the password change than at sign-in', async () => {
		const { email, password } = await addStaff(database.db, 'advisor', DEMO_CENTRE_IDS.slupsk);
		const token = await signInToken(call, email, password);
		const hashOf = async () =>
			(
				await database.db
					.selectFrom('users')
					.select('passwordHash')
					.where('email', '=', email)
					.executeTakeFirst()
			)?.passwordHash;
		const before = await hashOf();
		const change = (currentPassword: string) =>
			call('POST', '/api/session/password', {
				token,
				body: { currentPassword, newPassword: 'nowe-haslo-2026-xyz' }
			});
		for (let i = 0; i < 5; i++) expect((await change(`zgadywane-${i}`)).status).toBe(400);
		const locked = await change(password);
		expect(locked.status).toBe(429);
		expect(locked.body.error?.message).toMatch(/Spróbuj ponownie za \d+ min/);
		expect(await hashOf()).toBe(before);
	});

	test("a new account keeps only its role's scope: no centre for an admin, no organisation for an advisor", async () => {
		const admin = await signInToken(call, 'admin@demo.pl', DEMO_PASSWORD);
		const create = (role: string) =>
			call('POST', '/api/admin/users', {
				token: admin,
				body: {
					email: uniqueEmail(role),
					name: 'Ewa Zakresowa',
					role,
					centreId: DEMO_CENTRE_IDS.ustka,
					organisationId: DEMO_ORGANISATION_IDS.aktywniRazem
				}
			});
		for (const [role, centre, organisation] of [
			['admin', false, false],
			['advisor', true, false],
			['ngo', false, true]
		] as const) {
			const created = await create(role);
			expect(created.status, JSON.stringify(created.body)).toBe(200);
			const membership = await database.db
				.selectFrom('memberships')
				.select(['centreId', 'organisationId'])
				.where('userId', '=', String(created.body.id))
				.executeTakeFirstOrThrow();
			expect([membership.centreId !== null, membership.organisationId !== null], role).toEqual([
				centre,
				organisation
			]);
		}
	});

	test('a centre name already taken is refused on create and on rename, in any letter case; its own name is fine', async () => {
		const admin = await signInToken(call, 'admin@demo.pl', DEMO_PASSWORD);
		const centres = await call('GET', '/api/admin/centres', { token: admin });
		const taken = (centres.body.centres as { id: string; name: string }[]).find(
			(c) => c.id === DEMO_CENTRE_IDS.ustka
		)!.name;
		const copy = await call('POST', '/api/admin/centres', {
			token: admin,
			body: centreBody({ name: `  ${taken.toLocaleUpperCase('pl')} ` })
		});
		expect(copy.status).toBe(409);
		expect(copy.body.error?.code).toBe('name_taken');
		expect(copy.body.error?.fields?.name).toMatch(/Centrum o tej nazwie już istnieje/);

		const own = centreBody();
		const created = await call('POST', '/api/admin/centres', { token: admin, body: own });
		expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
		const id = (created.body.centre as { id: string }).id;
		const renamed = await call('PATCH', `/api/admin/centres/${id}`, {
			token: admin,
			body: { ...own, name: taken }
		});
		expect(renamed.status).toBe(409);
		const kept = await call('PATCH', `/api/admin/centres/${id}`, {
			token: admin,
			body: { ...own, street: 'ul. Długa 3' }
		});
		expect(kept.status, JSON.stringify(kept.body)).toBe(200);
	});

	test('deactivating an account ends all its sessions at once', async () => {
		const admin = await signInToken(call, 'admin@demo.pl', DEMO_PASSWORD);
		const created = await call('POST', '/api/admin/users', {
			token: admin,
			body: {
				email: uniqueEmail('adv'),
				name: 'Adam Tymczasowy',
				role: 'advisor',
				centreId: DEMO_CENTRE_IDS.ustka,
				organisationId: null
			}
		});
		expect(created.status).toBe(200);
		// The same address again, in other letters' case: refused, with words for the admin, not the account holder.
		const twice = await call('POST', '/api/admin/users', {
			token: admin,
			body: {
				email: 'DORADCA@demo.pl',
				name: 'Drugi Doradca',
				role: 'advisor',
				centreId: DEMO_CENTRE_IDS.ustka,
				organisationId: null
			}
		});
		expect(twice.status).toBe(409);
		expect(twice.body.error?.code).toBe('email_taken');
		expect(twice.body.error?.fields?.email).toMatch(/znajdź tę osobę na liście użytkowników/);
		const users = await call('GET', '/api/admin/users', { token: admin });
		const user = (users.body.users as { id: string; email: string }[]).find((u) => u.id === created.body.id)!;
		const session = await signInToken(call, user.email, String(created.body.temporaryPassword));
		expect((await call('GET', '/api/session', { token: session })).body.user).toMatchObject({
			mustChangePassword: true
		});
		// A temporary password opens nothing but the password change.
		expect((await call('GET', '/api/organisations', { token: session })).status).toBe(403);
		const off = await call('PATCH', `/api/admin/users/${user.id}`, {
			token: admin,
			body: { status: 'deactivated' }
		});
		expect(off.status).toBe(200);
		expect((await call('GET', '/api/session', { token: session })).status).toBe(401);
		const again = await call('POST', '/api/session', {
			body: { email: user.email, password: String(created.body.temporaryPassword) }
		});
		expect(again.status).toBe(403);
		expect(again.body.error?.code).toBe('account_deactivated');
	});

	test('changing the password ends every other session of the account', async () => {
		const phone = await signInToken(call, 'doradca@demo.pl', DEMO_PASSWORD);
		const laptop = await signInToken(call, 'doradca@demo.pl', DEMO_PASSWORD);
		const wrong = await call('POST', '/api/session/password', {
			token: laptop,
			body: { currentPassword: 'nie-to-haslo', newPassword: 'nowe-haslo-2026' }
		});
		expect(wrong.status).toBe(400);
		expect(wrong.body.error?.fields?.currentPassword).toBe('Obecne hasło jest nieprawidłowe.');
		const changed = await call('POST', '/api/session/password', {
			token: laptop,
			body: { currentPassword: DEMO_PASSWORD, newPassword: 'nowe-haslo-2026' }
		});
		expect(changed.status).toBe(200);
		expect((await call('GET', '/api/session', { token: phone })).status).toBe(401);
		expect((await call('GET', '/api/session', { token: laptop })).status).toBe(401);
		const fresh = changed.setCookies.get('doradca_session')!;
		expect((await call('GET', '/api/session', { token: fresh })).body.user).toMatchObject({
			userId: DEMO_USER_IDS.advisor
		});
	});

	test('the server keeps serving after all of the above', async () => {
		const response = await call('GET', '/api/health');
		expect(response.body).toMatchObject({ ok: true, engine });
	});
});
