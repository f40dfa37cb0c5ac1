/**
 * Sync: one server sequence for every change a device can pull, the operations received (exactly once, by id),
 * per-record versions, field stamps and kept conflicts — and drafts without an organisation yet, which the
 * device sends like any other change (organisation_id becomes nullable).
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are history and use the untyped Kysely */

const CONSULTATION_INDEXES: [string, string[]][] = [
	['consultations_advisor_id_date_idx', ['advisor_id', 'date']],
	['consultations_centre_id_date_idx', ['centre_id', 'date']],
	['consultations_organisation_id_idx', ['organisation_id']]
];

/**
 * SQLite cannot drop NOT NULL in place; the table is rebuilt. Inside the migration's transaction foreign keys stay
 * on, so the amendments (which cascade from consultations) are moved to a new table first: dropping the old
 * consultations table then cascades into nothing.
 */
async function rebuildConsultationsForSqlite(db: Kysely<any>): Promise<void> {
	const { rows } = await sql<{ sql: string }>`
		select sql from sqlite_master where type = 'table' and name = 'consultations'`.execute(db);
	const createSql = rows[0]?.sql;
	if (!createSql) throw new Error('consultations table not found');
	const nullable = createSql
		.replace(/"organisation_id" text not null/i, '"organisation_id" text')
		.replace(/create table "consultations"/i, 'create table "consultations_new"');
	if (nullable === createSql) throw new Error('unexpected consultations definition');
	await sql.raw(nullable).execute(db);
	await sql`insert into consultations_new select * from consultations`.execute(db);

	const { rows: amendmentRows } = await sql<{ sql: string }>`
		select sql from sqlite_master where type = 'table' and name = 'consultation_amendments'`.execute(db);
	const amendmentsSql = amendmentRows[0]?.sql;
	if (!amendmentsSql) throw new Error('consultation_amendments table not found');
	await sql
		.raw(
			amendmentsSql
				.replace(/create table "consultation_amendments"/i, 'create table "consultation_amendments_new"')
				.replace(/references "consultations"/i, 'references "consultations_new"')
		)
		.execute(db);
	await sql`insert into consultation_amendments_new select * from consultation_amendments`.execute(db);
	await sql`drop table consultation_amendments`.execute(db);
	await sql`drop table consultations`.execute(db);
	// Renaming rewrites the amendments' reference to the new name (legacy_alter_table is off by default).
	await sql`alter table consultations_new rename to consultations`.execute(db);
	await sql`alter table consultation_amendments_new rename to consultation_amendments`.execute(db);
	for (const [name, columns] of CONSULTATION_INDEXES) {
		await db.schema.createIndex(name).on('consultations').columns(columns).execute();
	}
	await db.schema
		.createIndex('consultation_amendments_consultation_idx')
		.on('consultation_amendments')
		.column('consultation_id')
		.execute();
}

export async function up(db: Kysely<any>): Promise<void> {
	if (engineOf(db) === 'postgres') {
		await sql`alter table consultations alter column organisation_id drop not null`.execute(db);
	} else {
		await rebuildConsultationsForSqlite(db);
	}

	// The one counter every synced change takes its sequence from (a row lock on PostgreSQL orders commits).
	await db.schema
		.createTable('sync_counter')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('seq', 'bigint', (c) => c.notNull())
		.execute();
	await db.insertInto('sync_counter').values({ id: 1, seq: 0 }).execute();

	for (const table of ['consultations', 'organisations', 'consultation_amendments']) {
		await db.schema
			.alterTable(table)
			.addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
			.execute();
		await db.schema.alterTable(table).addColumn('receipt', 'text').execute();
		await db.schema.createIndex(`${table}_seq_idx`).on(table).column('seq').execute();
	}
	await db.schema
		.alterTable('organisations')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.alterTable('consultations')
		.addColumn('field_stamps', 'text', (c) => c.notNull().defaultTo('{}'))
		.execute();
	await db.schema
		.alterTable('consultations')
		.addColumn('conflicts', 'text', (c) => c.notNull().defaultTo('[]'))
		.execute();

	// Rows that exist already get distinct sequence numbers, so a first pull pages through them like any other.
	let seq = 0;
	for (const table of ['organisations', 'consultations', 'consultation_amendments']) {
		const ids = await db.selectFrom(table).select('id').orderBy('id').execute();
		for (const { id } of ids) {
			seq += 1;
			await db.updateTable(table).set({ seq }).where('id', '=', id).execute();
		}
	}
	await db.updateTable('sync_counter').set({ seq }).where('id', '=', 1).execute();

	await db.schema
		.createTable('sync_ops')
		.addColumn('op_id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
		.addColumn('device_id', 'text', (c) => c.notNull())
		.addColumn('entity', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text', (c) => c.notNull())
		.addColumn('op', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('code', 'text')
		.addColumn('seq', 'bigint')
		.addColumn('receipt', 'text')
		/** JSON: message key, field message keys, conflicting fields — the stored answer for a replay. */
		.addColumn('outcome', 'text', (c) => c.notNull())
		/** 'device' or 'import:<coordinator id>': how the operation reached the server. */
		.addColumn('via', 'text', (c) => c.notNull())
		.addColumn('received_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sync_ops_receipt_idx').on('sync_ops').column('receipt').execute();
	await db.schema.createIndex('sync_ops_entity_idx').on('sync_ops').columns(['entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('sync_ops').execute();
	await db.schema.dropTable('sync_counter').execute();
	await db.schema.alterTable('consultations').dropColumn('conflicts').execute();
	await db.schema.alterTable('consultations').dropColumn('field_stamps').execute();
	await db.schema.alterTable('organisations').dropColumn('version').execute();
	for (const table of ['consultations', 'organisations', 'consultation_amendments']) {
		await db.schema.dropIndex(`${table}_seq_idx`).execute();
		await db.schema.alterTable(table).dropColumn('receipt').execute();
		await db.schema.alterTable(table).dropColumn('seq').execute();
	}
}
