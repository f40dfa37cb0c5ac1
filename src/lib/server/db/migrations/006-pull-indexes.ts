/**
 * A pull asks for one user's changes after a cursor, in sequence order: "advisor X (or centre Y), seq > N, by seq,
 * the first 501". With only the (advisor, date) and (centre, date) indexes, both engines read every record of that
 * advisor or centre and sorted them, for each page and each sync run, even when nothing had changed: 150 ms a page
 * for an advisor with 50,000 records on SQLite. These two indexes give the pages in order straight from the index
 * (`npm run bench -- --only=pull-bench.ts` measures the pull with and without them).
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are history and use the untyped Kysely */

const INDEXES: [string, string[]][] = [
	['consultations_advisor_id_seq_idx', ['advisor_id', 'seq']],
	['consultations_centre_id_seq_idx', ['centre_id', 'seq']]
];

export async function up(db: Kysely<any>): Promise<void> {
	for (const [name, columns] of INDEXES) {
		await db.schema.createIndex(name).on('consultations').columns(columns).execute();
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
