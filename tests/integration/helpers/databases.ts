/**
 * The database fixture of every integration test: a fresh, migrated database per call, on either engine.
 * SQLite gets a temp file, PostgreSQL a schema of its own (dropped on close), so test files run in parallel.
 * PostgreSQL being unreachable fails the tests: a suite that silently skips an engine proves nothing about it.
 *
 *   describe.each(ENGINES)('%s', (engine) => { ... openTestDatabase(engine) ... })
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '$lib/server/db/database';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type TestEngine = (typeof ENGINES)[number];

export const TEST_POSTGRES_URL =
	process.env.TEST_POSTGRES_URL || 'postgres://postgres:postgres@127.0.0.1:5432/doradca_test';

export interface TestDatabase extends DatabaseHandle {
	/** The SQLite file or the PostgreSQL schema, for tests that reopen the same database. */
	location: { file: string } | { schema: string };
	/** Names of the migrations applied when the database was created (none with `migrate: false`). */
	applied: string[];
}

async function adminQuery(text: string): Promise<void> {
	const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
	try {
		await client.connect();
	} catch (error) {
		throw new Error(
			`PostgreSQL is unreachable at ${TEST_POSTGRES_URL.replace(/\/\/[^@/]*@/, '//***@')} (set TEST_POSTGRES_URL): ${String(error)}`,
			{ cause: error }
		);
	}
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/** Opens the same database again (a second app instance, or a restart). Not migrated. */
export function reopenTestDatabase(engine: TestEngine, location: TestDatabase['location']): DatabaseHandle {
	return 'file' in location
		? openDatabase(location.file)
		: openDatabase(TEST_POSTGRES_URL, { searchPath: location.schema, poolMax: 4 });
}

export async function openTestDatabase(
	engine: TestEngine,
	options: { migrate?: boolean } = {}
): Promise<TestDatabase> {
	const migrate = (db: DatabaseHandle['db']) => (options.migrate === false ? [] : migrateToLatest(db));
	if (engine === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'doradca-test-'));
		const file = join(dir, 'test.db');
		const handle = openDatabase(file);
		const applied = await migrate(handle.db);
		return {
			...handle,
			location: { file },
			applied,
			async close() {
				await handle.close();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}

	const schema = `t_${randomBytes(8).toString('hex')}`;
	await adminQuery(`create schema ${schema}`);
	const handle = openDatabase(TEST_POSTGRES_URL, { searchPath: schema, poolMax: 4 });
	try {
		const applied = await migrate(handle.db);
		return {
			...handle,
			location: { schema },
			applied,
			async close() {
				await handle.close();
				await adminQuery(`drop schema if exists ${schema} cascade`);
			}
		};
	} catch (error) {
		await handle.close();
		await adminQuery(`drop schema if exists ${schema} cascade`);
		throw error;
	}
}
