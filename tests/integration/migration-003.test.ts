/**
 * Migration 003 (sync) over a database that already holds data, on SQLite and PostgreSQL: rows survive the
 * consultations rebuild, amendments still cascade from their consultation, a draft may lack an organisation, and
 * existing rows are numbered into the sync sequence.
 */
import { sql, Migrator, type Kysely } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { SIGNATURE_PNG } from './helpers/factories';
import { migrationProvider } from '$lib/server/db/migrations';

/* eslint-disable @typescript-eslint/no-explicit-any -- the schema at 002 is not the app's DB type */

const AT = '2026-10-01T08:00:00.000Z';
const IDS = {
	centre: '0190b000-0000-7000-8000-000000000001',
	user: '0190b000-0000-7000-8000-000000000002',
	organisation: '0190b000-0000-7000-8000-000000000003',
	organisation2: '0190b000-0000-7000-8000-000000000004',
	consultation: '0190b000-0000-7000-8000-000000000005',
	consultation2: '0190b000-0000-7000-8000-000000000006',
	amendment: '0190b000-0000-7000-8000-000000000007'
};

async function seedAt002(db: Kysely<any>) {
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
	for (const id of [IDS.organisation, IDS.organisation2]) {
		await db
			.insertInto('organisations')
			.values({
				id,
				name: `Stowarzyszenie ${id.slice(-1)}`,
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
				updated_at: AT
			})
			.execute();
	}
	for (const [id, status] of [
		[IDS.consultation, 'signed'],
		[IDS.consultation2, 'draft']
	] as const) {
		await db
			.insertInto('consultations')
			.values({
				id,
				advisor_id: IDS.user,
				centre_id: IDS.centre,
				organisation_id: IDS.organisation,
				date: '2026-09-30',
				start_time: '10:00',
				end_time: '11:00',
				duration_min: 60,
				place_kind: 'centre',
				topics: '["accounting"]',
				notes: 'Notatka sprzed synchronizacji',
				participants: '[{"name":"Maria","role":"prezes"}]',
				participant_count: 3,
				status,
				signature: status === 'signed' ? SIGNATURE_PNG : null,
				signed_by_name: status === 'signed' ? 'Maria' : null,
				signed_at: status === 'signed' ? AT : null,
				version: 2,
				created_at: AT,
				updated_at: AT
			})
			.execute();
	}
	await db
		.insertInto('consultation_amendments')
		.values({
			id: IDS.amendment,
			consultation_id: IDS.consultation,
			author_id: IDS.user,
			reason: 'Pomyłka w liczbie osób',
			changes: '{"participantCount":{"before":2,"after":3}}',
			created_at: AT
		})
		.execute();
}

const snapshot = async (db: Kysely<any>) => ({
	consultations: await db
		.selectFrom('consultations')
		.select([
			'id',
			'advisor_id',
			'centre_id',
			'organisation_id',
			'date',
			'start_time',
			'end_time',
			'duration_min',
			'notes',
			'topics',
			'participants',
			'participant_count',
			'status',
			'signature',
			'signed_by_name',
			'signed_at',
			'version',
			'created_at'
		])
		.orderBy('id')
		.execute(),
	amendments: await db
		.selectFrom('consultation_amendments')
		.select(['id', 'consultation_id', 'author_id', 'reason', 'changes', 'created_at'])
		.orderBy('id')
		.execute()
});

describe.each(ENGINES)('migration 003 over existing data on %s', (engine) => {
	let database: TestDatabase | undefined;
	afterEach(async () => {
		await database?.close();
		database = undefined;
	});

	test('keeps every row, keeps the cascade, frees organisation_id and numbers the rows', async () => {
		database = await openTestDatabase(engine, { migrate: false });
		const raw = database.db.withoutPlugins() as unknown as Kysely<any>;
		const migrator = new Migrator({
			db: raw,
			provider: migrationProvider,
			migrationTableSchema: 'schema' in database.location ? database.location.schema : undefined
		});
		const to002 = await migrator.migrateTo('002-workbench');
		expect(to002.error).toBeUndefined();
		expect(to002.results?.map((r) => r.migrationName)).toEqual(['001-initial', '002-workbench']);

		await seedAt002(raw);
		const before = await snapshot(raw);
		// Before 003 a consultation must name its organisation.
		await expect(
			raw
				.updateTable('consultations')
				.set({ organisation_id: null })
				.where('id', '=', IDS.consultation2)
				.execute()
		).rejects.toThrow();

		// Later migrations are tested in their own files: this one stops at 003.
		const to003 = await migrator.migrateTo('003-sync');
		expect(to003.error).toBeUndefined();
		expect(to003.results?.map((r) => r.migrationName)).toEqual(['003-sync']);
		expect(await snapshot(raw)).toEqual(before);
		if (engine === 'sqlite') {
			const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(raw);
			expect(rows[0]?.foreign_keys).toBe(1);
			const { rows: check } = await sql`pragma foreign_key_check`.execute(raw);
			expect(check).toEqual([]);
		}

		// The new columns have their defaults on the old rows.
		const consultation = await raw
			.selectFrom('consultations')
			.select(['field_stamps', 'conflicts', 'receipt'])
			.where('id', '=', IDS.consultation)
			.executeTakeFirstOrThrow();
		expect(consultation).toEqual({ field_stamps: '{}', conflicts: '[]', receipt: null });

		// Every existing row took its own number; the counter stands at the highest.
		const seqs: number[] = [];
		for (const table of ['organisations', 'consultations', 'consultation_amendments']) {
			const rows = await raw.selectFrom(table).select('seq').execute();
			seqs.push(...rows.map((row: { seq: unknown }) => Number(row.seq)));
		}
		expect(seqs).toHaveLength(5);
		expect(seqs.every((seq) => seq > 0)).toBe(true);
		expect(new Set(seqs).size).toBe(seqs.length);
		const counter = await raw.selectFrom('sync_counter').select('seq').executeTakeFirstOrThrow();
		expect(Number(counter.seq)).toBe(Math.max(...seqs));

		// organisation_id may now be empty (a draft without an organisation yet) but must still exist when set.
		await raw
			.updateTable('consultations')
			.set({ organisation_id: null })
			.where('id', '=', IDS.consultation2)
			.execute();
		await expect(
			raw
				.updateTable('consultations')
				.set({ organisation_id: '0190b000-0000-7000-8000-0000000000ff' })
				.where('id', '=', IDS.consultation2)
				.execute()
		).rejects.toThrow();

		// The amendment still belongs to its consultation: deleting the consultation takes it along.
		await raw.deleteFrom('consultations').where('id', '=', IDS.consultation).execute();
		expect(await raw.selectFrom('consultation_amendments').selectAll().execute()).toEqual([]);
		// And an amendment of a consultation that does not exist is refused.
		await expect(
			raw
				.insertInto('consultation_amendments')
				.values({
					id: '0190b000-0000-7000-8000-000000000008',
					consultation_id: IDS.consultation,
					author_id: IDS.user,
					reason: 'Osierocona',
					changes: '{}',
					created_at: AT,
					seq: 99
				})
				.execute()
		).rejects.toThrow();

		// Nothing named *_new is left behind.
		if (engine === 'sqlite') {
			const { rows } = await sql<{ name: string }>`
				select name from sqlite_master where name like '%_new'`.execute(raw);
			expect(rows).toEqual([]);
		}
	});
});
