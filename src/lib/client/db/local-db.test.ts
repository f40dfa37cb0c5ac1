import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { saveDraft } from './consultations';
import { deleteLocalDb, LocalDb, localDbName, openLocalDb, SCHEMA_V1, type OutboxEntry } from './local-db';
import { createLocalOrganisation } from './organisations';
import { organisationInput, testContext } from './test-factories';

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
	it('a v1 database upgraded to v2 keeps every outbox entry and draft', async () => {
		const userId = 'u-upgrade';
		// v1 written by the app's own repository functions…
		const v1 = await openLocalDb(userId);
		const ctx = testContext({ userId });
		await saveDraft(v1, ctx, 'draft-1', { notes: 'Pierwsza wizyta', topics: ['law'] });
		await saveDraft(v1, ctx, 'draft-2', { notes: 'Druga' });
		await createLocalOrganisation(v1, ctx, organisationInput());
		// …and raw rows, as an older build might have left them (an in-flight entry included).
		await v1.outbox.add({
			opId: 'raw-op',
			entity: 'consultation',
			entityId: 'draft-raw',
			op: 'update',
			fields: { notes: 'x' },
			baseVersion: 3,
			createdAt: '2025-03-01T00:00:00.000Z',
			attempts: 2,
			mergeable: true,
			sentAt: '2025-03-01T00:00:01.000Z'
		});
		const outboxBefore = await v1.outbox.orderBy('seq').toArray();
		const draftsBefore = await v1.consultations.toArray();
		v1.close();

		// v2 as a later build would declare it: a new index and a new outbox field filled in by the upgrade.
		class LocalDbV2 extends LocalDb {
			constructor() {
				super(userId);
				this.version(2)
					.stores({
						consultations: `${SCHEMA_V1.consultations}, [advisorId+status]`,
						outbox: `${SCHEMA_V1.outbox}, sentAt`
					})
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
		const v2 = new LocalDbV2();
		await v2.open();
		expect(v2.verno).toBe(2);

		const outboxAfter = await v2.outbox.orderBy('seq').toArray();
		expect(outboxAfter).toEqual(outboxBefore.map((entry) => ({ ...entry, lastError: null })));
		expect(await v2.consultations.toArray()).toEqual(draftsBefore);
		// The new index works on the old rows, and new entries continue the sequence.
		expect(await v2.consultations.where('[advisorId+status]').equals([userId, 'draft']).count()).toBe(2);
		await saveDraft(v2, ctx, 'draft-3', { notes: 'Po aktualizacji' });
		const last = await v2.outbox.orderBy('seq').last();
		expect(last?.seq).toBeGreaterThan(outboxBefore.at(-1)!.seq!);
		v2.close();
		await deleteLocalDb(userId);
	});
});
