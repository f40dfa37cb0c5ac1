/**
 * Monthly hour targets (issue 5): read per month with where each figure comes from, set one target per scope
 * (network, centre, advisor) and month (or standing), with history in the audit log. The numbers come from
 * domain/quota.ts, the same rule the device uses.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import { advisorTargetMin, centreTargetMin, targetsToKeepAtClose, type QuotaRow } from '$lib/domain/quota';
import {
	DEFAULT_NETWORK_TARGET_MIN,
	type QuotaHistoryEntry,
	type QuotaInput,
	type QuotaSource
} from '$lib/domain/coordination';
import { newId } from '$lib/domain/ids';
import { withTransaction } from './db/database';
import type { DB } from './db/schema';
import { recordAudit } from './audit';
import { ApiError, forbidden } from './http/api-error';
import { canManageCentre } from './permissions';
import { requireMonthInPeriod } from './project-period';
import { closedMonthsOf, isMonthClosed } from './months';

export interface QuotaFigure {
	targetMin: number | null;
	source: QuotaSource;
}

export interface QuotasOfMonth {
	month: string;
	network: { targetMin: number; source: QuotaSource };
	centres: {
		centreId: string;
		name: string;
		/** The month is closed for this centre: its targets stay as reported until it is reopened. */
		closed: boolean;
		targetMin: number | null;
		source: QuotaSource;
		advisors: { advisorId: string; name: string; targetMin: number | null; source: QuotaSource }[];
	}[];
}

type StoredQuotaRow = QuotaRow & { keptAtClose: 0 | 1 };

function sourceOf(
	rows: readonly StoredQuotaRow[],
	month: string,
	match: (row: QuotaRow) => boolean
): QuotaSource {
	const own = rows.find((r) => match(r) && r.month === month);
	if (own) return own.keptAtClose ? 'kept' : 'month';
	if (rows.some((r) => match(r) && r.month === null)) return 'standing';
	return 'none';
}

/** The centres a user plans: an admin all active ones, a coordinator their own. */
async function centresInScope(db: Kysely<DB>, user: Identity) {
	let query = db.selectFrom('centres').select(['id', 'name']).orderBy('kind', 'desc').orderBy('name');
	query =
		user.role === 'admin'
			? query.where('active', '=', 1)
			: query.where('id', 'in', user.centreIds.length ? user.centreIds : ['']);
	return query.execute();
}

/** Active advisors of the given centres (the ones a centre's target is shared among). */
export async function advisorsOfCentres(db: Kysely<DB> | Transaction<DB>, centreIds: readonly string[]) {
	if (centreIds.length === 0) return [];
	return db
		.selectFrom('memberships')
		.innerJoin('users', 'users.id', 'memberships.userId')
		.select(['memberships.centreId', 'users.id', 'users.name'])
		.where('memberships.role', '=', 'advisor')
		.where('users.status', '=', 'active')
		.where('memberships.centreId', 'in', [...centreIds])
		.orderBy('users.name')
		.orderBy('users.id')
		.execute();
}

export async function getQuotas(db: Kysely<DB>, user: Identity, month: string): Promise<QuotasOfMonth> {
	if (user.role !== 'admin' && user.role !== 'coordinator') throw forbidden();
	const centres = await centresInScope(db, user);
	const advisors = await advisorsOfCentres(
		db,
		centres.map((c) => c.id)
	);
	const rows: StoredQuotaRow[] = await db
		.selectFrom('quotas')
		.select(['month', 'centreId', 'advisorId', 'kind', 'targetMin', 'keptAtClose'])
		.where('kind', '=', 'mobile')
		.where((eb) => eb.or([eb('month', '=', month), eb('month', 'is', null)]))
		.execute();
	const closed = new Set(
		(
			await closedMonthsOf(
				db,
				centres.map((c) => c.id)
			)
		)
			.filter((c) => c.month === month)
			.map((c) => c.centreId)
	);

	const isNetwork = (r: QuotaRow) => r.centreId === null && r.advisorId === null;
	const networkSource = sourceOf(rows, month, isNetwork);
	const networkRow =
		rows.find((r) => isNetwork(r) && r.month === month) ?? rows.find((r) => isNetwork(r) && r.month === null);
	return {
		month,
		// Without a row of its own the network has the project's 120 h a month.
		network: networkRow
			? { targetMin: networkRow.targetMin, source: networkSource }
			: { targetMin: DEFAULT_NETWORK_TARGET_MIN, source: 'standing' },
		centres: centres.map((centre) => {
			const own = advisors.filter((a) => a.centreId === centre.id);
			const targetMin = centreTargetMin(rows, centre.id, month);
			return {
				centreId: centre.id,
				name: centre.name,
				closed: closed.has(centre.id),
				targetMin,
				source: sourceOf(rows, month, (r) => r.centreId === centre.id && r.advisorId === null),
				advisors: own.map((advisor) => {
					const ownSource = sourceOf(rows, month, (r) => r.advisorId === advisor.id);
					const target = advisorTargetMin(rows, {
						advisorId: advisor.id,
						centreId: centre.id,
						month,
						advisorsInCentre: own.length,
						monthRowsOnly: closed.has(centre.id)
					});
					return {
						advisorId: advisor.id,
						name: advisor.name,
						targetMin: target,
						source:
							ownSource !== 'none' ? ownSource : target !== null ? ('share' as const) : ('none' as const)
					};
				})
			};
		})
	};
}

/** The audit log's id of a target's scope: `centre|advisor|month`, empty parts for network / centre / standing. */
export function quotaScopeKey(scope: Pick<QuotaInput, 'month' | 'centreId' | 'advisorId'>): string {
	return [scope.centreId ?? '', scope.advisorId ?? '', scope.month ?? ''].join('|');
}

function parseScopeKey(key: string) {
	const [centreId = '', advisorId = '', month = ''] = key.split('|');
	return { centreId: centreId || null, advisorId: advisorId || null, month: month || null };
}

function isUniqueViolation(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function checkScope(db: Kysely<DB>, user: Identity, input: QuotaInput): Promise<void> {
	if (user.role !== 'admin' && user.role !== 'coordinator') throw forbidden();
	if (input.centreId === null) {
		if (input.advisorId !== null) {
			throw new ApiError(
				400,
				'invalid',
				'api.invalid',
				{},
				{ centreId: 'coordinatorApi.quota.advisorNeedsCentre' }
			);
		}
		// The network's target is the admin's.
		if (user.role !== 'admin') throw forbidden();
	} else {
		if (!canManageCentre(user, input.centreId)) throw forbidden();
		const centre = await db
			.selectFrom('centres')
			.select('id')
			.where('id', '=', input.centreId)
			.executeTakeFirst();
		if (!centre) {
			throw new ApiError(
				400,
				'invalid',
				'api.invalid',
				{},
				{ centreId: 'coordinatorApi.quota.centreUnknown' }
			);
		}
		if (input.advisorId !== null) {
			const membership = await db
				.selectFrom('memberships')
				.select('id')
				.where('userId', '=', input.advisorId)
				.where('centreId', '=', input.centreId)
				.where('role', '=', 'advisor')
				.executeTakeFirst();
			if (!membership) {
				throw new ApiError(
					400,
					'invalid',
					'api.invalid',
					{},
					{ advisorId: 'coordinatorApi.quota.advisorNotInCentre' }
				);
			}
		}
	}
	if (input.month !== null) await requireMonthInPeriod(db, input.month);
	// A closed month's figures are what was reported, its target with them: reopen the month to change it.
	if (
		input.month !== null &&
		input.centreId !== null &&
		(await isMonthClosed(db, input.centreId, input.month))
	) {
		throw new ApiError(409, 'month_closed', 'coordinatorApi.month.closed', { month: input.month });
	}
}

/** Sets (or with `targetMin: null` removes) the one target of a scope and month; audited with the reason. */
export async function putQuota(db: Kysely<DB>, user: Identity, input: QuotaInput) {
	await checkScope(db, user, input);
	const write = () =>
		withTransaction(db, async (trx) => {
			let query = trx.selectFrom('quotas').select(['id', 'targetMin']).where('kind', '=', 'mobile');
			query =
				input.month === null ? query.where('month', 'is', null) : query.where('month', '=', input.month);
			query =
				input.centreId === null
					? query.where('centreId', 'is', null)
					: query.where('centreId', '=', input.centreId);
			query =
				input.advisorId === null
					? query.where('advisorId', 'is', null)
					: query.where('advisorId', '=', input.advisorId);
			const existing = await query.executeTakeFirst();
			const now = new Date().toISOString();
			const before = existing ? existing.targetMin : null;
			if (input.targetMin === null) {
				if (!existing) return;
				await trx.deleteFrom('quotas').where('id', '=', existing.id).execute();
			} else if (existing) {
				if (existing.targetMin === input.targetMin) return;
				await trx
					.updateTable('quotas')
					.set({ targetMin: input.targetMin, updatedAt: now, updatedBy: user.userId, keptAtClose: 0 })
					.where('id', '=', existing.id)
					.execute();
			} else {
				await trx
					.insertInto('quotas')
					.values({
						id: newId(),
						month: input.month,
						centreId: input.centreId,
						advisorId: input.advisorId,
						kind: 'mobile',
						targetMin: input.targetMin,
						updatedAt: now,
						updatedBy: user.userId
					})
					.execute();
			}
			// A reopened month's advisor targets kept at its closing were shares of the centre's target then: a new
			// centre target for the month is shared again (an advisor's own target for it stays).
			if (input.month !== null && input.centreId !== null && input.advisorId === null) {
				await trx
					.deleteFrom('quotas')
					.where('month', '=', input.month)
					.where('centreId', '=', input.centreId)
					.where('advisorId', 'is not', null)
					.where('keptAtClose', '=', 1)
					.execute();
			}
			await recordAudit(trx, {
				actorId: user.userId,
				entity: 'quota',
				entityId: quotaScopeKey(input),
				action: input.targetMin === null ? 'removed' : existing ? 'updated' : 'created',
				before: { targetMin: before },
				after: { targetMin: input.targetMin },
				reason: input.reason || null
			});
		});
	try {
		await write();
	} catch (error) {
		// Two saves of a new target at once: the second finds the first's row and updates it.
		if (!isUniqueViolation(error)) throw error;
		await write();
	}
	return {
		quota: {
			month: input.month,
			centreId: input.centreId,
			advisorId: input.advisorId,
			targetMin: input.targetMin
		}
	};
}

/**
 * Closing a centre's month: writes out for the month every target of the centre and its advisors that came from a
 * standing target or a share (`targetsToKeepAtClose`), so the closed month keeps the targets it was reported with.
 */
export async function keepTargetsAtClose(
	trx: Transaction<DB>,
	input: { centreId: string; month: string; actorId: string; at: string }
): Promise<void> {
	const rows = await trx
		.selectFrom('quotas')
		.select(['month', 'centreId', 'advisorId', 'kind', 'targetMin'])
		.where('kind', '=', 'mobile')
		.where('centreId', '=', input.centreId)
		.where((eb) => eb.or([eb('month', '=', input.month), eb('month', 'is', null)]))
		.execute();
	const advisors = await advisorsOfCentres(trx, [input.centreId]);
	const kept = targetsToKeepAtClose(rows, {
		centreId: input.centreId,
		month: input.month,
		advisorIds: advisors.map((a) => a.id)
	});
	if (kept.length === 0) return;
	await trx
		.insertInto('quotas')
		.values(
			kept.map((target) => ({
				id: newId(),
				month: input.month,
				centreId: input.centreId,
				advisorId: target.advisorId,
				kind: 'mobile' as const,
				targetMin: target.targetMin,
				updatedAt: input.at,
				updatedBy: input.actorId,
				keptAtClose: 1 as const
			}))
		)
		.execute();
}

/** Changes of targets, newest first; a coordinator sees their centres' only. */
export async function quotaHistory(
	db: Kysely<DB>,
	user: Identity,
	filter: { centreId?: string; advisorId?: string; month?: string }
): Promise<QuotaHistoryEntry[]> {
	if (user.role !== 'admin' && user.role !== 'coordinator') throw forbidden();
	if (filter.centreId && !canManageCentre(user, filter.centreId)) throw forbidden();
	const rows = await db
		.selectFrom('auditLog')
		.leftJoin('users', 'users.id', 'auditLog.actorId')
		.select([
			'auditLog.id',
			'auditLog.at',
			'auditLog.actorId',
			'users.name as actorName',
			'auditLog.action',
			'auditLog.entityId',
			'auditLog.before',
			'auditLog.after',
			'auditLog.reason'
		])
		.where('auditLog.entity', '=', 'quota')
		.orderBy('auditLog.id', 'desc')
		.limit(5000)
		.execute();
	const targetOf = (json: string | null) =>
		json ? ((JSON.parse(json) as { targetMin?: number | null }).targetMin ?? null) : null;
	return rows
		.map((row) => ({
			id: Number(row.id),
			at: row.at,
			actorId: row.actorId,
			actorName: row.actorName ?? null,
			action: row.action,
			...parseScopeKey(row.entityId),
			before: targetOf(row.before),
			after: targetOf(row.after),
			reason: row.reason
		}))
		.filter(
			(entry) =>
				(user.role === 'admin' || (entry.centreId !== null && user.centreIds.includes(entry.centreId))) &&
				(!filter.centreId || entry.centreId === filter.centreId) &&
				(!filter.advisorId || entry.advisorId === filter.advisorId) &&
				(!filter.month || entry.month === (filter.month === 'standing' ? null : filter.month))
		)
		.slice(0, 500);
}
