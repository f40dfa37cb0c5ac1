/**
 * Coordinator's side (issue 5): the project period, closed months per centre, the review columns of a consultation
 * (approval, flag, late arrival) and one quota target per scope and month.
 */
import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are history and use the untyped Kysely */

const REVIEW_COLUMNS = [
	'approved_by',
	'approved_at',
	'flag_comment',
	'flagged_by',
	'flagged_at',
	'late_since',
	/** JSON text of the CountedFacts the record counted with before its first late change (or null). */
	'late_baseline'
] as const;

/** The seed's project (September 2014 – June 2015); the admin edits it. */
const SEED_PROJECT_PERIOD = {
	id: 'current',
	name: 'Projekt COP 2014–2015',
	startMonth: '2014-09',
	endMonth: '2015-06'
} as const;

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('project_periods')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('start_month', 'text', (c) => c.notNull())
		.addColumn('end_month', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text', (c) => c.references('users.id'))
		.execute();
	await db
		.insertInto('project_periods')
		.values({
			id: SEED_PROJECT_PERIOD.id,
			name: SEED_PROJECT_PERIOD.name,
			start_month: SEED_PROJECT_PERIOD.startMonth,
			end_month: SEED_PROJECT_PERIOD.endMonth,
			updated_at: new Date().toISOString(),
			updated_by: null
		})
		.execute();

	// A row means closed; reopening deletes it. The history (who, when, why) lives in the audit log.
	await db.schema
		.createTable('month_closures')
		.addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
		.addColumn('month', 'text', (c) => c.notNull())
		.addColumn('closed_at', 'text', (c) => c.notNull())
		.addColumn('closed_by', 'text', (c) => c.references('users.id'))
		.addPrimaryKeyConstraint('month_closures_pk', ['centre_id', 'month'])
		.execute();

	for (const column of REVIEW_COLUMNS) {
		await db.schema
			.alterTable('consultations')
			.addColumn(column, 'text', (c) =>
				column === 'approved_by' || column === 'flagged_by' ? c.references('users.id') : c
			)
			.execute();
	}

	// One target per kind, scope and month: duplicates from before (none are expected) keep their newest row.
	const rows = await db
		.selectFrom('quotas')
		.select(['id', 'kind', 'month', 'centre_id', 'advisor_id', 'updated_at'])
		.orderBy('updated_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	const seen = new Set<string>();
	for (const row of rows) {
		const scope = [row.kind, row.month ?? '', row.centre_id ?? '', row.advisor_id ?? ''].join('|');
		if (seen.has(scope)) await db.deleteFrom('quotas').where('id', '=', row.id).execute();
		seen.add(scope);
	}
	await sql`create unique index quotas_scope_uq on quotas
		(kind, coalesce(month, ''), coalesce(centre_id, ''), coalesce(advisor_id, ''))`.execute(db);
	// A record's audit (entity, entity_id) is read through audit_log_entity_idx, which 001 already made.
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('quotas_scope_uq').execute();
	for (const column of [...REVIEW_COLUMNS].reverse()) {
		await db.schema.alterTable('consultations').dropColumn(column).execute();
	}
	await db.schema.dropTable('month_closures').execute();
	await db.schema.dropTable('project_periods').execute();
}
