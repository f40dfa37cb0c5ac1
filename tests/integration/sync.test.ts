/** Sync end to end through the real routes and the real client engine, on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { openDevice, type TestDevice } from './helpers/sync';
import { apiClient } from './helpers/api';
import { SIGNATURE_PNG } from './helpers/factories';
import { seedDemo } from '$lib/server/db/seed';
import {
	DEMO_CENTRE_IDS,
	DEMO_ORGANISATION_IDS,
	DEMO_PASSWORD,
	DEMO_USER_IDS
} from '$lib/server/db/demo-data';
import {
	completeConsultation,
	saveDraft,
	signConsultation,
	amendConsultation
} from '$lib/client/db/consultations';
import { newId } from '$lib/domain/ids';
import { amendmentPrefill, amendmentReason, canBecomeAmendment } from '$lib/client/sync/refusals';

const advisor = {
	email: 'doradca@demo.pl',
	password: DEMO_PASSWORD,
	userId: DEMO_USER_IDS.advisor,
	centreId: DEMO_CENTRE_IDS.slupsk
};
const coordinator = {
	email: 'koordynator@demo.pl',
	password: DEMO_PASSWORD,
	userId: DEMO_USER_IDS.coordinator,
	centreId: DEMO_CENTRE_IDS.slupsk
};

const visit = {
	organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
	date: '2026-11-20',
	startTime: '10:00',
	endTime: '11:30',
	durationMin: 90,
	placeKind: 'mobile' as const,
	address: 'ul. Długa 1, Ustka',
	topics: ['accounting'],
	notes: 'Sprawozdanie finansowe.',
	participants: [{ name: 'Maria Prezes', role: 'prezes' }],
	participantCount: 1
};

describe.each(ENGINES)('sync on %s', (engine) => {
	let database: TestDatabase;
	let phone: TestDevice;
	let tablet: TestDevice;
	let office: TestDevice;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		phone = await openDevice(database.db, advisor);
		tablet = await openDevice(database.db, advisor);
		office = await openDevice(database.db, coordinator);
	});
	afterAll(() => database?.close());

	/** A visit logged, completed and signed on the phone (not yet synced); its id. */
	async function signedOnPhone(signedAt = new Date().toISOString()): Promise<string> {
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit);
		await completeConsultation(phone.db, phone.ctx, id);
		await signConsultation(phone.db, phone.ctx, id, {
			image: SIGNATURE_PNG,
			signerName: 'Maria Prezes',
			signedAt
		});
		return id;
	}

	test('a visit logged on the phone reaches the coordinator, signed and amended', async () => {
		const id = await signedOnPhone();
		const first = await phone.sync();
		// Saving and completing were folded into one create; the signature travels as its own step.
		expect(first).toMatchObject({ ok: true, pushed: 2, refused: 0 });
		expect(await phone.db.outbox.count()).toBe(0);
		const accepted = await phone.db.consultations.get(id);
		expect(accepted?.version).toBe(2);
		expect(accepted?.receipt).toMatch(/^[0-9A-Z]{5}-./);

		await amendConsultation(
			phone.db,
			phone.ctx,
			id,
			{ durationMin: 60, endTime: '11:00' },
			'Pomyłka w godzinie'
		);
		expect((await phone.sync()).ok).toBe(true);

		expect((await office.sync()).ok).toBe(true);
		const seen = await office.db.consultations.get(id);
		expect(seen).toMatchObject({ status: 'signed', durationMin: 60, endTime: '11:00', version: 3 });
		expect(await office.db.amendments.where('consultationId').equals(id).count()).toBe(1);
	});

	test('a signature dated ahead of the server by a phone whose clock runs fast is stored at the time it arrived', async () => {
		const aheadBy = 3 * 60 * 60_000;
		const id = await signedOnPhone(new Date(Date.now() + aheadBy).toISOString());
		const before = Date.now();
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		const after = Date.now();
		const row = await database.db
			.selectFrom('consultations')
			.select(['signedAt', 'signedByName', 'status'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'signed', signedByName: 'Maria Prezes' });
		const stored = Date.parse(row.signedAt!);
		expect(stored).toBeGreaterThanOrEqual(before - 1000);
		expect(stored).toBeLessThanOrEqual(after);
		// The phone takes the server's time back, so both show the same signing time.
		expect((await phone.db.consultations.get(id))?.signature?.signedAt).toBe(row.signedAt);

		// A few minutes ahead (within CLOCK_SKEW_MIN) is an ordinary clock difference: kept as sent.
		const nearId = newId();
		await saveDraft(phone.db, phone.ctx, nearId, visit);
		await completeConsultation(phone.db, phone.ctx, nearId);
		const near = new Date(Date.now() + 2 * 60_000).toISOString();
		await signConsultation(phone.db, phone.ctx, nearId, {
			image: SIGNATURE_PNG,
			signerName: 'Maria Prezes',
			signedAt: near
		});
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		const nearRow = await database.db
			.selectFrom('consultations')
			.select('signedAt')
			.where('id', '=', nearId)
			.executeTakeFirstOrThrow();
		expect(nearRow.signedAt).toBe(near);
	});

	test('edits of different fields on two devices merge; the same note keeps both texts', async () => {
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit);
		await phone.sync();
		await tablet.sync();
		expect(await tablet.db.consultations.get(id)).toBeDefined();

		await saveDraft(phone.db, phone.ctx, id, { notes: 'Wersja z telefonu', participantCount: 3 });
		await saveDraft(tablet.db, tablet.ctx, id, { notes: 'Wersja z tabletu', address: 'Rynek 2, Ustka' });
		await phone.sync();
		const second = await tablet.sync();
		expect(second.ok).toBe(true);
		await phone.sync();

		for (const device of [phone, tablet]) {
			const record = await device.db.consultations.get(id);
			expect(record?.participantCount).toBe(3);
			expect(record?.address).toBe('Rynek 2, Ustka');
			expect(record?.notes).toBe('Wersja z telefonu');
			expect(record?.conflicts.map((c) => c.value)).toEqual(['Wersja z tabletu']);
		}
	});

	test('an edit of a record signed meanwhile on another device is refused with a reason, and kept', async () => {
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit);
		await completeConsultation(phone.db, phone.ctx, id);
		await phone.sync();
		await tablet.sync();
		await signConsultation(phone.db, phone.ctx, id, {
			image: SIGNATURE_PNG,
			signerName: 'Maria Prezes',
			signedAt: new Date().toISOString()
		});
		await saveDraft(tablet.db, tablet.ctx, id, { notes: 'Dopisek po wizycie' });
		await phone.sync();
		const outcome = await tablet.sync();
		expect(outcome).toMatchObject({ ok: true, refused: 1 });
		const refusal = (await tablet.db.refusals.toArray()).find((r) => r.entityId === id);
		expect(refusal).toMatchObject({ code: 'record_locked', fields: { notes: 'Dopisek po wizycie' } });
		expect(refusal?.message).toContain('poprawk');
		expect((await tablet.db.consultations.get(id))?.status).toBe('signed');
	});

	test('an edit refused because the coordinator approved meanwhile leaves the card and its hours as the server holds them', async () => {
		const id = newId();
		await saveDraft(phone.db, phone.ctx, id, visit);
		await completeConsultation(phone.db, phone.ctx, id);
		await phone.sync();
		const accepted = await phone.db.consultations.get(id);

		// Offline, the end time moves; meanwhile the coordinator approves the card as it was.
		await saveDraft(phone.db, phone.ctx, id, { endTime: '12:00', durationMin: 120, notes: 'Dłużej' });
		const approved = await apiClient(database.db)('POST', `/api/consultations/${id}/approve`, {
			token: office.token
		});
		expect(approved.status).toBe(200);
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 1 });

		const local = await phone.db.consultations.get(id);
		expect(local).toMatchObject({
			status: 'approved',
			endTime: '11:30',
			durationMin: 90,
			notes: accepted!.notes
		});
		// The phone's month counts what the server counts.
		const day = await phone.db.monthIndex.get([phone.ctx.userId, visit.date]);
		expect(day?.entries[id]?.[3]).toBe(90);
	});

	test('two phones correcting the same value differently: the later one is refused, shown the other, and can correct again', async () => {
		const id = await signedOnPhone();
		await phone.sync();
		await tablet.sync();

		// The tablet, online, counts the children; the phone, offline, counts the mayor: each from 1 present.
		await amendConsultation(tablet.db, tablet.ctx, id, { participantCount: 3 }, 'Doliczono dzieci');
		expect(await tablet.sync()).toMatchObject({ ok: true, refused: 0 });
		const { amendment } = await amendConsultation(
			phone.db,
			phone.ctx,
			id,
			{ participantCount: 2 },
			'Doliczono wójta'
		);
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 1 });

		// The phone now shows the tablet's correction, and why its own was not saved.
		expect((await phone.db.consultations.get(id))?.participantCount).toBe(3);
		expect(await phone.db.amendments.get(amendment.id)).toBeUndefined();
		const refusal = (await phone.db.refusals.toArray()).find((r) => r.entityId === amendment.id);
		expect(refusal).toMatchObject({ entity: 'amendment', code: 'amended_elsewhere' });
		expect(Object.keys(refusal!.fieldMessages)).toEqual(['participantCount']);
		expect(canBecomeAmendment(refusal!)).toBe(true);

		// Seeing 3, the advisor corrects it to 4 (children and the mayor): accepted, the history adds up.
		await amendConsultation(phone.db, phone.ctx, id, { participantCount: 4 }, 'Doliczono też wójta');
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		await office.sync();
		expect((await office.db.consultations.get(id))?.participantCount).toBe(4);
		const history = await office.db.amendments.where('consultationId').equals(id).sortBy('createdAt');
		expect(history.map((a) => [a.reason, a.changes.participantCount])).toEqual([
			['Doliczono dzieci', { before: 1, after: 3 }],
			['Doliczono też wójta', { before: 3, after: 4 }]
		]);
	});

	test('a correction refused for its values puts the card back as the server holds it, and can be made again', async () => {
		const id = await signedOnPhone();
		await phone.sync();
		const accepted = await phone.db.consultations.get(id);

		// Offline, the card is corrected to an organisation the server no longer offers (rejected meanwhile).
		const { amendment } = await amendConsultation(
			phone.db,
			phone.ctx,
			id,
			{ organisationId: newId(), participantCount: 2 },
			'Inna organizacja'
		);
		expect((await phone.db.consultations.get(id))?.participantCount).toBe(2);
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 1 });

		// The phone shows what the server holds, not a correction that never happened.
		expect(await phone.db.consultations.get(id)).toEqual(accepted);
		expect(await phone.db.amendments.get(amendment.id)).toBeUndefined();
		const refusal = (await phone.db.refusals.toArray()).find((r) => r.entityId === amendment.id);
		expect(refusal).toMatchObject({ entity: 'amendment', code: 'invalid' });
		expect(Object.keys(refusal!.fieldMessages)).toEqual(['organisationId']);
		expect(canBecomeAmendment(refusal!)).toBe(true);

		// Made again with the organisation fixed, it is accepted and reaches the coordinator.
		const again = amendmentPrefill(refusal!);
		expect(again).toMatchObject({ participantCount: 2 });
		await amendConsultation(
			phone.db,
			phone.ctx,
			id,
			{ ...again, organisationId: visit.organisationId },
			amendmentReason(refusal!)
		);
		expect(await phone.sync()).toMatchObject({ ok: true, refused: 0 });
		await office.sync();
		expect(await office.db.consultations.get(id)).toMatchObject({
			participantCount: 2,
			organisationId: visit.organisationId
		});
		const history = await office.db.amendments.where('consultationId').equals(id).toArray();
		expect(history.map((a) => a.reason)).toEqual(['Inna organizacja']);
	});
});
