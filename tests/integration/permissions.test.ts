/**
 * The permission matrix: every API route × every role × own / other data. Each forbidden cell must be refused
 * (401 without a session, 403 or 404 with one) and each allowed cell must work. Runs on SQLite and PostgreSQL.
 * Demo roles: the coordinator and `advisor` work at Słupsk, `advisor2` at Lębork, the NGO belongs to a Słupsk
 * organisation. Cells that change state build fresh data per actor, so an allowed call never meets an earlier
 * one's result. The sync routes have their own tests (sync-*.test.ts), the token-keyed calendar feed too.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { centreBody, registrationBody, uniqueEmail } from './helpers/factories';
import { currentMonth, insertConsultation, pastMonth } from './helpers/coordinator';
import { at, nthWorkingDay, weekdayWindows, workingDayAhead } from './helpers/booking';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_PASSWORD, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { newId } from '$lib/domain/ids';
import { addDays, warsawToday } from '$lib/domain/hours';
import { registerOrganisation } from '$lib/server/registrations';
import { RegistrationInput } from '$lib/domain/schemas';
import * as v from 'valibot';

type Actor = 'anonymous' | 'admin' | 'coordinator' | 'advisor' | 'advisor2' | 'ngo';
const ACTORS: Actor[] = ['anonymous', 'admin', 'coordinator', 'advisor', 'advisor2', 'ngo'];
const EMAILS: Record<Exclude<Actor, 'anonymous'>, string> = {
	admin: 'admin@demo.pl',
	coordinator: 'koordynator@demo.pl',
	advisor: 'doradca@demo.pl',
	advisor2: 'doradca2@demo.pl',
	ngo: 'ngo@demo.pl'
};

type Expect = 'ok' | 'denied';
interface Cell {
	name: string;
	method: string;
	/** Builds the request for this actor (fresh data per cell where the call changes state). */
	request: (
		ctx: Context,
		actor: Actor
	) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
	allowed: Actor[];
}

interface Context {
	db: TestDatabase;
	ngoOrganisationId: string;
	otherOrganisationId: string;
	pendingIn: (centre: keyof typeof DEMO_CENTRE_IDS) => Promise<string>;
	/** A call as the admin, for setting up a cell. */
	asAdmin: (method: string, path: string, body?: unknown) => ReturnType<ApiCall>;
	/** A completed consultation of this month: the Słupsk advisor's, or the Lębork advisor's. */
	consultationIn: (centre: 'slupsk' | 'lebork') => Promise<string>;
	/** The NGO's request (preferred days) at Słupsk; `confirmedAt` turns it into a visit of the Słupsk advisor. */
	bookingRequest: (confirmedAt?: string) => Promise<string>;
}

const SLUPSK = DEMO_CENTRE_IDS.slupsk;
const LEBORK = DEMO_CENTRE_IDS.lebork;
const ADVISOR = DEMO_USER_IDS.advisor;
const SIGNED_IN: Actor[] = ['admin', 'coordinator', 'advisor', 'advisor2', 'ngo'];
const CENTRE_MANAGERS: Actor[] = ['admin', 'coordinator'];
/** Who acts for Słupsk: its coordinator and advisor, and the admin. */
const SLUPSK_STAFF: Actor[] = ['admin', 'coordinator', 'advisor'];
/** A different day for each actor, so two allowed calls never want the same time. */
const dayFor = (actor: Actor, from: number) => nthWorkingDay(from + 3 * ACTORS.indexOf(actor));

const MATRIX: Cell[] = [
	{
		name: 'who am I',
		method: 'GET',
		request: () => ({ path: '/api/session' }),
		allowed: ['admin', 'coordinator', 'advisor', 'advisor2', 'ngo']
	},
	{
		name: 'list centres (admin)',
		method: 'GET',
		request: () => ({ path: '/api/admin/centres' }),
		allowed: ['admin']
	},
	{
		name: 'create a centre',
		method: 'POST',
		request: () => ({ path: '/api/admin/centres', body: centreBody() }),
		allowed: ['admin']
	},
	{
		name: 'edit a centre',
		method: 'PATCH',
		request: () => ({
			path: `/api/admin/centres/${DEMO_CENTRE_IDS.slupsk}`,
			body: {
				...centreBody({ town: 'Słupsk', postalCode: '76-200', gminaTerc: '2263011', powiatTerc: '2263' }),
				kind: 'regional'
			}
		}),
		allowed: ['admin']
	},
	{ name: 'list users', method: 'GET', request: () => ({ path: '/api/admin/users' }), allowed: ['admin'] },
	{
		name: 'create a user',
		method: 'POST',
		request: () => ({
			path: '/api/admin/users',
			body: {
				email: uniqueEmail(),
				name: 'Nowy Doradca',
				role: 'advisor',
				centreId: DEMO_CENTRE_IDS.lebork,
				organisationId: null
			}
		}),
		allowed: ['admin']
	},
	{
		name: 'rename another user',
		method: 'PATCH',
		request: () => ({
			path: `/api/admin/users/${DEMO_USER_IDS.advisor2}`,
			body: { name: 'Dorota Doradczyni' }
		}),
		allowed: ['admin']
	},
	{
		name: 'pending registrations',
		method: 'GET',
		request: () => ({ path: '/api/registrations' }),
		allowed: ['admin', 'coordinator']
	},
	{
		name: 'approve a registration of own centre (Słupsk)',
		method: 'POST',
		request: async (ctx) => ({
			path: `/api/registrations/${await ctx.pendingIn('slupsk')}`,
			body: { decision: 'approve' }
		}),
		allowed: ['admin', 'coordinator']
	},
	{
		name: 'approve a registration of another centre (Lębork)',
		method: 'POST',
		request: async (ctx) => ({
			path: `/api/registrations/${await ctx.pendingIn('lebork')}`,
			body: { decision: 'approve' }
		}),
		allowed: ['admin']
	},
	{
		name: 'download the device slice',
		method: 'GET',
		request: () => ({ path: '/api/slice' }),
		allowed: ['admin', 'coordinator', 'advisor', 'advisor2', 'ngo']
	},
	{
		name: 'list organisations',
		method: 'GET',
		request: () => ({ path: '/api/organisations' }),
		allowed: ['admin', 'coordinator', 'advisor', 'advisor2', 'ngo']
	},
	{
		name: "read the NGO's own organisation",
		method: 'GET',
		request: (ctx) => ({ path: `/api/organisations/${ctx.ngoOrganisationId}` }),
		allowed: ['admin', 'coordinator', 'advisor', 'advisor2', 'ngo']
	},
	{
		name: 'read another active organisation',
		method: 'GET',
		request: (ctx) => ({ path: `/api/organisations/${ctx.otherOrganisationId}` }),
		allowed: ['admin', 'coordinator', 'advisor', 'advisor2']
	},
	// A pending organisation is read by its centre's staff (advisors keep the ones they add offline) and admins.
	{
		name: 'read a pending organisation of Lębork (advisor2’s centre)',
		method: 'GET',
		request: async (ctx) => ({ path: `/api/organisations/${await ctx.pendingIn('lebork')}` }),
		allowed: ['admin', 'advisor2']
	},
	{
		name: 'read a pending organisation of Słupsk (the coordinator’s and advisor’s centre)',
		method: 'GET',
		request: async (ctx) => ({ path: `/api/organisations/${await ctx.pendingIn('slupsk')}` }),
		allowed: ['admin', 'coordinator', 'advisor']
	},
	// The coordinator's month (issue 5)
	{
		name: 'read the project period',
		method: 'GET',
		request: () => ({ path: '/api/project-period' }),
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'change the project period',
		method: 'PUT',
		request: async (ctx) => {
			const { period } = (await ctx.asAdmin('GET', '/api/project-period')).body as {
				period: { name: string; startMonth: string; endMonth: string };
			};
			return {
				path: '/api/project-period',
				body: { name: period.name, startMonth: period.startMonth, endMonth: period.endMonth }
			};
		},
		allowed: ['admin']
	},
	{
		name: 'read the quotas',
		method: 'GET',
		request: () => ({ path: `/api/quotas?month=${currentMonth()}` }),
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'set the month target of Słupsk',
		method: 'PUT',
		request: () => ({
			path: '/api/quotas',
			body: { month: currentMonth(), centreId: SLUPSK, advisorId: null, targetMin: 1440, reason: 'test' }
		}),
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'set the month target of Lębork',
		method: 'PUT',
		request: () => ({
			path: '/api/quotas',
			body: { month: currentMonth(), centreId: LEBORK, advisorId: null, targetMin: 1440 }
		}),
		allowed: ['admin']
	},
	{
		name: 'quota history of Słupsk',
		method: 'GET',
		request: () => ({ path: `/api/quotas/history?centreId=${SLUPSK}` }),
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'month status of Słupsk',
		method: 'GET',
		request: () => ({ path: `/api/months/${pastMonth(1)}/status?centreId=${SLUPSK}` }),
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'month status of Lębork',
		method: 'GET',
		request: () => ({ path: `/api/months/${pastMonth(1)}/status?centreId=${LEBORK}` }),
		allowed: ['admin']
	},
	{
		name: 'close a past month of Słupsk',
		method: 'POST',
		request: (_ctx, actor) => ({
			path: `/api/months/${pastMonth(actor === 'admin' ? 2 : 3)}/close`,
			body: { centreId: SLUPSK, confirm: true }
		}),
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'reopen a closed month of Słupsk',
		method: 'POST',
		request: async (ctx) => {
			const month = pastMonth(4);
			const status = await ctx.asAdmin('GET', `/api/months/${month}/status?centreId=${SLUPSK}`);
			if (!status.body.closed) {
				await ctx.asAdmin('POST', `/api/months/${month}/close`, { centreId: SLUPSK, confirm: true });
			}
			return { path: `/api/months/${month}/reopen`, body: { centreId: SLUPSK, reason: 'Korekta godzin' } };
		},
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'approve a consultation of Słupsk',
		method: 'POST',
		request: async (ctx) => ({
			path: `/api/consultations/${await ctx.consultationIn('slupsk')}/approve`,
			body: {}
		}),
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'approve a consultation of Lębork',
		method: 'POST',
		request: async (ctx) => ({
			path: `/api/consultations/${await ctx.consultationIn('lebork')}/approve`,
			body: {}
		}),
		allowed: ['admin']
	},
	{
		name: 'approve consultations of Słupsk together',
		method: 'POST',
		request: async (ctx) => ({
			path: '/api/consultations/approve',
			body: { ids: [await ctx.consultationIn('slupsk'), await ctx.consultationIn('slupsk')] }
		}),
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'flag a consultation of Słupsk',
		method: 'POST',
		request: async (ctx) => ({
			path: `/api/consultations/${await ctx.consultationIn('slupsk')}/flag`,
			body: { comment: 'Brak podpisu' }
		}),
		allowed: CENTRE_MANAGERS
	},
	{
		name: 'remove the flag of a consultation of Słupsk',
		method: 'DELETE',
		request: async (ctx) => {
			const id = await ctx.consultationIn('slupsk');
			await ctx.asAdmin('POST', `/api/consultations/${id}/flag`, { comment: 'Brak podpisu' });
			return { path: `/api/consultations/${id}/flag` };
		},
		allowed: CENTRE_MANAGERS
	},
	{
		name: "audit trail of the Słupsk advisor's consultation",
		method: 'GET',
		request: async (ctx) => ({ path: `/api/consultations/${await ctx.consultationIn('slupsk')}/audit` }),
		allowed: SLUPSK_STAFF
	},
	{
		name: 'dashboard of Słupsk',
		method: 'GET',
		request: () => ({ path: `/api/reports/dashboard?month=${currentMonth()}&centreId=${SLUPSK}` }),
		allowed: CENTRE_MANAGERS
	},
	...(['csv', 'xlsx', 'pdf'] as const).map((kind): Cell => ({
		// An advisor gets its own statement; the month holds at least one of its visits.
		name: `monthly statement of Słupsk (${kind})`,
		method: 'GET',
		request: async (ctx) => {
			await ctx.consultationIn('slupsk');
			return { path: `/api/reports/month.${kind}?month=${currentMonth()}&centreId=${SLUPSK}` };
		},
		allowed: SLUPSK_STAFF
	})),
	{
		name: "visit card PDF of the Słupsk advisor's consultation",
		method: 'GET',
		request: async (ctx) => ({ path: `/api/reports/card/${await ctx.consultationIn('slupsk')}.pdf` }),
		allowed: SLUPSK_STAFF
	},
	// Booking (issue 6)
	{
		name: 'nearest centres',
		method: 'GET',
		request: () => ({ path: '/api/centres/nearest?town=Słupsk' }),
		allowed: SIGNED_IN
	},
	{
		name: 'booking formats of Słupsk',
		method: 'GET',
		request: () => ({ path: `/api/centres/${SLUPSK}/booking-settings` }),
		allowed: SIGNED_IN
	},
	{
		name: 'change the booking formats of Słupsk',
		method: 'PUT',
		request: () => ({
			path: `/api/centres/${SLUPSK}/booking-settings`,
			body: { formats: ['premises', 'centre', 'remote'] }
		}),
		allowed: CENTRE_MANAGERS
	},
	{
		name: "read the Słupsk advisor's availability",
		method: 'GET',
		request: () => ({ path: `/api/availability?advisorId=${ADVISOR}` }),
		allowed: SLUPSK_STAFF
	},
	{
		name: "replace the Słupsk advisor's weekly windows",
		method: 'PUT',
		request: () => ({
			path: '/api/availability',
			body: { advisorId: ADVISOR, centreId: SLUPSK, windows: weekdayWindows() }
		}),
		allowed: SLUPSK_STAFF
	},
	{
		name: 'add a day of leave for the Słupsk advisor',
		method: 'POST',
		request: (_ctx, actor) => ({
			path: '/api/availability/exceptions',
			body: { advisorId: ADVISOR, date: dayFor(actor, 60), kind: 'leave' }
		}),
		allowed: SLUPSK_STAFF
	},
	{
		name: 'remove a day of leave of the Słupsk advisor',
		method: 'DELETE',
		request: async (ctx, actor) => {
			const added = await ctx.asAdmin('POST', '/api/availability/exceptions', {
				advisorId: ADVISOR,
				date: dayFor(actor, 61),
				kind: 'leave'
			});
			return { path: `/api/availability/exceptions/${(added.body.exception as { id: string }).id}` };
		},
		allowed: SLUPSK_STAFF
	},
	{
		name: 'free slots of Słupsk',
		method: 'GET',
		request: () => ({ path: `/api/slots?centreId=${SLUPSK}&format=centre` }),
		allowed: SIGNED_IN
	},
	{
		name: 'request a visit at Słupsk',
		method: 'POST',
		request: (_ctx, actor) => ({
			path: '/api/bookings',
			body: {
				clientId: newId(),
				centreId: SLUPSK,
				topic: 'accounting',
				format: 'premises',
				preferredDays: [dayFor(actor, 5)]
			}
		}),
		allowed: ['ngo']
	},
	{ name: 'list bookings', method: 'GET', request: () => ({ path: '/api/bookings' }), allowed: SIGNED_IN },
	{
		name: "read the NGO's request at Słupsk",
		method: 'GET',
		request: async (ctx) => ({ path: `/api/bookings/${await ctx.bookingRequest()}` }),
		allowed: [...SLUPSK_STAFF, 'ngo']
	},
	{
		name: "download the NGO's visit at Słupsk as .ics",
		method: 'GET',
		request: async (ctx, actor) => ({
			path: `/api/bookings/${await ctx.bookingRequest(at(dayFor(actor, 8), '09:00'))}.ics`
		}),
		allowed: [...SLUPSK_STAFF, 'ngo']
	},
	{
		name: 'confirm a request at Słupsk',
		method: 'POST',
		request: async (ctx, actor) => ({
			path: `/api/bookings/${await ctx.bookingRequest()}/confirm`,
			body: { advisorId: ADVISOR, startsAt: at(dayFor(actor, 30), '10:00'), lengthMin: 60 }
		}),
		allowed: SLUPSK_STAFF
	},
	{
		name: 'decline a request at Słupsk',
		method: 'POST',
		request: async (ctx) => ({
			path: `/api/bookings/${await ctx.bookingRequest()}/decline`,
			body: { reason: 'Brak wolnych terminów' }
		}),
		allowed: SLUPSK_STAFF
	},
	{
		name: 'cancel a request at Słupsk',
		method: 'POST',
		request: async (ctx) => ({
			path: `/api/bookings/${await ctx.bookingRequest()}/cancel`,
			body: { reason: 'Zmiana planów' }
		}),
		allowed: [...SLUPSK_STAFF, 'ngo']
	},
	{
		name: 'reschedule a visit at Słupsk to a free slot',
		method: 'POST',
		request: async (ctx, actor) => {
			const id = await ctx.bookingRequest(at(dayFor(actor, 8), '13:00'));
			const day = dayFor(actor, 9);
			const { slots } = (
				await ctx.asAdmin(
					'GET',
					`/api/slots?centreId=${SLUPSK}&format=centre&length=60&advisorId=${ADVISOR}&from=${day}&to=${day}`
				)
			).body as { slots: { startsAt: string; advisorId: string }[] };
			return {
				path: `/api/bookings/${id}/reschedule`,
				body: { startsAt: slots[0]!.startsAt, lengthMin: 60 }
			};
		},
		allowed: [...SLUPSK_STAFF, 'ngo']
	},
	{
		name: 'mark a past visit at Słupsk as a no-show',
		method: 'POST',
		request: async (ctx) => {
			const yesterday = addDays(warsawToday(new Date()), -1);
			return { path: `/api/bookings/${await ctx.bookingRequest(at(yesterday, '10:00'))}/no-show`, body: {} };
		},
		allowed: SLUPSK_STAFF
	},
	{
		name: 'calendar subscription status',
		method: 'GET',
		request: () => ({ path: '/api/calendar/token' }),
		allowed: ['advisor', 'advisor2']
	},
	{
		name: 'new calendar subscription address',
		method: 'POST',
		request: () => ({ path: '/api/calendar/token', body: {} }),
		allowed: ['advisor', 'advisor2']
	},
	{
		name: 'revoke the calendar subscription',
		method: 'DELETE',
		request: () => ({ path: '/api/calendar/token' }),
		allowed: ['advisor', 'advisor2']
	}
];

test("the actors' days never coincide, across holidays too", () => {
	// From Sunday 29 November 2026, +33 to +36 calendar days all land on Monday 4 January 2027 (after New Year);
	// counted in working days (24–26 December, 1 and 6 January are holidays) they are four days apart.
	const now = new Date('2026-11-29T10:00:00Z');
	expect([33, 34, 35, 36].map((n) => nthWorkingDay(n, now))).toEqual([
		'2027-01-19',
		'2027-01-20',
		'2027-01-21',
		'2027-01-22'
	]);
	const days = ACTORS.flatMap((actor) => [8, 9, 30].map((from) => dayFor(actor, from)));
	expect(new Set(days).size).toBe(days.length);
});

describe.each(ENGINES)('permission matrix on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	const tokens = new Map<Actor, string | undefined>();
	let ctx: Context;

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		call = apiClient(database.db);
		tokens.set('anonymous', undefined);
		for (const [actor, email] of Object.entries(EMAILS))
			tokens.set(actor as Actor, await signInToken(call, email, DEMO_PASSWORD));
		const ngoMembership = await database.db
			.selectFrom('memberships')
			.select('organisationId')
			.where('userId', '=', DEMO_USER_IDS.ngo)
			.executeTakeFirstOrThrow();
		const other = await database.db
			.selectFrom('organisations')
			.select('id')
			.where('id', '!=', ngoMembership.organisationId!)
			.where('status', '=', 'active')
			.executeTakeFirstOrThrow();
		ctx = {
			db: database,
			ngoOrganisationId: ngoMembership.organisationId!,
			otherOrganisationId: other.id,
			pendingIn: async (centre) => {
				const input = v.parse(RegistrationInput, registrationBody(DEMO_CENTRE_IDS[centre]));
				return (await registerOrganisation(database.db, input, 'pl')).organisationId;
			},
			asAdmin: (method, path, body) => call(method, path, { token: tokens.get('admin'), body }),
			consultationIn: (centre) =>
				insertConsultation(
					database.db,
					centre === 'slupsk'
						? { date: `${currentMonth()}-01` }
						: { date: `${currentMonth()}-01`, advisorId: DEMO_USER_IDS.advisor2, centreId: LEBORK }
				),
			bookingRequest: async (confirmedAt) => {
				const response = await call('POST', '/api/bookings', {
					token: tokens.get('ngo'),
					body: {
						clientId: newId(),
						centreId: SLUPSK,
						topic: 'accounting',
						format: 'centre',
						preferredDays: [workingDayAhead(2)]
					}
				});
				const id = (response.body.booking as { id: string }).id;
				if (confirmedAt) {
					// Straight into the table: a visit held at a given time, past ones included (no-show).
					await database.db
						.updateTable('bookings')
						.set({
							status: 'confirmed',
							advisorId: ADVISOR,
							startsAt: confirmedAt,
							endsAt: new Date(Date.parse(confirmedAt) + 3_600_000).toISOString(),
							lengthMin: 60
						})
						.where('id', '=', id)
						.execute();
				}
				return id;
			}
		};
		// Windows for the slots the NGO may move a visit to.
		await call('PUT', '/api/availability', {
			token: tokens.get('admin'),
			body: { advisorId: ADVISOR, centreId: SLUPSK, windows: weekdayWindows() }
		});
	});

	afterAll(async () => {
		await database?.close();
	});

	const cells = MATRIX.flatMap((cell) => ACTORS.map((actor) => ({ cell, actor })));
	test.each(
		cells.map(({ cell, actor }) => [`${cell.method} ${cell.name} as ${actor}`, cell, actor] as const)
	)('%s', async (_label, cell, actor) => {
		const { path, body } = await cell.request(ctx, actor);
		const response = await call(cell.method, path, { token: tokens.get(actor), body });
		const expected: Expect = cell.allowed.includes(actor) ? 'ok' : 'denied';
		if (expected === 'ok') {
			expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(200);
			expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
		} else {
			const allowedStatuses = actor === 'anonymous' ? [401] : [403, 404];
			expect(allowedStatuses, JSON.stringify(response.body)).toContain(response.status);
			expect(response.body.error?.message).toBeTruthy();
		}
	});

	test('a refused change leaves no trace: a denied centre edit changes nothing', async () => {
		const before = await database.db
			.selectFrom('centres')
			.selectAll()
			.where('id', '=', DEMO_CENTRE_IDS.lebork)
			.executeTakeFirstOrThrow();
		const response = await call('PATCH', `/api/admin/centres/${DEMO_CENTRE_IDS.lebork}`, {
			token: tokens.get('coordinator'),
			body: { ...centreBody({ name: 'Przejęte' }), active: false }
		});
		expect(response.status).toBe(403);
		const after = await database.db
			.selectFrom('centres')
			.selectAll()
			.where('id', '=', DEMO_CENTRE_IDS.lebork)
			.executeTakeFirstOrThrow();
		expect(after).toEqual(before);
	});
});
