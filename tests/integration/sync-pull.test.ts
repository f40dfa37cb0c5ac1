/**
 * Pull on SQLite and PostgreSQL: who receives which records, pages that cover every change exactly once in server
 * order, tombstones for what a user may no longer hold, scope changes, malformed requests, and pulls running while
 * pushes commit.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import {
	addStaff,
	consultationFields,
	createOp,
	DEMO_ACCOUNTS,
	deleteOp,
	ids,
	organisationOp,
	PROTOCOL,
	replay,
	SIGNATURE,
	signedFields,
	syncClient,
	updateOp,
	type SyncClient
} from './helpers/sync-server';
import { organisationBody } from './helpers/factories';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATION_IDS } from '$lib/server/db/demo-data';
import { withTransaction } from '$lib/server/db/database';
import { currentSeq, nextSeq } from '$lib/server/sync/sequence';
import { translate, type MessageKey } from '$lib/i18n/translate';
import {
	SYNC_PROTOCOL_HEADER,
	SYNC_PROTOCOL_VERSION,
	type PullResponse,
	type SyncChange
} from '$lib/domain/sync';

const records = (changes: readonly SyncChange[], entity: SyncChange['entity']) =>
	changes.filter((change) => change.entity === entity && !change.deleted).map((change) => change.id);
const tombstones = (changes: readonly SyncChange[], entity: SyncChange['entity']) =>
	changes.filter((change) => change.entity === entity && change.deleted).map((change) => change.id);

describe.each(ENGINES)('pull on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	let advisor: SyncClient;
	let colleague: SyncClient;
	let advisor2: SyncClient;
	let coordinator: SyncClient;
	let coordinatorLebork: SyncClient;
	let ngo: SyncClient;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		advisor = await syncClient(call, { ...DEMO_ACCOUNTS.advisor, centreId: DEMO_CENTRE_IDS.slupsk });
		colleague = await syncClient(call, await addStaff(database.db, 'advisor', DEMO_CENTRE_IDS.slupsk));
		advisor2 = await syncClient(call, { ...DEMO_ACCOUNTS.advisor2, centreId: DEMO_CENTRE_IDS.lebork });
		coordinator = await syncClient(call, { ...DEMO_ACCOUNTS.coordinator, centreId: DEMO_CENTRE_IDS.slupsk });
		coordinatorLebork = await syncClient(
			call,
			await addStaff(database.db, 'coordinator', DEMO_CENTRE_IDS.lebork)
		);
		ngo = await syncClient(call, { ...DEMO_ACCOUNTS.ngo, centreId: null });
	});
	afterAll(() => database?.close());

	const create = async (client: SyncClient, overrides: Record<string, unknown> = {}) => {
		const fields = consultationFields(client.account, overrides);
		const [result] = await client.pushOk([createOp(fields)]);
		expect(result?.status, JSON.stringify(result)).toBe('applied');
		return fields.id as string;
	};
	const pendingOrganisation = async (client: SyncClient, centreId: string) => {
		const op = organisationOp(organisationBody(), centreId);
		const [result] = await client.pushOk([op]);
		expect(result?.status, JSON.stringify(result)).toBe('applied');
		return op.entityId;
	};

	describe('who receives what', () => {
		let own: string;
		let ofColleague: string;
		let ofLebork: string;
		beforeAll(async () => {
			own = await create(advisor, { status: 'signed', signature: signedFields(advisor.account).signature });
			ofColleague = await create(colleague);
			ofLebork = await create(advisor2, { centreId: DEMO_CENTRE_IDS.lebork });
		});

		test('an advisor receives their own consultations only, in the shared shape, and the organisations', async () => {
			const { changes, reset } = await advisor.pullAll();
			expect(reset).toBe(true);
			const consultations = records(changes, 'consultation');
			expect(consultations).toContain(own);
			expect(consultations).not.toContain(ofColleague);
			expect(consultations).not.toContain(ofLebork);
			const mine = changes.find((change) => change.id === own);
			expect(mine).toMatchObject({
				entity: 'consultation',
				deleted: false,
				record: {
					advisorId: advisor.account.userId,
					topics: ['accounting'],
					signature: { signerName: 'Maria Prezes' },
					version: 1,
					conflicts: []
				}
			});
			for (const change of changes.filter((c) => c.entity === 'consultation' && !c.deleted)) {
				expect(change).toMatchObject({ record: { advisorId: advisor.account.userId } });
			}
			expect(records(changes, 'organisation').length).toBeGreaterThanOrEqual(20);
		});

		test("a coordinator receives their centre's consultations, not another centre's", async () => {
			const { changes } = await coordinator.pullAll();
			const consultations = records(changes, 'consultation');
			expect(consultations).toEqual(expect.arrayContaining([own, ofColleague]));
			expect(consultations).not.toContain(ofLebork);
			expect(await coordinatorLebork.pullAll().then((all) => records(all.changes, 'consultation'))).toEqual([
				ofLebork
			]);
		});

		test('an NGO receives its own organisation and no consultations', async () => {
			const { changes } = await ngo.pullAll();
			expect(changes.map((change) => [change.entity, change.id, change.deleted])).toEqual([
				['organisation', DEMO_ORGANISATION_IDS.aktywniRazem, false]
			]);
		});

		test('signed out there is nothing to pull', async () => {
			const response = await call('GET', '/api/sync/pull', { headers: PROTOCOL });
			expect(response.status).toBe(401);
			expect(response.body.error).toMatchObject({
				code: 'unauthenticated',
				message: translate('pl', 'api.unauthenticated')
			});
		});
	});

	describe('kept signatures', () => {
		test('a record signed before the cursor comes again without its image; from no cursor, or to an older app, whole', async () => {
			const id = await create(advisor, { status: 'signed', signature: SIGNATURE });
			const { cursor } = await advisor.pullAll();
			const approve = await call('POST', `/api/consultations/${id}/approve`, { token: coordinator.token });
			expect(approve.status, JSON.stringify(approve.body)).toBe(200);

			const next = await advisor.pullAll(cursor);
			const change = next.changes.find((c) => c.id === id);
			expect(change).toMatchObject({
				entity: 'consultation',
				signatureKept: true,
				record: { status: 'approved', signature: null }
			});
			expect(JSON.stringify(next.changes)).not.toContain(SIGNATURE.image);
			// From no cursor (a new phone, a reset) and for a protocol-2 app, the image comes.
			const whole = await advisor.pullAll();
			expect(whole.changes.find((c) => c.id === id)).toMatchObject({
				record: { status: 'approved', signature: SIGNATURE }
			});
			expect(whole.changes.find((c) => c.id === id)).not.toHaveProperty('signatureKept');
			const older = await advisor.pull(cursor, 1000, { headers: { [SYNC_PROTOCOL_HEADER]: '2' } });
			const olderPage = older.body as unknown as PullResponse;
			expect(olderPage.reset).toBe(false);
			expect(olderPage.changes.find((c) => c.id === id)).toMatchObject({ record: { signature: SIGNATURE } });
		});

		test('a record signed after the cursor comes with its image, and so does its next change', async () => {
			const id = await create(advisor, { status: 'completed' });
			const { cursor } = await advisor.pullAll();
			await advisor.pushOk([updateOp(id, { status: 'signed', signature: SIGNATURE }, 1)]);
			const signedNow = await advisor.pullAll(cursor);
			expect(signedNow.changes.find((c) => c.id === id)).toMatchObject({ record: { signature: SIGNATURE } });
			expect(signedNow.changes.find((c) => c.id === id)).not.toHaveProperty('signatureKept');
			const approve = await call('POST', `/api/consultations/${id}/approve`, { token: coordinator.token });
			expect(approve.status).toBe(200);
			const after = await advisor.pullAll(signedNow.cursor);
			expect(after.changes.find((c) => c.id === id)).toMatchObject({ signatureKept: true });
		});
	});

	describe("colleagues' visits", () => {
		const PROTOCOL_1 = { headers: { [SYNC_PROTOCOL_HEADER]: '1' } };

		test('an advisor receives the finished visits of colleagues in their centres as summaries, without notes', async () => {
			const start = await advisor.pullAll();
			const draft = await create(colleague, { followUps: 'Szkic' });
			const done = await create(colleague, { status: 'completed', followUps: 'Wysłać statut do KRS' });
			const signed = await create(colleague, signedFields(colleague.account));
			const inLebork = await create(advisor2, { centreId: DEMO_CENTRE_IDS.lebork, status: 'completed' });

			const { changes } = await advisor.pullAll(start.cursor);
			expect(records(changes, 'visit')).toEqual([done, signed]);
			expect(ids(changes)).not.toContain(draft);
			expect(ids(changes)).not.toContain(inLebork);
			expect(records(changes, 'consultation')).toEqual([]);
			// The summary, and nothing else: no notes, participants, address or signature.
			expect(changes.find((change) => change.id === done)).toEqual({
				seq: expect.any(Number),
				id: done,
				entity: 'visit',
				deleted: false,
				record: {
					id: done,
					advisorId: colleague.account.userId,
					advisorName: 'Test advisor',
					centreId: DEMO_CENTRE_IDS.slupsk,
					organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
					date: '2026-11-20',
					startTime: '10:00',
					endTime: '11:30',
					durationMin: 90,
					placeKind: 'mobile',
					topics: ['accounting'],
					followUps: 'Wysłać statut do KRS',
					status: 'completed'
				}
			});

			// A change of the visit comes again as a new copy.
			await colleague.pushOk([updateOp(done, { followUps: 'Statut wysłany', notes: 'Tajne' }, 1)]);
			const { cursor } = await advisor.pullAll(start.cursor);
			const later = await advisor.pullAll(start.cursor);
			expect(later.changes.find((change) => change.id === done)).toMatchObject({
				record: { followUps: 'Statut wysłany' }
			});
			expect(JSON.stringify(later.changes)).not.toContain('Tajne');
			expect((await advisor.pull(cursor)).body).toMatchObject({ changes: [] });

			// Nobody else receives them as visits: not the author (who receives the advisor's instead), not a
			// coordinator (who holds the records themselves), not an advisor of another centre, not an NGO.
			const visitsOf = async (client: SyncClient) => records((await client.pullAll()).changes, 'visit');
			const ofTheAuthor = await visitsOf(colleague);
			expect(ofTheAuthor).not.toContain(done);
			expect(ofTheAuthor.length).toBeGreaterThan(0);
			for (const client of [coordinator, advisor2, ngo]) expect(await visitsOf(client)).toEqual([]);
		});

		test("small pages cover the advisor's records, colleagues' visits and organisations exactly once", async () => {
			for (let i = 0; i < 4; i++) await create(advisor);
			for (let i = 0; i < 3; i++) await create(colleague, { status: 'completed' });
			for (let i = 0; i < 4; i++) await create(advisor);
			const whole = await advisor.pullAll(undefined, 1000);
			expect(whole.pages).toHaveLength(1);
			expect(records(whole.changes, 'visit').length).toBeGreaterThanOrEqual(3);
			for (const limit of [1, 2, 3, 7]) {
				const paged = await advisor.pullAll(undefined, limit);
				expect(paged.changes).toEqual(whole.changes);
				expect(paged.cursor).toBe(whole.cursor);
				paged.pages.slice(0, -1).forEach((page) => expect(page.changes).toHaveLength(limit));
			}
		});

		test('a colleague renamed by the admin: their finished visits come again under the new name, nothing else does', async () => {
			const author = await syncClient(call, await addStaff(database.db, 'advisor', DEMO_CENTRE_IDS.slupsk));
			const done = await create(author, { status: 'completed' });
			const signed = await create(author, signedFields(author.account));
			await create(author); // a draft: nobody else holds it
			const before = await advisor.pullAll();
			const ownBefore = await author.pullAll();
			const admin = await signInToken(call, DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
			const rename = (name: string) =>
				call('PATCH', `/api/admin/users/${author.account.userId}`, { token: admin, body: { name } });

			expect((await rename('Ewa Nowa-Kolega')).status).toBe(200);
			const after = await advisor.pullAll(before.cursor);
			expect(after.reset).toBe(false);
			expect(after.changes.map((change) => [change.entity, change.id])).toEqual([
				['visit', done],
				['visit', signed]
			]);
			for (const change of after.changes) {
				expect(change).toMatchObject({ record: { advisorName: 'Ewa Nowa-Kolega' } });
			}
			// The author's own devices receive the same two records again, as they were (the signature kept).
			const own = await author.pullAll(ownBefore.cursor);
			expect(records(own.changes, 'consultation')).toEqual([done, signed]);
			expect(own.changes.find((change) => change.id === signed)).toMatchObject({ signatureKept: true });

			// Saving the same name, or no name at all, sends nothing again.
			expect((await rename('Ewa Nowa-Kolega')).status).toBe(200);
			expect((await advisor.pullAll(after.cursor)).changes).toEqual([]);
		});

		test('a client of protocol 1 is sent no visits; on protocol 2 its cursor is of another scope and it starts over', async () => {
			const done = await create(colleague, { status: 'completed' });
			const old = await advisor.pull(undefined, 1000, PROTOCOL_1);
			expect(old.status).toBe(200);
			const page = old.body as unknown as PullResponse;
			expect(page.more).toBe(false);
			expect(records(page.changes, 'visit')).toEqual([]);
			expect(ids(page.changes)).not.toContain(done);
			// The same app, updated: its first pull on protocol 2 replaces the device's copy and brings the visits.
			const updated = await advisor.pullAll(page.cursor);
			expect(updated.reset).toBe(true);
			expect(records(updated.changes, 'visit')).toContain(done);
			// And the other way round (a rolling back app), the protocol-2 cursor restarts a protocol-1 client.
			const back = await advisor.pull(updated.cursor, 1000, PROTOCOL_1);
			expect(back.body).toMatchObject({ reset: true });
		});
	});

	test('small pages cover every change exactly once, in server order, with `more` set right', async () => {
		for (let i = 0; i < 5; i++) await create(advisor);
		const whole = await coordinator.pullAll(undefined, 1000);
		expect(whole.pages).toHaveLength(1);
		expect(whole.changes.length).toBeGreaterThan(25);

		const paged = await coordinator.pullAll(undefined, 3);
		expect(paged.changes).toEqual(whole.changes);
		expect(paged.cursor).toBe(whole.cursor);
		paged.pages.forEach((page, i) => {
			const last = i === paged.pages.length - 1;
			expect(page.more).toBe(!last);
			if (!last) expect(page.changes).toHaveLength(3);
			expect(page.reset).toBe(i === 0);
		});
		const seqs = paged.changes.map((change) => change.seq);
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		expect(new Set(seqs).size).toBe(seqs.length);
		expect(new Set(paged.changes.map((c) => `${c.entity}:${c.id}`)).size).toBe(paged.changes.length);

		// Nothing new: an empty page, the same cursor, no reset.
		const again = await coordinator.pull(whole.cursor);
		expect(again.body).toEqual({ changes: [], cursor: whole.cursor, more: false, reset: false });
	});

	test('only what changed since the cursor comes, and a deleted draft comes as a tombstone', async () => {
		const { cursor } = await advisor.pullAll();
		const draft = await create(advisor);
		const kept = await create(advisor);
		const [deleted] = await advisor.pushOk([deleteOp(draft, 1)]);
		expect(deleted?.status).toBe('applied');
		await advisor.pushOk([updateOp(kept, { notes: 'Zmieniona' }, 1)]);

		const { changes, reset } = await advisor.pullAll(cursor, 2);
		expect(reset).toBe(false);
		expect(changes.map((c) => [c.id, c.deleted])).toEqual([
			[draft, true],
			[kept, false]
		]);
		expect(changes[0]).toEqual({ seq: changes[0]!.seq, id: draft, entity: 'consultation', deleted: true });
		expect(changes[1]).toMatchObject({ record: { notes: 'Zmieniona', version: 2 } });
		// The coordinator receives the same tombstone; nobody else hears of it.
		expect(tombstones((await coordinator.pullAll(cursor)).changes, 'consultation')).toContain(draft);
		expect(ids((await advisor2.pullAll(cursor)).changes)).not.toContain(draft);
	});

	describe('pending organisations', () => {
		test("a pending organisation reaches its centre's staff only", async () => {
			const start = {
				advisor: (await advisor.pullAll()).cursor,
				coordinator: (await coordinator.pullAll()).cursor,
				advisor2: (await advisor2.pullAll()).cursor,
				coordinatorLebork: (await coordinatorLebork.pullAll()).cursor,
				ngo: (await ngo.pullAll()).cursor
			};
			const id = await pendingOrganisation(advisor, DEMO_CENTRE_IDS.slupsk);
			for (const [client, cursor] of [
				[advisor, start.advisor],
				[coordinator, start.coordinator],
				[colleague, undefined]
			] as const) {
				const { changes } = await client.pullAll(cursor);
				expect(changes.find((c) => c.id === id)).toMatchObject({
					entity: 'organisation',
					deleted: false,
					record: { id, status: 'pending', centreId: DEMO_CENTRE_IDS.slupsk }
				});
			}
			for (const [client, cursor] of [
				[advisor2, start.advisor2],
				[coordinatorLebork, start.coordinatorLebork],
				[ngo, start.ngo]
			] as const) {
				const { changes } = await client.pullAll(cursor);
				expect(records(changes, 'organisation')).not.toContain(id);
			}
			// A first pull of another centre's staff does not carry it either.
			expect(records((await advisor2.pullAll()).changes, 'organisation')).not.toContain(id);
		});

		test('rejected through the registration decision, it leaves the devices that may no longer see it', async () => {
			const id = await pendingOrganisation(advisor, DEMO_CENTRE_IDS.slupsk);
			const advisorCursor = (await advisor.pullAll()).cursor;
			const coordinatorCursor = (await coordinator.pullAll()).cursor;

			const decision = await call('POST', `/api/registrations/${id}`, {
				token: coordinator.token,
				body: { decision: 'reject', reason: 'Organizacja już istnieje pod inną nazwą.' }
			});
			expect(decision.status, JSON.stringify(decision.body)).toBe(200);

			const forAdvisor = (await advisor.pullAll(advisorCursor)).changes;
			expect(forAdvisor.filter((c) => c.id === id)).toEqual([
				{ seq: expect.any(Number), id, entity: 'organisation', deleted: true }
			]);
			// The coordinator who decided keeps it, marked rejected.
			const forCoordinator = (await coordinator.pullAll(coordinatorCursor)).changes;
			expect(forCoordinator.find((c) => c.id === id)).toMatchObject({
				deleted: false,
				record: { status: 'rejected' }
			});
			// A fresh device of the advisor does not receive it as a record.
			expect(records((await advisor.pullAll()).changes, 'organisation')).not.toContain(id);
		});

		test('rejected by a direct update that takes a sequence number, it arrives as a tombstone', async () => {
			const id = await pendingOrganisation(colleague, DEMO_CENTRE_IDS.slupsk);
			const cursor = (await colleague.pullAll()).cursor;
			await withTransaction(database.db, async (trx) => {
				const seq = await nextSeq(trx);
				await trx
					.updateTable('organisations')
					.set({ status: 'rejected', seq, updatedAt: new Date().toISOString() })
					.where('id', '=', id)
					.execute();
			});
			const { changes } = await colleague.pullAll(cursor);
			expect(changes.filter((c) => c.id === id)).toEqual([
				{ seq: expect.any(Number), id, entity: 'organisation', deleted: true }
			]);
		});
	});

	describe('scope changes', () => {
		test('an advisor moved to another centre starts over with the new scope', async () => {
			const moved = await syncClient(call, await addStaff(database.db, 'advisor', DEMO_CENTRE_IDS.slupsk));
			const own = await create(moved);
			const pendingHere = await pendingOrganisation(moved, DEMO_CENTRE_IDS.slupsk);
			const pendingThere = await pendingOrganisation(advisor2, DEMO_CENTRE_IDS.lebork);
			const before = await moved.pullAll();
			expect(records(before.changes, 'organisation')).toContain(pendingHere);
			expect(records(before.changes, 'organisation')).not.toContain(pendingThere);

			await database.db
				.updateTable('memberships')
				.set({ centreId: DEMO_CENTRE_IDS.lebork })
				.where('userId', '=', moved.account.userId)
				.execute();

			const after = await moved.pullAll(before.cursor);
			expect(after.reset).toBe(true);
			expect(after.pages.slice(1).every((page) => !page.reset)).toBe(true);
			expect(records(after.changes, 'consultation')).toEqual([own]);
			const organisations = records(after.changes, 'organisation');
			expect(organisations).toContain(pendingThere);
			expect(organisations).not.toContain(pendingHere);
			// Exactly the organisations of the new scope: every active one and Lębork's pending ones.
			const expected = await database.db
				.selectFrom('organisations')
				.select('id')
				.where((eb) =>
					eb.or([
						eb('status', '=', 'active'),
						eb.and([eb('status', '=', 'pending'), eb('centreId', '=', DEMO_CENTRE_IDS.lebork)])
					])
				)
				.execute();
			expect([...organisations].sort()).toEqual(expected.map((o) => o.id).sort());
			// The new cursor is the new scope's: the next pull continues without a reset.
			expect((await moved.pull(after.cursor)).body).toMatchObject({ changes: [], reset: false });
		});

		test("a coordinator moved to another centre receives that centre's consultations only", async () => {
			const moving = await syncClient(
				call,
				await addStaff(database.db, 'coordinator', DEMO_CENTRE_IDS.slupsk)
			);
			await create(advisor);
			const before = await moving.pullAll();
			expect(records(before.changes, 'consultation').length).toBeGreaterThan(0);

			await database.db
				.updateTable('memberships')
				.set({ centreId: DEMO_CENTRE_IDS.lebork })
				.where('userId', '=', moving.account.userId)
				.execute();
			const after = await moving.pullAll(before.cursor);
			expect(after.reset).toBe(true);
			const lebork = await database.db
				.selectFrom('consultations')
				.select('id')
				.where('centreId', '=', DEMO_CENTRE_IDS.lebork)
				.where('deletedAt', 'is', null)
				.execute();
			expect(lebork.length).toBeGreaterThan(0);
			expect([...records(after.changes, 'consultation')].sort()).toEqual(lebork.map((c) => c.id).sort());
		});
	});

	describe('a cursor ahead of the server', () => {
		const parts = (cursor: string) => {
			const [, seq, scope] = /^v1\.(\d+)\.([0-9a-f]{12})$/.exec(cursor)!;
			return { seq: Number(seq), scope: scope! };
		};

		test('a cursor beyond the last sequence number starts over with reset: true, and the next pull goes on from there', async () => {
			const own = await create(advisor, { status: 'signed', signature: SIGNATURE });
			const { cursor } = await advisor.pullAll();
			const { seq, scope } = parts(cursor);
			const current = await currentSeq(database.db);
			expect(seq).toBe(current);

			const ahead = await advisor.pullAll(`v1.${current + 999_999}.${scope}`);
			expect(ahead.reset).toBe(true);
			expect(ahead.pages.slice(1).every((page) => !page.reset)).toBe(true);
			// Everything a first pull sends, signatures whole: the device replaces its copy.
			const whole = await advisor.pullAll();
			expect(ahead.changes).toEqual(whole.changes);
			expect(records(ahead.changes, 'consultation')).toContain(own);
			expect(ahead.changes.find((change) => change.id === own)).toMatchObject({
				record: { signature: SIGNATURE }
			});
			expect(ahead.changes.some((change) => 'signatureKept' in change)).toBe(false);
			// The new cursor is the server's own number, so the next pull continues without a reset.
			expect(ahead.cursor).toBe(`v1.${current}.${scope}`);
			expect((await advisor.pull(ahead.cursor)).body).toMatchObject({ changes: [], reset: false });
		});

		test('a cursor at the last sequence number is not ahead', async () => {
			const { scope } = parts((await advisor.pullAll()).cursor);
			const current = await currentSeq(database.db);
			const response = await advisor.pull(`v1.${current}.${scope}`);
			expect(response.status).toBe(200);
			expect(response.body).toMatchObject({ changes: [], cursor: `v1.${current}.${scope}`, reset: false });
		});

		test('after a restore from an older backup, the device gets what the server holds now instead of skipping it', async () => {
			const backup = await currentSeq(database.db);
			const lost = await create(advisor);
			const { cursor } = await advisor.pullAll();
			expect(parts(cursor).seq).toBeGreaterThan(backup);

			// The database is restored from the backup: the record written since is gone, and so are its numbers.
			const after = await database.db.deleteFrom('consultations').where('seq', '>', backup).execute();
			expect(after.map((result) => Number(result.numDeletedRows))).toEqual([1]);
			for (const table of ['consultationAmendments', 'organisations'] as const) {
				const later = await database.db.selectFrom(table).select('id').where('seq', '>', backup).execute();
				expect(later, table).toEqual([]);
			}
			await database.db.updateTable('syncCounter').set({ seq: backup }).where('id', '=', 1).execute();

			const restored = await advisor.pullAll(cursor);
			expect(restored.reset).toBe(true);
			expect(records(restored.changes, 'consultation')).not.toContain(lost);
			expect(restored.changes).toEqual((await advisor.pullAll()).changes);
			expect(parts(restored.cursor).seq).toBe(backup);

			// A record written after the restore takes a number the old cursor had already passed: it still arrives.
			const fresh = await create(advisor);
			const next = await advisor.pullAll(restored.cursor);
			expect(next.reset).toBe(false);
			expect(records(next.changes, 'consultation')).toEqual([fresh]);
		});
	});

	describe('malformed requests', () => {
		const polish = (key: MessageKey) => translate('pl', key);

		test.each([
			'garbage',
			'v2.10.0123456789ab',
			'v1.10.0123456789AB',
			'v1.-1.0123456789ab',
			'v1.1234567890123456.0123456789ab',
			'v1.10.0123456789ab.extra',
			''
		])('the cursor %j is refused as bad_cursor', async (cursor) => {
			const response = await advisor.pull(cursor);
			expect(response.status).toBe(400);
			expect(response.body.error).toMatchObject({ code: 'bad_cursor', message: polish('sync.badCursor') });
		});

		test.each(['0', '1001', 'abc', '-5', '2.5'])('the limit %j is refused', async (limit) => {
			const response = await call('GET', `/api/sync/pull?limit=${limit}`, {
				token: advisor.token,
				headers: PROTOCOL
			});
			expect(response.status).toBe(400);
			expect(response.body.error).toMatchObject({ code: 'invalid', fields: { limit: expect.any(String) } });
		});

		test('an unknown query parameter is refused', async () => {
			const response = await call('GET', '/api/sync/pull?since=0', {
				token: advisor.token,
				headers: PROTOCOL
			});
			expect(response.status).toBe(400);
			expect(response.body.error?.code).toBe('invalid');
		});
	});

	describe('protocol and session, on every sync route', () => {
		const routes = [
			['GET', '/api/sync/pull', undefined],
			['POST', '/api/sync/push', { deviceId: '0190a000-0000-7000-8000-000000000999', ops: [] }],
			['POST', '/api/sync/import', {}]
		] as const;

		test.each(routes)(
			'%s %s without the protocol header: 426 client_outdated',
			async (method, path, body) => {
				for (const headers of [{}, { 'doradca-protocol': '0' }, { 'doradca-protocol': 'eins' }] as Record<
					string,
					string
				>[]) {
					const response = await call(method, path, { token: coordinator.token, body, headers });
					expect(response.status).toBe(426);
					expect(response.body.error).toMatchObject({
						code: 'client_outdated',
						message: translate('pl', 'sync.clientOutdated')
					});
				}
			}
		);

		test.each(routes)('%s %s from a newer client: 409 server_outdated', async (method, path, body) => {
			const response = await call(method, path, {
				token: coordinator.token,
				body,
				headers: { 'doradca-protocol': String(SYNC_PROTOCOL_VERSION + 1) }
			});
			expect(response.status).toBe(409);
			expect(response.body.error).toMatchObject({
				code: 'server_outdated',
				message: translate('pl', 'sync.serverOutdated')
			});
		});

		test.each(routes)('%s %s signed out: 401', async (method, path, body) => {
			const response = await call(method, path, { body, headers: PROTOCOL });
			expect(response.status).toBe(401);
			expect(response.body.error?.code).toBe('unauthenticated');
		});

		test('a session that was signed out is refused as well', async () => {
			const token = await signInToken(call, DEMO_ACCOUNTS.advisor.email, DEMO_ACCOUNTS.advisor.password);
			expect((await call('DELETE', '/api/session', { token })).status).toBeLessThan(300);
			expect((await call('GET', '/api/sync/pull', { token, headers: PROTOCOL })).status).toBe(401);
		});
	});

	test('pulls running while many pushes commit never skip a change', async () => {
		const observers = [coordinator, advisor];
		const held = new Map<SyncClient, { cursor: string; records: ReturnType<typeof replay> }>();
		for (const observer of observers) {
			const start = await observer.pullAll();
			held.set(observer, { cursor: start.cursor, records: replay(start.changes) });
		}
		const versions = new Map<string, { client: SyncClient; version: number }>();
		const pushRound = async (client: SyncClient, round: number) => {
			const fields = consultationFields(client.account);
			const ops: unknown[] = [createOp(fields)];
			const mine = [...versions].filter(([, v]) => v.client === client);
			const target = mine[round % Math.max(1, mine.length)];
			if (target)
				ops.push(
					updateOp(target[0], { notes: `Runda ${round}`, participantCount: round + 1 }, target[1].version)
				);
			const results = await client.pushOk(ops);
			versions.set(fields.id as string, { client, version: 1 });
			for (const result of results) {
				const record = result.current?.record as { id: string; version?: number } | undefined;
				if (record?.version !== undefined && versions.has(record.id)) {
					versions.set(record.id, { client, version: record.version });
				}
			}
		};
		const pullSteps = async (observer: SyncClient, steps: number) => {
			for (let i = 0; i < steps; i++) {
				const state = held.get(observer)!;
				const response = await observer.pull(state.cursor, 4);
				expect(response.status).toBe(200);
				const page = response.body as unknown as PullResponse;
				expect(page.reset).toBe(false);
				held.set(observer, { cursor: page.cursor, records: replay(page.changes, state.records) });
			}
		};

		for (let round = 0; round < 15; round++) {
			await Promise.all([
				pushRound(advisor, round),
				pushRound(colleague, round),
				pullSteps(coordinator, 3),
				pushRound(advisor, round + 100),
				pullSteps(advisor, 2),
				pushRound(colleague, round + 200)
			]);
		}

		for (const observer of observers) {
			const state = held.get(observer)!;
			const rest = await observer.pullAll(state.cursor);
			const incremental = replay(rest.changes, state.records);
			const fresh = replay((await observer.pullAll()).changes);
			expect(incremental.size).toBe(fresh.size);
			expect(incremental).toEqual(fresh);
		}
	});
});
