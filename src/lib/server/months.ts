/**
 * Closing a centre's month (issue 5). A closed month's hours change only after it is reopened with a reason; a
 * change that still arrives for it (a device that was offline) is stored as late and counts once approved
 * (sync/push.ts). Closing warns about records that are not final and lists them; the history is in the audit log.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { ConsultationStatus } from '$lib/domain/consultation';
import { isValidMonth, monthOf, monthRange, warsawToday } from '$lib/domain/hours';
import { withTransaction } from './db/database';
import type { DB } from './db/schema';
import { recordAudit } from './audit';
import { ApiError, forbidden, notFound } from './http/api-error';
import { canManageCentre } from './permissions';
import { requireMonthInPeriod } from './project-period';
import { advisorsOfCentres, keepTargetsAtClose } from './quotas';
import { lockSequence } from './sync/sequence';

export interface MonthRecord {
	id: string;
	date: string;
	advisorName: string;
	organisationName: string | null;
	durationMin: number;
	status: ConsultationStatus;
	/** The coordinator asked the advisor a question about it (review flag) that is still open. */
	flagged: boolean;
}

export interface MonthStatus {
	month: string;
	centreId: string;
	closed: { closedAt: string; closedBy: string | null; closedByName: string | null } | null;
	/** Completed or signed, not late: waiting for the coordinator's approval. */
	unapproved: MonthRecord[];
	/** Arrived (or changed) after the month was closed: counted only once approved. */
	late: MonthRecord[];
	drafts: MonthRecord[];
	/** Approved, but the coordinator has since asked the advisor a question about it that is still open. */
	approvedFlagged: MonthRecord[];
	/** When each advisor's device last sent anything: a phone that has not synced may still hold visits. */
	lastSyncByAdvisor: { advisorId: string; name: string; lastChangeAt: string | null }[];
}

export const monthEntityId = (centreId: string, month: string) => `${centreId}:${month}`;

export function requireMonth(month: string | undefined): string {
	if (!month || !isValidMonth(month)) {
		throw new ApiError(400, 'invalid', 'api.invalid', {}, { month: 'coordinatorApi.month.invalid' });
	}
	return month;
}

async function requireCentre(db: Kysely<DB> | Transaction<DB>, user: Identity, centreId: string) {
	if (user.role !== 'admin' && user.role !== 'coordinator') throw forbidden();
	if (!canManageCentre(user, centreId)) throw forbidden();
	const centre = await db.selectFrom('centres').select('id').where('id', '=', centreId).executeTakeFirst();
	if (!centre) throw notFound();
}

export async function monthStatus(
	db: Kysely<DB> | Transaction<DB>,
	user: Identity,
	month: string,
	centreId: string
): Promise<MonthStatus> {
	await requireCentre(db, user, centreId);
	const closure = await db
		.selectFrom('monthClosures')
		.leftJoin('users', 'users.id', 'monthClosures.closedBy')
		.select(['monthClosures.closedAt', 'monthClosures.closedBy', 'users.name as closedByName'])
		.where('monthClosures.centreId', '=', centreId)
		.where('monthClosures.month', '=', month)
		.executeTakeFirst();
	const { firstDate, lastDate } = monthRange(month);
	const rows = await db
		.selectFrom('consultations')
		.innerJoin('users', 'users.id', 'consultations.advisorId')
		.leftJoin('organisations', 'organisations.id', 'consultations.organisationId')
		.select([
			'consultations.id',
			'consultations.date',
			'users.name as advisorName',
			'organisations.name as organisationName',
			'consultations.durationMin',
			'consultations.status',
			'consultations.lateSince',
			'consultations.flaggedAt'
		])
		.where('consultations.centreId', '=', centreId)
		.where('consultations.date', '>=', firstDate)
		.where('consultations.date', '<=', lastDate)
		.where('consultations.deletedAt', 'is', null)
		.where((eb) =>
			eb.or([
				eb('consultations.status', '!=', 'approved'),
				eb('consultations.lateSince', 'is not', null),
				eb('consultations.flaggedAt', 'is not', null)
			])
		)
		.orderBy('consultations.date')
		.orderBy('consultations.id')
		.execute();
	const status: MonthStatus = {
		month,
		centreId,
		closed: closure
			? { closedAt: closure.closedAt, closedBy: closure.closedBy, closedByName: closure.closedByName ?? null }
			: null,
		unapproved: [],
		late: [],
		drafts: [],
		approvedFlagged: [],
		lastSyncByAdvisor: []
	};
	for (const { lateSince, flaggedAt, ...row } of rows) {
		const record: MonthRecord = {
			...row,
			organisationName: row.organisationName ?? null,
			flagged: flaggedAt !== null
		};
		if (lateSince) status.late.push(record);
		else if (row.status === 'draft') status.drafts.push(record);
		else if (row.status === 'approved') status.approvedFlagged.push(record);
		else status.unapproved.push(record);
	}
	const advisors = await advisorsOfCentres(db, [centreId]);
	const syncs = advisors.length
		? await db
				.selectFrom('syncOps')
				.select(['userId', (eb) => eb.fn.max('receivedAt').as('lastChangeAt')])
				.where(
					'userId',
					'in',
					advisors.map((a) => a.id)
				)
				.groupBy('userId')
				.execute()
		: [];
	status.lastSyncByAdvisor = advisors.map((advisor) => ({
		advisorId: advisor.id,
		name: advisor.name,
		lastChangeAt: syncs.find((s) => s.userId === advisor.id)?.lastChangeAt ?? null
	}));
	return status;
}

export const openRecordCount = (status: MonthStatus) =>
	status.unapproved.length + status.late.length + status.drafts.length + status.approvedFlagged.length;

export type CloseResult = { closed: true; status: MonthStatus } | { closed: false; status: MonthStatus };

function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Closes the month for the centre. Without `confirm`, a month with unapproved, late or draft records is not closed:
 * the answer lists them (the route turns it into 409 'month_has_open_records'). The current month closes only
 * with `confirm`; a month that has not begun never.
 */
export async function closeMonth(
	db: Kysely<DB>,
	user: Identity,
	month: string,
	input: { centreId: string; confirm?: boolean },
	now: Date = new Date()
): Promise<CloseResult> {
	await requireCentre(db, user, input.centreId);
	await requireMonthInPeriod(db, month);
	const current = monthOf(warsawToday(now));
	if (month > current) throw new ApiError(422, 'month_in_future', 'coordinatorApi.month.inFuture', { month });
	if (month === current && !input.confirm) {
		throw new ApiError(409, 'month_not_over', 'coordinatorApi.month.notOver', { month });
	}
	const closedError = () => new ApiError(409, 'month_closed', 'coordinatorApi.month.closed', { month });
	try {
		return await withTransaction(db, async (trx) => {
			// Pushes take the same lock first: a change is either in the month before it closes, or sees it closed.
			await lockSequence(trx);
			const status = await monthStatus(trx, user, month, input.centreId);
			if (status.closed) throw closedError();
			if (openRecordCount(status) > 0 && !input.confirm) return { closed: false as const, status };
			const closedAt = now.toISOString();
			await trx
				.insertInto('monthClosures')
				.values({ centreId: input.centreId, month, closedAt, closedBy: user.userId })
				.execute();
			await keepTargetsAtClose(trx, {
				centreId: input.centreId,
				month,
				actorId: user.userId,
				at: closedAt
			});
			await recordAudit(trx, {
				actorId: user.userId,
				entity: 'month',
				entityId: monthEntityId(input.centreId, month),
				action: 'closed',
				after: {
					closedAt,
					unapproved: status.unapproved.length,
					late: status.late.length,
					drafts: status.drafts.length,
					approvedFlagged: status.approvedFlagged.length,
					confirmed: input.confirm === true
				}
			});
			return {
				closed: true as const,
				status: {
					...status,
					closed: { closedAt, closedBy: user.userId, closedByName: user.name }
				}
			};
		});
	} catch (error) {
		// Two coordinators closing at once: the second finds it closed.
		if (isUniqueViolation(error)) throw closedError();
		throw error;
	}
}

export async function reopenMonth(
	db: Kysely<DB>,
	user: Identity,
	month: string,
	input: { centreId: string; reason: string }
): Promise<MonthStatus> {
	await requireCentre(db, user, input.centreId);
	return withTransaction(db, async (trx) => {
		const closure = await trx
			.selectFrom('monthClosures')
			.selectAll()
			.where('centreId', '=', input.centreId)
			.where('month', '=', month)
			.executeTakeFirst();
		if (!closure) throw new ApiError(409, 'month_not_closed', 'coordinatorApi.month.notClosed', { month });
		await trx
			.deleteFrom('monthClosures')
			.where('centreId', '=', input.centreId)
			.where('month', '=', month)
			.execute();
		// The targets written out at closing stay: a month is reopened to correct cards, not to take on a standing
		// target changed since. Its own target can be changed while it is open.
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'month',
			entityId: monthEntityId(input.centreId, month),
			action: 'reopened',
			before: { closedAt: closure.closedAt, closedBy: closure.closedBy },
			reason: input.reason
		});
		return monthStatus(trx, user, month, input.centreId);
	});
}

/** Closed months of the given centres (the device's slice), oldest first. */
export async function closedMonthsOf(db: Kysely<DB>, centreIds: readonly string[]) {
	if (centreIds.length === 0) return [];
	return db
		.selectFrom('monthClosures')
		.select(['centreId', 'month'])
		.where('centreId', 'in', [...centreIds])
		.orderBy('month')
		.orderBy('centreId')
		.execute();
}

/** Whether the month of a date is closed for the centre. */
export async function isMonthClosed(
	db: Kysely<DB> | Transaction<DB>,
	centreId: string,
	month: string
): Promise<boolean> {
	const row = await db
		.selectFrom('monthClosures')
		.select('month')
		.where('centreId', '=', centreId)
		.where('month', '=', month)
		.executeTakeFirst();
	return row !== undefined;
}
