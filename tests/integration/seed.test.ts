import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkKrs, checkNip, checkRegon } from '$lib/domain/identifiers';
import { findGmina, findPowiat } from '$lib/domain/terc';
import { CentreInput, OrganisationInput, validate } from '$lib/domain/schemas';
import { verifyPassword } from '$lib/server/auth/password';
import {
	DEMO_ACCOUNTS,
	DEMO_CENTRE_IDS,
	DEMO_CENTRES,
	DEMO_ORGANISATION_IDS,
	DEMO_ORGANISATIONS,
	DEMO_PASSWORD,
	DEMO_USER_IDS
} from '$lib/server/db/demo-data';
import type { DB } from '$lib/server/db/schema';
import { seedDemo } from '$lib/server/db/seed';
import { ENGINES, openTestDatabase, reopenTestDatabase, type TestDatabase } from './helpers/databases';

const count = async (db: Kysely<DB>, table: keyof DB) =>
	(
		await db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	).n;

describe('demo data (static)', () => {
	it('passes the same validation as an organisation entered in the app', () => {
		for (const org of DEMO_ORGANISATIONS) {
			const { name, kind, legalForm, krs, nip, regon, street, postalCode, town, gminaTerc, powiatTerc } = org;
			const input = {
				name,
				kind,
				legalForm,
				krs,
				nip,
				regon,
				street,
				postalCode,
				town,
				gminaTerc,
				powiatTerc
			};
			const result = validate(OrganisationInput, { ...input, email: null, phone: null, website: null });
			expect(result.ok ? {} : result.fieldErrors, org.name).toEqual({});
		}
		for (const centre of DEMO_CENTRES) {
			const { name, town, kind, street, postalCode, gminaTerc, powiatTerc, email, phone } = centre;
			const result = validate(CentreInput, {
				name,
				town,
				kind,
				street,
				postalCode,
				gminaTerc,
				powiatTerc,
				email,
				phone
			});
			expect(result.ok ? {} : result.fieldErrors, centre.name).toEqual({});
		}
	});

	it('has valid check digits on every identifier', () => {
		for (const org of DEMO_ORGANISATIONS) {
			if (org.nip !== null)
				expect(checkNip(org.nip), `${org.name} NIP`).toEqual({ ok: true, value: org.nip });
			if (org.regon !== null)
				expect(checkRegon(org.regon), `${org.name} REGON`).toEqual({ ok: true, value: org.regon });
			if (org.krs !== null)
				expect(checkKrs(org.krs), `${org.name} KRS`).toEqual({ ok: true, value: org.krs });
		}
		const nips = DEMO_ORGANISATIONS.flatMap((o) => (o.nip ? [o.nip] : []));
		expect(new Set(nips).size).toBe(nips.length);
	});

	it('uses real TERC codes: each gmina lies in its powiat', () => {
		for (const place of [...DEMO_CENTRES, ...DEMO_ORGANISATIONS]) {
			expect(place.gminaTerc, place.name).toMatch(/^22\d{5}$/);
			expect(place.powiatTerc, place.name).toMatch(/^22\d{2}$/);
			expect(findGmina(place.gminaTerc)?.powiatCode, place.name).toBe(place.powiatTerc);
			expect(findPowiat(place.powiatTerc), place.name).toBeDefined();
			expect(place.postalCode).toMatch(/^\d{2}-\d{3}$/);
		}
	});

	it('has the nine COP centres, Słupsk the only regional one', () => {
		expect(DEMO_CENTRES.map((c) => c.town)).toEqual([
			'Słupsk',
			'Kartuzy',
			'Lębork',
			'Ustka',
			'Tczew',
			'Sopot',
			'Gdańsk',
			'Pruszcz Gdański',
			'Kwidzyn'
		]);
		expect(DEMO_CENTRES.filter((c) => c.kind === 'regional').map((c) => c.id)).toEqual([
			DEMO_CENTRE_IDS.slupsk
		]);
		expect(DEMO_CENTRES.find((c) => c.id === DEMO_CENTRE_IDS.slupsk)?.gminaTerc).toBe('2263011');
		expect(DEMO_CENTRES.find((c) => c.id === DEMO_CENTRE_IDS.kartuzy)?.gminaTerc).toBe('2205023');
	});

	it('mixes the legal forms, with KRS only where the form has one', () => {
		const forms = new Set<string>(DEMO_ORGANISATIONS.map((o) => o.legalForm));
		for (const form of [
			'fundacja',
			'stowarzyszenie',
			'stowarzyszenie_zwykle',
			'kgw',
			'osp',
			'klub_sportowy'
		]) {
			expect(forms).toContain(form);
		}
		for (const form of ['spoldzielnia_socjalna', 'lgd', 'powiat']) expect(forms).toContain(form);
		const jst = DEMO_ORGANISATIONS.filter((o) => o.kind === 'jst');
		expect(jst.map((o) => o.legalForm).sort()).toEqual(['gmina_wiejska', 'powiat']);
		for (const o of DEMO_ORGANISATIONS) {
			// Forms outside the KRS (ordinary associations, UKS, KGW) and local governments have no KRS number.
			const registered = !['stowarzyszenie_zwykle', 'klub_sportowy', 'kgw'].includes(o.legalForm);
			expect(o.krs !== null, o.name).toBe(registered && o.kind === 'ngo');
		}
		expect(DEMO_ORGANISATIONS.length).toBeGreaterThanOrEqual(20);
		expect(new Set(DEMO_ORGANISATIONS.map((o) => o.id))).toEqual(
			new Set(Object.values(DEMO_ORGANISATION_IDS))
		);
	});
});

describe.each(ENGINES)('%s', (engine) => {
	let t: TestDatabase;
	beforeEach(async () => {
		t = await openTestDatabase(engine);
	});
	afterEach(async () => {
		await t.close();
	});

	it('seeds an empty database once: a second run changes nothing', async () => {
		expect(await seedDemo(t.db)).toBe(true);
		expect(await seedDemo(t.db)).toBe(false);
		expect(await count(t.db, 'centres')).toBe(9);
		expect(await count(t.db, 'organisations')).toBe(DEMO_ORGANISATIONS.length);
		expect(await count(t.db, 'users')).toBe(5);
		expect(await count(t.db, 'memberships')).toBe(5);
		const audit = await t.db.selectFrom('auditLog').selectAll().execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ entity: 'database', action: 'seeded', actorId: null });
		expect(JSON.parse(audit[0]!.after!)).toMatchObject({
			centres: 9,
			organisations: DEMO_ORGANISATIONS.length
		});
	});

	it('does not seed a database that already has users', async () => {
		await t.db
			.insertInto('users')
			.values({
				id: 'someone',
				email: 'someone@x.pl',
				name: 'Someone',
				passwordHash: 'x',
				status: 'active',
				mustChangePassword: 0,
				locale: 'pl',
				createdAt: '2026-01-01T00:00:00.000Z',
				updatedAt: '2026-01-01T00:00:00.000Z'
			})
			.execute();
		expect(await seedDemo(t.db)).toBe(false);
		expect(await count(t.db, 'centres')).toBe(0);
	});

	it('stores organisations with valid identifiers, a home centre and active status', async () => {
		await seedDemo(t.db);
		const orgs = await t.db.selectFrom('organisations').selectAll().execute();
		const centreIds = new Set<string>(Object.values(DEMO_CENTRE_IDS));
		for (const o of orgs) {
			expect(o.status).toBe('active');
			expect(centreIds.has(o.centreId!), o.name).toBe(true);
			if (o.nip) expect(checkNip(o.nip).ok, o.name).toBe(true);
			if (o.regon) expect(checkRegon(o.regon).ok, o.name).toBe(true);
			if (o.krs) expect(checkKrs(o.krs).ok, o.name).toBe(true);
		}
		const centres = await t.db.selectFrom('centres').selectAll().orderBy('name').execute();
		expect(centres.every((c) => c.active === 1)).toBe(true);
	});

	it('creates the five accounts, active, with the demo password and the right memberships', async () => {
		await seedDemo(t.db);
		const users = await t.db.selectFrom('users').selectAll().orderBy('email').execute();
		expect(users.map((u) => [u.email, u.name])).toEqual([
			['admin@demo.pl', 'Anna Administratorka'],
			['doradca2@demo.pl', 'Dorota Doradczyni'],
			['doradca@demo.pl', 'Damian Doradca'],
			['koordynator@demo.pl', 'Katarzyna Koordynatorka'],
			['ngo@demo.pl', 'Natalia Nowak']
		]);
		for (const u of users) {
			expect(u).toMatchObject({ status: 'active', mustChangePassword: 0, locale: 'pl' });
			expect(await verifyPassword(u.passwordHash, DEMO_PASSWORD), u.email).toBe(true);
			expect(await verifyPassword(u.passwordHash, 'demo-haslo-2025'), u.email).toBe(false);
		}
		const memberships = await t.db
			.selectFrom('memberships')
			.innerJoin('users', 'users.id', 'memberships.userId')
			.select(['users.email', 'memberships.role', 'memberships.centreId', 'memberships.organisationId'])
			.orderBy('users.email')
			.execute();
		expect(memberships).toEqual([
			{ email: 'admin@demo.pl', role: 'admin', centreId: null, organisationId: null },
			{ email: 'doradca2@demo.pl', role: 'advisor', centreId: DEMO_CENTRE_IDS.lebork, organisationId: null },
			{ email: 'doradca@demo.pl', role: 'advisor', centreId: DEMO_CENTRE_IDS.slupsk, organisationId: null },
			{
				email: 'koordynator@demo.pl',
				role: 'coordinator',
				centreId: DEMO_CENTRE_IDS.slupsk,
				organisationId: null
			},
			{
				email: 'ngo@demo.pl',
				role: 'ngo',
				centreId: null,
				organisationId: DEMO_ORGANISATION_IDS.aktywniRazem
			}
		]);
		const ngoOrg = await t.db
			.selectFrom('organisations')
			.selectAll()
			.where('id', '=', DEMO_ORGANISATION_IDS.aktywniRazem)
			.executeTakeFirstOrThrow();
		expect(ngoOrg).toMatchObject({ town: 'Słupsk', centreId: DEMO_CENTRE_IDS.slupsk });
		expect(DEMO_ACCOUNTS.map((a) => a.id).sort()).toEqual(Object.values(DEMO_USER_IDS).sort());
	});

	it('two instances seeding at once seed once', async () => {
		const second = reopenTestDatabase(engine, t.location);
		try {
			// In one process two SQLite connections would block each other, so SQLite runs them in turn.
			const results =
				engine === 'postgres'
					? await Promise.all([seedDemo(t.db), seedDemo(second.db)])
					: [await seedDemo(t.db), await seedDemo(second.db)];
			expect(results.filter(Boolean)).toHaveLength(1);
			expect(await count(t.db, 'users')).toBe(5);
			expect(await count(t.db, 'auditLog')).toBe(1);
		} finally {
			await second.close();
		}
	});
});
