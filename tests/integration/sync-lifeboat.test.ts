/**
 * Lifeboat files on SQLite and PostgreSQL: a coordinator of the author's centre imports what a phone could not
 * send; the operations go the exactly-once way of a push, so a second import, or the phone syncing after all,
 * changes nothing. Receipts of imported changes are found, and say they came by import.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, type ApiCall, type ApiResponse } from './helpers/api';
import {
	addStaff,
	consultationFields,
	createOp,
	DEMO_ACCOUNTS,
	fingerprint,
	PROTOCOL,
	signedFields,
	syncClient,
	updateOp,
	type SyncClient
} from './helpers/sync-server';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS } from '$lib/server/db/demo-data';
import { newId } from '$lib/domain/ids';
import { translate } from '$lib/i18n/translate';
import { LIFEBOAT_FORMAT, receiptFor, seqOfReceipt } from '$lib/domain/sync';
import type { ImportSummary } from '$lib/domain/sync';

describe.each(ENGINES)('lifeboat import on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	let advisor: SyncClient;
	let advisor2: SyncClient;
	let coordinator: SyncClient;
	let coordinatorLebork: SyncClient;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		advisor = await syncClient(call, { ...DEMO_ACCOUNTS.advisor, centreId: DEMO_CENTRE_IDS.slupsk });
		advisor2 = await syncClient(call, { ...DEMO_ACCOUNTS.advisor2, centreId: DEMO_CENTRE_IDS.lebork });
		coordinator = await syncClient(call, { ...DEMO_ACCOUNTS.coordinator, centreId: DEMO_CENTRE_IDS.slupsk });
		coordinatorLebork = await syncClient(
			call,
			await addStaff(database.db, 'coordinator', DEMO_CENTRE_IDS.lebork)
		);
	});
	afterAll(() => database?.close());

	/** What the advisor's phone could not send: a signed visit, a draft and an edit of that draft. */
	const phoneOutbox = () => {
		const signed = signedFields(advisor.account);
		const draft = consultationFields(advisor.account);
		return [
			createOp(signed),
			createOp(draft),
			updateOp(draft.id as string, { notes: 'Dopisane w terenie', participantCount: 2 }, 1)
		];
	};
	const lifeboat = (ops: unknown[], userId = advisor.account.userId, deviceId = advisor.deviceId) => ({
		format: LIFEBOAT_FORMAT,
		version: 1,
		userId,
		deviceId,
		exportedAt: new Date().toISOString(),
		ops
	});
	const importAs = (client: SyncClient, file: unknown): Promise<ApiResponse> =>
		call('POST', '/api/sync/import', { token: client.token, body: file, headers: PROTOCOL });
	const summary = (response: ApiResponse) => {
		expect(response.status, JSON.stringify(response.body)).toBe(200);
		return response.body as unknown as ImportSummary;
	};

	test('an import applies the operations as their author; importing the same file again changes nothing', async () => {
		const ops = phoneOutbox();
		const file = lifeboat(ops);
		expect(summary(await importAs(coordinator, file))).toEqual({
			applied: 3,
			merged: 0,
			refused: 0,
			replayed: 0,
			refusals: []
		});
		const draft = await database.db
			.selectFrom('consultations')
			.selectAll()
			.where('id', '=', ops[1]!.entityId)
			.executeTakeFirstOrThrow();
		expect(draft).toMatchObject({
			advisorId: advisor.account.userId,
			notes: 'Dopisane w terenie',
			version: 2
		});
		const stored = await database.db
			.selectFrom('syncOps')
			.selectAll()
			.where(
				'opId',
				'in',
				ops.map((op) => op.opId)
			)
			.execute();
		expect(stored).toHaveLength(3);
		for (const op of stored) {
			expect(op).toMatchObject({
				userId: advisor.account.userId,
				deviceId: advisor.deviceId,
				via: `import:${coordinator.account.userId}`
			});
		}

		// Each card's audit says who put the file on the server, once per card (the draft came with its edit).
		const auditOf = async (id: string) => {
			const response = await call('GET', `/api/consultations/${id}/audit`, { token: coordinator.token });
			expect(response.status).toBe(200);
			const body = response.body as unknown as
				| { entries: { action: string; actorId: string; actorName: string }[] }
				| { action: string; actorId: string; actorName: string }[];
			return (Array.isArray(body) ? body : body.entries).map(({ action, actorId }) => ({ action, actorId }));
		};
		const imported = { action: 'imported', actorId: coordinator.account.userId };
		expect(await auditOf(ops[0]!.entityId)).toEqual([
			{ action: 'created', actorId: advisor.account.userId },
			imported
		]);
		expect(await auditOf(ops[1]!.entityId)).toEqual([imported]);

		const before = await fingerprint(database.db);
		const auditRows = await database.db.selectFrom('auditLog').select('id').execute();
		expect(summary(await importAs(coordinator, file))).toEqual({
			applied: 0,
			merged: 0,
			refused: 0,
			replayed: 3,
			refusals: []
		});
		expect(await fingerprint(database.db)).toEqual(before);
		expect(await database.db.selectFrom('auditLog').select('id').execute()).toHaveLength(auditRows.length);

		// The phone comes back online and sends the same entries: stored answers, nothing changes.
		const results = await advisor.pushOk(ops);
		expect(results.every((r) => r.replayed === true)).toBe(true);
		expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
		expect(await fingerprint(database.db)).toEqual(before);
	});

	test('an import after the phone synced the same operations changes nothing', async () => {
		const ops = phoneOutbox();
		expect((await advisor.pushOk(ops)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
		const before = await fingerprint(database.db);
		expect(summary(await importAs(coordinator, lifeboat(ops)))).toMatchObject({ applied: 0, replayed: 3 });
		expect(await fingerprint(database.db)).toEqual(before);
	});

	test('a file with some entries sent and some not applies only the new ones; refusals are listed', async () => {
		const ops = phoneOutbox();
		await advisor.pushOk(ops.slice(0, 1));
		const locked = updateOp(ops[0]!.entityId, { notes: 'Po podpisie' }, 1);
		const result = summary(await importAs(coordinator, lifeboat([...ops, locked])));
		expect(result).toMatchObject({ applied: 2, merged: 0, refused: 1, replayed: 1 });
		const refusal = {
			opId: locked.opId,
			entity: 'consultation',
			entityId: locked.entityId,
			code: 'record_locked',
			message: translate('pl', 'sync.refused.locked'),
			fields: {},
			// The card as the coordinator knows it (an edit names no date: the server's copy does).
			visit: {
				date: '2026-11-20',
				startTime: '10:00',
				endTime: '11:30',
				organisation: 'Stowarzyszenie „Aktywni Razem”'
			}
		};
		expect(result.refusals).toEqual([refusal]);

		// Imported again: what was refused is still refused, with its reason — never "already accepted".
		const again = summary(await importAs(coordinator, lifeboat([...ops, locked])));
		expect(again).toMatchObject({ applied: 0, merged: 0, refused: 1, replayed: 3 });
		expect(again.refusals).toEqual([refusal]);
	});

	test('a refusal names the fields at fault; a file of refusals only is said to be so', async () => {
		const broken = { ...consultationFields(advisor.account), status: 'completed', durationMin: -30 };
		const result = summary(await importAs(coordinator, lifeboat([createOp(broken)])));
		expect(result).toMatchObject({ applied: 0, refused: 1, replayed: 0 });
		expect(result.refusals[0]).toMatchObject({
			code: 'invalid',
			fields: { durationMin: expect.any(String) },
			visit: { date: '2026-11-20', organisation: 'Stowarzyszenie „Aktywni Razem”' }
		});
	});

	test('a file whose changes name another author than the file is refused whole, and changes nothing', async () => {
		const before = await fingerprint(database.db);
		const response = await importAs(coordinator, lifeboat(phoneOutbox(), coordinator.account.userId));
		expect(response.status).toBe(422);
		expect(response.body.error).toEqual({
			code: 'author_mismatch',
			message: translate('pl', 'sync.lifeboat.authorMismatch')
		});
		expect(await fingerprint(database.db)).toEqual(before);
	});

	test("another user's refused use of an operation id does not stand in the way of its real author", async () => {
		const visit = consultationFields(advisor.account);
		await advisor.pushOk([createOp(visit)]);
		const note = updateOp(visit.id as string, { notes: 'Dopisane w terenie' }, 1);
		// The file's author id altered to a colleague of the same centre (an edit names no author): the edit is
		// refused for that colleague, and that answer stored.
		const colleague = await addStaff(database.db, 'advisor', DEMO_CENTRE_IDS.slupsk);
		const forged = summary(await importAs(coordinator, lifeboat([note], colleague.userId)));
		expect(forged).toMatchObject({ applied: 0, refused: 1 });

		// The real author's file still gets it applied, and the phone sending it later gets that answer.
		expect(summary(await importAs(coordinator, lifeboat([note])))).toMatchObject({ applied: 1, refused: 0 });
		const [replay] = await advisor.pushOk([note]);
		expect(replay).toMatchObject({ status: 'applied', replayed: true });
		const stored = await database.db
			.selectFrom('consultations')
			.select('notes')
			.where('id', '=', visit.id as string)
			.executeTakeFirstOrThrow();
		expect(stored.notes).toBe('Dopisane w terenie');
		// An id someone else's change was applied under stays theirs.
		const [stolen] = await advisor2.pushOk([{ ...note, opId: note.opId }]);
		expect(stolen).toMatchObject({ status: 'refused', code: 'op_id_reused' });
	});

	test("a coordinator of another centre may not import an advisor's file", async () => {
		const before = await fingerprint(database.db);
		const response = await importAs(coordinatorLebork, lifeboat(phoneOutbox()));
		expect(response.status).toBe(403);
		expect(response.body.error).toEqual({
			code: 'outside_scope',
			message: translate('pl', 'sync.lifeboat.userOutsideScope')
		});
		expect(response.body.error?.message).toContain('koordynator jego centrum');
		// In English for an English-speaking coordinator.
		const english = await call('POST', '/api/sync/import', {
			token: coordinatorLebork.token,
			body: lifeboat(phoneOutbox()),
			headers: PROTOCOL,
			locale: 'en'
		});
		expect(english.body.error?.message).toBe(translate('en', 'sync.lifeboat.userOutsideScope'));
		expect(await fingerprint(database.db)).toEqual(before);
	});

	test('an advisor may not import, not even their own file; an unknown author is not found', async () => {
		const before = await fingerprint(database.db);
		const own = await importAs(advisor, lifeboat(phoneOutbox()));
		expect(own.status).toBe(403);
		expect(own.body.error).toMatchObject({ code: 'forbidden', message: translate('pl', 'api.forbidden') });
		const unknown = await importAs(coordinator, lifeboat(phoneOutbox(), newId()));
		expect(unknown.status).toBe(404);
		expect(await fingerprint(database.db)).toEqual(before);
	});

	test("the coordinator of the author's Lębork centre, or an admin, may import it", async () => {
		const ops = [createOp(consultationFields(advisor2.account))];
		const file = lifeboat(ops, advisor2.account.userId, newId());
		expect(summary(await importAs(coordinatorLebork, file))).toMatchObject({ applied: 1 });
		const admin = await syncClient(call, { ...DEMO_ACCOUNTS.admin, centreId: null });
		expect(summary(await importAs(admin, file))).toMatchObject({ applied: 0, replayed: 1 });
	});

	test('the receipt of an imported change is found by the coordinator, says it came by import, and by no one else', async () => {
		const ops = phoneOutbox();
		await importAs(coordinator, lifeboat(ops));
		const op = await database.db
			.selectFrom('syncOps')
			.selectAll()
			.where('opId', '=', ops[2]!.opId)
			.executeTakeFirstOrThrow();
		const receipt = op.receipt!;
		expect(seqOfReceipt(receipt)).toBe(Number(op.seq));

		const found = await call('GET', `/api/sync/receipts/${receipt}`, { token: coordinator.token });
		expect(found.status, JSON.stringify(found.body)).toBe(200);
		expect(found.body).toMatchObject({
			receipt,
			opId: op.opId,
			entity: 'consultation',
			entityId: ops[2]!.entityId,
			op: 'update',
			status: 'applied',
			via: `import:${coordinator.account.userId}`,
			current: { entity: 'consultation', record: { id: ops[2]!.entityId } }
		});
		// Typed by hand: lower case, no dash, O for 0 — still found.
		const typed = receipt.toLowerCase().replace('-', '').replace(/0/g, 'o');
		const byHand = await call('GET', `/api/sync/receipts/${encodeURIComponent(typed)}`, {
			token: coordinator.token
		});
		expect(byHand.status).toBe(200);
		// The author finds it too.
		expect((await call('GET', `/api/sync/receipts/${receipt}`, { token: advisor.token })).status).toBe(200);

		for (const outsider of [advisor2, coordinatorLebork]) {
			const response = await call('GET', `/api/sync/receipts/${receipt}`, { token: outsider.token });
			expect(response.status).toBe(404);
			expect(response.body.error?.code).toBe('not_found');
		}
		expect((await call('GET', `/api/sync/receipts/${receipt}`)).status).toBe(401);

		// One wrong digit: the check symbol catches it.
		const seq = seqOfReceipt(receipt)!;
		const wrongDigit = receiptFor(seq + 1).replace(/-.$/, () => receipt.slice(-2));
		const mistyped = await call('GET', `/api/sync/receipts/${encodeURIComponent(wrongDigit)}`, {
			token: coordinator.token
		});
		expect(mistyped.status).toBe(400);
		expect(mistyped.body.error).toMatchObject({
			code: 'bad_receipt',
			message: translate('pl', 'sync.receiptSearch.invalid')
		});
		const garbage = await call('GET', '/api/sync/receipts/hello', { token: coordinator.token });
		expect(garbage.status).toBe(400);
		// A well-formed receipt of no change at all.
		const none = await call('GET', `/api/sync/receipts/${encodeURIComponent(receiptFor(999_999))}`, {
			token: coordinator.token
		});
		expect(none.status).toBe(404);
	});

	test('a file that is not a lifeboat is refused with a reason, and changes nothing', async () => {
		const before = await fingerprint(database.db);
		const wrongFormat = await importAs(coordinator, { ...lifeboat(phoneOutbox()), format: 'something-else' });
		expect(wrongFormat.status).toBe(400);
		expect(wrongFormat.body.error?.fields).toEqual({ format: translate('pl', 'sync.lifeboat.notLifeboat') });
		const wrongVersion = await importAs(coordinator, { ...lifeboat(phoneOutbox()), version: 2 });
		expect(wrongVersion.body.error?.fields).toEqual({ version: translate('pl', 'sync.lifeboat.version') });
		expect(await fingerprint(database.db)).toEqual(before);
	});
});
