/**
 * Booking (issue 6): the bookings table gains what a booking's life needs (place, preferred days, reason, the
 * linked consultation, who cancelled, the device's idempotency key, …); advisors' availability (weekly windows,
 * one-off exceptions), the formats each centre offers, calendar feed tokens, and booking_claims — one row per
 * advisor and 15-minute cell a booking holds. Its primary key is what makes a double booking impossible: two
 * bookings of overlapping time cannot both commit, on either engine.
 */
import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are history and use the untyped Kysely */

export async function up(db: Kysely<any>): Promise<void> {
	const addColumns: [string, string, (c: any) => any][] = [
		['place', 'text', (c) => c.notNull().defaultTo('')],
		['preferred_days', 'text', (c) => c.notNull().defaultTo('[]')],
		['length_min', 'integer', (c) => c],
		['buffer_min', 'integer', (c) => c.notNull().defaultTo(0)],
		['reason', 'text', (c) => c],
		['consultation_id', 'text', (c) => c],
		['cancelled_by', 'text', (c) => c],
		['client_id', 'text', (c) => c],
		['previous_starts_at', 'text', (c) => c],
		['status_changed_at', 'text', (c) => c.notNull().defaultTo('')]
	];
	for (const [name, type, build] of addColumns) {
		await db.schema
			.alterTable('bookings')
			.addColumn(name, type as 'text', build)
			.execute();
	}
	await sql`update bookings set status_changed_at = updated_at`.execute(db);
	// NULLs never collide, so bookings made before this migration (no client id) are fine.
	await db.schema.createIndex('bookings_client_id_idx').on('bookings').column('client_id').unique().execute();
	await db.schema
		.createIndex('bookings_status_idx')
		.on('bookings')
		.columns(['status', 'starts_at'])
		.execute();

	await db.schema
		.createTable('booking_claims')
		.addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id'))
		/** ISO instant of the 15-minute cell's start. */
		.addColumn('cell_start', 'text', (c) => c.notNull())
		.addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('booking_claims_pkey', ['advisor_id', 'cell_start'])
		.execute();
	await db.schema
		.createIndex('booking_claims_booking_idx')
		.on('booking_claims')
		.column('booking_id')
		.execute();

	await db.schema
		.createTable('availability_windows')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id'))
		.addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
		/** ISO weekday, 1 = Monday … 7 = Sunday. */
		.addColumn('weekday', 'integer', (c) => c.notNull())
		.addColumn('start_time', 'text', (c) => c.notNull())
		.addColumn('end_time', 'text', (c) => c.notNull())
		.addColumn('valid_from', 'text', (c) => c.notNull())
		.addColumn('valid_to', 'text')
		/** JSON arrays. */
		.addColumn('formats', 'text', (c) => c.notNull())
		.addColumn('slot_lengths', 'text', (c) => c.notNull())
		.addColumn('buffer_min', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text', (c) => c.references('users.id'))
		.execute();
	await db.schema
		.createIndex('availability_windows_advisor_idx')
		.on('availability_windows')
		.column('advisor_id')
		.execute();
	await db.schema
		.createIndex('availability_windows_centre_idx')
		.on('availability_windows')
		.column('centre_id')
		.execute();

	await db.schema
		.createTable('availability_exceptions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id'))
		.addColumn('date', 'text', (c) => c.notNull())
		/** 'leave' (times null = the whole day; centre null = every centre) or 'extra' (a one-off window). */
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('centre_id', 'text', (c) => c.references('centres.id'))
		.addColumn('start_time', 'text')
		.addColumn('end_time', 'text')
		.addColumn('formats', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('slot_lengths', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('buffer_min', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('users.id'))
		.execute();
	await db.schema
		.createIndex('availability_exceptions_advisor_date_idx')
		.on('availability_exceptions')
		.columns(['advisor_id', 'date'])
		.execute();

	await db.schema
		.createTable('centre_booking_settings')
		.addColumn('centre_id', 'text', (c) => c.primaryKey().references('centres.id'))
		/** JSON array of the formats the centre offers. */
		.addColumn('formats', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text', (c) => c.references('users.id'))
		.execute();

	await db.schema
		.createTable('calendar_tokens')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id'))
		/** Hex SHA-256 of the secret in the feed URL: a leaked row cannot be turned back into the URL. */
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.execute();
	await db.schema
		.createIndex('calendar_tokens_advisor_idx')
		.on('calendar_tokens')
		.column('advisor_id')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'calendar_tokens',
		'centre_booking_settings',
		'availability_exceptions',
		'availability_windows',
		'booking_claims'
	]) {
		await db.schema.dropTable(table).execute();
	}
	await db.schema.dropIndex('bookings_status_idx').execute();
	await db.schema.dropIndex('bookings_client_id_idx').execute();
	for (const column of [
		'status_changed_at',
		'previous_starts_at',
		'client_id',
		'cancelled_by',
		'consultation_id',
		'reason',
		'buffer_min',
		'length_min',
		'preferred_days',
		'place'
	]) {
		await db.schema.alterTable('bookings').dropColumn(column).execute();
	}
}
