import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { LifeboatFile } from '$lib/domain/sync';
import { completeConsultation, resolveConflict, saveDraft } from '../db/consultations';
import { DEVICE_ID } from '../db/sync-apply';
import { freshDbs, serverConsultation, testContext } from '../db/test-factories';
import { exportLifeboat, lifeboatFileName, lifeboatOf } from './lifeboat';

const db = freshDbs();
const USER = '0190a000-0000-7000-8000-000000000001';
const VISIT = '0190a000-0000-7000-8000-0000000000c1';
const SERVER_VISIT = '0190a000-0000-7000-8000-0000000000c2';

describe('lifeboat', () => {
	it('holds every outbox entry as a push operation, oldest first, in a file the import schema accepts', async () => {
		const local = await db();
		const ctx = testContext({ userId: USER });
		await saveDraft(local, ctx, VISIT, { notes: 'Statut', durationMin: 60 });
		await completeConsultation(local, ctx, VISIT);
		await local.consultations.put(
			serverConsultation({
				id: SERVER_VISIT,
				advisorId: USER,
				version: 2,
				conflicts: [
					{
						field: 'notes',
						value: 'Druga wersja',
						authorId: USER,
						opId: '0190a000-0000-7000-8000-0000000000f1',
						version: 2,
						at: '2025-03-10T07:00:00.000Z'
					}
				]
			})
		);
		await resolveConflict(local, ctx, SERVER_VISIT, 'notes', 'Połączony tekst');

		const file = await exportLifeboat(local, {
			userId: USER,
			now: () => new Date('2025-03-10T23:30:00.000Z'),
			newId: () => '0190a000-0000-7000-8000-0000000000d1'
		});

		const parsed = v.safeParse(LifeboatFile, file);
		expect(parsed.success).toBe(true);
		expect(file).toMatchObject({
			format: 'doradca-outbox',
			version: 1,
			userId: USER,
			deviceId: '0190a000-0000-7000-8000-0000000000d1',
			exportedAt: '2025-03-10T23:30:00.000Z'
		});
		// The draft's create (with its completion folded in), then the resolution with its `resolves`.
		expect(file.ops.map((op) => [op.entityId, op.op, op.resolves])).toEqual([
			[VISIT, 'create', undefined],
			[SERVER_VISIT, 'update', ['notes']]
		]);
		expect(file.ops[0]?.fields).toMatchObject({ notes: 'Statut', status: 'completed' });
		expect(file.ops[1]).toMatchObject({ fields: { notes: 'Połączony tekst' }, baseVersion: 2 });
		// Nothing was taken out of the outbox: the lifeboat is a copy, the phone still sends when it can.
		expect(await local.outbox.count()).toBe(2);
		// The device keeps the id it was given, so an import and a later push are recognised as one device.
		expect((await local.meta.get(DEVICE_ID))?.value).toBe('0190a000-0000-7000-8000-0000000000d1');
	});

	it('counts what went into the file as sent: a later edit is a new operation, not folded into an exported one', async () => {
		const local = await db();
		const ctx = testContext({ userId: USER });
		await saveDraft(local, ctx, VISIT, { notes: 'Przed zapisem do pliku', durationMin: 60 });
		const options = {
			userId: USER,
			now: () => new Date(),
			newId: () => '0190a000-0000-7000-8000-0000000000d1'
		};
		const first = await exportLifeboat(local, options);
		expect(first.ops).toHaveLength(1);

		// The coordinator may import the file before the phone syncs: the server then knows this operation id.
		await saveDraft(local, ctx, VISIT, { notes: 'Po zapisie do pliku' });
		const second = await exportLifeboat(local, options);
		expect(second.ops.map((op) => op.opId)).toEqual([first.ops[0]!.opId, expect.any(String)]);
		expect(second.ops[1]!.opId).not.toBe(first.ops[0]!.opId);
		// The exported operation is unchanged; the edit travels in its own.
		expect(second.ops[0]!.fields).toMatchObject({ notes: 'Przed zapisem do pliku' });
		expect(second.ops[1]).toMatchObject({ op: 'update', fields: { notes: 'Po zapisie do pliku' } });
	});

	it('sorts by outbox order whatever order the entries come in, and names the file by the Warsaw date', () => {
		const entry = (seq: number) => ({
			seq,
			opId: `0190a000-0000-7000-8000-00000000000${seq}`,
			entity: 'consultation' as const,
			entityId: VISIT,
			op: 'update' as const,
			fields: { notes: String(seq) },
			baseVersion: 1,
			createdAt: '2025-03-10T08:00:00.000Z',
			attempts: 0,
			mergeable: true
		});
		const file = lifeboatOf({
			userId: USER,
			deviceId: USER,
			entries: [entry(3), entry(1), entry(2)],
			now: new Date('2025-03-10T08:00:00.000Z')
		});
		expect(file.ops.map((op) => op.fields.notes)).toEqual(['1', '2', '3']);
		expect(lifeboatFileName(new Date('2025-03-10T23:30:00.000Z'))).toBe('doradca-zmiany-2025-03-11.json');
		expect(lifeboatFileName(new Date('2025-07-01T21:59:00.000Z'))).toBe('doradca-zmiany-2025-07-01.json');
	});
});
