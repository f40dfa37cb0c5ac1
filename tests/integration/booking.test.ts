/**
 * Booking (issue 6) through the real route handlers, on both engines: availability, slots, booking a slot and
 * asking for preferred days, the transitions and their refusals (nothing changed, messages in Polish first),
 * who sees what, the advisor's calendar feed and .ics files (parsed back with ical.js, an independent parser), the
 * slice each role receives, and "done" when the consultation for a booking syncs.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ICAL from 'ical.js';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { openDevice } from './helpers/sync';
import { addStaff } from './helpers/sync-server';
import { at, textGet, weekdayWindows, workingDayAhead } from './helpers/booking';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_PASSWORD, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { newId } from '$lib/domain/ids';
import { addDays, warsawToday } from '$lib/domain/hours';
import { isWorkingDay } from '$lib/domain/calendar';
import { completeConsultation, saveDraft } from '$lib/client/db/consultations';
import type { BookingView, Slot } from '$lib/domain/booking';

const SLUPSK = DEMO_CENTRE_IDS.slupsk;
const LEBORK = DEMO_CENTRE_IDS.lebork;
const ADVISOR = DEMO_USER_IDS.advisor;

function parseIcs(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
		ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
	}
	const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
		const event = new ICAL.Event(vevent);
		const dtstart = vevent.getFirstProperty('dtstart')!;
		return {
			uid: event.uid,
			sequence: event.sequence,
			status: vevent.getFirstPropertyValue('status'),
			tzid: dtstart.getParameter('tzid'),
			wallClock: String(dtstart.getFirstValue()),
			start: event.startDate.toJSDate().toISOString(),
			end: event.endDate.toJSDate().toISOString(),
			stamp: String(vevent.getFirstPropertyValue('dtstamp')),
			summary: event.summary
		};
	});
	return { calendar, events };
}

function nextWorkingDay(date: string): string {
	let next = addDays(date, 1);
	while (!isWorkingDay(next)) next = addDays(next, 1);
	return next;
}

describe.each(ENGINES)('booking on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	let getText: ReturnType<typeof textGet>;
	const tokens = {} as Record<'admin' | 'coordinator' | 'advisor' | 'advisor2' | 'ngo', string>;
	const day = workingDayAhead(8);

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		getText = textGet(database.db);
		for (const [name, email] of [
			['admin', 'admin@demo.pl'],
			['coordinator', 'koordynator@demo.pl'],
			['advisor', 'doradca@demo.pl'],
			['advisor2', 'doradca2@demo.pl'],
			['ngo', 'ngo@demo.pl']
		] as const) {
			tokens[name] = await signInToken(call, email, DEMO_PASSWORD);
		}
		const put = await call('PUT', '/api/availability', {
			token: tokens.advisor,
			body: { advisorId: ADVISOR, centreId: SLUPSK, windows: weekdayWindows() }
		});
		expect(put.status).toBe(200);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const book = (body: Record<string, unknown>, token = tokens.ngo, locale: 'pl' | 'en' = 'pl') =>
		call('POST', '/api/bookings', {
			token,
			locale,
			body: { clientId: newId(), centreId: SLUPSK, topic: 'accounting', format: 'centre', ...body }
		});
	const slotAt = (time: string, lengthMin = 60, date = day) => ({
		advisorId: ADVISOR,
		startsAt: at(date, time),
		lengthMin
	});
	const countBookings = async () =>
		Number(
			(
				await database.db
					.selectFrom('bookings')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	describe('availability', () => {
		test('the advisor reads its windows; a coordinator reads its centre', async () => {
			const own = await call('GET', '/api/availability', { token: tokens.advisor });
			expect(own.status).toBe(200);
			expect((own.body.windows as unknown[]).length).toBe(5);
			const centre = await call('GET', `/api/availability?centreId=${SLUPSK}`, { token: tokens.coordinator });
			expect((centre.body.windows as { advisorId: string }[]).every((w) => w.advisorId === ADVISOR)).toBe(
				true
			);
		});

		test('overlapping windows are refused and nothing changes', async () => {
			const windows = [...weekdayWindows(), { ...weekdayWindows()[0], startTime: '14:00', endTime: '16:00' }];
			const response = await call('PUT', '/api/availability', {
				token: tokens.coordinator,
				body: { advisorId: ADVISOR, centreId: SLUPSK, windows }
			});
			expect(response.status).toBe(400);
			expect(response.body.error).toMatchObject({
				code: 'overlap',
				fields: { 'windows.5': expect.any(String) }
			});
			expect(response.body.error!.message).toMatch(/nakłada się/);
			const after = await call('GET', '/api/availability', { token: tokens.advisor });
			expect((after.body.windows as { startTime: string }[]).map((w) => w.startTime)).toEqual(
				Array(5).fill('09:00')
			);
		});

		test('an NGO, another advisor or another centre cannot change it', async () => {
			const body = { advisorId: ADVISOR, centreId: SLUPSK, windows: [] };
			expect((await call('PUT', '/api/availability', { token: tokens.ngo, body })).status).toBe(403);
			expect((await call('PUT', '/api/availability', { token: tokens.advisor2, body })).status).toBe(403);
			const wrongCentre = { advisorId: ADVISOR, centreId: LEBORK, windows: [] };
			expect(
				(await call('PUT', '/api/availability', { token: tokens.admin, body: wrongCentre })).status
			).toBe(400);
		});

		test('leave over an agreed visit is refused, naming it; a day already past is refused', async () => {
			const visitDay = workingDayAhead(20);
			const booked = await book({ slot: slotAt('13:00', 60, visitDay) });
			expect(booked.status, JSON.stringify(booked.body)).toBe(201);
			const addLeave = (body: Record<string, unknown>) =>
				call('POST', '/api/availability/exceptions', {
					token: tokens.advisor,
					body: { advisorId: ADVISOR, kind: 'leave', ...body }
				});
			const whole = await addLeave({ date: visitDay });
			expect(whole.status).toBe(409);
			expect(whole.body.error?.code).toBe('visits_during_leave');
			expect(whole.body.error?.message).toMatch(
				/^W tym czasie masz umówioną wizytę: 13:00 .+\. Najpierw przełóż/
			);
			expect((await addLeave({ date: visitDay, startTime: '12:00', endTime: '13:30' })).status).toBe(409);
			// Leave beside the visit is fine.
			expect((await addLeave({ date: visitDay, startTime: '14:00', endTime: '16:00' })).status).toBe(201);
			const stored = await database.db
				.selectFrom('availabilityExceptions')
				.select(['startTime'])
				.where('advisorId', '=', ADVISOR)
				.where('date', '=', visitDay)
				.execute();
			expect(stored).toEqual([{ startTime: '14:00' }]);

			const past = await addLeave({ date: addDays(warsawToday(new Date()), -3) });
			expect(past.status).toBe(400);
			expect(past.body.error?.fields?.date).toMatch(/już minął/);
		});

		test('a leave removes the slots of its day; deleting it brings them back', async () => {
			const leaveDay = workingDayAhead(12);
			const slots = async () =>
				(
					await call(
						'GET',
						`/api/slots?centreId=${SLUPSK}&from=${leaveDay}&to=${leaveDay}&format=centre&length=60`,
						{
							token: tokens.ngo
						}
					)
				).body.slots as Slot[];
			expect((await slots()).length).toBe(11);
			const added = await call('POST', '/api/availability/exceptions', {
				token: tokens.advisor,
				body: { advisorId: ADVISOR, date: leaveDay, kind: 'leave' }
			});
			expect(added.status).toBe(201);
			expect(await slots()).toEqual([]);
			const id = (added.body.exception as { id: string }).id;
			expect(
				(await call('DELETE', `/api/availability/exceptions/${id}`, { token: tokens.advisor })).status
			).toBe(200);
			expect((await slots()).length).toBe(11);
		});
	});

	describe('slots', () => {
		test('no slot is offered that a booking would refuse as more than a year ahead', async () => {
			const lastDay = addDays(warsawToday(new Date()), 365);
			const from = addDays(lastDay, -13);
			const response = await call(
				'GET',
				`/api/slots?centreId=${SLUPSK}&from=${from}&to=${addDays(lastDay, 14)}&format=centre&length=60`,
				{ token: tokens.ngo }
			);
			expect(response.status).toBe(200);
			const slots = response.body.slots as Slot[];
			expect(slots.length).toBeGreaterThan(0);
			const latest = Math.max(...slots.map((slot) => Date.parse(slot.startsAt)));
			expect(latest).toBeLessThanOrEqual(Date.now() + 366 * 86_400_000);
			expect(slots.every((slot) => slot.startsAt.slice(0, 10) <= lastDay)).toBe(true);
		});

		test('free slots of a centre, in Warsaw wall-clock time', async () => {
			const response = await call(
				'GET',
				`/api/slots?centreId=${SLUPSK}&from=${day}&to=${day}&format=premises&length=60`,
				{ token: tokens.ngo }
			);
			expect(response.status).toBe(200);
			const slots = response.body.slots as Slot[];
			expect(slots[0]).toMatchObject({
				advisorId: ADVISOR,
				advisorName: 'Damian Doradca',
				date: day,
				startTime: '09:30',
				startsAt: at(day, '09:30')
			});
			expect(slots.at(-1)!.startTime).toBe('13:30');
		});

		test('bad queries are 400 with a field message', async () => {
			const bad = await call('GET', `/api/slots?centreId=${SLUPSK}&format=boat`, { token: tokens.ngo });
			expect(bad.status).toBe(400);
			expect(bad.body.error!.fields).toHaveProperty('format');
			const range = await call(
				'GET',
				`/api/slots?centreId=${SLUPSK}&format=centre&from=${day}&to=${addDays(day, 100)}`,
				{ token: tokens.ngo }
			);
			expect(range.status).toBe(400);
			expect((await call('GET', `/api/slots?centreId=${SLUPSK}&format=centre`)).status).toBe(401);
		});
	});

	describe('booking', () => {
		test('a free slot is booked at once (confirmed); the same clientId again returns the same booking', async () => {
			const clientId = newId();
			const first = await book({ clientId, slot: slotAt('09:00') });
			expect(first.status).toBe(201);
			const booking = first.body.booking as BookingView;
			expect(booking).toMatchObject({
				status: 'confirmed',
				advisorId: ADVISOR,
				advisorName: 'Damian Doradca',
				date: day,
				startTime: '09:00',
				endTime: '10:00',
				clientId,
				format: 'centre'
			});
			expect(booking.place).toMatch(/Słupsk/);
			const again = await book({ clientId, slot: slotAt('09:00') });
			expect(again.status).toBe(200);
			expect((again.body.booking as BookingView).id).toBe(booking.id);
			const claims = await database.db
				.selectFrom('bookingClaims')
				.select('cellStart')
				.where('bookingId', '=', booking.id)
				.execute();
			expect(claims).toHaveLength(4);
		});

		test('the slot is gone from the free slots', async () => {
			const response = await call(
				'GET',
				`/api/slots?centreId=${SLUPSK}&from=${day}&to=${day}&format=centre&length=60`,
				{ token: tokens.ngo }
			);
			const starts = (response.body.slots as Slot[]).map((s) => s.startTime);
			expect(starts).not.toContain('09:00');
			expect(starts).not.toContain('09:30');
			expect(starts).toContain('10:00');
		});

		test('bad input: past, unavailable, format not offered, another role — 4xx and nothing changed', async () => {
			const before = await countBookings();
			const past = await book({
				slot: { ...slotAt('10:00'), startsAt: at(addDays(warsawToday(new Date()), -1), '10:00') }
			});
			expect(past.status).toBe(400);
			expect(past.body.error).toMatchObject({ code: 'slot_past' });
			expect(past.body.error!.message).toMatch(/minął/);

			const outside = await book({ slot: slotAt('18:00') });
			expect(outside.status).toBe(400);
			expect(outside.body.error!.code).toBe('slot_unavailable');

			const holiday = `${Number(day.slice(0, 4)) + (day.slice(5) > '12-24' ? 1 : 0)}-12-24`;
			const onHoliday = await book({ slot: slotAt('10:00', 60, holiday) });
			expect(onHoliday.status).toBe(400);

			const settings = await call('PUT', `/api/centres/${SLUPSK}/booking-settings`, {
				token: tokens.coordinator,
				body: { formats: ['centre', 'remote'] }
			});
			expect(settings.status).toBe(200);
			const premises = await book({ format: 'premises', slot: slotAt('11:00') });
			expect(premises.status).toBe(400);
			expect(premises.body.error!.code).toBe('format_not_offered');
			const english = await book({ format: 'premises', slot: slotAt('11:00') }, tokens.ngo, 'en');
			expect(english.body.error!.message).toMatch(/does not offer/);
			expect(
				(
					await call('GET', `/api/slots?centreId=${SLUPSK}&from=${day}&to=${day}&format=premises`, {
						token: tokens.ngo
					})
				).body.slots
			).toEqual([]);
			await call('PUT', `/api/centres/${SLUPSK}/booking-settings`, {
				token: tokens.coordinator,
				body: { formats: ['premises', 'centre', 'remote'] }
			});

			// The form offers working days only; the API refuses a weekend or a holiday too.
			const tooFar = await book({ slot: undefined, preferredDays: [addDays(warsawToday(new Date()), 400)] });
			expect(tooFar.body.error?.fields?.preferredDays).toMatch(/najbliższego roku/);
			const holidayAsked = await book({ slot: undefined, preferredDays: [day, holiday] });
			expect(holidayAsked.status).toBe(400);
			expect(holidayAsked.body.error?.fields?.preferredDays).toMatch(/dni robocze/);
			const asAdvisor = await book({ slot: slotAt('11:00') }, tokens.advisor);
			expect(asAdvisor.status).toBe(403);
			const invalid = await book({ slot: slotAt('11:00'), preferredDays: [day] });
			expect(invalid.status).toBe(400);
			expect(await countBookings()).toBe(before);
		});

		test('a taken slot: 409 slot_taken with the next free slots', async () => {
			const taken = await book({ slot: slotAt('09:00') });
			expect(taken.status).toBe(409);
			const error = taken.body.error as { code: string; message: string; nextFreeSlots: Slot[] };
			expect(error.code).toBe('slot_taken');
			expect(error.message).toMatch(/zarezerwował/);
			expect(error.nextFreeSlots.length).toBeGreaterThanOrEqual(3);
			expect(error.nextFreeSlots[0]!.startsAt).toBe(at(day, '10:00'));
		});
	});

	describe('transitions', () => {
		let request: BookingView;

		test('preferred days make a request; the coordinator confirms it with advisor, time and place', async () => {
			const response = await book({
				format: 'premises',
				slot: undefined,
				preferredDays: [day, nextWorkingDay(day)]
			});
			expect(response.status).toBe(201);
			request = response.body.booking as BookingView;
			expect(request).toMatchObject({ status: 'requested', advisorId: null, startsAt: null });
			expect(request.preferredDays).toEqual([day, nextWorkingDay(day)]);
			expect(
				(
					await database.db
						.selectFrom('bookingClaims')
						.selectAll()
						.where('bookingId', '=', request.id)
						.execute()
				).length
			).toBe(0);

			const confirmed = await call('POST', `/api/bookings/${request.id}/confirm`, {
				token: tokens.coordinator,
				body: { advisorId: ADVISOR, startsAt: at(day, '12:00'), lengthMin: 60, place: 'ul. Wiejska 5' }
			});
			expect(confirmed.status).toBe(200);
			expect(confirmed.body.booking).toMatchObject({
				status: 'confirmed',
				startTime: '12:00',
				place: 'ul. Wiejska 5',
				version: 2
			});
			// Premises: the 30-minute buffer either side is held too.
			const claims = await database.db
				.selectFrom('bookingClaims')
				.select('cellStart')
				.where('bookingId', '=', request.id)
				.orderBy('cellStart')
				.execute();
			expect(claims.map((c) => c.cellStart)).toEqual([
				at(day, '11:30'),
				at(day, '11:45'),
				at(day, '12:00'),
				at(day, '12:15'),
				at(day, '12:30'),
				at(day, '12:45'),
				at(day, '13:00'),
				at(day, '13:15')
			]);
		});

		test("confirmed at the organisation's premises with the place left empty: the organisation's address", async () => {
			const request = async () => {
				const response = await book({ format: 'premises', slot: undefined, preferredDays: [day] });
				expect(response.status).toBe(201);
				return response.body.booking as BookingView;
			};
			const confirm = (booking: BookingView, time: string) =>
				call('POST', `/api/bookings/${booking.id}/confirm`, {
					token: tokens.coordinator,
					body: { advisorId: ADVISOR, startsAt: at(addDays(day, 20), time), lengthMin: 60, place: '  ' }
				});
			const organisation = await database.db
				.selectFrom('organisations')
				.select(['id', 'street', 'postalCode', 'town'])
				.where('id', '=', (await request()).organisationId)
				.executeTakeFirstOrThrow();
			const withAddress = await confirm(await request(), '06:00');
			expect(withAddress.status).toBe(200);
			expect(withAddress.body.booking).toMatchObject({
				place: `${organisation.street}, ${organisation.postalCode} ${organisation.town}`
			});

			// An organisation the app has no address for: the centre is asked to write the place.
			const without = await request();
			await database.db
				.updateTable('organisations')
				.set({ street: '', postalCode: '', town: '' })
				.where('id', '=', organisation.id)
				.execute();
			try {
				const refused = await confirm(without, '11:00');
				expect(refused.status).toBe(400);
				expect(refused.body.error?.fields?.place).toMatch(/^Podaj adres spotkania/);
				const stored = await database.db
					.selectFrom('bookings')
					.select('status')
					.where('id', '=', without.id)
					.executeTakeFirstOrThrow();
				expect(stored.status).toBe('requested');
			} finally {
				await database.db
					.updateTable('organisations')
					.set({ street: organisation.street, postalCode: organisation.postalCode, town: organisation.town })
					.where('id', '=', organisation.id)
					.execute();
			}
		});

		test('the NGO cannot confirm; the Lębork advisor does not even see it', async () => {
			const body = { advisorId: ADVISOR, startsAt: at(day, '14:00'), lengthMin: 60 };
			expect(
				(await call('POST', `/api/bookings/${request.id}/confirm`, { token: tokens.ngo, body })).status
			).toBe(403);
			// Refused for who it is, before its input is read: a broken body gets the same 403, not field errors.
			// (An organisation may move its own booking: reschedule reads its input first.)
			for (const action of ['confirm', 'decline']) {
				const broken = await call('POST', `/api/bookings/${request.id}/${action}`, {
					token: tokens.ngo,
					body: { advisorId: 7 }
				});
				expect(broken.status, action).toBe(403);
			}
			expect((await call('GET', `/api/bookings/${request.id}`, { token: tokens.advisor2 })).status).toBe(404);
		});

		test('a reschedule keeps the id and the .ics UID, moves the claims and bumps SEQUENCE', async () => {
			const before = await getText(`/api/bookings/${request.id}.ics`, { token: tokens.ngo });
			const moved = await call('POST', `/api/bookings/${request.id}/reschedule`, {
				token: tokens.coordinator,
				body: { startsAt: at(day, '13:30') }
			});
			expect(moved.status).toBe(200);
			expect(moved.body.booking).toMatchObject({
				id: request.id,
				status: 'rescheduled',
				startTime: '13:30',
				previousStartsAt: at(day, '12:00')
			});
			const after = await getText(`/api/bookings/${request.id}.ics`, { token: tokens.ngo });
			expect(after.status).toBe(200);
			const [first] = parseIcs(before.text).events;
			const [second] = parseIcs(after.text).events;
			expect(second!.uid).toBe(first!.uid);
			// The organisation's calendar names whom it meets; the advisor's, which organisation.
			expect(second!.summary).toMatch(/^Doradztwo — .+ \(.+\)$/);
			expect(second!.summary).not.toContain(request.organisationName);
			const staffCopy = await getText(`/api/bookings/${request.id}.ics`, { token: tokens.coordinator });
			expect(parseIcs(staffCopy.text).events[0]!.summary).toBe(`Doradztwo: ${request.organisationName}`);
			expect(second!.uid).toBe(`booking-${request.id}@doradca`);
			expect(second!.sequence).toBeGreaterThan(first!.sequence);
			expect(second!.tzid).toBe('Europe/Warsaw');
			expect(second!.wallClock).toBe(`${day}T13:30:00`);
			expect(second!.start).toBe(at(day, '13:30'));
			expect(second!.stamp).toMatch(/Z$/);
		});

		test('confirming or moving onto a time another booking holds: 409 slot_taken, that advisor’s next slots, nothing changed', async () => {
			const other = (await book({ slot: undefined, preferredDays: [day] })).body.booking as BookingView;
			const clash = await call('POST', `/api/bookings/${other.id}/confirm`, {
				token: tokens.coordinator,
				body: { advisorId: ADVISOR, startsAt: at(day, '13:30'), lengthMin: 60 }
			});
			expect(clash.status).toBe(409);
			const offered = clash.body.error as { code: string; message: string; nextFreeSlots: Slot[] };
			expect(offered.code).toBe('slot_taken');
			expect(offered.nextFreeSlots.length).toBeGreaterThan(0);
			expect(offered.nextFreeSlots.every((s) => s.advisorId === ADVISOR)).toBe(true);
			expect(offered.nextFreeSlots.every((s) => s.startsAt > at(day, '13:30'))).toBe(true);
			expect(
				(await call('GET', `/api/bookings/${other.id}`, { token: tokens.coordinator })).body.booking
			).toMatchObject({ status: 'requested', startsAt: null, version: 1 });

			const moved = await call('POST', `/api/bookings/${request.id}/reschedule`, {
				token: tokens.coordinator,
				body: { startsAt: at(day, '09:00') }
			});
			expect(moved.status).toBe(409);
			expect(moved.body.error!.code).toBe('slot_taken');
			// The organisation moving its own visit onto a time it is offered that the 09:00 meeting's claims cover
			// (10:00 at its premises needs the travel buffer from 09:30) hears the same: taken, not "the advisor does
			// not work then".
			const movedByNgo = await call('POST', `/api/bookings/${request.id}/reschedule`, {
				token: tokens.ngo,
				body: { startsAt: at(day, '10:00') }
			});
			expect(movedByNgo.status, JSON.stringify(movedByNgo.body)).toBe(409);
			expect(movedByNgo.body.error!.code).toBe('slot_taken');
			expect(
				(await call('GET', `/api/bookings/${request.id}`, { token: tokens.coordinator })).body.booking
			).toMatchObject({ status: 'rescheduled', startTime: '13:30', version: 3 });
		});

		test('no-show before the start is refused; cancel frees the time; a cancelled booking is not confirmed again', async () => {
			const early = await call('POST', `/api/bookings/${request.id}/no-show`, {
				token: tokens.coordinator,
				body: {}
			});
			expect(early.status).toBe(400);
			const noReason = await call('POST', `/api/bookings/${request.id}/cancel`, {
				token: tokens.ngo,
				body: { reason: ' ' }
			});
			expect(noReason.status).toBe(400);
			const cancelled = await call('POST', `/api/bookings/${request.id}/cancel`, {
				token: tokens.ngo,
				body: { reason: 'Zmiana planów' }
			});
			expect(cancelled.status).toBe(200);
			expect(cancelled.body.booking).toMatchObject({
				status: 'cancelled',
				cancelledBy: 'ngo',
				reason: 'Zmiana planów'
			});
			expect(
				(
					await database.db
						.selectFrom('bookingClaims')
						.selectAll()
						.where('bookingId', '=', request.id)
						.execute()
				).length
			).toBe(0);

			const again = await call('POST', `/api/bookings/${request.id}/confirm`, {
				token: tokens.coordinator,
				body: { advisorId: ADVISOR, startsAt: at(day, '12:00'), lengthMin: 60 }
			});
			expect(again.status).toBe(409);
			expect(again.body.error).toMatchObject({ code: 'bad_transition' });
			expect(again.body.error!.message).toMatch(/odwołana/);
			const english = await call('POST', `/api/bookings/${request.id}/confirm`, {
				token: tokens.coordinator,
				locale: 'en',
				body: { advisorId: ADVISOR, startsAt: at(day, '12:00'), lengthMin: 60 }
			});
			expect(english.body.error!.message).toMatch(/cancelled/);
			const row = await database.db
				.selectFrom('bookings')
				.selectAll()
				.where('id', '=', request.id)
				.executeTakeFirstOrThrow();
			expect(row.status).toBe('cancelled');
			expect(row.version).toBe(4);

			const ics = await getText(`/api/bookings/${request.id}.ics`, { token: tokens.coordinator });
			expect(parseIcs(ics.text).events[0]!.status).toBe('CANCELLED');
		});

		test('decline needs a reason and works on requests only', async () => {
			const response = await book({ preferredDays: [day] });
			const id = (response.body.booking as BookingView).id;
			const declined = await call('POST', `/api/bookings/${id}/decline`, {
				token: tokens.advisor,
				body: { reason: 'Brak wolnych terminów' }
			});
			expect(declined.status).toBe(200);
			expect(declined.body.booking).toMatchObject({ status: 'declined', reason: 'Brak wolnych terminów' });
			const twice = await call('POST', `/api/bookings/${id}/decline`, {
				token: tokens.advisor,
				body: { reason: 'x' }
			});
			expect(twice.status).toBe(409);
		});

		test('every change is in the audit log', async () => {
			const actions = await database.db
				.selectFrom('auditLog')
				.select('action')
				.where('entity', '=', 'booking')
				.where('entityId', '=', request.id)
				.orderBy('id')
				.execute();
			expect(actions.map((a) => a.action)).toEqual(['requested', 'confirmed', 'rescheduled', 'cancelled']);
		});
	});

	describe('who sees what', () => {
		test('lists are scoped by role', async () => {
			const list = async (token: string) =>
				((await call('GET', '/api/bookings', { token })).body.bookings as BookingView[]).map((b) => b.id);
			const all = await list(tokens.admin);
			expect(all.length).toBeGreaterThan(2);
			expect(await list(tokens.ngo)).toEqual(all);
			expect((await list(tokens.coordinator)).length).toBe(all.length);
			expect(await list(tokens.advisor2)).toEqual([]);
			const statuses = await call('GET', '/api/bookings?status=cancelled,declined', {
				token: tokens.coordinator
			});
			expect(
				(statuses.body.bookings as BookingView[]).every((b) => ['cancelled', 'declined'].includes(b.status))
			).toBe(true);
		});

		test('nearest centres: the organisation’s town first', async () => {
			const response = await call('GET', '/api/centres/nearest', { token: tokens.ngo });
			const centres = response.body.centres as { id: string; match: string; slotLengths: number[] }[];
			expect(centres[0]).toMatchObject({ id: SLUPSK, match: 'town', slotLengths: [60, 120] });
			const lebork = await call('GET', '/api/centres/nearest?town=Lębork', { token: tokens.ngo });
			expect((lebork.body.centres as { id: string }[])[0]!.id).toBe(LEBORK);
		});
	});

	describe('calendar feed', () => {
		test('a private URL with the advisor’s visits; revoked → 410', async () => {
			expect((await call('POST', '/api/calendar/token', { token: tokens.ngo, body: {} })).status).toBe(403);
			const created = await call('POST', '/api/calendar/token', { token: tokens.advisor, body: {} });
			expect(created.status).toBe(201);
			const url = new URL(created.body.url as string);
			expect(url.pathname).toMatch(/^\/api\/calendar\/[\w-]{40,}\.ics$/);
			const status = await call('GET', '/api/calendar/token', { token: tokens.advisor });
			expect(status.body).toMatchObject({ active: true });

			const feed = await getText(url.pathname);
			expect(feed.status).toBe(200);
			expect(feed.headers.get('content-type')).toMatch(/text\/calendar/);
			const { calendar, events } = parseIcs(feed.text);
			expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Warsaw');
			const confirmed = events.find((e) => e.wallClock === `${day}T09:00:00`);
			expect(confirmed).toMatchObject({
				status: 'CONFIRMED',
				tzid: 'Europe/Warsaw',
				start: at(day, '09:00')
			});
			expect(events.some((e) => e.status === 'CANCELLED')).toBe(true);
			expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

			// A new URL revokes the old one; deleting revokes every one.
			const rotated = await call('POST', '/api/calendar/token', { token: tokens.advisor, body: {} });
			expect((await getText(url.pathname)).status).toBe(410);
			const rotatedPath = new URL(rotated.body.url as string).pathname;
			expect((await getText(rotatedPath)).status).toBe(200);
			expect((await call('DELETE', '/api/calendar/token', { token: tokens.advisor })).status).toBe(200);
			const revoked = await getText(rotatedPath);
			expect(revoked.status).toBe(410);
			expect(revoked.text).toMatch(/wyłączony/);
			expect((await getText('/api/calendar/nonexistent-token-aaaaaaaaaaaaaaaaaaaa.ics')).status).toBe(404);
		});

		test('a feed ends when its advisor is no longer an advisor', async () => {
			const staff = await addStaff(database.db, 'advisor', SLUPSK);
			const token = await signInToken(call, staff.email, staff.password);
			const created = await call('POST', '/api/calendar/token', { token, body: {} });
			const path = new URL(created.body.url as string).pathname;
			expect((await getText(path)).status).toBe(200);
			await database.db
				.updateTable('memberships')
				.set({ role: 'coordinator' })
				.where('userId', '=', staff.userId)
				.execute();
			expect((await getText(path)).status).toBe(410);
		});
	});

	describe('slice and done', () => {
		test('each role gets its bookings; a consultation for a booking marks it done; the NGO sees topics, hours and, once the card is finished, the next steps — never the notes', async () => {
			const response = await book({ slot: slotAt('14:00') });
			const booking = response.body.booking as BookingView;

			const slice = async (token: string) =>
				(await call('GET', '/api/slice', { token })).body.bookings as BookingView[];
			expect((await slice(tokens.advisor)).map((b) => b.id)).toContain(booking.id);
			expect((await slice(tokens.advisor)).every((b) => b.advisorId === ADVISOR)).toBe(true);
			expect((await slice(tokens.coordinator)).map((b) => b.id)).toContain(booking.id);
			expect(await slice(tokens.advisor2)).toEqual([]);
			expect(await slice(tokens.admin)).toEqual([]);

			const device = await openDevice(database.db, {
				email: 'doradca@demo.pl',
				password: DEMO_PASSWORD,
				userId: ADVISOR,
				centreId: SLUPSK
			});
			const consultationId = newId();
			await saveDraft(
				device.db,
				device.ctx,
				consultationId,
				{
					organisationId: booking.organisationId,
					date: warsawToday(new Date()),
					startTime: '08:00',
					endTime: '09:30',
					durationMin: 90,
					placeKind: 'centre',
					topics: ['accounting', 'taxes'],
					notes: 'Notatka wewnętrzna doradcy',
					followUps: 'Złożyć sprawozdanie do końca marca'
				},
				{ bookingId: booking.id }
			);
			await device.sync();
			const ngoView = async () => (await slice(tokens.ngo)).find((b) => b.id === booking.id)!;
			// A draft's next steps are still being written: not shown yet.
			expect(await ngoView()).toMatchObject({
				status: 'done',
				consultationId,
				consultation: { topics: ['accounting', 'taxes'], durationMin: 90, followUps: '' }
			});

			await completeConsultation(device.db, device.ctx, consultationId);
			await device.sync();
			expect((await ngoView()).consultation).toEqual({
				topics: ['accounting', 'taxes'],
				durationMin: 90,
				followUps: 'Złożyć sprawozdanie do końca marca'
			});
			expect(JSON.stringify(await slice(tokens.ngo))).not.toContain('Notatka wewnętrzna');
			device.db.close();
		});
	});
});
