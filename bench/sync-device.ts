/**
 * A device filled in bulk for the sync benchmarks, shared by the Node run (fake-indexeddb) and the Chromium run
 * (bench/browser/sync.ts, real IndexedDB): records in the local table, their outbox entries and the month index.
 */
import type { LocalConsultation, LocalDb, OutboxEntry } from '$lib/client/db/local-db';
import { rebuildMonthIndex } from '$lib/client/db/month-index';

/** Records in the local table and their outbox entries, and the month index, in one transaction. */
export async function fillDevice(
	db: LocalDb,
	records: LocalConsultation[],
	entries: OutboxEntry[]
): Promise<void> {
	await db.transaction('rw', [db.consultations, db.outbox, db.monthIndex], async () => {
		await db.consultations.bulkAdd(records);
		await db.outbox.bulkAdd(entries);
		await rebuildMonthIndex(db);
	});
}
