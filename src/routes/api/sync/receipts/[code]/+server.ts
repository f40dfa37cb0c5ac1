import { endpoint, requireUser } from '$lib/server/http';
import { ApiError, notFound } from '$lib/server/http/api-error';
import { receiptFor, seqOfReceipt, SYNC_ENTITIES, type SyncEntity } from '$lib/domain/sync';
import { currentRecord } from '$lib/server/sync/records';

/**
 * What a receipt code stands for: the change, its record, who sent it and when — for those who may see it. A
 * coordinator's review (approval, a flag) gives the card a receipt of its own, the one printed on its PDF card and
 * in the exports; it is found too, as op 'review', by whoever reviewed it.
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

	const reviewed = await db
		.selectFrom('consultations')
		.leftJoin('users', (join) =>
			join.on((eb) =>
				eb('users.id', '=', eb.fn.coalesce('consultations.approvedBy', 'consultations.flaggedBy'))
			)
		)
		.select(['consultations.id', 'consultations.updatedAt', 'users.name as userName'])
		.where('consultations.receipt', '=', receipt)
		.executeTakeFirst();
	if (!reviewed) throw notFound();
	const current = await currentRecord(db, user, 'consultation', reviewed.id);
	if (!current) throw notFound();
	return {
		receipt,
		opId: null,
		entity: 'consultation' as const,
		entityId: reviewed.id,
		op: 'review',
		status: 'applied',
		receivedAt: reviewed.updatedAt,
		via: 'review',
		userName: reviewed.userName ?? '',
		current
	};
});
