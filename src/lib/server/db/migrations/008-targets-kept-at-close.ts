/**
 * A closed month keeps its targets as reported. Closing a month now writes out, for that month, the centre's and
 * each advisor's target wherever it came from a standing target or an even share (`kept_at_close` = 1);
 * reopening removes those rows again. Months already closed get theirs here, as their targets stand today.
 */
import { sql, type Kysely } from 'kysely';
import { newId } from '$lib/domain/ids';
import { targetsToKeepAtClose, type QuotaRow } from '$lib/domain/quota';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are history and use the untyped Kysely */

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('quotas')
		.addColumn('kept_at_close', 'integer', (col) => col.notNull().defaultTo(0))
		.execute();
	const closures = await db.selectFrom('month_closures').select(['centre_id', 'month']).execute();
	const now = new Date().toISOString();
	for (const closure of closures as { centre_id: string; month: string }[]) {
		const rows = (
			await sql<{
				month: string | null;
				centre_id: string | null;
				advisor_id: string | null;
				target_min: number;
			}>`select month, centre_id, advisor_id, target_min from quotas
				where kind = 'mobile' and centre_id = ${closure.centre_id}
				and (month = ${closure.month} or month is null)`.execute(db)
		).rows.map((r): QuotaRow => ({
			month: r.month,
			centreId: r.centre_id,
			advisorId: r.advisor_id,
			kind: 'mobile',
			targetMin: Number(r.target_min)
		}));
		const advisors = (
			await sql<{ id: string }>`select users.id from memberships
				join users on users.id = memberships.user_id
				where memberships.role = 'advisor' and users.status = 'active'
				and memberships.centre_id = ${closure.centre_id}`.execute(db)
		).rows;
		const kept = targetsToKeepAtClose(rows, {
			centreId: closure.centre_id,
			month: closure.month,
			advisorIds: advisors.map((a) => a.id)
		});
		if (kept.length === 0) continue;
		await db
			.insertInto('quotas')
			.values(
				kept.map((target) => ({
					id: newId(),
					month: closure.month,
					centre_id: closure.centre_id,
					advisor_id: target.advisorId,
					kind: 'mobile',
					target_min: target.targetMin,
					updated_at: now,
					updated_by: null,
					kept_at_close: 1
				}))
			)
			.execute();
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.deleteFrom('quotas').where('kept_at_close', '=', 1).execute();
	await db.schema.alterTable('quotas').dropColumn('kept_at_close').execute();
}
