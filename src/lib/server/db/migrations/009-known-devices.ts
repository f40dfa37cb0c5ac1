/**
 * Browsers an account has signed in from. A sign-in from one of them is limited on its own count of failures, so
 * someone who only knows an advisor's e-mail cannot lock the advisor out by failing on purpose (the account's
 * limit then binds only browsers the account has never signed in from).
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are history and use the untyped Kysely */

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('known_devices')
		// Hex SHA-256 of the cookie's token, as for sessions.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_used_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('known_devices_user_id_idx').on('known_devices').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('known_devices').execute();
}
