/**
 * The admin's user management through the real routes, on SQLite and PostgreSQL: the new temporary password an
 * admin sets for someone who lost theirs (POST /api/admin/users/<id>/password), and the list's Polish order.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { uniqueEmail } from './helpers/factories';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_PASSWORD, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { newId } from '$lib/domain/ids';

const TEMPORARY = /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/;

describe.each(ENGINES)('admin users on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	let admin: string;

	/** A fresh advisor account, created by the admin; the e-mail is given in mixed case as someone might type it. */
	async function createAdvisor(name: string) {
		const typed = uniqueEmail('Adv').replace('@example.org', '@Example.PL');
		const created = await call('POST', '/api/admin/users', {
			token: admin,
			body: { email: typed, name, role: 'advisor', centreId: DEMO_CENTRE_IDS.slupsk, organisationId: null }
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		return {
			id: String(created.body.id),
			typed,
			email: String(created.body.email),
			temporaryPassword: String(created.body.temporaryPassword)
		};
	}

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		admin = await signInToken(call, 'admin@demo.pl', DEMO_PASSWORD);
	});

	afterAll(async () => {
		await database?.close();
	});

	test('a new account answers the address as stored (lower-case), not as typed', async () => {
		const user = await createAdvisor('Anna Adresowa');
		expect(user.typed).not.toBe(user.typed.toLowerCase());
		expect(user.email).toBe(user.typed.toLowerCase());
		await expect(signInToken(call, user.email, user.temporaryPassword)).resolves.toBeTruthy();
	});

	test('the admin sets a new temporary password: the old one fails, every session ends, audit row', async () => {
		const user = await createAdvisor('Robert Resetowany');
		// The person chose their own password and uses the app on two devices.
		const first = await signInToken(call, user.email, user.temporaryPassword);
		const changed = await call('POST', '/api/session/password', {
			token: first,
			body: { currentPassword: user.temporaryPassword, newPassword: 'moje-haslo-2026' }
		});
		expect(changed.status, JSON.stringify(changed.body)).toBe(200);
		const phone = await signInToken(call, user.email, 'moje-haslo-2026');
		const laptop = await signInToken(call, user.email, 'moje-haslo-2026');
		expect((await call('GET', '/api/organisations', { token: phone })).status).toBe(200);

		// Forgotten: five wrong guesses lock the account.
		for (let i = 0; i < 5; i++) {
			const wrong = await call('POST', '/api/session', {
				body: { email: user.email, password: `stare-${i}` }
			});
			expect(wrong.status).toBe(401);
		}
		const locked = await call('POST', '/api/session', {
			body: { email: user.email, password: 'x-'.repeat(6) }
		});
		expect(locked.status).toBe(429);

		const reset = await call('POST', `/api/admin/users/${user.id}/password`, { token: admin });
		expect(reset.status, JSON.stringify(reset.body)).toBe(200);
		expect(reset.body).toMatchObject({ id: user.id, email: user.email });
		const temporary = String(reset.body.temporaryPassword);
		expect(temporary).toMatch(TEMPORARY);
		expect(temporary).not.toBe(user.temporaryPassword);

		// Signed out everywhere at once.
		expect((await call('GET', '/api/session', { token: phone })).status).toBe(401);
		expect((await call('GET', '/api/session', { token: laptop })).status).toBe(401);
		// The old password no longer opens the account.
		const old = await call('POST', '/api/session', {
			body: { email: user.email, password: 'moje-haslo-2026' }
		});
		expect(old.status).toBe(401);
		// The temporary one does, for the password change only.
		const session = await signInToken(call, user.email, temporary);
		expect((await call('GET', '/api/session', { token: session })).body.user).toMatchObject({
			userId: user.id,
			mustChangePassword: true
		});
		expect((await call('GET', '/api/organisations', { token: session })).status).toBe(403);
		const listed = await call('GET', '/api/admin/users', { token: admin });
		const row = (listed.body.users as { id: string; mustChangePassword: boolean }[]).find(
			(u) => u.id === user.id
		);
		expect(row?.mustChangePassword).toBe(true);

		const audit = await database.db
			.selectFrom('auditLog')
			.selectAll()
			.where('entity', '=', 'user')
			.where('entityId', '=', user.id)
			.where('action', '=', 'password_reset')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]!.actorId).toBe(DEMO_USER_IDS.admin);
		// Neither the password nor its hash is written to the log.
		expect(JSON.stringify(audit[0])).not.toContain(temporary);
		expect(JSON.stringify(audit[0])).not.toContain('$argon2');

		// The person then chooses their own password and is in again.
		const own = await call('POST', '/api/session/password', {
			token: session,
			body: { currentPassword: temporary, newPassword: 'nowe-haslo-2026' }
		});
		expect(own.status, JSON.stringify(own.body)).toBe(200);
		const after = await signInToken(call, user.email, 'nowe-haslo-2026');
		expect((await call('GET', '/api/session', { token: after })).body.user).toMatchObject({
			mustChangePassword: false
		});
	});

	test('only the admin may set it; an unknown account is 404; their own password is changed on /account', async () => {
		const target = DEMO_USER_IDS.advisor2;
		const path = `/api/admin/users/${target}/password`;
		expect((await call('POST', path)).status).toBe(401);
		for (const email of ['koordynator@demo.pl', 'doradca@demo.pl', 'ngo@demo.pl']) {
			const token = await signInToken(call, email, DEMO_PASSWORD);
			const refused = await call('POST', path, { token });
			expect(refused.status, email).toBe(403);
			expect(refused.body.temporaryPassword).toBeUndefined();
		}
		// Nothing changed for the account the others tried.
		await expect(signInToken(call, 'doradca2@demo.pl', DEMO_PASSWORD)).resolves.toBeTruthy();
		expect(
			await database.db
				.selectFrom('auditLog')
				.select('id')
				.where('entityId', '=', target)
				.where('action', '=', 'password_reset')
				.execute()
		).toHaveLength(0);

		expect((await call('POST', `/api/admin/users/${newId()}/password`, { token: admin })).status).toBe(404);
		expect((await call('POST', '/api/admin/users/not-an-id/password', { token: admin })).status).toBe(404);
		// Only POST.
		expect((await call('GET', path, { token: admin })).status).toBe(405);

		const own = await call('POST', `/api/admin/users/${DEMO_USER_IDS.admin}/password`, { token: admin });
		expect(own.status).toBe(400);
		expect(own.body.error?.code).toBe('own_password');
		expect(own.body.error?.message).toMatch(/Moje konto/);
		// The admin is still signed in, with the same password.
		expect((await call('GET', '/api/session', { token: admin })).status).toBe(200);
		await expect(signInToken(call, 'admin@demo.pl', DEMO_PASSWORD)).resolves.toBeTruthy();
	});

	test('the list is in Polish alphabetical order (Ł after L, Ż after Z), same names by e-mail', async () => {
		const names = ['Zofia Zielińska', 'Łukasz Łapa', 'Żaneta Żak', 'Lena Lis', 'Ćwikła Cezary', 'Celina Cis'];
		for (const name of names) await createAdvisor(name);
		const twins = [await createAdvisor('Jan Wiśniewski'), await createAdvisor('Jan Wiśniewski')];
		const listed = await call('GET', '/api/admin/users', { token: admin });
		const users = listed.body.users as { id: string; name: string; email: string }[];
		const ours = users.map((u) => u.name).filter((n) => names.includes(n));
		expect(ours).toEqual([
			'Celina Cis',
			'Ćwikła Cezary',
			'Lena Lis',
			'Łukasz Łapa',
			'Zofia Zielińska',
			'Żaneta Żak'
		]);
		// The whole list keeps the order a Pole expects.
		const collator = new Intl.Collator('pl');
		for (let i = 1; i < users.length; i++) {
			expect(collator.compare(users[i - 1]!.name, users[i]!.name)).toBeLessThanOrEqual(0);
		}
		const twinEmails = users.filter((u) => u.name === 'Jan Wiśniewski').map((u) => u.email);
		expect(twinEmails).toEqual(twins.map((t) => t.email).sort(collator.compare));
	});
});
