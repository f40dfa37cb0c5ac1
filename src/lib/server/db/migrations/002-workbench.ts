/**
 * The advisor's workbench: how many people attended, amendments of signed consultations, and monthly targets.
 * A target with `month` null is the standing rule for every month; a row for one month overrides it.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are history and use the untyped Kysely */

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('consultations')
		.addColumn('participant_count', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();

	await db.schema
		.createTable('consultation_amendments')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('consultation_id', 'text', (c) =>
			c.notNull().references('consultations.id').onDelete('cascade')
		)
		.addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('changes', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('consultation_amendments_consultation_idx')
		.on('consultation_amendments')
		.column('consultation_id')
		.execute();

	await db.schema
		.createTable('quotas')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('month', 'text')
		.addColumn('centre_id', 'text', (c) => c.references('centres.id'))
		.addColumn('advisor_id', 'text', (c) => c.references('users.id'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('target_min', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text', (c) => c.references('users.id'))
		.execute();
	await db.schema.createIndex('quotas_centre_idx').on('quotas').columns(['centre_id', 'month']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('quotas').execute();
	await db.schema.dropTable('consultation_amendments').execute();
	await db.schema.alterTable('consultations').dropColumn('participant_count').execute();
}
