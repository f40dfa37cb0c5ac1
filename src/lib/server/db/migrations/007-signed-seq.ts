/**
 * The sequence number at which a consultation got its signature. A signature never changes once given, so a device
 * whose pull cursor is past that number already holds the image: a pull (protocol 3) sends the record without it
 * (`signatureKept`) instead of ~25 kB of PNG with every later change — an approval, a flag, an amendment.
 * Records signed before this migration take their current sequence (at or after their signing): safe, since a
 * cursor past it has received the record with its signature.
 */
import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are history and use the untyped Kysely */

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('consultations').addColumn('signed_seq', 'bigint').execute();
	await sql`update consultations set signed_seq = seq where signature is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('consultations').dropColumn('signed_seq').execute();
}
