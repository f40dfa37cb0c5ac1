/**
 * Push guards found by an adversarial pass, on SQLite and PostgreSQL: a signing step split from its signature, a
 * lost text on a signed card, a delete without a base version, and the booking a card names (unknown ids, a card
 * prepared ahead, a deleted draft).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient } from './helpers/api';
import {
	consultationFields,
	createOp,
	DEMO_ACCOUNTS,
	deleteOp,
	signedFields,
	syncClient,
	updateOp,
	type SyncClient
} from './helpers/sync-server';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_ORGANISATION_IDS } from '$lib/server/db/demo-data';
import { newId } from '$lib/domain/ids';
import { addDays, warsawToday } from '$lib/domain/hours';
import type { BookingStatus } from '$lib/domain/booking';
import type { OpResult } from '$lib/domain/sync';

const SLUPSK = DEMO_CENTRE_IDS.slupsk;

describe.each(ENGINES)('push guards on %s', (engine) => {
	let database: TestDatabase;
	let phone: SyncClient;
	let tablet: SyncClient;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		const call = apiClient(database.db);
		phone = await syncClient(call, { ...DEMO_ACCOUNTS.advisor, centreId: SLUPSK });
		tablet = await syncClient(call, { ...DEMO_ACCOUNTS.advisor, centreId: SLUPSK });
	});
	afterAll(() => database?.close());

	const row = (id: string) =>
		database.db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const booking = (id: string) =>
		database.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const created = async (overrides: Record<string, unknown> = {}) => {
		const fields = consultationFields(phone.account, overrides);
		const [result] = await phone.pushOk([createOp(fields)]);
		expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied' });
		return { id: fields.id as string, result: result! };
	};
	const refused = (result: OpResult | undefined, code: string) =>
		expect(result, JSON.stringify(result)).toMatchObject({ status: 'refused', code });

	/** A confirmed booking of the demo advisor on `date`, at 10:00 Warsaw. */
	async function confirmedBooking(date: string, status: BookingStatus = 'confirmed'): Promise<string> {
		const id = newId();
		const at = new Date().toISOString();
		await database.db
			.insertInto('bookings')
			.values({
				id,
				organisationId: DEMO_ORGANISATION_IDS.aktywniRazem,
				centreId: SLUPSK,
				advisorId: phone.account.userId,
				topic: 'accounting',
				format: 'centre',
				startsAt: `${date}T09:00:00.000Z`,
				endsAt: `${date}T10:00:00.000Z`,
				status,
				createdBy: phone.account.userId,
				createdAt: at,
				updatedAt: at,
				statusChangedAt: at
			})
			.execute();
		return id;
	}

	test('the status "signed" sent apart from its signature is refused when another device changed the card between', async () => {
		const { id } = await created({ status: 'completed' });
		const { signature } = signedFields(phone.account);
		expect((await phone.pushOk([updateOp(id, { signature }, 1)]))[0]).toMatchObject({ status: 'applied' });
		const [longer] = await tablet.pushOk([updateOp(id, { endTime: '14:30', durationMin: 270 }, 2)]);
		expect(longer).toMatchObject({ status: 'applied' });
		const [signing] = await phone.pushOk([updateOp(id, { status: 'signed' }, 2)]);
		refused(signing, 'signed_other_version');
		expect(await row(id)).toMatchObject({ status: 'completed', durationMin: 270 });
	});

	test('a text that lost to a concurrent edit does not reach a signed card: refused as locked', async () => {
		const { id } = await created({ status: 'completed' });
		expect((await phone.pushOk([updateOp(id, { notes: 'Z telefonu' }, 1)]))[0]).toMatchObject({
			status: 'applied'
		});
		const { signature } = signedFields(phone.account);
		expect((await phone.pushOk([updateOp(id, { status: 'signed', signature }, 2)]))[0]).toMatchObject({
			status: 'applied'
		});
		const before = await row(id);
		const [late] = await tablet.pushOk([updateOp(id, { notes: 'Z tabletu' }, 1)]);
		refused(late, 'record_locked');
		const after = await row(id);
		expect(after).toMatchObject({ version: before.version, notes: 'Z telefonu', conflicts: '[]' });
	});

	test('a delete without a base version has seen nothing: another device’s typing keeps the draft', async () => {
		const { id } = await created();
		expect((await tablet.pushOk([updateOp(id, { notes: 'Z tabletu' }, 1)]))[0]).toMatchObject({
			status: 'applied'
		});
		const [deleted] = await phone.pushOk([{ ...deleteOp(id, 0), baseVersion: null }]);
		refused(deleted, 'changed_elsewhere');
		expect((await row(id)).deletedAt).toBeNull();
		// Its own draft, nobody else's typing: deleted.
		const own = await created();
		const [ownDeleted] = await phone.pushOk([{ ...deleteOp(own.id, 0), baseVersion: null }]);
		expect(ownDeleted).toMatchObject({ status: 'applied' });
	});

	test('a booking id that names no booking of the centre is dropped from the card, which is accepted', async () => {
		const made = await created({ status: 'completed', bookingId: newId() });
		expect(made.result.current?.record).toMatchObject({ id: made.id, bookingId: null });
		expect(await row(made.id)).toMatchObject({ status: 'completed', bookingId: null });
		// The server keeps serving the advisor's next batch.
		const next = await created();
		expect((await row(next.id)).status).toBe('draft');
	});

	test('a draft prepared ahead does not mark its booking done; completing it on the day does', async () => {
		const today = warsawToday(new Date());
		const ahead = await confirmedBooking(addDays(today, 2));
		const { id } = await created({ date: addDays(today, 2), bookingId: ahead });
		expect(await booking(ahead)).toMatchObject({ status: 'confirmed', consultationId: null });

		// The visit happens today after all: the card is moved to today and completed.
		const [moved] = await phone.pushOk([updateOp(id, { date: today, status: 'completed' }, 1)]);
		expect(moved, JSON.stringify(moved)).toMatchObject({ status: 'applied' });
		expect(await booking(ahead)).toMatchObject({ status: 'done', consultationId: id });
	});

	test('deleting the draft that marked a booking done puts the booking back as it was', async () => {
		const today = warsawToday(new Date());
		const moved = await confirmedBooking(today, 'rescheduled');
		const { id } = await created({ date: today, bookingId: moved });
		expect(await booking(moved)).toMatchObject({ status: 'done', consultationId: id });
		const [deleted] = await phone.pushOk([deleteOp(id, 1)]);
		expect(deleted).toMatchObject({ status: 'applied' });
		expect(await booking(moved)).toMatchObject({ status: 'rescheduled', consultationId: null });
		const audit = await database.db
			.selectFrom('auditLog')
			.select('action')
			.where('entity', '=', 'booking')
			.where('entityId', '=', moved)
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['done', 'reopened']);
	});
});
