/**
 * The project period (issue 5): the months the project reports on. One row ('current'), seeded with the seed's
 * September 2014 – June 2015 by migration 004 and edited by the admin.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import {
	isInPeriod,
	periodMonths,
	type ProjectPeriod,
	type ProjectPeriodInput
} from '$lib/domain/coordination';
import { withTransaction } from './db/database';
import type { DB } from './db/schema';
import { recordAudit } from './audit';
import { ApiError, forbidden } from './http/api-error';

export const PROJECT_PERIOD_ID = 'current';

/** Used only if the row is missing (it never is after migration 004). */
const SEED_PERIOD: ProjectPeriod = {
	name: 'Projekt COP 2014–2015',
	startMonth: '2014-09',
	endMonth: '2015-06'
};

export async function loadProjectPeriod(db: Kysely<DB> | Transaction<DB>): Promise<ProjectPeriod> {
	const row = await db
		.selectFrom('projectPeriods')
		.select(['name', 'startMonth', 'endMonth'])
		.where('id', '=', PROJECT_PERIOD_ID)
		.executeTakeFirst();
	return row ?? SEED_PERIOD;
}

export async function getProjectPeriod(db: Kysely<DB>) {
	const period = await loadProjectPeriod(db);
	return { period: { ...period, months: periodMonths(period) } };
}

/** 422 'month_outside_period' naming the period, unless the month lies in it. */
export async function requireMonthInPeriod(db: Kysely<DB> | Transaction<DB>, month: string): Promise<void> {
	const period = await loadProjectPeriod(db);
	if (isInPeriod(month, period)) return;
	throw monthOutsidePeriod(month, period);
}

/** 422 'month_outside_period': the month and the period it is not in, named in the message. */
export function monthOutsidePeriod(month: string, period: ProjectPeriod): ApiError {
	return new ApiError(422, 'month_outside_period', 'coordinatorApi.month.outsidePeriod', {
		month,
		name: period.name,
		start: period.startMonth,
		end: period.endMonth
	});
}

export async function updateProjectPeriod(db: Kysely<DB>, user: Identity, input: ProjectPeriodInput) {
	if (user.role !== 'admin') throw forbidden();
	const now = new Date().toISOString();
	await withTransaction(db, async (trx) => {
		const before = await loadProjectPeriod(trx);
		const after: ProjectPeriod = {
			name: input.name,
			startMonth: input.startMonth,
			endMonth: input.endMonth
		};
		// A closed month is reported: the period may not leave it out (its hours would drop from the totals).
		const outside = await trx
			.selectFrom('monthClosures')
			.select('month')
			.where((eb) => eb.or([eb('month', '<', after.startMonth), eb('month', '>', after.endMonth)]))
			.orderBy('month')
			.execute();
		if (outside.length > 0) {
			throw new ApiError(409, 'closed_months_outside', 'coordinatorApi.period.closedOutside', {
				months: [...new Set(outside.map((row) => row.month))].join(',')
			});
		}
		// Months of the old period with counted consultations drop out of every total: only when the admin says so.
		if (!input.confirm) {
			const dropped = await trx
				.selectFrom('consultations')
				.select('date')
				.where('deletedAt', 'is', null)
				.where('status', '!=', 'draft')
				.where('date', '>=', `${before.startMonth}-01`)
				.where('date', '<=', `${before.endMonth}-31`)
				.where((eb) =>
					eb.or([eb('date', '<', `${after.startMonth}-01`), eb('date', '>', `${after.endMonth}-31`)])
				)
				.execute();
			if (dropped.length > 0) {
				throw new ApiError(409, 'months_with_records_outside', 'coordinatorApi.period.recordsOutside', {
					months: [...new Set(dropped.map((row) => row.date.slice(0, 7)))].sort().join(','),
					count: dropped.length
				});
			}
		}
		const values = { ...after, updatedAt: now, updatedBy: user.userId };
		const updated = await trx
			.updateTable('projectPeriods')
			.set(values)
			.where('id', '=', PROJECT_PERIOD_ID)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) === 0) {
			await trx
				.insertInto('projectPeriods')
				.values({ id: PROJECT_PERIOD_ID, ...values })
				.execute();
		}
		await recordAudit(trx, {
			actorId: user.userId,
			entity: 'project_period',
			entityId: PROJECT_PERIOD_ID,
			action: 'updated',
			before,
			after
		});
	});
	return getProjectPeriod(db);
}
