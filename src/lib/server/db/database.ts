/**
 * Opening, migrating and transacting on the server database: SQLite by default (one file, zero set-up), PostgreSQL
 * when the URL names one (several app instances behind a load balancer). Both behave the same to callers.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
	CamelCasePlugin,
	Kysely,
	Migrator,
	PostgresDialect,
	SqliteDialect,
	sql,
	type Transaction
} from 'kysely';
import pg from 'pg';
import { engineOf, type Engine } from './engine';
import { migrationProvider } from './migrations';
import type { DB } from './schema';

export type { Engine } from './engine';

export interface DatabaseHandle {
	db: Kysely<DB>;
	engine: Engine;
	close(): Promise<void>;
}

export interface OpenDatabaseOptions {
	/** PostgreSQL only: the schema every connection works in (tests use one schema each). */
	searchPath?: string;
	/** PostgreSQL only: the most connections this instance opens. */
	poolMax?: number;
}

export type DatabaseLocation =
	{ engine: 'sqlite'; file: string } | { engine: 'postgres'; connectionString: string };

/** A plain file path, `sqlite:<path>` (`sqlite::memory:` too) or a `postgres://` / `postgresql://` URL. */
export function parseDatabaseUrl(url: string): DatabaseLocation {
	const trimmed = url.trim();
	if (trimmed === '') throw new Error('Database URL is empty');
	if (/^postgres(ql)?:\/\//i.test(trimmed)) return { engine: 'postgres', connectionString: trimmed };
	if (/^sqlite:/i.test(trimmed)) {
		// `sqlite:///abs/path` and `sqlite://./rel` are accepted as well as `sqlite:./rel`.
		const file = trimmed.slice('sqlite:'.length).replace(/^\/\/(?=[./])/, '');
		if (file === '') throw new Error(`Database URL "${url}" names no SQLite file`);
		return { engine: 'sqlite', file };
	}
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
		throw new Error(`Unsupported database URL "${trimmed.replace(/\/\/[^@/]*@/, '//***@')}"`);
	}
	return { engine: 'sqlite', file: trimmed };
}

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/**
 * PostgreSQL returns int8 (bigserial ids, `count(*)`, `sum(integer)`) and numeric (`avg`) as strings; SQLite returns
 * numbers. Parsing them keeps results identical on both engines; no column holds values beyond 2^53.
 */
const pgTypes = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === PG_INT8 || oid === PG_NUMERIC
			? (value: string) => Number(value)
			: pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
};

export function openDatabase(url: string, options: OpenDatabaseOptions = {}): DatabaseHandle {
	const location = parseDatabaseUrl(url);
	const plugins = [new CamelCasePlugin()];

	if (location.engine === 'postgres') {
		if (options.searchPath !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.searchPath)) {
			throw new Error(`Invalid search_path "${options.searchPath}"`);
		}
		const pool = new pg.Pool({
			connectionString: location.connectionString,
			max: options.poolMax ?? 10,
			types: pgTypes,
			...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {})
		});
		const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
		return { db, engine: 'postgres', close: () => db.destroy() };
	}

	if (location.file !== ':memory:') mkdirSync(dirname(resolve(location.file)), { recursive: true });
	const sqlite = new SqliteDatabase(location.file);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('busy_timeout = 5000');
	const db = new Kysely<DB>({
		dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
		plugins
	});
	return { db, engine: 'sqlite', close: () => db.destroy() };
}

/** Compiled statements kept per SQLite connection; the few hundred distinct queries of the app fit many times over. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and better-sqlite3 compiles SQL on each prepare() — a third of a sync push's
 * server time. Statements are reusable, so the connection hands out the compiled one for SQL it has seen (least
 * recently used dropped first). Safe because SQLite runs one query at a time on this connection and nothing here
 * streams (iterate) a statement while another query could reuse it.
 */
function withStatementCache(database: SqliteDatabase.Database) {
	const cache = new Map<string, SqliteDatabase.Statement>();
	return {
		close(): void {
			cache.clear();
			database.close();
		},
		prepare(text: string): SqliteDatabase.Statement {
			let statement = cache.get(text);
			if (statement) cache.delete(text);
			else statement = database.prepare(text);
			cache.set(text, statement);
			if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
			return statement;
		}
	};
}

/**
 * Applies pending migrations; returns the names applied now (empty when already up to date). All pending
 * migrations apply in one transaction or not at all, and concurrent callers (several instances starting at once)
 * apply each migration once: PostgreSQL through Kysely's advisory lock, SQLite through `begin immediate`.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
	// Migrations and Kysely's bookkeeping use snake_case names themselves.
	const raw = db.withoutPlugins();
	if (engineOf(raw) === 'postgres') {
		// Kysely looks for its bookkeeping table in *any* schema unless told which; pin it to ours.
		const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(raw);
		const schema = rows[0]?.schema;
		if (!schema) throw new Error('Database migration failed: no current schema (check search_path)');
		return runMigrator(raw, schema);
	}
	// Kysely runs SQLite migrations outside any transaction (a failure would leave half a schema) and without a
	// lock; one immediate transaction around the whole run provides both. A future migration that rebuilds a table
	// cannot switch `foreign_keys` off in here and needs handling of its own.
	return raw.connection().execute(async (conn) => {
		await sql`begin immediate`.execute(conn);
		try {
			const applied = await runMigrator(conn, undefined);
			await sql`commit`.execute(conn);
			return applied;
		} catch (error) {
			await sql`rollback`.execute(conn).catch(() => {});
			throw error;
		}
	});
}

async function runMigrator(db: Kysely<DB>, migrationTableSchema: string | undefined): Promise<string[]> {
	const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema });
	const { error, results = [] } = await migrator.migrateToLatest();
	if (error) {
		const failed = results.find((r) => r.status === 'Error')?.migrationName;
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`Database migration ${failed ? `"${failed}" ` : ''}failed: ${reason}`, { cause: error });
	}
	return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export type TransactionIsolation = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
	/** PostgreSQL only (SQLite transactions are always serializable). */
	isolation?: TransactionIsolation;
	/** Tries in all, including the first. */
	maxAttempts?: number;
}

/** serialization_failure, deadlock_detected: the transaction did nothing and may simply be run again. */
const RETRYABLE_PG_CODES = new Set(['40001', '40P01']);

export function isRetryable(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' && RETRYABLE_PG_CODES.has(code);
}

/**
 * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. The one way every multi-step
 * write goes. On PostgreSQL a serialization failure or deadlock re-runs `fn`, so `fn` must not have effects outside
 * the database. Called with a transaction, it joins it (no nested transaction, no retry at this level).
 */
export async function withTransaction<T>(
	db: Kysely<DB>,
	fn: (trx: Transaction<DB>) => Promise<T>,
	options: TransactionOptions = {}
): Promise<T> {
	if (db.isTransaction) return fn(db as Transaction<DB>);
	const postgres = engineOf(db) === 'postgres';
	const maxAttempts = postgres ? Math.max(1, options.maxAttempts ?? 5) : 1;
	for (let attempt = 1; ; attempt++) {
		try {
			let builder = db.transaction();
			if (postgres && options.isolation) builder = builder.setIsolationLevel(options.isolation);
			return await builder.execute(fn);
		} catch (error) {
			if (attempt >= maxAttempts || !isRetryable(error)) throw error;
			// Jittered back-off so the transactions that collided don't collide again in lockstep.
			const delayMs = 5 * 2 ** attempt + Math.random() * 10 * attempt;
			await new Promise((resolve) => setTimeout(resolve, delayMs));
		}
	}
}
