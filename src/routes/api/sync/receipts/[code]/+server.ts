import { endpoint, requireUser } from '$lib/server/http';
import { ApiError, notFound } from '$lib/server/http/api-error';
import { receiptFor, seqOfReceipt, SYNC_ENTITIES, type SyncEntity } from '$lib/domain/sync';
import { currentRecord } from '$lib/server/sync/records';

/**
 * What a receipt code stands for: the change, its record, who sent it and when — for those who may see it. A
 * coordinator's review (approval, a flag) is in the change log too (op 'review', server/review.ts), so the code
 * printed on an approved card is found by whoever may see the card.
 */
export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const seq = seqOfReceipt(event.params.code ?? '');
	if (seq === null) throw new ApiError(400, 'bad_receipt', 'sync.receiptSearch.invalid');
	const receipt = receiptFor(seq);
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
		.where('syncOps.receipt', '=', receipt)
		.executeTakeFirst();
	if (op) {
		if (!(SYNC_ENTITIES as readonly string[]).includes(op.entity)) throw notFound();
		const current = await currentRecord(db, user, op.entity as SyncEntity, op.entityId);
		if (!current) throw notFound();
		return { receipt, ...op, current };
	}

	// A receipt the card carries for a change the server made to it along another one (an amendment's new values):
	// the card is found, as it is now.
	const card = await db
		.selectFrom('consultations')
		.select(['id', 'updatedAt'])
		.where('receipt', '=', receipt)
		.executeTakeFirst();
	if (!card) throw notFound();
	const current = await currentRecord(db, user, 'consultation', card.id);
	if (!current) throw notFound();
	return {
		receipt,
		opId: null,
		entity: 'consultation' as const,
		entityId: card.id,
		op: 'card',
		status: 'applied',
		receivedAt: card.updatedAt,
		via: 'server',
		userName: '',
		current
	};
});
