/** What the server does at start: seed demo data only when asked, and never run production on demo accounts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { closeDatabase, getDatabase } from '$lib/server/db';
import { prepareServer } from '$lib/server/startup';

describe('server start on the default SQLite database', () => {
	const dir = mkdtempSync(join(tmpdir(), 'doradca-start-'));
	const previous = process.env.DATABASE_URL;

	beforeAll(() => {
		process.env.DATABASE_URL = join(dir, 'start.db');
	});
	afterAll(async () => {
		await closeDatabase();
		process.env.DATABASE_URL = previous;
		rmSync(dir, { recursive: true, force: true });
	});

	test('a production start on an empty database migrates it and adds no demo account', async () => {
		await prepareServer({ NODE_ENV: 'production' });
		const db = await getDatabase();
		expect(await db.selectFrom('users').select('email').execute()).toEqual([]);
	});

	test('DEMO=1 seeds the demo data once', async () => {
		await prepareServer({ DEMO: '1' });
		await prepareServer({ DEMO: '1' });
		const db = await getDatabase();
		const emails = (await db.selectFrom('users').select('email').execute()).map((u) => u.email).sort();
		expect(emails).toEqual([
			'admin@demo.pl',
			'doradca2@demo.pl',
			'doradca@demo.pl',
			'koordynator@demo.pl',
			'ngo@demo.pl'
		]);
		// The visits are `npm start`'s (DEMO_HISTORY=1); tests and benchmarks start from an empty history.
		expect(await db.selectFrom('consultations').select('id').execute()).toEqual([]);
	});

	test('a production start refuses a database that holds active demo accounts, and says what to do', async () => {
		await expect(prepareServer({ NODE_ENV: 'production' })).rejects.toThrow(/demo accounts.*DATABASE_URL/);
		const db = await getDatabase();
		await db
			.updateTable('users')
			.set({ status: 'deactivated' })
			.where('email', 'like', '%@demo.pl')
			.execute();
		await expect(prepareServer({ NODE_ENV: 'production' })).resolves.toBeUndefined();
	});
});
