/**
 * Migration 004 (coordinator) on SQLite and PostgreSQL: fresh, and over a database holding 003 data — rows keep
 * their values with empty review columns, the seed's project period is there, duplicate targets of one scope are
 * folded into the newest, and from then on one target per scope and month is all the table takes.
 */
import { Migrator, type Kysely } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { SIGNATURE_PNG } from './helpers/factories';
import { migrateToLatest } from '$lib/server/db/database';
import { migrationProvider } from '$lib/server/db/migrations';

/* eslint-disable @typescript-eslint/no-explicit-any -- the schema at 003 is not the app's DB type */

const AT = '2015-03-01T08:00:00.000Z';
const IDS = {
	centre: '0190c000-0000-7000-8000-000000000001',
	user: '0190c000-0000-7000-8000-000000000002',
	organisation: '0190c000-0000-7000-8000-000000000003',
	consultation: '0190c000-0000-7000-8000-000000000004',
	quotaOld: '0190c000-0000-7000-8000-000000000005',
	quotaNew: '0190c000-0000-7000-8000-000000000006',
	quotaOther: '0190c000-0000-7000-8000-000000000007'
};

async function seedAt003(db: Kysely<any>) {
	await db
		.insertInto('centres')
		.values({
			id: IDS.centre,
			name: 'COP Testowy',
			town: 'Słupsk',
			kind: 'regional',
			street: 'ul. Długa 1',
			postal_code: '76-200',
			gmina_terc: '2263011',
			powiat_terc: '2263',
			created_at: AT,
			updated_at: AT
		})
		.execute();
	await db
		.insertInto('users')
		.values({
			id: IDS.user,
			email: 'doradca@example.org',
			name: 'Doradca',
			password_hash: 'x',
			status: 'active',
			created_at: AT,
			updated_at: AT
		})
		.execute();
	await db
		.insertInto('organisations')
		.values({
			id: IDS.organisation,
			name: 'Stowarzyszenie',
			kind: 'ngo',
			legal_form: 'stowarzyszenie',
			street: 'ul. Krótka 2',
			postal_code: '76-200',
			town: 'Słupsk',
			gmina_terc: '2263011',
			powiat_terc: '2263',
			centre_id: IDS.centre,
			status: 'active',
			created_at: AT,
			updated_at: AT,
			seq: 1
		})
		.execute();
	await db
		.insertInto('consultations')
		.values({
			id: IDS.consultation,
			advisor_id: IDS.user,
			centre_id: IDS.centre,
			organisation_id: IDS.organisation,
			date: '2015-02-27',
			start_time: '10:00',
			end_time: '11:00',
			duration_min: 60,
			place_kind: 'mobile',
			topics: '["accounting"]',
			status: 'signed',
			signature: SIGNATURE_PNG,
			signed_by_name: 'Maria',
			signed_at: AT,
			version: 3,
			created_at: AT,
			updated_at: AT,
			seq: 2,
			receipt: '00002-2'
		})
		.execute();
	// Two rows for one scope and month (nothing stopped it before 004), and another month.
	for (const [id, month, target, updated] of [
		[IDS.quotaOld, '2015-02', 600, '2015-01-01T00:00:00.000Z'],
		[IDS.quotaNew, '2015-02', 900, '2015-01-02T00:00:00.000Z'],
		[IDS.quotaOther, '2015-03', 700, '2015-01-01T00:00:00.000Z']
	] as const) {
		await db
			.insertInto('quotas')
			.values({
				id,
				month,
				centre_id: IDS.centre,
				advisor_id: null,
				kind: 'mobile',
				target_min: target,
				updated_at: updated,
				updated_by: null
			})
			.execute();
	}
}

describe.each(ENGINES)('migration 004 on %s', (engine) => {
	let database: TestDatabase | undefined;
	afterEach(async () => {
		await database?.close();
		database = undefined;
	});

	test('fresh: the seed’s project period, no closed months, one target per scope', async () => {
		database = await openTestDatabase(engine);
		expect(database.applied).toContain('004-coordinator');
		const raw = database.db.withoutPlugins() as unknown as Kysely<any>;
		expect(
			await raw.selectFrom('project_periods').select(['id', 'name', 'start_month', 'end_month']).execute()
		).toEqual([
			{ id: 'current', name: 'Projekt COP 2014–2015', start_month: '2014-09', end_month: '2015-06' }
		]);
		expect(await raw.selectFrom('month_closures').selectAll().execute()).toEqual([]);
		const standing = {
			month: null,
			centre_id: null,
			advisor_id: null,
			kind: 'mobile',
			target_min: 7200,
			updated_at: AT
		};
		await raw
			.insertInto('quotas')
			.values({ id: 'a', ...standing })
			.execute();
		// NULLs do not make rows distinct here: a second standing network target is refused.
		await expect(
			raw
				.insertInto('quotas')
				.values({ id: 'b', ...standing })
				.execute()
		).rejects.toThrow();
		await raw
			.insertInto('quotas')
			.values({ id: 'c', ...standing, month: '2015-01' })
			.execute();
	});

	test('over 003 data: rows keep their values with empty review columns; duplicate targets folded', async () => {
		database = await openTestDatabase(engine, { migrate: false });
		const raw = database.db.withoutPlugins() as unknown as Kysely<any>;
		const migrator = new Migrator({
			db: raw,
			provider: migrationProvider,
			migrationTableSchema: 'schema' in database.location ? database.location.schema : undefined
		});
		const to003 = await migrator.migrateTo('003-sync');
		expect(to003.error).toBeUndefined();
		await seedAt003(raw);
		const before = await raw.selectFrom('consultations').selectAll().execute();

		expect(await migrateToLatest(database.db)).toContain('004-coordinator');
		const after = await raw.selectFrom('consultations').selectAll().execute();
		expect(after).toEqual([
			{
				...before[0],
				approved_by: null,
				approved_at: null,
				flag_comment: null,
				flagged_by: null,
				flagged_at: null,
				late_since: null,
				late_baseline: null,
				// Migration 007: a record signed before it takes its sequence as the signing one.
				signed_seq: before[0]!.seq
			}
		]);
		const quotas = await raw.selectFrom('quotas').select(['id', 'target_min']).orderBy('id').execute();
		expect(quotas).toEqual([
			{ id: IDS.quotaNew, target_min: 900 },
			{ id: IDS.quotaOther, target_min: 700 }
		]);
		// The review columns are typed through the app's plugins as well.
		const row = await database.db
			.selectFrom('consultations')
			.select(['lateSince', 'approvedBy'])
			.where('id', '=', IDS.consultation)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ lateSince: null, approvedBy: null });
		// A closure needs a real centre.
		await expect(
			raw
				.insertInto('month_closures')
				.values({ centre_id: '0190c000-0000-7000-8000-0000000000ff', month: '2015-02', closed_at: AT })
				.execute()
		).rejects.toThrow();
		await raw
			.insertInto('month_closures')
			.values({ centre_id: IDS.centre, month: '2015-02', closed_at: AT })
			.execute();
		await expect(
			raw
				.insertInto('month_closures')
				.values({ centre_id: IDS.centre, month: '2015-02', closed_at: AT })
				.execute()
		).rejects.toThrow();
	});
});
