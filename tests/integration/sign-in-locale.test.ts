/**
 * What the sign-in page relies on: a language sent with the sign-in becomes the account's and the answer's; a
 * sign-in without one (the visitor never chose) keeps the account's saved language. SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, type ApiCall } from './helpers/api';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_PASSWORD } from '$lib/server/db/demo-data';

describe.each(ENGINES)('the language at sign-in (%s)', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
	});

	afterAll(async () => {
		await database?.close();
	});

	const signIn = async (locale?: 'pl' | 'en') => {
		const response = await call('POST', '/api/session', {
			body: { email: 'ngo@demo.pl', password: DEMO_PASSWORD, ...(locale ? { locale } : {}) }
		});
		expect(response.status).toBe(200);
		return (response.body.user as { locale: string }).locale;
	};
	const saved = async () =>
		(
			await database.db
				.selectFrom('users')
				.select('locale')
				.where('email', '=', 'ngo@demo.pl')
				.executeTakeFirstOrThrow()
		).locale;

	test('a chosen language is kept and saved to the account', async () => {
		expect(await saved()).toBe('pl');
		expect(await signIn('en')).toBe('en');
		expect(await saved()).toBe('en');
	});

	test('no choice sent: the account’s saved language applies and stays', async () => {
		expect(await signIn()).toBe('en');
		expect(await saved()).toBe('en');
		expect(await signIn('pl')).toBe('pl');
		expect(await signIn()).toBe('pl');
	});
});
