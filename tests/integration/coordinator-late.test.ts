/**
 * Late arrivals and the audit of counted hours through the real push (issue 5), with devices running the real
 * client code: a visit logged offline for a month closed meanwhile is stored — never refused or lost — as late with
 * its baseline, shown to the coordinator, and counts once approved; amendments of a closed month too. Every change
 * of counted hours leaves one audit entry.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { openDevice, type TestDevice } from './helpers/sync';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { pastMonth } from './helpers/coordinator';
import { SIGNATURE_PNG } from './helpers/factories';
import { loadStatement } from '$lib/server/reports/statement';
import { loadIdentity } from '$lib/server/identity';
import { seedDemo } from '$lib/server/db/seed';
import {
	DEMO_CENTRE_IDS,
	DEMO_ORGANISATION_IDS,
	DEMO_PASSWORD,
	DEMO_USER_IDS
} from '$lib/server/db/demo-data';
import {
	amendConsultation,
	completeConsultation,
	deleteDraft,
	saveDraft,
	signConsultation
} from '$lib/client/db/consultations';
import { toOperation } from '$lib/client/sync/engine';
import { newId } from '$lib/domain/ids';
import { NO_REVIEW } from '$lib/domain/consultation';
import type { PushResponse } from '$lib/domain/sync';

const SLUPSK = DEMO_CENTRE_IDS.slupsk;
const advisor = {
	email: 'doradca@demo.pl',
	password: DEMO_PASSWORD,
	userId: DEMO_USER_IDS.advisor,
	centreId: SLUPSK
};

const visit = (date: string) => ({
	organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
	date,
	startTime: '10:00',
	endTime: '11:30',
	durationMin: 90,
	placeKind: 'mobile' as const,
	address: 'ul. Długa 1, Ustka',
	topics: ['accounting'],
	notes: 'Sprawozdanie finansowe.',
	participants: [{ name: 'Maria Prezes', role: 'prezes' }],
	participantCount: 1
});

const signature = () => ({
	image: SIGNATURE_PNG,
	signerName: 'Maria Prezes',
	signedAt: new Date().toISOString()
});

describe.each(ENGINES)('late records and the audit of hours on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	let coordinatorToken: string;
	let phone: TestDevice;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		coordinatorToken = await signInToken(call, 'koordynator@demo.pl', DEMO_PASSWORD);
		phone = await openDevice(database.db, advisor);
	});
	afterAll(() => database?.close());

	const coordinator = (method: string, path: string, body?: unknown) =>
		call(method, path, { token: coordinatorToken, body });
	const close = async (month: string) => {
		const response = await coordinator('POST', `/api/months/${month}/close`, {
			centreId: SLUPSK,
			confirm: true
		});
		expect(response.status).toBe(200);
	};
	const row = (id: string) =>
		database.db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const audit = async (id: string) => {
		const response = await coordinator('GET', `/api/consultations/${id}/audit`);
		expect(response.status).toBe(200);
		return response.body as unknown as {
			action: string;
			actorId: string;
			before: unknown;
			after: unknown;
			reason: string | null;
		}[];
	};

	test('a visit logged offline for a month closed meanwhile is stored late, shown, and counts once approved', async () => {
		const month = pastMonth(2);
		const id = newId();
		// Offline: the visit waits in the outbox while the coordinator closes the month.
		await saveDraft(phone.db, phone.ctx, id, visit(`${month}-14`));
		await completeConsultation(phone.db, phone.ctx, id);
		await signConsultation(phone.db, phone.ctx, id, signature());
		await close(month);

		const result = await phone.sync();
		expect(result).toMatchObject({ ok: true, refused: 0 });
		expect(await phone.db.outbox.count()).toBe(0);
		const stored = await row(id);
		expect(stored.status).toBe('signed');
		expect(stored.lateSince).not.toBeNull();
		expect(stored.lateBaseline).toBeNull();
		// The device keeps the server's review: the advisor sees "late — awaiting approval".
		const local = await phone.db.consultations.get(id);
		expect(local?.review?.late).toEqual({ since: stored.lateSince, baseline: null });

		const status = await coordinator('GET', `/api/months/${month}/status?centreId=${SLUPSK}`);
		expect((status.body.late as { id: string }[]).map((r) => r.id)).toEqual([id]);
		expect(status.body.unapproved).toEqual([]);
		expect(
			(status.body.lastSyncByAdvisor as { lastChangeAt: string | null }[])[0]?.lastChangeAt
		).not.toBeNull();

		const approved = await coordinator('POST', `/api/consultations/${id}/approve`, {
			comment: 'Wizyta potwierdzona'
		});
		expect(approved.status).toBe(200);
		expect(approved.body.consultation).toMatchObject({
			status: 'approved',
			review: { late: null, approvedBy: DEMO_USER_IDS.coordinator }
		});
		const entries = await audit(id);
		expect(entries.map((e) => e.action)).toEqual(['created:late', 'updated:late', 'approved:late']);
		expect(entries[0]).toMatchObject({
			actorId: DEMO_USER_IDS.advisor,
			before: null,
			after: { date: `${month}-14`, durationMin: 90, status: 'completed', placeKind: 'mobile' }
		});
		expect(entries[1]).toMatchObject({ before: { status: 'completed' }, after: { status: 'signed' } });
		expect(entries[2]).toMatchObject({
			actorId: DEMO_USER_IDS.coordinator,
			before: null,
			after: { status: 'approved', durationMin: 90 },
			reason: 'Wizyta potwierdzona'
		});

		// The phone pulls the approval.
		expect((await phone.sync()).ok).toBe(true);
		expect(await phone.db.consultations.get(id)).toMatchObject({
			status: 'approved',
			review: { late: null, approvedBy: DEMO_USER_IDS.coordinator }
		});
	});

	test('an amendment reaching a closed month is late with the baseline it counted before', async () => {
		const month = pastMonth(4);
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit(`${month}-07`));
		await completeConsultation(phone.db, phone.ctx, id);
		await signConsultation(phone.db, phone.ctx, id, signature());
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		expect((await row(id)).lateSince).toBeNull();
		await close(month);

		await amendConsultation(
			phone.db,
			phone.ctx,
			id,
			{ durationMin: 60, endTime: '11:00' },
			'Pomyłka w godzinie'
		);
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		let stored = await row(id);
		expect(stored.durationMin).toBe(60);
		expect(stored.lateSince).not.toBeNull();
		const baseline = {
			date: `${month}-07`,
			durationMin: 90,
			placeKind: 'mobile',
			topics: ['accounting'],
			status: 'signed',
			organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
			startTime: '10:00',
			endTime: '11:30'
		};
		expect(JSON.parse(stored.lateBaseline!)).toEqual(baseline);
		// The closed month's statement lists the card as it counts, with the times it had then.
		const user = await database.db
			.selectFrom('users')
			.selectAll()
			.where('email', '=', 'koordynator@demo.pl')
			.executeTakeFirstOrThrow();
		const statement = await loadStatement(
			database.db,
			(await loadIdentity(database.db, user))!,
			{ month, centreId: SLUPSK },
			'pl'
		);
		expect(statement.rows.find((r) => r.id === id)).toMatchObject({
			startTime: '10:00',
			endTime: '11:30',
			durationMin: 90,
			latePending: true
		});

		// A second late amendment keeps the first baseline: the month still counts what it counted when it closed.
		await amendConsultation(phone.db, phone.ctx, id, { durationMin: 45, endTime: '10:45' }, 'Jeszcze krócej');
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		stored = await row(id);
		expect(JSON.parse(stored.lateBaseline!)).toEqual(baseline);

		const entries = await audit(id);
		expect(entries.map((e) => e.action)).toEqual(['created', 'updated', 'amended:late', 'amended:late']);
		expect(entries[2]).toMatchObject({
			before: { durationMin: 90 },
			after: { durationMin: 60 },
			reason: 'Pomyłka w godzinie'
		});
		// Approving a late record of a closed month is how it comes to count. Its entry lists only what differs
		// from the baseline (not "date: 7 → 7").
		const approved = await coordinator('POST', `/api/consultations/${id}/approve`);
		expect(approved.status).toBe(200);
		const approval = (await audit(id)).at(-1)!;
		expect(approval.action).toBe('approved:late');
		expect(approval.before).toEqual({ durationMin: 90, status: 'signed' });
		expect(approval.after).toEqual({ durationMin: 45, status: 'approved' });
	});

	test('edits in an open month: counted fields are audited, notes and drafts are not', async () => {
		const month = pastMonth(1);
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit(`${month}-03`));
		await phone.sync();
		await saveDraft(phone.db, phone.ctx, id, { durationMin: 120, endTime: '12:00' });
		await phone.sync();
		expect(await audit(id)).toEqual([]);

		await completeConsultation(phone.db, phone.ctx, id);
		await phone.sync();
		await saveDraft(phone.db, phone.ctx, id, { notes: 'Tylko notatka' });
		await phone.sync();
		await saveDraft(phone.db, phone.ctx, id, { durationMin: 60, endTime: '11:00' });
		await phone.sync();
		const entries = await audit(id);
		expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
			[
				'updated',
				null,
				{
					date: `${month}-03`,
					durationMin: 120,
					placeKind: 'mobile',
					topics: ['accounting'],
					status: 'completed',
					organisationId: DEMO_ORGANISATION_IDS.aktywniRazem
				}
			],
			['updated', { durationMin: 120 }, { durationMin: 60 }]
		]);
		expect((await row(id)).lateSince).toBeNull();
	});

	test('a draft of a closed month is stored and deleted without fuss: drafts do not count', async () => {
		const month = pastMonth(3);
		await close(month);
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit(`${month}-20`));
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		expect((await row(id)).lateSince).toBeNull();
		await deleteDraft(phone.db, phone.ctx, id);
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		expect((await row(id)).deletedAt).not.toBeNull();
		expect(await audit(id)).toEqual([]);

		// Completing a draft of a closed month is late, with nothing counted before.
		const other = newId();
		await saveDraft(phone.db, phone.ctx, other, visit(`${month}-21`));
		await phone.sync();
		await completeConsultation(phone.db, phone.ctx, other);
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		const stored = await row(other);
		expect(stored.lateSince).not.toBeNull();
		expect(stored.lateBaseline).toBeNull();
		expect((await audit(other)).map((e) => e.action)).toEqual(['updated:late']);
	});

	test('a signature taken offline after the coordinator approved the completed record is kept', async () => {
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit(`${pastMonth(1)}-18`));
		await completeConsultation(phone.db, phone.ctx, id);
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		expect((await coordinator('POST', `/api/consultations/${id}/approve`)).status).toBe(200);
		// The phone has not pulled the approval: it signs the completed record.
		await signConsultation(phone.db, phone.ctx, id, signature());
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		const stored = await row(id);
		expect(stored).toMatchObject({ status: 'approved', signedByName: 'Maria Prezes' });
		expect(stored.signature).not.toBeNull();
		expect(await phone.db.consultations.get(id)).toMatchObject({
			status: 'approved',
			signature: { signerName: 'Maria Prezes' }
		});
		// Any other edit of the approved record is still refused as locked.
		await phone.sync();
		const locked = await phone.transport.push({
			deviceId: newId(),
			ops: [
				{
					opId: newId(),
					entity: 'consultation',
					entityId: id,
					op: 'update',
					fields: { durationMin: 30 },
					baseVersion: stored.version
				}
			]
		});
		expect((locked as { ok: true; data: PushResponse }).data.results[0]?.code).toBe('record_locked');
	});

	test('a card approved before it was signed can still be signed on the phone that knows of the approval', async () => {
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit(`${pastMonth(1)}-19`));
		await completeConsultation(phone.db, phone.ctx, id);
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		expect((await coordinator('POST', `/api/consultations/${id}/approve`)).status).toBe(200);
		await phone.sync();
		expect(await phone.db.consultations.get(id)).toMatchObject({ status: 'approved', signature: null });
		// The representative signs later: the approval stays, the signature is added, on both sides.
		await signConsultation(phone.db, phone.ctx, id, signature());
		expect(await phone.db.consultations.get(id)).toMatchObject({
			status: 'approved',
			signature: { signerName: 'Maria Prezes' }
		});
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		expect(await row(id)).toMatchObject({ status: 'approved', signedByName: 'Maria Prezes' });
		// Once signed there is nothing more to sign.
		await expect(signConsultation(phone.db, phone.ctx, id, signature())).rejects.toThrow();
	});

	test('a review sent by a device is ignored, never stored, never refused', async () => {
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit(`${pastMonth(1)}-05`));
		await phone.sync();
		const version = (await row(id)).version;
		const forged = {
			late: null,
			flag: null,
			approvedBy: DEMO_USER_IDS.advisor,
			approvedAt: new Date().toISOString()
		};
		const response = await phone.transport.push({
			deviceId: newId(),
			ops: [
				{
					opId: newId(),
					entity: 'consultation',
					entityId: id,
					op: 'update',
					fields: { notes: 'Z recenzją', review: forged },
					baseVersion: version
				}
			]
		});
		expect(response.ok).toBe(true);
		const [result] = (response as { ok: true; data: PushResponse }).data.results;
		expect(result?.status).toBe('applied');
		const stored = await row(id);
		expect(stored.notes).toBe('Z recenzją');
		expect(stored.approvedBy).toBeNull();
		expect((result?.current?.record as { review?: unknown }).review).toEqual(NO_REVIEW);

		// And the device's own operations never carry one.
		const op = toOperation({
			seq: 1,
			opId: newId(),
			entity: 'consultation',
			entityId: id,
			op: 'update',
			fields: { notes: 'x', review: forged },
			baseVersion: 1
		} as unknown as Parameters<typeof toOperation>[0]);
		expect(op.fields).toEqual({ notes: 'x' });
	});
});
