/**
 * The server sequence: one counter for every change a device can pull. Taking a number locks the counter row
 * until the transaction ends, so on PostgreSQL transactions that write synced records commit in sequence order —
 * a pull never sees seq 11 while seq 10 is still uncommitted, and its cursor can never skip a change.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';

/** Takes the next sequence number. Call inside the transaction that writes the change. */
export async function nextSeq(trx: Transaction<DB> | Kysely<DB>): Promise<number> {
	const row = await trx
		.updateTable('syncCounter')
		.set((eb) => ({ seq: eb('seq', '+', 1) }))
		.where('id', '=', 1)
		.returning('seq')
		.executeTakeFirstOrThrow();
	return Number(row.seq);
}

/**
 * Takes the counter's lock without using a number: a push calls this first, so everything it reads afterwards
 * (records to merge into) is already the committed state no concurrent push can change under it.
 */
export async function lockSequence(trx: Transaction<DB>): Promise<void> {
	await trx
		.updateTable('syncCounter')
		.set((eb) => ({ seq: eb.ref('seq') }))
		.where('id', '=', 1)
		.execute();
}

/**
 * `lockSequence` that also says the last number taken: a push holding the lock numbers its changes itself
 * (`last + 1`, `last + 2`, … in order, exactly as `nextSeq` would) and stores the last one with `storeSequence`
 * before it commits. Nothing else can take a number meanwhile: `nextSeq` waits for the same row lock.
 */
export async function lockSequenceAt(trx: Transaction<DB>): Promise<number> {
	const row = await trx
		.updateTable('syncCounter')
		.set((eb) => ({ seq: eb.ref('seq') }))
		.where('id', '=', 1)
		.returning('seq')
		.executeTakeFirstOrThrow();
	return Number(row.seq);
}

/** Stores the last number a push holding the lock took (see `lockSequenceAt`). */
export async function storeSequence(trx: Transaction<DB>, seq: number): Promise<void> {
	await trx.updateTable('syncCounter').set({ seq }).where('id', '=', 1).execute();
}

/** The last sequence number taken (in the caller's snapshot). */
export async function currentSeq(db: Kysely<DB>): Promise<number> {
	const row = await db.selectFrom('syncCounter').select('seq').where('id', '=', 1).executeTakeFirst();
	return Number(row?.seq ?? 0);
}

/**
 * Gives an advisor's finished visits new sequence numbers, so that every device holding them as colleagues'
 * visits pulls them again — with what their summary reads from elsewhere (the advisor's name) as it is now.
 * Each record takes a number of its own: a pull page may end between any two of them.
 */
export async function resequenceVisits(trx: Transaction<DB>, advisorId: string): Promise<number> {
	const rows = await trx
		.selectFrom('consultations')
		.select('id')
		.where('advisorId', '=', advisorId)
		.where('status', '!=', 'draft')
		.where('deletedAt', 'is', null)
		.orderBy('seq')
		.execute();
	if (rows.length === 0) return 0;
	let seq = await lockSequenceAt(trx);
	for (const { id } of rows) {
		seq += 1;
		await trx.updateTable('consultations').set({ seq }).where('id', '=', id).execute();
	}
	await storeSequence(trx, seq);
	return rows.length;
}
