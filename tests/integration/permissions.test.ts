/**
 * The permission matrix: every API route × every role × own / other data. Each forbidden cell must be refused
 * (401 without a session, 403 or 404 with one) and each allowed cell must work. Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall } from './helpers/api';
import { centreBody, registrationBody, uniqueEmail } from './helpers/factories';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_PASSWORD, DEMO_USER_IDS } from '$lib/server/db/demo-data';
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
	request: (ctx: Context) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
	allowed: Actor[];
}

interface Context {
	db: TestDatabase;
	ngoOrganisationId: string;
	otherOrganisationId: string;
	pendingIn: (centre: keyof typeof DEMO_CENTRE_IDS) => Promise<string>;
}

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
	}
];

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
				return (await registerOrganisation(database.db, input)).organisationId;
			}
		};
	});

	afterAll(async () => {
		await database?.close();
	});

	const cells = MATRIX.flatMap((cell) => ACTORS.map((actor) => ({ cell, actor })));
	test.each(
		cells.map(({ cell, actor }) => [`${cell.method} ${cell.name} as ${actor}`, cell, actor] as const)
	)('%s', async (_label, cell, actor) => {
		const { path, body } = await cell.request(ctx);
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
