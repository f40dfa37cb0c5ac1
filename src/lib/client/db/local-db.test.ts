import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { monthFigures, saveDraft } from './consultations';
import { deleteLocalDb, LocalDb, localDbName, openLocalDb, SCHEMA_V1, type OutboxEntry } from './local-db';
import { serverConsultation, testContext } from './test-factories';

describe('one database per user', () => {
	it('is named after the user', async () => {
		const db = await openLocalDb('u-name');
		expect(db.name).toBe('doradca-u-name');
		expect(localDbName('u-name')).toBe('doradca-u-name');
		db.close();
		await deleteLocalDb('u-name');
	});

	it("keeps two users' data apart, and sign-out deletes exactly one of them", async () => {
		const anna = await openLocalDb('u-anna');
		const piotr = await openLocalDb('u-piotr');
		await saveDraft(anna, testContext({ userId: 'u-anna' }), 'draft-anna', { notes: 'Anna' });
		await saveDraft(piotr, testContext({ userId: 'u-piotr' }), 'draft-piotr', { notes: 'Piotr' });

		expect((await anna.consultations.toArray()).map((c) => c.id)).toEqual(['draft-anna']);
		expect((await piotr.consultations.toArray()).map((c) => c.id)).toEqual(['draft-piotr']);
		expect(await anna.outbox.count()).toBe(1);

		// Anna signs out while her connection is still open: Dexie closes it instead of blocking the delete.
		await deleteLocalDb('u-anna');
		expect(await Dexie.exists('doradca-u-anna')).toBe(false);
		expect(await Dexie.exists('doradca-u-piotr')).toBe(true);
		expect(await piotr.consultations.count()).toBe(1);

		const annaAgain = await openLocalDb('u-anna');
		expect(await annaAgain.consultations.count()).toBe(0);
		annaAgain.close();
		piotr.close();
		await deleteLocalDb('u-anna');
		await deleteLocalDb('u-piotr');
	});
});

describe('schema upgrades', () => {
	it('a database written by the previous schema keeps every outbox entry and draft through each upgrade', async () => {
		const userId = 'u-upgrade';
		// v1, as the previous build declared it, written by the repository functions…
		class PreviousBuild extends Dexie {
			constructor() {
				super(localDbName(userId));
				this.version(1).stores(SCHEMA_V1);
			}
		}
		const v1 = new PreviousBuild() as unknown as LocalDb;
		await v1.open();
		const ctx = testContext({ userId });
		// …rows as that build stored them: a completed visit, a draft, and their outbox entries (one in flight).
		await v1.consultations.bulkPut([
			serverConsultation({
				id: 'draft-1',
				advisorId: userId,
				organisationId: 'org-1',
				date: '2026-11-05',
				version: 0
			}),
			serverConsultation({ id: 'draft-2', advisorId: userId, status: 'draft', notes: 'Druga', version: 0 })
		]);
		const entry = (entityId: string, seqHint: number): OutboxEntry => ({
			opId: `op-${seqHint}`,
			entity: 'consultation',
			entityId,
			op: 'create',
			fields: { notes: 'x' },
			baseVersion: null,
			createdAt: '2025-03-01T00:00:00.000Z',
			attempts: seqHint,
			mergeable: true
		});
		await v1.outbox.bulkAdd([entry('draft-1', 0), entry('draft-2', 1)]);
		await v1.outbox.add({ ...entry('draft-raw', 2), op: 'update', sentAt: '2025-03-01T00:00:01.000Z' });
		const outboxBefore = await v1.outbox.orderBy('seq').toArray();
		const recordsBefore = await v1.consultations.toArray();
		v1.close();

		// The current build (v2: the covering hours index) opens it.
		const current = await openLocalDb(userId);
		expect(current.verno).toBe(2);
		expect(await current.outbox.orderBy('seq').toArray()).toEqual(outboxBefore);
		expect(await current.consultations.toArray()).toEqual(recordsBefore);
		// The upgrade built the month index from the old records.
		expect((await monthFigures(current, userId, '2026-11')).map((f) => f.organisationId)).toEqual(['org-1']);
		current.close();

		// A later build as it would declare v3: a new index and a new outbox field filled in by the upgrade.
		class NextBuild extends LocalDb {
			constructor() {
				super(userId);
				this.version(3)
					.stores({ outbox: `${SCHEMA_V1.outbox}, sentAt` })
					.upgrade((tx) =>
						tx
							.table<OutboxEntry & { lastError?: string | null }>('outbox')
							.toCollection()
							.modify((entry) => {
								entry.lastError = null;
							})
					);
			}
		}
		const v3 = new NextBuild();
		await v3.open();
		expect(v3.verno).toBe(3);
		expect(await v3.outbox.orderBy('seq').toArray()).toEqual(
			outboxBefore.map((entry) => ({ ...entry, lastError: null }))
		);
		expect(await v3.consultations.toArray()).toEqual(recordsBefore);
		await saveDraft(v3, ctx, 'draft-3', { notes: 'Po aktualizacji' });
		const last = await v3.outbox.orderBy('seq').last();
		expect(last?.seq).toBeGreaterThan(outboxBefore.at(-1)!.seq!);
		v3.close();
		await deleteLocalDb(userId);
	});
});
