/**
 * Push on SQLite and PostgreSQL: every operation applied exactly once by its id (also when the same batch arrives
 * twice at once), nobody acts on or learns about records they may not see, and the business rules of the card.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, type ApiCall } from './helpers/api';
import {
	addStaff,
	amendmentOp,
	consultationFields,
	createOp,
	DEMO_ACCOUNTS,
	deleteOp,
	fingerprint,
	organisationOp,
	signedFields,
	syncClient,
	updateOp,
	type Account,
	type SyncClient
} from './helpers/sync-server';
import { organisationBody } from './helpers/factories';
import { seedDemo } from '$lib/server/db/seed';
import { loadIdentity } from '$lib/server/identity';
import { currentRecord } from '$lib/server/sync/records';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATION_IDS } from '$lib/server/db/demo-data';
import { newId } from '$lib/domain/ids';
import { addDays, warsawToday } from '$lib/domain/hours';
import { translate } from '$lib/i18n/translate';
import { REFUSAL_MESSAGES, type OpResult, type RefusalCode, type SyncConsultation } from '$lib/domain/sync';

const slupsk = (account: { userId: string; email: string; password: string }): Account => ({
	...account,
	centreId: DEMO_CENTRE_IDS.slupsk
});

describe.each(ENGINES)('push on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	let advisor: SyncClient;
	/** Another advisor of the same centre. */
	let colleague: SyncClient;
	/** An advisor of another centre (Lębork). */
	let advisor2: SyncClient;
	let coordinator: SyncClient;
	let ngo: SyncClient;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		advisor = await syncClient(call, slupsk(DEMO_ACCOUNTS.advisor));
		colleague = await syncClient(call, await addStaff(database.db, 'advisor', DEMO_CENTRE_IDS.slupsk));
		advisor2 = await syncClient(call, { ...DEMO_ACCOUNTS.advisor2, centreId: DEMO_CENTRE_IDS.lebork });
		coordinator = await syncClient(call, slupsk(DEMO_ACCOUNTS.coordinator));
		ngo = await syncClient(call, { ...DEMO_ACCOUNTS.ngo, centreId: null });
	});
	afterAll(() => database?.close());

	const row = (id: string) =>
		database.db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
	const opsOf = (opIds: string[]) =>
		database.db.selectFrom('syncOps').selectAll().where('opId', 'in', opIds).execute();
	/** Creates a record as `client` and returns its id and version. */
	const created = async (client: SyncClient, overrides: Record<string, unknown> = {}) => {
		const fields = consultationFields(client.account, overrides);
		const [result] = await client.pushOk([createOp(fields)]);
		expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied' });
		return { id: fields.id as string, version: 1 };
	};
	const refusal = (result: OpResult | undefined, code: string) => {
		expect(result, JSON.stringify(result)).toMatchObject({
			status: 'refused',
			code,
			seq: null,
			receipt: null
		});
		expect(result?.message).toBe(translate('pl', REFUSAL_MESSAGES[code as RefusalCode]));
	};

	describe('exactly once', () => {
		test('the same batch sent twice is applied once; the second answer is the stored one', async () => {
			const fields = consultationFields(advisor.account);
			const id = fields.id as string;
			const batch = [createOp(fields), updateOp(id, { notes: 'Druga wersja notatki' }, 1)];
			const first = await advisor.pushOk(batch);
			expect(first.map((r) => r.status)).toEqual(['applied', 'applied']);
			expect(first.every((r) => r.replayed === undefined)).toBe(true);
			const before = await fingerprint(database.db);

			const second = await advisor.pushOk(batch);
			expect(second.every((r) => r.replayed === true)).toBe(true);
			expect(second.map(({ opId, status, seq, receipt }) => ({ opId, status, seq, receipt }))).toEqual(
				first.map(({ opId, status, seq, receipt }) => ({ opId, status, seq, receipt }))
			);
			expect(second[1]!.current).toEqual(first[1]!.current);
			expect(await fingerprint(database.db)).toEqual(before);
			expect((await row(id))?.version).toBe(2);
			expect(await opsOf(batch.map((op) => op.opId))).toHaveLength(2);
		});

		test('the same batch sent five times at once is applied once', async () => {
			const fields = consultationFields(advisor.account);
			const id = fields.id as string;
			const batch = [createOp(fields), updateOp(id, { participantCount: 4 }, 1)];
			const answers = await Promise.all(Array.from({ length: 5 }, () => advisor.pushOk(batch)));

			const fresh = answers.filter((results) => results.every((r) => r.replayed === undefined));
			const replayed = answers.filter((results) => results.every((r) => r.replayed === true));
			expect(fresh).toHaveLength(1);
			expect(replayed).toHaveLength(4);
			const strip = (results: OpResult[]) =>
				results.map(({ opId, status, seq, receipt }) => ({ opId, status, seq, receipt }));
			for (const results of replayed) expect(strip(results)).toEqual(strip(fresh[0]!));
			expect(fresh[0]!.map((r) => r.status)).toEqual(['applied', 'applied']);
			expect(await row(id)).toMatchObject({ version: 2, participantCount: 4 });
			expect(await opsOf(batch.map((op) => op.opId))).toHaveLength(2);
		});

		test('batches of several advisors arriving at once (one shared commit) are each answered as their own', async () => {
			const mine = consultationFields(advisor.account);
			const theirs = consultationFields(colleague.account);
			const lebork = consultationFields(advisor2.account);
			// advisor2 (Lębork) may not log a record of a Słupsk advisor: refused, alone, inside the same group.
			const forged = consultationFields(advisor.account);
			const [a, b, c] = await Promise.all([
				advisor.pushOk([createOp(mine)]),
				colleague.pushOk([createOp(theirs)]),
				advisor2.pushOk([createOp(lebork), createOp(forged)])
			]);
			expect(a.map((r) => r.status)).toEqual(['applied']);
			expect(b.map((r) => r.status)).toEqual(['applied']);
			expect(c.map((r) => r.status)).toEqual(['applied', 'refused']);
			refusal(c[1], 'forbidden');
			const seqs = [a[0]!.seq, b[0]!.seq, c[0]!.seq];
			expect(new Set(seqs).size).toBe(3);
			expect((await row(mine.id as string))?.advisorId).toBe(advisor.account.userId);
			expect((await row(theirs.id as string))?.advisorId).toBe(colleague.account.userId);
			expect((await row(lebork.id as string))?.advisorId).toBe(advisor2.account.userId);
			expect(await row(forged.id as string)).toBeUndefined();
		});

		test('a refusal is stored too: sent again it is the same refusal and changes nothing', async () => {
			const { id } = await created(advisor, {
				status: 'signed',
				signature: signedFields(advisor.account).signature
			});
			const op = updateOp(id, { notes: 'Po podpisie' }, 1);
			refusal((await advisor.pushOk([op]))[0], 'record_locked');
			const before = await fingerprint(database.db);
			const [again] = await advisor.pushOk([op]);
			refusal(again, 'record_locked');
			expect(again?.replayed).toBe(true);
			expect(await fingerprint(database.db)).toEqual(before);
		});

		test("another user's operation id is refused, changes nothing and reveals nothing", async () => {
			const { id } = await created(advisor);
			const [original] = await advisor.pushOk([updateOp(id, { notes: 'Oryginał' }, 1)]);
			const usedOpId = original!.opId;
			const before = await fingerprint(database.db);

			// The same id for an edit of the same record, by a colleague and by the coordinator who can see it.
			for (const other of [colleague, coordinator, advisor2]) {
				const [result] = await other.pushOk([{ ...updateOp(id, { notes: 'Podróbka' }, 2), opId: usedOpId }]);
				refusal(result, 'op_id_reused');
				expect(result?.current).toBeNull();
				expect(result?.replayed).toBeUndefined();
			}
			// And for a create of the colleague's own record: still refused, nothing created.
			const own = consultationFields(colleague.account);
			const [create] = await colleague.pushOk([{ ...createOp(own), opId: usedOpId }]);
			refusal(create, 'op_id_reused');
			expect(create?.current).toBeNull();
			expect(await row(own.id as string)).toBeUndefined();

			expect(await fingerprint(database.db)).toEqual(before);
			expect((await row(id))?.notes).toBe('Oryginał');
			const [stored] = await opsOf([usedOpId]);
			expect(stored?.userId).toBe(advisor.account.userId);
		});

		test('an operation id reused by its own author for another record is refused', async () => {
			const first = await created(advisor);
			const second = await created(advisor);
			const [op] = await advisor.pushOk([updateOp(first.id, { notes: 'Pierwsza' }, 1)]);
			const [result] = await advisor.pushOk([
				{ ...updateOp(second.id, { notes: 'Druga' }, 1), opId: op!.opId }
			]);
			refusal(result, 'op_id_reused');
			expect((await row(second.id))?.notes).toBe('Sprawozdanie finansowe.');
		});
	});

	describe('signatures in answers', () => {
		test('an answer leaves out the signature its own operation sent (protocol 3), also when replayed; protocol 2 gets it', async () => {
			const fields = signedFields(advisor.account);
			const image = (fields.signature as { image: string }).image;
			const op = createOp(fields);
			const first = await advisor.push([op]);
			expect(first.status).toBe(200);
			const [answer] = (first.body as unknown as { results: OpResult[] }).results;
			expect(answer).toMatchObject({
				status: 'applied',
				signatureKept: true,
				current: { entity: 'consultation', record: { id: fields.id, status: 'signed', signature: null } }
			});
			expect(JSON.stringify(first.body)).not.toContain(image);
			// Replayed, the same; to an app of protocol 2, whole.
			const [replayed] = await advisor.pushOk([op]);
			expect(replayed).toMatchObject({ replayed: true, signatureKept: true });
			const older = await advisor.push([op], { headers: { 'doradca-protocol': '2' } });
			const [whole] = (older.body as unknown as { results: OpResult[] }).results;
			expect(whole).not.toHaveProperty('signatureKept');
			expect(whole!.current).toMatchObject({ record: { signature: fields.signature } });
			// An operation that did not send the signature gets the record whole (a later edit, refused as locked).
			const [edit] = await advisor.pushOk([updateOp(fields.id as string, { notes: 'Po podpisie' }, 1)]);
			expect(edit).toMatchObject({ status: 'refused', code: 'record_locked' });
			expect(edit).not.toHaveProperty('signatureKept');
			expect(edit!.current).toMatchObject({ record: { signature: fields.signature } });
		});
	});

	describe('one batch, many operations (read and written a batch at a time)', () => {
		const counter = async () =>
			Number(
				(
					await database.db
						.selectFrom('syncCounter')
						.select('seq')
						.where('id', '=', 1)
						.executeTakeFirstOrThrow()
				).seq
			);

		test('operations on one record apply in order; each answer holds the record as that operation left it', async () => {
			const fields = consultationFields(advisor.account);
			const id = fields.id as string;
			const results = await advisor.pushOk([
				createOp(fields),
				updateOp(id, { notes: 'Druga' }, 1),
				updateOp(id, { notes: 'Trzecia', status: 'completed' }, 2)
			]);
			expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
			const seqs = results.map((r) => r.seq!);
			expect(seqs).toEqual([seqs[0], seqs[0]! + 1, seqs[0]! + 2]);
			expect(
				results.map((r) => {
					const record = r.current?.record as SyncConsultation;
					return [record.version, record.notes, record.status, record.receipt];
				})
			).toEqual([
				[1, 'Sprawozdanie finansowe.', 'draft', results[0]!.receipt],
				[2, 'Druga', 'draft', results[1]!.receipt],
				[3, 'Trzecia', 'completed', results[2]!.receipt]
			]);
			expect(await row(id)).toMatchObject({ version: 3, notes: 'Trzecia', seq: seqs[2] });
			expect(await counter()).toBe(seqs[2]);
		});

		test('new records of a batch are stored with it: an amendment, an edit and a second create after them find them', async () => {
			const signed = consultationFields(advisor.account, {
				status: 'signed',
				signature: signedFields(advisor.account).signature
			});
			const draft = consultationFields(advisor.account);
			const later = consultationFields(advisor.account);
			const amendment = amendmentOp(advisor.account.userId, signed.id as string, {
				durationMin: { before: 90, after: 60 },
				endTime: { before: '11:30', after: '11:00' }
			});
			const results = await advisor.pushOk([
				createOp(signed),
				createOp(draft),
				amendment,
				updateOp(draft.id as string, { notes: 'Po edycji' }, 1),
				createOp(draft),
				createOp(later)
			]);
			expect(results.map((r) => [r.status, r.code])).toEqual([
				['applied', undefined],
				['applied', undefined],
				['applied', undefined],
				['applied', undefined],
				['refused', 'already_exists'],
				['applied', undefined]
			]);
			expect(await row(signed.id as string)).toMatchObject({ durationMin: 60, version: 2 });
			expect(await row(draft.id as string)).toMatchObject({ notes: 'Po edycji', version: 2 });
			expect(await row(later.id as string)).toMatchObject({ version: 1, seq: results[5]!.seq });
			// Each answer holds the record as its operation left it, the ones answered at the end included.
			expect((results[0]!.current?.record as SyncConsultation).durationMin).toBe(90);
			expect((results[1]!.current?.record as SyncConsultation).notes).toBe('Sprawozdanie finansowe.');
			expect(results[2]!.current).toMatchObject({ entity: 'amendment', record: { id: amendment.entityId } });
			expect((results[3]!.current?.record as SyncConsultation).notes).toBe('Po edycji');
			expect((results[5]!.current?.record as SyncConsultation).id).toBe(later.id);
		});

		test('a refusal in the middle takes no number: the numbering runs on after it, and in the next push', async () => {
			const a = consultationFields(advisor.account, { status: 'completed' });
			const b = consultationFields(advisor.account, { status: 'completed' });
			const results = await advisor.pushOk([
				createOp(a),
				updateOp(newId(), { notes: 'Nie ma takiej' }, 1),
				createOp(b)
			]);
			expect(results.map((r) => r.status)).toEqual(['applied', 'refused', 'applied']);
			refusal(results[1], 'not_found');
			expect(results[2]!.seq).toBe(results[0]!.seq! + 1);
			expect(await counter()).toBe(results[2]!.seq);
			const stored = await opsOf(results.map((r) => r.opId));
			expect(stored.map((op) => op.status).sort()).toEqual(['applied', 'applied', 'refused']);
			// The audit log has both counted creates, in operation order.
			const audit = await database.db
				.selectFrom('auditLog')
				.select(['entityId', 'action'])
				.where('entityId', 'in', [a.id as string, b.id as string])
				.orderBy('id')
				.execute();
			expect(audit).toEqual([
				{ entityId: a.id, action: 'created' },
				{ entityId: b.id, action: 'created' }
			]);

			const [next] = await advisor.pushOk([createOp(consultationFields(advisor.account))]);
			expect(next!.seq).toBe(results[2]!.seq! + 1);
		});

		test('an operation id twice in one batch: applied once, the repeat gets the stored answer', async () => {
			const fields = consultationFields(advisor.account);
			const op = createOp(fields);
			const results = await advisor.pushOk([op, op]);
			expect(results[0]).toMatchObject({ status: 'applied' });
			expect(results[0]!.replayed).toBeUndefined();
			expect(results[1]).toMatchObject({
				status: 'applied',
				seq: results[0]!.seq,
				receipt: results[0]!.receipt,
				replayed: true
			});
			expect(results[1]!.current).toEqual(results[0]!.current);
			expect(await opsOf([op.opId])).toHaveLength(1);
			expect(await row(fields.id as string)).toMatchObject({ version: 1 });
			expect(await counter()).toBe(results[0]!.seq);
		});

		test('a create and its delete in one batch: the create answer shows the record, the delete none', async () => {
			const fields = consultationFields(advisor.account);
			const id = fields.id as string;
			const results = await advisor.pushOk([createOp(fields), deleteOp(id, 1), createOp(fields)]);
			expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'refused']);
			expect(results[2]).toMatchObject({ code: 'deleted', seq: null, current: null });
			expect(results[0]!.current?.record).toMatchObject({ id, version: 1 });
			expect(results[1]!.current).toBeNull();
		});
	});

	describe('permissions', () => {
		test("ops on another advisor's or another centre's records are not found, and the record is not shown", async () => {
			const ofColleague = await created(colleague);
			const ofOtherCentre = await created(advisor2, { centreId: DEMO_CENTRE_IDS.lebork });
			const signedOfColleague = await created(colleague, {
				status: 'signed',
				signature: signedFields(colleague.account).signature
			});
			const before = await fingerprint(database.db);
			const results = await advisor.pushOk([
				updateOp(ofColleague.id, { notes: 'Cudza' }, 1),
				deleteOp(ofColleague.id, 1),
				updateOp(ofOtherCentre.id, { notes: 'Cudza' }, 1),
				deleteOp(ofOtherCentre.id, 1),
				amendmentOp(advisor.account.userId, signedOfColleague.id, { durationMin: { before: 90, after: 60 } }),
				updateOp(newId(), { notes: 'Nie istnieje' }, 1)
			]);
			for (const result of results) {
				refusal(result, 'not_found');
				expect(result.current).toBeNull();
			}
			// An NGO representative sees no consultations at all.
			refusal((await ngo.pushOk([updateOp(ofColleague.id, { notes: 'x' }, 1)]))[0], 'not_found');
			const after = await fingerprint(database.db);
			expect(after.consultations).toEqual(before.consultations);
			expect(after.consultationAmendments).toEqual(before.consultationAmendments);
			expect(after.counter).toBe(before.counter);
		});

		test('a coordinator cannot create or edit cards from a device; an NGO cannot create anything', async () => {
			const { id } = await created(advisor);
			const [create] = await coordinator.pushOk([
				createOp(consultationFields({ userId: coordinator.account.userId, centreId: DEMO_CENTRE_IDS.slupsk }))
			]);
			refusal(create, 'forbidden');
			const [edit] = await coordinator.pushOk([updateOp(id, { notes: 'Koordynator' }, 1)]);
			refusal(edit, 'forbidden');
			// The coordinator may see the record, so the answer carries it.
			expect(edit?.current).toMatchObject({ entity: 'consultation', record: { id } });

			const [ngoCreate] = await ngo.pushOk([
				createOp(consultationFields({ userId: ngo.account.userId, centreId: DEMO_CENTRE_IDS.slupsk }))
			]);
			refusal(ngoCreate, 'forbidden');
			const [ngoOrganisation] = await ngo.pushOk([
				organisationOp(organisationBody(), DEMO_CENTRE_IDS.slupsk)
			]);
			refusal(ngoOrganisation, 'forbidden');
		});

		test("a card for a centre the advisor is not in, or in someone else's name, is forbidden", async () => {
			const before = await fingerprint(database.db);
			const results = await advisor.pushOk([
				createOp(consultationFields(advisor.account, { centreId: DEMO_CENTRE_IDS.lebork })),
				createOp(consultationFields(advisor.account, { advisorId: colleague.account.userId })),
				organisationOp(organisationBody(), DEMO_CENTRE_IDS.lebork)
			]);
			for (const result of results) refusal(result, 'forbidden');
			const after = await fingerprint(database.db);
			expect(after.consultations).toEqual(before.consultations);
			expect(after.organisations).toEqual(before.organisations);
		});

		test('an organisation that does not exist (or may not be used) is an invalid field', async () => {
			const pendingElsewhere = organisationOp(organisationBody(), DEMO_CENTRE_IDS.lebork);
			expect((await advisor2.pushOk([pendingElsewhere]))[0]?.status).toBe('applied');
			for (const organisationId of [newId(), pendingElsewhere.entityId]) {
				const [result] = await advisor.pushOk([
					createOp(consultationFields(advisor.account, { organisationId }))
				]);
				refusal(result, 'invalid');
				expect(result?.fields).toEqual({
					organisationId: translate('pl', 'workbench.organisation.required')
				});
			}
		});

		test('an edit that points a draft at an organisation that does not exist is an invalid field, not an error', async () => {
			const { id } = await created(advisor, { organisationId: null });
			const before = await fingerprint(database.db);
			const [result] = await advisor.pushOk([updateOp(id, { organisationId: newId() }, 1)]);
			refusal(result, 'invalid');
			expect(result?.fields).toEqual({ organisationId: translate('pl', 'workbench.organisation.required') });
			const after = await fingerprint(database.db);
			expect(after.consultations).toEqual(before.consultations);
			// A real one is accepted.
			const [fixed] = await advisor.pushOk([
				updateOp(id, { organisationId: DEMO_ORGANISATION_IDS.horyzont }, 1)
			]);
			expect(fixed?.status).toBe('applied');
		});
	});

	describe('business rules', () => {
		test('an edit of a signed record is refused as locked, and the record stays as it was', async () => {
			const { id } = await created(advisor, {
				status: 'signed',
				signature: signedFields(advisor.account).signature
			});
			const [result] = await advisor.pushOk([updateOp(id, { durationMin: 60, endTime: '11:00' }, 1)]);
			refusal(result, 'record_locked');
			expect(result?.current).toMatchObject({
				record: { id, durationMin: 90, status: 'signed', version: 1 }
			});
			expect((await row(id))?.version).toBe(1);
		});

		test('a draft another device changed meanwhile is not deleted; one only this device changed is', async () => {
			const { id } = await created(advisor);
			const tablet = await syncClient(call, slupsk(DEMO_ACCOUNTS.advisor));
			const [typed] = await tablet.pushOk([updateOp(id, { notes: 'Z tabletu: ważne' }, 1)]);
			expect(typed).toMatchObject({ status: 'applied' });
			// The phone saw version 1 only: its delete would drop the tablet's text unseen.
			const [deleted] = await advisor.pushOk([deleteOp(id, 1)]);
			refusal(deleted, 'changed_elsewhere');
			expect(deleted?.current).toMatchObject({ record: { id, notes: 'Z tabletu: ważne', version: 2 } });
			expect((await row(id))?.deletedAt).toBeNull();

			// Its own edit and then its delete, both sent at once from version 1: deleted.
			const own = await created(advisor);
			const results = await advisor.pushOk([updateOp(own.id, { notes: 'Pomyłka' }, 1), deleteOp(own.id, 1)]);
			expect(results.map((r) => r.status)).toEqual(['applied', 'merged']);
			expect((await row(own.id))?.deletedAt).not.toBeNull();
		});

		test('a change claiming a version the server never wrote does not overwrite text another device typed', async () => {
			const { id } = await created(advisor);
			const tablet = await syncClient(call, slupsk(DEMO_ACCOUNTS.advisor));
			expect((await tablet.pushOk([updateOp(id, { notes: 'Z tabletu' }, 1)]))[0]).toMatchObject({
				status: 'applied'
			});
			// Version 2 is the newest; a base of 99 would otherwise count as having seen the tablet's text.
			const [edited] = await advisor.pushOk([updateOp(id, { notes: 'Z telefonu', participantCount: 3 }, 99)]);
			expect(edited).toMatchObject({ status: 'merged', conflicts: ['notes'] });
			const stored = edited?.current?.record as SyncConsultation;
			expect(stored).toMatchObject({ notes: 'Z tabletu', participantCount: 3, version: 3 });
			expect(stored.conflicts.map((c) => [c.field, c.value])).toEqual([['notes', 'Z telefonu']]);
			const [deleted] = await advisor.pushOk([deleteOp(id, 99)]);
			refusal(deleted, 'changed_elsewhere');
			expect((await row(id))?.deletedAt).toBeNull();
		});

		test('a signature taken on a version another device has since changed is refused; on the current one it is not', async () => {
			const { id } = await created(advisor, { status: 'completed' });
			const tablet = await syncClient(call, slupsk(DEMO_ACCOUNTS.advisor));
			const [longer] = await tablet.pushOk([
				updateOp(id, { endTime: '12:30', durationMin: 150, notes: 'Dłużej, z tabletu' }, 1)
			]);
			expect(longer).toMatchObject({ status: 'applied' });
			// The phone, offline, had the representative sign the 90-minute card it showed (version 1).
			const signature = signedFields(advisor.account).signature;
			const [signed] = await advisor.pushOk([updateOp(id, { status: 'signed', signature }, 1)]);
			refusal(signed, 'signed_other_version');
			expect(signed?.current).toMatchObject({
				record: { id, status: 'completed', durationMin: 150, signature: null, version: 2 }
			});
			expect(await row(id)).toMatchObject({ status: 'completed', signature: null, version: 2 });

			// Its own edits before signing, or a signature on the version it has seen, go through.
			const [again] = await advisor.pushOk([updateOp(id, { status: 'signed', signature }, 2)]);
			expect(again).toMatchObject({ status: 'applied' });
			const own = await created(advisor, { status: 'completed' });
			const mine = await advisor.pushOk([
				updateOp(own.id, { notes: 'Poprawka przed podpisem' }, 1),
				updateOp(own.id, { status: 'signed', signature }, 1)
			]);
			expect(mine.map((result) => result.status)).toEqual(['applied', 'merged']);
		});

		test('a card the coordinator approved without a signature is corrected by an amendment', async () => {
			const { id } = await created(advisor, { status: 'completed' });
			const approved = await call('POST', `/api/consultations/${id}/approve`, { token: coordinator.token });
			expect(approved.status, JSON.stringify(approved.body)).toBe(200);
			const [result] = await advisor.pushOk([
				amendmentOp(advisor.account.userId, id, {
					endTime: { before: '11:30', after: '11:45' },
					durationMin: { before: 90, after: 105 }
				})
			]);
			expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied' });
			// The approval was of the values before: the corrected card waits for the coordinator again.
			expect(await row(id)).toMatchObject({
				status: 'completed',
				endTime: '11:45',
				durationMin: 105,
				approvedBy: null,
				approvedAt: null
			});
		});

		test('an amendment withdraws the approval of a signed card; the same correction again does not', async () => {
			const { id } = await created(advisor, {
				status: 'signed',
				signature: signedFields(advisor.account).signature
			});
			const approve = () => call('POST', `/api/consultations/${id}/approve`, { token: coordinator.token });
			const approval = await approve();
			expect(approval.status).toBe(200);
			const approvalReceipt = (approval.body.consultation as { receipt: string }).receipt;
			const correction = {
				endTime: { before: '11:30', after: '11:15' },
				durationMin: { before: 90, after: 75 }
			};
			const [result] = await advisor.pushOk([amendmentOp(advisor.account.userId, id, correction)]);
			expect(result).toMatchObject({ status: 'applied' });
			expect(await row(id)).toMatchObject({ status: 'signed', durationMin: 75, approvedBy: null });
			const audit = await database.db
				.selectFrom('auditLog')
				.select(['action', 'before', 'after', 'reason'])
				.where('entityId', '=', id)
				.where('action', '=', 'amended')
				.executeTakeFirstOrThrow();
			expect(JSON.parse(audit.before!)).toMatchObject({ status: 'approved', durationMin: 90 });
			expect(JSON.parse(audit.after!)).toMatchObject({ status: 'signed', durationMin: 75 });
			// The code printed on the card when it was approved still finds it; so does the card's code now.
			const lookup = (receipt: string) =>
				call('GET', `/api/sync/receipts/${receipt}`, { token: coordinator.token });
			expect((await lookup(approvalReceipt)).body).toMatchObject({ op: 'review', entityId: id });
			const now = await lookup((await row(id))!.receipt!);
			expect(now.status).toBe(200);
			expect(now.body).toMatchObject({ entityId: id, current: { record: { id, durationMin: 75 } } });

			// Approved again; the same correction arriving from another device changes nothing, approval included.
			expect((await approve()).status).toBe(200);
			const tablet = await syncClient(call, slupsk(DEMO_ACCOUNTS.advisor));
			const [again] = await tablet.pushOk([amendmentOp(advisor.account.userId, id, correction)]);
			expect(again?.status).toBe('merged'); // its `before` is the values the first correction replaced
			expect(await row(id)).toMatchObject({ status: 'approved', durationMin: 75 });
			expect((await row(id))?.approvedBy).not.toBeNull();
		});

		test('a device cannot approve: not when creating, not from completed, not from signed', async () => {
			const [create] = await advisor.pushOk([
				createOp(
					consultationFields(advisor.account, {
						status: 'approved',
						signature: signedFields(advisor.account).signature
					})
				)
			]);
			refusal(create, 'bad_transition');
			const completed = await created(advisor, { status: 'completed' });
			refusal(
				(await advisor.pushOk([updateOp(completed.id, { status: 'approved' }, 1)]))[0],
				'bad_transition'
			);
			const signed = await created(advisor, {
				status: 'signed',
				signature: signedFields(advisor.account).signature
			});
			// A signed card is locked before any transition is considered.
			refusal((await advisor.pushOk([updateOp(signed.id, { status: 'approved' }, 1)]))[0], 'record_locked');
			expect((await row(completed.id))?.status).toBe('completed');
			expect((await row(signed.id))?.status).toBe('signed');
		});

		test('a status may not go back: completed to draft is a bad transition', async () => {
			const { id } = await created(advisor, { status: 'completed' });
			refusal((await advisor.pushOk([updateOp(id, { status: 'draft' }, 1)]))[0], 'bad_transition');
		});

		test('only drafts can be deleted; a deleted draft is answered as gone', async () => {
			const completed = await created(advisor, { status: 'completed' });
			refusal((await advisor.pushOk([deleteOp(completed.id, 1)]))[0], 'bad_transition');
			const signed = await created(advisor, {
				status: 'signed',
				signature: signedFields(advisor.account).signature
			});
			refusal((await advisor.pushOk([deleteOp(signed.id, 1)]))[0], 'record_locked');
			expect((await row(completed.id))?.deletedAt).toBeNull();

			const draft = await created(advisor);
			const [deleted] = await advisor.pushOk([deleteOp(draft.id, 1)]);
			expect(deleted).toMatchObject({ status: 'applied', current: null });
			expect((await row(draft.id))?.deletedAt).not.toBeNull();
			const [edit] = await advisor.pushOk([updateOp(draft.id, { notes: 'Po usunięciu' }, 1)]);
			expect(edit).toMatchObject({ status: 'refused', code: 'deleted' });
			// A second delete from another device is accepted without a change.
			const [again] = await advisor.pushOk([deleteOp(draft.id, 1)]);
			expect(again).toMatchObject({ status: 'applied', seq: null });
			const [recreate] = await advisor.pushOk([
				createOp(consultationFields(advisor.account, { id: draft.id }))
			]);
			expect(recreate).toMatchObject({ status: 'refused', code: 'deleted' });
		});

		test('an amendment of a draft is a bad transition', async () => {
			const { id } = await created(advisor);
			const [result] = await advisor.pushOk([
				amendmentOp(advisor.account.userId, id, { durationMin: { before: 90, after: 60 } })
			]);
			refusal(result, 'bad_transition');
			expect(
				await database.db
					.selectFrom('consultationAmendments')
					.where('consultationId', '=', id)
					.selectAll()
					.execute()
			).toEqual([]);
		});

		test('an amendment made against values corrected meanwhile to others is refused; one that agrees is merged', async () => {
			const { id } = await created(advisor, {
				status: 'signed',
				signature: signedFields(advisor.account).signature
			});
			const first = amendmentOp(advisor.account.userId, id, {
				endTime: { before: '11:30', after: '11:00' },
				durationMin: { before: 90, after: 60 }
			});
			const [applied] = await advisor.pushOk([first]);
			expect(applied?.status).toBe('applied');

			// A second device still believed the card ended at 11:30, and corrected it otherwise: made without
			// seeing the first correction, it would overwrite it with a reason written for other values.
			const stale = amendmentOp(advisor.account.userId, id, {
				endTime: { before: '11:30', after: '12:00' },
				durationMin: { before: 90, after: 120 },
				participantCount: { before: 1, after: 2 }
			});
			const [refused] = await advisor.pushOk([stale]);
			refusal(refused, 'amended_elsewhere');
			expect(refused?.fields).toEqual({
				endTime: 'poprawiona w międzyczasie na innym urządzeniu',
				durationMin: 'poprawiona w międzyczasie na innym urządzeniu'
			});
			expect(
				await database.db
					.selectFrom('consultationAmendments')
					.select('id')
					.where('id', '=', stale.entityId)
					.execute()
			).toEqual([]);
			expect(await row(id)).toMatchObject({
				endTime: '11:00',
				durationMin: 60,
				participantCount: 1,
				version: 2
			});

			// The same correction from another device, and a field nobody else corrected: merged, `before` as stored.
			const agreeing = amendmentOp(advisor.account.userId, id, {
				endTime: { before: '11:30', after: '11:00' },
				durationMin: { before: 90, after: 60 },
				participantCount: { before: 1, after: 2 }
			});
			const [merged] = await advisor.pushOk([agreeing]);
			expect(merged).toMatchObject({
				status: 'merged',
				current: { entity: 'amendment', record: { id: agreeing.entityId } }
			});
			const amendment = await database.db
				.selectFrom('consultationAmendments')
				.selectAll()
				.where('id', '=', agreeing.entityId)
				.executeTakeFirstOrThrow();
			expect(JSON.parse(amendment.changes)).toEqual({ participantCount: { before: 1, after: 2 } });
			expect(await row(id)).toMatchObject({
				endTime: '11:00',
				durationMin: 60,
				participantCount: 2,
				status: 'signed',
				version: 3
			});
		});

		test('an amendment in the name of someone else is forbidden; one that breaks the card is invalid', async () => {
			const { id } = await created(advisor, {
				status: 'signed',
				signature: signedFields(advisor.account).signature
			});
			refusal(
				(
					await advisor.pushOk([
						amendmentOp(colleague.account.userId, id, { notes: { before: '', after: 'x' } })
					])
				)[0],
				'forbidden'
			);
			// 60 minutes no longer match 10:00–11:30: the amended card would be inconsistent.
			const [broken] = await advisor.pushOk([
				amendmentOp(advisor.account.userId, id, { durationMin: { before: 90, after: 60 } })
			]);
			refusal(broken, 'invalid');
			expect(broken?.fields).toHaveProperty('durationMin');
			const [unknownOrganisation] = await advisor.pushOk([
				amendmentOp(advisor.account.userId, id, {
					organisationId: { before: DEMO_ORGANISATION_IDS.aktywniRazem, after: newId() }
				})
			]);
			refusal(unknownOrganisation, 'invalid');
			expect(unknownOrganisation?.fields).toEqual({
				organisationId: translate('pl', 'workbench.organisation.required')
			});
			expect((await row(id))?.version).toBe(1);
		});

		test('a counted card dated after today (a phone whose date is wrong) is refused; a planned draft is not', async () => {
			// Two days ahead: after today in Warsaw whatever the hour and the allowed skew.
			const ahead = addDays(warsawToday(new Date()), 2);
			const inFuture = { date: translate('pl', 'workbench.timing.inFutureOnServer') };
			const early = consultationFields(advisor.account, { date: ahead, status: 'completed' });
			const [completedAhead] = await advisor.pushOk([createOp(early)]);
			refusal(completedAhead, 'invalid');
			expect(completedAhead?.fields).toEqual(inFuture);
			expect(await row(early.id as string)).toBeUndefined();

			// A planned visit kept as a draft is fine; completing it before its day is not.
			const planned = await created(advisor, { date: ahead });
			const [completing] = await advisor.pushOk([updateOp(planned.id, { status: 'completed' }, 1)]);
			refusal(completing, 'invalid');
			expect(completing?.fields).toEqual(inFuture);
			// Nor is moving a completed card to a day that has not come.
			const done = await created(advisor, { status: 'completed' });
			const [moved] = await advisor.pushOk([updateOp(done.id, { date: ahead }, 1)]);
			refusal(moved, 'invalid');
			const signed = await created(advisor, {
				status: 'signed',
				signature: signedFields(advisor.account).signature
			});
			const [amended] = await advisor.pushOk([
				amendmentOp(advisor.account.userId, signed.id, { date: { before: '2026-11-20', after: ahead } })
			]);
			refusal(amended, 'invalid');
			expect(amended?.fields).toEqual(inFuture);
			expect(await row(planned.id)).toMatchObject({ status: 'draft', version: 1 });
			expect(await row(done.id)).toMatchObject({ date: '2026-11-20', version: 1 });
			expect(await row(signed.id)).toMatchObject({ date: '2026-11-20', version: 1 });

			// A card already stored with a later date (from before this check) still takes an unrelated edit.
			await database.db.updateTable('consultations').set({ date: ahead }).where('id', '=', done.id).execute();
			const [noted] = await advisor.pushOk([updateOp(done.id, { notes: 'Uzupełnienie' }, 1)]);
			expect(noted, JSON.stringify(noted)).toMatchObject({ status: 'applied' });
		});

		test('text with a NUL character is refused at its field, saying why', async () => {
			const { id } = await created(advisor);
			const [result] = await advisor.pushOk([updateOp(id, { notes: 'Przed\u0000po' }, 1)]);
			refusal(result, 'invalid');
			expect(result?.fields).toEqual({ notes: translate('pl', 'validation.nulCharacter') });
			// And half of an emoji, in any field of the change.
			const [broken] = await advisor.pushOk([
				updateOp(id, { participants: [{ name: 'Anna \ud83d', role: '' }] }, 1)
			]);
			refusal(broken, 'invalid');
			expect(broken?.fields).toEqual({ participants: translate('pl', 'validation.brokenCharacter') });
		});

		test('an operation the server does not support from a device is refused as unsupported', async () => {
			const op = { ...createOp({ id: newId() }, 'organisation'), op: 'update' as const, baseVersion: 1 };
			const [result] = await advisor.pushOk([op]);
			expect(result).toMatchObject({ status: 'refused', code: 'unsupported' });
		});

		test('the answer carries the record as the server now has it, with version and receipt', async () => {
			const { id } = await created(advisor);
			const [result] = await advisor.pushOk([updateOp(id, { notes: 'Nowa' }, 1)]);
			const record = (result?.current as { record: SyncConsultation } | null)?.record;
			expect(record).toMatchObject({
				id,
				notes: 'Nowa',
				version: 2,
				receipt: result?.receipt,
				conflicts: []
			});
			expect(result?.receipt).toMatch(/^[0-9A-Z]{5,}-.$/);
		});

		test('new records are answered exactly as stored, also one that lands late in a closed month', async () => {
			await database.db
				.insertInto('monthClosures')
				.values({
					centreId: DEMO_CENTRE_IDS.slupsk,
					month: '2024-01',
					closedAt: new Date().toISOString(),
					closedBy: null
				})
				.execute();
			const records = [
				consultationFields(advisor.account),
				consultationFields(advisor.account, { status: 'completed' }),
				consultationFields(advisor.account, { status: 'completed', date: '2024-01-15' })
			];
			const results = await advisor.pushOk(records.map((fields) => createOp(fields)));
			expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
			expect(await row(records[2]!.id as string)).toMatchObject({ lateSince: expect.any(String) });
			const user = await database.db
				.selectFrom('users')
				.selectAll()
				.where('id', '=', advisor.account.userId)
				.executeTakeFirstOrThrow();
			const identity = (await loadIdentity(database.db, user))!;
			for (const [i, fields] of records.entries()) {
				const stored = await currentRecord(database.db, identity, 'consultation', fields.id as string);
				expect(results[i]!.current).toEqual(stored);
			}
		});
	});
});
