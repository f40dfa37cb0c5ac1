/**
 * The first schema. Migrations use snake_case names directly (they are history, not app code) and the untyped
 * `Kysely<any>`, because the app's `DB` interface describes the latest schema, not this one.
 */
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { engineOf } from '../engine';

/* eslint-disable @typescript-eslint/no-explicit-any -- see the header */

type Table = CreateTableBuilder<any, any>;

/** Ids that are never reused (SQLite needs AUTOINCREMENT for that); PostgreSQL's int8 is parsed to a number. */
function withSerialId(db: Kysely<any>, table: Table): Table {
	return engineOf(db) === 'postgres'
		? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
		: table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
const ref = (target: string) => (c: ColumnDefinitionBuilder) => c.references(target);
const notNullRef = (target: string) => (c: ColumnDefinitionBuilder) => c.notNull().references(target);

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('centres')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', notNull)
		.addColumn('town', 'text', notNull)
		.addColumn('kind', 'text', notNull)
		.addColumn('street', 'text', notNull)
		.addColumn('postal_code', 'text', notNull)
		.addColumn('gmina_terc', 'text', notNull)
		.addColumn('powiat_terc', 'text', notNull)
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', notNull)
		.addColumn('updated_at', 'text', notNull)
		.execute();

	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', notNull)
		.addColumn('password_hash', 'text', notNull)
		.addColumn('status', 'text', notNull)
		.addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locale', 'text', (c) => c.notNull().defaultTo('pl'))
		.addColumn('created_at', 'text', notNull)
		.addColumn('updated_at', 'text', notNull)
		.execute();

	await db.schema
		.createTable('organisations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', notNull)
		.addColumn('kind', 'text', notNull)
		.addColumn('legal_form', 'text', notNull)
		.addColumn('krs', 'text')
		.addColumn('nip', 'text')
		.addColumn('regon', 'text')
		.addColumn('street', 'text', notNull)
		.addColumn('postal_code', 'text', notNull)
		.addColumn('town', 'text', notNull)
		.addColumn('gmina_terc', 'text', notNull)
		.addColumn('powiat_terc', 'text', notNull)
		.addColumn('email', 'text')
		.addColumn('phone', 'text')
		.addColumn('website', 'text')
		.addColumn('centre_id', 'text', ref('centres.id'))
		.addColumn('status', 'text', notNull)
		.addColumn('created_at', 'text', notNull)
		.addColumn('updated_at', 'text', notNull)
		.execute();
	await db.schema
		.createIndex('organisations_centre_id_idx')
		.on('organisations')
		.column('centre_id')
		.execute();

	await db.schema
		.createTable('memberships')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('role', 'text', notNull)
		.addColumn('centre_id', 'text', ref('centres.id'))
		.addColumn('organisation_id', 'text', ref('organisations.id'))
		.addColumn('created_at', 'text', notNull)
		.execute();
	await db.schema.createIndex('memberships_user_id_idx').on('memberships').column('user_id').execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'text', notNull)
		.addColumn('expires_at', 'text', notNull)
		.addColumn('last_seen_at', 'text', notNull)
		.addColumn('user_agent', 'text')
		.addColumn('ip', 'text')
		.execute();
	await db.schema.createIndex('sessions_user_id_idx').on('sessions').column('user_id').execute();

	await withSerialId(db, db.schema.createTable('login_attempts'))
		.addColumn('key', 'text', notNull)
		.addColumn('at', 'text', notNull)
		.addColumn('succeeded', 'integer', notNull)
		.execute();
	await db.schema
		.createIndex('login_attempts_key_at_idx')
		.on('login_attempts')
		.columns(['key', 'at'])
		.execute();
	// Pruning deletes by age alone.
	await db.schema.createIndex('login_attempts_at_idx').on('login_attempts').column('at').execute();

	await db.schema
		.createTable('bookings')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('organisation_id', 'text', notNullRef('organisations.id'))
		.addColumn('centre_id', 'text', notNullRef('centres.id'))
		.addColumn('advisor_id', 'text', ref('users.id'))
		.addColumn('topic', 'text', notNull)
		.addColumn('format', 'text', notNull)
		.addColumn('starts_at', 'text')
		.addColumn('ends_at', 'text')
		.addColumn('status', 'text', notNull)
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'text', notNullRef('users.id'))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', notNull)
		.addColumn('updated_at', 'text', notNull)
		.execute();
	await db.schema
		.createIndex('bookings_centre_id_starts_at_idx')
		.on('bookings')
		.columns(['centre_id', 'starts_at'])
		.execute();
	await db.schema
		.createIndex('bookings_advisor_id_starts_at_idx')
		.on('bookings')
		.columns(['advisor_id', 'starts_at'])
		.execute();
	await db.schema
		.createIndex('bookings_organisation_id_idx')
		.on('bookings')
		.column('organisation_id')
		.execute();

	await db.schema
		.createTable('consultations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('advisor_id', 'text', notNullRef('users.id'))
		.addColumn('centre_id', 'text', notNullRef('centres.id'))
		.addColumn('organisation_id', 'text', notNullRef('organisations.id'))
		.addColumn('date', 'text', notNull)
		.addColumn('start_time', 'text', notNull)
		.addColumn('end_time', 'text', notNull)
		.addColumn('duration_min', 'integer', notNull)
		.addColumn('place_kind', 'text', notNull)
		.addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('participants', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('follow_ups', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', notNull)
		.addColumn('signature', 'text')
		.addColumn('signed_by_name', 'text')
		.addColumn('signed_at', 'text')
		.addColumn('booking_id', 'text', ref('bookings.id'))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', notNull)
		.addColumn('updated_at', 'text', notNull)
		.addColumn('deleted_at', 'text')
		.execute();
	await db.schema
		.createIndex('consultations_advisor_id_date_idx')
		.on('consultations')
		.columns(['advisor_id', 'date'])
		.execute();
	await db.schema
		.createIndex('consultations_centre_id_date_idx')
		.on('consultations')
		.columns(['centre_id', 'date'])
		.execute();
	await db.schema
		.createIndex('consultations_organisation_id_idx')
		.on('consultations')
		.column('organisation_id')
		.execute();

	await withSerialId(db, db.schema.createTable('audit_log'))
		.addColumn('at', 'text', notNull)
		.addColumn('actor_id', 'text', ref('users.id'))
		.addColumn('entity', 'text', notNull)
		.addColumn('entity_id', 'text', notNull)
		.addColumn('action', 'text', notNull)
		.addColumn('before', 'text')
		.addColumn('after', 'text')
		.addColumn('reason', 'text')
		.execute();
	await db.schema
		.createIndex('audit_log_entity_idx')
		.on('audit_log')
		.columns(['entity', 'entity_id'])
		.execute();

	await withSerialId(db, db.schema.createTable('email_outbox'))
		.addColumn('to', 'text', notNull)
		.addColumn('subject', 'text', notNull)
		.addColumn('body', 'text', notNull)
		.addColumn('created_at', 'text', notNull)
		.addColumn('sent_at', 'text')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'email_outbox',
		'audit_log',
		'consultations',
		'bookings',
		'login_attempts',
		'sessions',
		'memberships',
		'organisations',
		'users',
		'centres'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
