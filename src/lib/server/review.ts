/**
 * The coordinator's review of consultations (issue 5): approve (one or many), flag with a comment, and read a
 * record's audit. Every change bumps the record's version, sequence and receipt, so devices pull it like any
 * other change, and is audited in the same transaction.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { CountedFacts } from '$lib/domain/consultation';
import { monthOf } from '$lib/domain/hours';
import { newId } from '$lib/domain/ids';
import { receiptFor, type FieldStamp, type SyncConsultation } from '$lib/domain/sync';
import { translate, type Locale } from '$lib/i18n/translate';
import { withTransaction } from './db/database';
import type { ConsultationsTable, DB } from './db/schema';
import { recordAudit } from './audit';
import { ApiError, notFound } from './http/api-error';
import { isMonthClosed } from './months';
import {
	canSeeConsultation,
	changedFacts,
	countedFactsOf,
	pickFacts,
	toSyncConsultation
} from './sync/records';
import { lockSequence, nextSeq } from './sync/sequence';

/** The device id stamped on fields the server changes (the merge rule treats it like another device). */
export const SERVER_DEVICE_ID = 'server';

type Row = Selectable<ConsultationsTable>;

/** Admins review every centre, coordinators their own; anyone else is refused before this (403). */
const mayReview = (user: Identity, row: Row) =>
	user.role === 'admin' || (user.role === 'coordinator' && user.centreIds.includes(row.centreId));

async function loadForReview(trx: Transaction<DB>, user: Identity, id: string): Promise<Row> {
	const row = await trx.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
	// Another centre's record is answered like a missing one: its existence is not the coordinator's business.
	if (!row || row.deletedAt || !mayReview(user, row)) throw notFound();
	return row;
}

/**
 * Writes review columns with the next version, sequence and receipt; returns the record as devices get it. The
 * receipt is that of the reviewer's change, kept in the change log like a device's (op 'review'), so the code
 * printed on the approved card is found by "Znajdź po kodzie" even after the card changes again.
 */
async function writeReview(
	trx: Transaction<DB>,
	user: Identity,
	row: Row,
	values: Partial<
		Pick<
			Row,
			| 'status'
			| 'approvedBy'
			| 'approvedAt'
			| 'flagComment'
			| 'flaggedBy'
			| 'flaggedAt'
			| 'lateSince'
			| 'lateBaseline'
		>
	>,
	now: Date
): Promise<SyncConsultation> {
	const seq = await nextSeq(trx);
	const version = row.version + 1;
	const stamps = JSON.parse(row.fieldStamps) as Record<string, FieldStamp>;
	if (values.status !== undefined && values.status !== row.status) {
		stamps.status = { version, deviceId: SERVER_DEVICE_ID };
	}
	const changes = {
		...values,
		version,
		seq,
		receipt: receiptFor(seq),
		fieldStamps: JSON.stringify(stamps),
		updatedAt: now.toISOString()
	};
	await trx.updateTable('consultations').set(changes).where('id', '=', row.id).execute();
	await trx
		.insertInto('syncOps')
		.values({
			opId: newId(),
			userId: user.userId,
			deviceId: SERVER_DEVICE_ID,
			entity: 'consultation',
			entityId: row.id,
			op: 'review',
			status: 'applied',
			code: null,
			seq,
			receipt: changes.receipt,
			outcome: JSON.stringify({ status: 'applied', seq }),
			via: 'review',
			receivedAt: changes.updatedAt
		})
		.execute();
	return toSyncConsultation({ ...row, ...changes } as Row);
}

/**
 * A late record's approval in the audit: what the month counted until now → what it counts from now on, only the
 * counted facts that differ (as a change's own entry, push.ts); the whole record when nothing counted before.
 */
function lateApprovalChange(row: Row): {
	before: Partial<CountedFacts> | null;
	after: Partial<CountedFacts>;
} {
	const approved = countedFactsOf({ ...row, status: 'approved' });
	if (!row.lateBaseline) return { before: null, after: approved };
	const baseline = JSON.parse(row.lateBaseline) as CountedFacts;
	const changed = changedFacts(baseline, approved);
	return { before: pickFacts(baseline, changed), after: pickFacts(approved, changed) };
}

async function approveRow(
	trx: Transaction<DB>,
	user: Identity,
	id: string,
	comment: string | null,
	now: Date,
	bulk = false
): Promise<SyncConsultation> {
	const row = await loadForReview(trx, user, id);
	if (row.status === 'draft') {
		throw new ApiError(409, 'not_countable', 'coordinatorApi.review.notCountable');
	}
	const late = row.lateSince !== null;
	if (row.status === 'approved' && !late) {
		throw new ApiError(409, 'already_approved', 'coordinatorApi.review.alreadyApproved');
	}
	// A flag is a question to the advisor: approving it away in a batch would drop it unread. On its own card
	// the coordinator sees the flag and may approve (which clears it); a bulk approval leaves it alone.
	if (bulk && row.flagComment !== null) {
		throw new ApiError(409, 'flagged', 'coordinatorApi.review.flaggedInBulk');
	}
	// A closed month's hours change only through late records: approving one is how it comes to count.
	const month = monthOf(row.date);
	if (!late && (await isMonthClosed(trx, row.centreId, month))) {
		throw new ApiError(409, 'month_closed', 'coordinatorApi.month.closed', { month });
	}
	const at = now.toISOString();
	const record = await writeReview(
		trx,
		user,
		row,
		{
			status: 'approved',
			approvedBy: user.userId,
			approvedAt: at,
			flagComment: null,
			flaggedBy: null,
			flaggedAt: null,
			lateSince: null,
			lateBaseline: null
		},
		now
	);
	await recordAudit(trx, {
		actorId: user.userId,
		entity: 'consultation',
		entityId: row.id,
		action: late ? 'approved:late' : 'approved',
		...(late ? lateApprovalChange(row) : { before: { status: row.status }, after: { status: 'approved' } }),
		reason: comment || null
	});
	return record;
}

export async function approveConsultation(
	db: Kysely<DB>,
	user: Identity,
	id: string,
	comment: string | null = null,
	now: Date = new Date()
): Promise<{ consultation: SyncConsultation }> {
	return withTransaction(db, async (trx) => {
		await lockSequence(trx);
		return { consultation: await approveRow(trx, user, id, comment, now) };
	});
}

export type BulkApproveResult =
	| { id: string; ok: true; receipt: string | null; version: number }
	| { id: string; ok: false; code: string; message: string };

/**
 * Approves many in one transaction; each id gets its own answer (one refusal does not stop the others). A flagged
 * record is refused (`flagged`) and keeps its flag: it is approved only from its own card.
 */
export async function approveConsultations(
	db: Kysely<DB>,
	user: Identity,
	ids: readonly string[],
	options: { comment?: string | null; locale: Locale; now?: Date }
): Promise<{ results: BulkApproveResult[] }> {
	const now = options.now ?? new Date();
	return withTransaction(db, async (trx) => {
		await lockSequence(trx);
		const results: BulkApproveResult[] = [];
		for (const id of new Set(ids)) {
			try {
				const record = await approveRow(trx, user, id, options.comment ?? null, now, true);
				results.push({ id, ok: true, receipt: record.receipt, version: record.version });
			} catch (error) {
				if (!(error instanceof ApiError)) throw error;
				results.push({
					id,
					ok: false,
					code: error.code,
					message: translate(options.locale, error.messageKey, error.params)
				});
			}
		}
		return { results };
	});
}

export async function flagConsultation(
	db: Kysely<DB>,
	user: Identity,
	id: string,
	comment: string,
	now: Date = new Date()
): Promise<{ consultation: SyncConsultation }> {
	return withTransaction(db, async (trx) => {
		await lockSequence(trx);
		const row = await loadForReview(trx, user, id);
		const consultation = await writeReview(
			trx,
			user,
			row,
			{ flagComment: comment, flaggedBy: user.userId, flaggedAt: now.toISOString() },
			now
		);
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'consultation',
			entityId: row.id,
			action: 'flagged',
			before: row.flagComment !== null ? { comment: row.flagComment } : null,
			after: { comment }
		});
		return { consultation };
	});
}

/** Removes the flag; a record without one is answered as it is (nothing written). */
export async function unflagConsultation(
	db: Kysely<DB>,
	user: Identity,
	id: string,
	now: Date = new Date()
): Promise<{ consultation: SyncConsultation }> {
	return withTransaction(db, async (trx) => {
		await lockSequence(trx);
		const row = await loadForReview(trx, user, id);
		if (row.flagComment === null) return { consultation: toSyncConsultation(row) };
		const consultation = await writeReview(
			trx,
			user,
			row,
			{ flagComment: null, flaggedBy: null, flaggedAt: null },
			now
		);
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'consultation',
			entityId: row.id,
			action: 'unflagged',
			before: { comment: row.flagComment },
			after: null
		});
		return { consultation };
	});
}

export interface AuditView {
	at: string;
	actorId: string | null;
	actorName: string | null;
	action: string;
	before: unknown;
	after: unknown;
	reason: string | null;
}

/** A consultation's audit, oldest first, for whoever may see the record (an admin every record). */
export async function consultationAudit(db: Kysely<DB>, user: Identity, id: string): Promise<AuditView[]> {
	const row = await db
		.selectFrom('consultations')
		.select(['advisorId', 'centreId'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!row || (user.role !== 'admin' && !canSeeConsultation(user, row))) throw notFound();
	const entries = await db
		.selectFrom('auditLog')
		.leftJoin('users', 'users.id', 'auditLog.actorId')
		.select([
			'auditLog.at',
			'auditLog.actorId',
			'users.name as actorName',
			'auditLog.action',
			'auditLog.before',
			'auditLog.after',
			'auditLog.reason'
		])
		.where('auditLog.entity', '=', 'consultation')
		.where('auditLog.entityId', '=', id)
		.orderBy('auditLog.id')
		.execute();
	return entries.map((entry) => ({
		at: entry.at,
		actorId: entry.actorId,
		actorName: entry.actorName ?? null,
		action: entry.action,
		before: entry.before === null ? null : (JSON.parse(entry.before) as unknown),
		after: entry.after === null ? null : (JSON.parse(entry.after) as unknown),
		reason: entry.reason
	}));
}
