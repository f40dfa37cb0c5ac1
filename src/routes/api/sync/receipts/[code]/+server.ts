import { endpoint, requireUser } from '$lib/server/http';
import { ApiError, notFound } from '$lib/server/http/api-error';
import { receiptFor, seqOfReceipt, SYNC_ENTITIES, type SyncEntity } from '$lib/domain/sync';
import { currentRecord } from '$lib/server/sync/records';

/** What a receipt code stands for: the change, its record, who sent it and when — for those who may see it. */
export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const seq = seqOfReceipt(event.params.code ?? '');
	if (seq === null) throw new ApiError(400, 'bad_receipt', 'sync.receiptSearch.invalid');
	const { db } = event.locals;
	const op = await db
		.selectFrom('syncOps')
		.innerJoin('users', 'users.id', 'syncOps.userId')
		.select([
			'syncOps.opId',
			'syncOps.entity',
			'syncOps.entityId',
			'syncOps.op',
			'syncOps.status',
			'syncOps.receivedAt',
			'syncOps.via',
			'users.name as userName'
		])
		.where('syncOps.receipt', '=', receiptFor(seq))
		.executeTakeFirst();
	if (!op || !(SYNC_ENTITIES as readonly string[]).includes(op.entity)) throw notFound();
	const current = await currentRecord(db, user, op.entity as SyncEntity, op.entityId);
	if (!current) throw notFound();
	return { receipt: receiptFor(seq), ...op, current };
});
