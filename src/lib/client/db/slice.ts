/**
 * Loads the user's slice of server data into the device copy (after sign-in, or a full refresh).
 * Local changes win until the sync engine merges them: a record with changes still in the outbox is never
 * overwritten or removed here, and neither is a record the server has not accepted yet.
 */
import type { InsertType, Table } from 'dexie';
import type {
	LocalAmendment,
	LocalCentre,
	LocalConsultation,
	LocalDb,
	LocalOrganisation,
	OutboxEntity
} from './local-db';
import { pendingEntityIds } from './outbox';
import { rebuildMonthIndex } from './month-index';
import type { QuotaRow } from '$lib/domain/quota';

export interface ServerSlice {
	centres: LocalCentre[];
	organisations: Omit<LocalOrganisation, 'origin'>[];
	/** Monthly hour targets of the user's centres (the month screen's progress bar) and advisors per centre. */
	quotas: QuotaRow[];
	advisorsInCentre: Record<string, number>;
	consultations: LocalConsultation[];
	amendments: LocalAmendment[];
}

export const SLICE_LOADED_AT = 'sliceLoadedAt';
export const QUOTAS = 'quotas';
export const ADVISORS_IN_CENTRE = 'advisorsInCentre';

/**
 * Puts the slice's rows and removes server-sourced rows the slice no longer holds, except those `keep` protects.
 * Rows absent from the slice are removed only when `fromServer` says the server once had them.
 */
async function replaceRows<T extends { id: string }>(
	table: Table<T, string, InsertType<T, 'id'>>,
	rows: T[],
	keep: Set<string>,
	fromServer: (row: T) => boolean
): Promise<void> {
	const incoming = new Set(rows.map((row) => row.id));
	const stale = (await table.toArray())
		.filter((row) => !incoming.has(row.id) && !keep.has(row.id) && fromServer(row))
		.map((row) => row.id);
	await table.bulkDelete(stale);
	await table.bulkPut(rows.filter((row) => !keep.has(row.id)));
}

export function applySlice(db: LocalDb, slice: ServerSlice, ctx: { now: () => Date }): Promise<void> {
	const tables = [
		db.meta,
		db.centres,
		db.organisations,
		db.consultations,
		db.amendments,
		db.outbox,
		db.monthIndex
	];
	return db.transaction('rw', tables, async () => {
		// Read inside the transaction, so a change saved meanwhile cannot slip between the check and the write.
		const pending = async (entity: OutboxEntity) => pendingEntityIds(db, entity);
		const [pendingConsultations, pendingOrganisations, pendingAmendments] = await Promise.all([
			pending('consultation'),
			pending('organisation'),
			pending('amendment')
		]);

		// Reference data is the server's alone.
		await db.centres.clear();
		await db.centres.bulkPut(slice.centres);
		await db.meta.put({ key: QUOTAS, value: slice.quotas });
		await db.meta.put({ key: ADVISORS_IN_CENTRE, value: slice.advisorsInCentre });

		await replaceRows(
			db.organisations,
			slice.organisations.map((row): LocalOrganisation => ({ ...row, origin: 'server' })),
			pendingOrganisations,
			(row) => row.origin === 'server'
		);
		await replaceRows(db.consultations, slice.consultations, pendingConsultations, (row) => row.version > 0);

		// Amendments are history: drop only those whose consultation left the device.
		const consultationIds = new Set(await db.consultations.toCollection().primaryKeys());
		await replaceRows(
			db.amendments,
			slice.amendments.filter((row) => consultationIds.has(row.consultationId)),
			pendingAmendments,
			(row) => !consultationIds.has(row.consultationId)
		);

		await rebuildMonthIndex(db);
		await db.meta.put({ key: SLICE_LOADED_AT, value: ctx.now().toISOString() });
	});
}
