import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { monthFigures, saveDraft } from './consultations';
import {
	deleteLocalDb,
	LocalDb,
	localDbName,
	openLocalDb,
	SCHEMA_V1,
	SCHEMA_V2,
	SCHEMA_V5,
	type LocalAmendment,
	type LocalConsultation,
	type OutboxEntry
} from './local-db';
import { rebuildMonthIndex } from './month-index';
import { serverConsultation, signature, testContext } from './test-factories';

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

/** A row as builds before v3 stored it: no receipt, no conflicts. */
function beforeV3(record: LocalConsultation): Omit<LocalConsultation, 'receipt' | 'conflicts'> {
	const { receipt: _receipt, conflicts: _conflicts, ...row } = record;
	return row;
}

function outboxEntry(entityId: string, n: number, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
	return {
		opId: `op-${n}`,
		entity: 'consultation',
		entityId,
		op: 'create',
		fields: { notes: 'x' },
		baseVersion: null,
		createdAt: '2025-03-01T00:00:00.000Z',
		attempts: n,
		mergeable: true,
		...overrides
	};
}

describe('schema upgrades', () => {
	it('a database written by schema v1 keeps every outbox entry and draft through each upgrade', async () => {
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
			beforeV3(
				serverConsultation({
					id: 'draft-1',
					advisorId: userId,
					organisationId: 'org-1',
					date: '2026-11-05',
					version: 0
				})
			),
			beforeV3(
				serverConsultation({ id: 'draft-2', advisorId: userId, status: 'draft', notes: 'Druga', version: 0 })
			)
		] as LocalConsultation[]);
		await v1.outbox.bulkAdd([outboxEntry('draft-1', 0), outboxEntry('draft-2', 1)]);
		await v1.outbox.add(outboxEntry('draft-raw', 2, { op: 'update', sentAt: '2025-03-01T00:00:01.000Z' }));
		const outboxBefore = await v1.outbox.orderBy('seq').toArray();
		const recordsBefore = await v1.consultations.toArray();
		v1.close();

		// The current build (v2: the covering hours index; v3: sync bookkeeping; v4: bookings; v5: one index fewer;
		// v6: colleagues' visits) opens it.
		const current = await openLocalDb(userId);
		expect(current.verno).toBe(6);
		expect(await current.colleagueVisits.count()).toBe(0);
		expect(current.consultations.schema.indexes.map((index) => index.name)).not.toContain('updatedAt');
		expect(await current.outbox.orderBy('seq').toArray()).toEqual(outboxBefore);
		expect(await current.consultations.toArray()).toEqual(
			recordsBefore.map((record) => ({ ...record, receipt: null, conflicts: [] }))
		);
		// The v2 upgrade built the month index from the old records.
		expect((await monthFigures(current, userId, '2026-11')).map((f) => f.organisationId)).toEqual(['org-1']);
		current.close();

		// A later build as it would declare v7: a new index and a new outbox field filled in by the upgrade.
		class NextBuild extends LocalDb {
			constructor() {
				super(userId);
				this.version(7)
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
		const next = new NextBuild();
		await next.open();
		expect(next.verno).toBe(7);
		expect(await next.outbox.orderBy('seq').toArray()).toEqual(
			outboxBefore.map((entry) => ({ ...entry, lastError: null }))
		);
		expect(await next.consultations.count()).toBe(recordsBefore.length);
		await saveDraft(next, ctx, 'draft-3', { notes: 'Po aktualizacji' });
		const last = await next.outbox.orderBy('seq').last();
		expect(last?.seq).toBeGreaterThan(outboxBefore.at(-1)!.seq!);
		next.close();
		await deleteLocalDb(userId);
	});

	it('v2 → v3 (sync): every outbox entry and draft intact, records gain receipt and conflicts, refusals empty', async () => {
		const userId = 'u-upgrade-v3';
		// The build before sync, exactly as it declared its schema.
		class V2Build extends Dexie {
			constructor() {
				super(localDbName(userId));
				this.version(2).stores(SCHEMA_V2);
			}
		}
		const v2 = new V2Build() as unknown as LocalDb;
		await v2.open();
		expect(v2.verno).toBe(2);
		expect(v2.tables.map((table) => table.name)).not.toContain('refusals');
		await v2.consultations.bulkPut([
			beforeV3(
				serverConsultation({
					id: 'draft-1',
					advisorId: userId,
					status: 'draft',
					date: '2026-11-05',
					notes: 'Szkic, niewysłany',
					version: 0
				})
			),
			beforeV3(serverConsultation({ id: 'draft-2', advisorId: userId, status: 'draft', notes: 'W drodze' })),
			beforeV3(
				serverConsultation({
					id: 'signed-1',
					advisorId: userId,
					status: 'signed',
					signature: signature(),
					version: 3
				})
			)
		] as LocalConsultation[]);
		const { receipt: _receipt, ...amendmentRow } = {
			id: 'am-1',
			consultationId: 'signed-1',
			authorId: userId,
			reason: 'Korekta czasu',
			changes: { durationMin: { before: 60, after: 90 } },
			createdAt: '2025-03-04T00:00:00.000Z',
			receipt: null
		} satisfies LocalAmendment;
		await v2.amendments.put(amendmentRow as unknown as LocalAmendment);
		await rebuildMonthIndex(v2);
		await v2.outbox.bulkAdd([
			// Unsent: a create and a compacted update.
			outboxEntry('draft-1', 0, { fields: { id: 'draft-1', notes: 'Szkic, niewysłany' } }),
			outboxEntry('draft-2', 1, { op: 'update', fields: { notes: 'W drodze' }, baseVersion: 1 }),
			// In flight: sent before the update, the answer not yet stored.
			outboxEntry('signed-1', 2, {
				op: 'update',
				fields: { status: 'signed', signature: signature() },
				baseVersion: 2,
				mergeable: false,
				sentAt: '2025-03-01T00:00:01.000Z'
			}),
			outboxEntry('am-1', 3, {
				entity: 'amendment',
				fields: { ...amendmentRow },
				mergeable: false,
				sentAt: '2025-03-01T00:00:01.000Z'
			})
		]);
		const before = {
			outbox: await v2.outbox.orderBy('seq').toArray(),
			consultations: await v2.consultations.toArray(),
			amendments: await v2.amendments.toArray(),
			monthIndex: await v2.monthIndex.toArray()
		};
		v2.close();

		const v3 = await openLocalDb(userId);
		expect(v3.verno).toBe(6); // the current build: v3, v4 (bookings), v5 and v6 applied
		expect(await v3.outbox.orderBy('seq').toArray()).toEqual(before.outbox);
		expect(await v3.consultations.toArray()).toEqual(
			before.consultations.map((record) => ({ ...record, receipt: null, conflicts: [] }))
		);
		expect(await v3.amendments.toArray()).toEqual(
			before.amendments.map((amendment) => ({ ...amendment, receipt: null }))
		);
		expect(await v3.monthIndex.toArray()).toEqual(before.monthIndex);
		expect(v3.tables.map((table) => table.name)).toContain('refusals');
		expect(await v3.refusals.count()).toBe(0);
		// The upgraded outbox goes on as before: the next change merges into the unsent update, not the in-flight one.
		await saveDraft(v3, testContext({ userId }), 'draft-2', { followUps: 'Oddzwonić' });
		expect((await v3.outbox.orderBy('seq').toArray()).map((entry) => entry.fields)).toEqual([
			before.outbox[0]!.fields,
			{ notes: 'W drodze', followUps: 'Oddzwonić' },
			before.outbox[2]!.fields,
			before.outbox[3]!.fields
		]);
		v3.close();
		await deleteLocalDb(userId);
	});

	it("v5 → v6 (colleagues' visits): the outbox, drafts, refusals, bookings and cursor intact, the new table empty", async () => {
		const userId = 'u-upgrade-v6';
		class V5Build extends Dexie {
			constructor() {
				super(localDbName(userId));
				this.version(5).stores(SCHEMA_V5);
			}
		}
		const v5 = new V5Build() as unknown as LocalDb;
		await v5.open();
		const ctx = testContext({ userId });
		await v5.consultations.bulkPut([
			serverConsultation({ id: 'draft-1', advisorId: userId, status: 'draft', notes: 'Szkic', version: 0 }),
			serverConsultation({ id: 'signed-1', advisorId: userId, status: 'signed', signature: signature() })
		]);
		await rebuildMonthIndex(v5);
		await v5.outbox.bulkAdd([
			outboxEntry('draft-1', 0, { fields: { id: 'draft-1', notes: 'Szkic' } }),
			outboxEntry('signed-1', 1, { op: 'update', fields: { followUps: 'Oddzwonić' }, baseVersion: 1 })
		]);
		await v5.refusals.put({
			opId: 'op-refused',
			entity: 'consultation',
			entityId: 'signed-1',
			op: 'update',
			fields: { notes: 'Po podpisie' },
			code: 'record_locked',
			message: 'Podpisana',
			fieldMessages: {},
			at: '2025-03-01T00:00:00.000Z'
		});
		await v5.meta.bulkPut([
			{ key: 'syncCursor', value: 'v1.42.0123456789ab' },
			{ key: 'sentThrough', value: 0 }
		]);
		const before = {
			outbox: await v5.outbox.orderBy('seq').toArray(),
			consultations: await v5.consultations.toArray(),
			refusals: await v5.refusals.toArray(),
			meta: await v5.meta.toArray(),
			monthIndex: await v5.monthIndex.toArray()
		};
		v5.close();

		const v6 = await openLocalDb(userId);
		expect(v6.verno).toBe(6);
		expect(await v6.outbox.orderBy('seq').toArray()).toEqual(before.outbox);
		expect(await v6.consultations.toArray()).toEqual(before.consultations);
		expect(await v6.refusals.toArray()).toEqual(before.refusals);
		expect(await v6.meta.toArray()).toEqual(before.meta);
		expect(await v6.monthIndex.toArray()).toEqual(before.monthIndex);
		expect(await v6.colleagueVisits.count()).toBe(0);
		expect(v6.colleagueVisits.schema.indexes.map((index) => index.name)).toEqual(['organisationId']);
		// Work goes on: the next edit of the draft folds into its unsent create.
		await saveDraft(v6, ctx, 'draft-1', { notes: 'Szkic poprawiony' });
		expect(await v6.outbox.count()).toBe(2);
		v6.close();
		await deleteLocalDb(userId);
	});
});
