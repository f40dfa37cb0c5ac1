/**
 * The coordinator's API (issue 5) through the real routes, on SQLite and PostgreSQL: the project period, quota
 * targets (validation, history, scope), closing and reopening months, approval, flags, bulk approval and the
 * audit of a record — and who may do which.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';
import { apiClient, signInToken, type ApiCall, type ApiResponse } from './helpers/api';
import {
	LEBORK_COORDINATOR,
	addLeborkCoordinator,
	currentMonth,
	insertConsultation,
	pastMonth
} from './helpers/coordinator';
import { seedDemo } from '$lib/server/db/seed';
import { DEMO_CENTRE_IDS, DEMO_PASSWORD, DEMO_USER_IDS } from '$lib/server/db/demo-data';
import { addMonths } from '$lib/domain/hours';
import { newId } from '$lib/domain/ids';
import { userRow } from './helpers/factories';

const SLUPSK = DEMO_CENTRE_IDS.slupsk;
const LEBORK = DEMO_CENTRE_IDS.lebork;

describe.each(ENGINES)('coordinator API on %s', (engine) => {
	let database: TestDatabase;
	let call: ApiCall;
	const tokens: Record<'admin' | 'coordinator' | 'advisor' | 'advisor2' | 'ngo' | 'lebork', string> = {
		admin: '',
		coordinator: '',
		advisor: '',
		advisor2: '',
		ngo: '',
		lebork: ''
	};
	const as =
		(who: keyof typeof tokens) =>
		(method: string, path: string, body?: unknown, locale?: 'pl' | 'en'): Promise<ApiResponse> =>
			call(method, path, { token: tokens[who], body, locale });

	beforeAll(async () => {
		database = await openTestDatabase(engine);
		await seedDemo(database.db);
		await addLeborkCoordinator(database.db);
		call = apiClient(database.db);
		const emails = {
			admin: 'admin@demo.pl',
			coordinator: 'koordynator@demo.pl',
			advisor: 'doradca@demo.pl',
			advisor2: 'doradca2@demo.pl',
			ngo: 'ngo@demo.pl',
			lebork: LEBORK_COORDINATOR.email
		};
		for (const [who, email] of Object.entries(emails)) {
			tokens[who as keyof typeof tokens] = await signInToken(call, email, DEMO_PASSWORD);
		}
	});
	afterAll(() => database?.close());

	const auditOf = (entity: string, entityId: string) =>
		database.db
			.selectFrom('auditLog')
			.selectAll()
			.where('entity', '=', entity)
			.where('entityId', '=', entityId)
			.orderBy('id')
			.execute();

	describe('project period', () => {
		test('the demo period covers now: ten months, five back and four ahead', async () => {
			const response = await as('coordinator')('GET', '/api/project-period');
			expect(response.status).toBe(200);
			const { period } = response.body as {
				period: { startMonth: string; endMonth: string; months: string[] };
			};
			expect(period.startMonth).toBe(addMonths(currentMonth(), -5));
			expect(period.endMonth).toBe(addMonths(currentMonth(), 4));
			expect(period.months).toHaveLength(10);
			expect(period.months).toContain(currentMonth());
		});

		test('only the admin changes it; bad ranges get clear messages; the change is audited', async () => {
			const body = { name: 'Projekt COP 2014–2015', startMonth: '2014-09', endMonth: '2015-06' };
			expect((await as('coordinator')('PUT', '/api/project-period', body)).status).toBe(403);
			expect((await as('advisor')('GET', '/api/project-period')).status).toBe(403);
			expect((await call('GET', '/api/project-period')).status).toBe(401);

			const backwards = await as('admin')('PUT', '/api/project-period', { ...body, endMonth: '2014-08' });
			expect(backwards.status).toBe(400);
			expect(backwards.body.error?.fields?.endMonth).toMatch(/przed|wcześniej/);
			const tooLong = await as('admin')('PUT', '/api/project-period', { ...body, endMonth: '2017-09' });
			expect(tooLong.body.error?.fields?.endMonth).toContain('36');
			const notMonth = await as('admin')('PUT', '/api/project-period', { ...body, startMonth: '2014-13' });
			expect(notMonth.body.error?.fields?.startMonth).toContain('RRRR-MM');

			const before = (await as('admin')('GET', '/api/project-period')).body.period as Record<string, unknown>;
			// A month of the project holding a consultation would drop out: said, and done only when confirmed.
			const counted = await insertConsultation(database.db, { date: `${currentMonth()}-02` });
			const dropping = await as('admin')('PUT', '/api/project-period', body);
			expect(dropping.status).toBe(409);
			expect(dropping.body.error?.code).toBe('months_with_records_outside');
			expect(dropping.body.error?.message).toMatch(
				/^Poza nowym okresem znalazłyby się konsultacje \(1\) z tych miesięcy: [a-ząćęłńóśźż]+ \d{4}\./
			);
			expect((await as('admin')('GET', '/api/project-period')).body.period).toEqual(before);
			const saved = await as('admin')('PUT', '/api/project-period', { ...body, confirm: true });
			expect(saved.status).toBe(200);
			expect(saved.body.period).toMatchObject({
				...body,
				months: expect.arrayContaining(['2014-09', '2015-06'])
			});
			expect((saved.body.period as { months: string[] }).months).toHaveLength(10);
			const audit = await auditOf('project_period', 'current');
			expect(audit.at(-1)).toMatchObject({ actorId: DEMO_USER_IDS.admin, action: 'updated' });
			expect(JSON.parse(audit.at(-1)!.after!)).toEqual(body);

			// Back to the demo period for the other tests.
			const { months: _m, ...restore } = before;
			expect((await as('admin')('PUT', '/api/project-period', restore)).status).toBe(200);
			await database.db.deleteFrom('consultations').where('id', '=', counted).execute();
		});
	});

	describe('quotas', () => {
		const month = currentMonth();

		test('a month shows the network, each centre and its advisors, with where each figure comes from', async () => {
			const admin = await as('admin')('GET', `/api/quotas?month=${month}`);
			expect(admin.status).toBe(200);
			expect(admin.body).toMatchObject({ month, network: { targetMin: 7200, source: 'standing' } });
			const centres = admin.body.centres as {
				centreId: string;
				targetMin: number;
				source: string;
				advisors: { advisorId: string; targetMin: number; source: string }[];
			}[];
			expect(centres).toHaveLength(Object.keys(DEMO_CENTRE_IDS).length);
			expect(centres.reduce((sum, c) => sum + c.targetMin, 0)).toBe(7200);

			const coordinator = await as('coordinator')('GET', `/api/quotas?month=${month}`);
			expect(coordinator.body.centres).toEqual([
				{
					centreId: SLUPSK,
					name: expect.any(String),
					closed: false,
					targetMin: 24 * 60,
					source: 'standing',
					advisors: [
						{ advisorId: DEMO_USER_IDS.advisor, name: 'Damian Doradca', targetMin: 24 * 60, source: 'share' }
					]
				}
			]);
		});

		test('a month override, an advisor target and removing the override', async () => {
			const put = (body: Record<string, unknown>) => as('coordinator')('PUT', '/api/quotas', body);
			const centreMonth = { month, centreId: SLUPSK, advisorId: null };
			expect((await put({ ...centreMonth, targetMin: 30 * 60, reason: 'Więcej wyjazdów' })).status).toBe(200);
			expect((await put({ ...centreMonth, targetMin: 32 * 60 })).status).toBe(200);
			const advisorMonth = { month, centreId: SLUPSK, advisorId: DEMO_USER_IDS.advisor };
			expect((await put({ ...advisorMonth, targetMin: 20 * 60 })).status).toBe(200);

			let quotas = await as('coordinator')('GET', `/api/quotas?month=${month}`);
			expect(quotas.body.centres).toMatchObject([
				{ targetMin: 32 * 60, source: 'month', advisors: [{ targetMin: 20 * 60, source: 'month' }] }
			]);
			// One row per scope and month, however often it is saved.
			const rows = await database.db
				.selectFrom('quotas')
				.select('id')
				.where('month', '=', month)
				.where('centreId', '=', SLUPSK)
				.where('advisorId', 'is', null)
				.execute();
			expect(rows).toHaveLength(1);

			expect((await put({ ...centreMonth, targetMin: null, reason: 'Powrót do stałego celu' })).status).toBe(
				200
			);
			expect((await put({ ...advisorMonth, targetMin: null })).status).toBe(200);
			quotas = await as('coordinator')('GET', `/api/quotas?month=${month}`);
			expect(quotas.body.centres).toMatchObject([
				{ targetMin: 24 * 60, source: 'standing', advisors: [{ targetMin: 24 * 60, source: 'share' }] }
			]);

			const history = await as('coordinator')('GET', `/api/quotas/history?centreId=${SLUPSK}&month=${month}`);
			expect(history.status).toBe(200);
			const entries = history.body as unknown as {
				action: string;
				actorName: string;
				advisorId: string | null;
				before: number | null;
				after: number | null;
				reason: string | null;
			}[];
			expect(entries.map((e) => [e.action, e.advisorId, e.before, e.after])).toEqual([
				['removed', DEMO_USER_IDS.advisor, 20 * 60, null],
				['removed', null, 32 * 60, null],
				['created', DEMO_USER_IDS.advisor, null, 20 * 60],
				['updated', null, 30 * 60, 32 * 60],
				['created', null, null, 30 * 60]
			]);
			expect(entries[1]).toMatchObject({
				actorName: 'Katarzyna Koordynatorka',
				reason: 'Powrót do stałego celu'
			});
			const advisorOnly = await as('admin')('GET', `/api/quotas/history?advisorId=${DEMO_USER_IDS.advisor}`);
			expect((advisorOnly.body as unknown as unknown[]).length).toBe(2);
		});

		test('targets that are not hours get one clear Polish message; months outside the period are named', async () => {
			const put = (targetMin: unknown, extra: Record<string, unknown> = {}) =>
				as('admin')('PUT', '/api/quotas', { month, centreId: SLUPSK, advisorId: null, targetMin, ...extra });
			for (const bad of [-60, 'sto', 90.5, true, {}]) {
				const response = await put(bad);
				expect(response.status).toBe(400);
				expect(response.body.error?.fields?.targetMin).toBe('Podaj liczbę godzin nie mniejszą niż 0');
			}
			const missing = await as('admin')('PUT', '/api/quotas', { month, centreId: SLUPSK, advisorId: null });
			expect(missing.status).toBe(400);
			expect(missing.body.error?.fields?.targetMin).toBeDefined();
			expect((await put(744 * 60 + 1)).body.error?.fields?.targetMin).toContain('744');
			expect((await put(744 * 60)).status).toBe(200);
			expect((await put(null)).status).toBe(200);

			const english = await as('admin')(
				'PUT',
				'/api/quotas',
				{ month, centreId: SLUPSK, advisorId: null, targetMin: -1 },
				'en'
			);
			expect(english.body.error?.fields?.targetMin).toBe('Enter a number of hours not less than 0');

			const outside = await put(600, { month: '2030-01' });
			expect(outside.status).toBe(422);
			expect(outside.body.error?.code).toBe('month_outside_period');
			// The months in words, in the user's language.
			expect(outside.body.error?.message).toMatch(
				/^Wybrany miesiąc \(styczeń 2030\) jest poza okresem projektu/
			);
			expect(outside.body.error?.message).toContain('Projekt COP (demo)');
			const outsideEnglish = await as('admin')(
				'PUT',
				'/api/quotas',
				{ month: '2030-01', centreId: SLUPSK, advisorId: null, targetMin: 600 },
				'en'
			);
			expect(outsideEnglish.body.error?.message).toMatch(/^January 2030 is outside the project period/);
			expect((await put(600, { month: '2030-1' })).body.error?.fields?.month).toContain('RRRR-MM');

			// Nothing of the refused saves reached the table.
			const stored = await database.db
				.selectFrom('quotas')
				.select('targetMin')
				.where('month', '=', month)
				.execute();
			expect(stored).toEqual([]);
		});

		test('scope: coordinators plan their own centres only; advisors and NGOs not at all', async () => {
			const body = { month, centreId: LEBORK, advisorId: null, targetMin: 600 };
			expect((await as('coordinator')('PUT', '/api/quotas', body)).status).toBe(403);
			expect((await as('lebork')('PUT', '/api/quotas', body)).status).toBe(200);
			expect((await as('lebork')('PUT', '/api/quotas', { ...body, targetMin: null })).status).toBe(200);
			const network = { month: null, centreId: null, advisorId: null, targetMin: 8000 };
			expect((await as('coordinator')('PUT', '/api/quotas', network)).status).toBe(403);
			const advisorElsewhere = { month, centreId: SLUPSK, advisorId: DEMO_USER_IDS.advisor2, targetMin: 60 };
			const wrongAdvisor = await as('coordinator')('PUT', '/api/quotas', advisorElsewhere);
			expect(wrongAdvisor.status).toBe(400);
			expect(wrongAdvisor.body.error?.fields?.advisorId).toBeDefined();
			const lebork = await as('lebork')('GET', `/api/quotas?month=${month}`);
			expect((lebork.body.centres as { centreId: string }[]).map((c) => c.centreId)).toEqual([LEBORK]);
			expect((await as('advisor')('GET', `/api/quotas?month=${month}`)).status).toBe(403);
			expect((await as('ngo')('GET', `/api/quotas?month=${month}`)).status).toBe(403);
			expect((await as('advisor')('PUT', '/api/quotas', body)).status).toBe(403);
			expect((await call('GET', `/api/quotas?month=${month}`)).status).toBe(401);
			expect((await as('coordinator')('GET', `/api/quotas/history?centreId=${LEBORK}`)).status).toBe(403);
			// The Lębork coordinator's history shows Lębork only.
			const history = (await as('lebork')('GET', '/api/quotas/history')).body as unknown as {
				centreId: string;
			}[];
			expect(history.length).toBeGreaterThan(0);
			expect(history.every((e) => e.centreId === LEBORK)).toBe(true);
			// The admin sets the network's target.
			expect((await as('admin')('PUT', '/api/quotas', network)).status).toBe(200);
			const after = await as('admin')('GET', `/api/quotas?month=${month}`);
			expect(after.body.network).toEqual({ targetMin: 8000, source: 'standing' });
			expect((await as('admin')('PUT', '/api/quotas', { ...network, targetMin: 7200 })).status).toBe(200);
		});
	});

	describe('months', () => {
		const month = pastMonth(3);

		test('closing lists what is not final (409) until confirmed; closed once; reopened with a reason', async () => {
			const completed = await insertConsultation(database.db, { date: `${month}-03` });
			const draft = await insertConsultation(database.db, { date: `${month}-04`, status: 'draft' });
			await insertConsultation(database.db, { date: `${month}-05`, status: 'approved' });
			// Another centre's and another month's records are not listed.
			await insertConsultation(database.db, {
				date: `${month}-06`,
				centreId: LEBORK,
				advisorId: DEMO_USER_IDS.advisor2
			});
			await insertConsultation(database.db, { date: `${pastMonth(2)}-06` });

			// A card with a question to its advisor is said to be so (closing would leave it unanswered).
			const flag = await as('coordinator')('POST', `/api/consultations/${completed}/flag`, {
				comment: 'Czy to było w siedzibie?'
			});
			expect(flag.status).toBe(200);
			const status = await as('coordinator')('GET', `/api/months/${month}/status?centreId=${SLUPSK}`);
			expect(status.status).toBe(200);
			expect(status.body).toMatchObject({
				month,
				centreId: SLUPSK,
				closed: null,
				unapproved: [
					{
						id: completed,
						date: `${month}-03`,
						advisorName: 'Damian Doradca',
						organisationName: expect.any(String),
						durationMin: 90,
						status: 'completed',
						flagged: true
					}
				],
				late: [],
				drafts: [{ id: draft, status: 'draft' }],
				lastSyncByAdvisor: [{ advisorId: DEMO_USER_IDS.advisor, name: 'Damian Doradca', lastChangeAt: null }]
			});

			const refused = await as('coordinator')('POST', `/api/months/${month}/close`, { centreId: SLUPSK });
			expect(refused.status).toBe(409);
			expect(refused.body.error?.code).toBe('month_has_open_records');
			expect(refused.body.error?.message).toMatch(/^W tym miesiącu \([a-ząćęłńóśźż]+ \d{4}\) są 2 karty /);
			expect((refused.body.status as { unapproved: unknown[]; drafts: unknown[] }).unapproved).toHaveLength(
				1
			);
			expect(await database.db.selectFrom('monthClosures').selectAll().execute()).toEqual([]);

			const closed = await as('coordinator')('POST', `/api/months/${month}/close`, {
				centreId: SLUPSK,
				confirm: true
			});
			expect(closed.status).toBe(200);
			expect((closed.body.status as { closed: unknown }).closed).toMatchObject({
				closedBy: DEMO_USER_IDS.coordinator,
				closedByName: 'Katarzyna Koordynatorka'
			});
			const again = await as('coordinator')('POST', `/api/months/${month}/close`, {
				centreId: SLUPSK,
				confirm: true
			});
			expect(again.status).toBe(409);
			expect(again.body.error?.code).toBe('month_closed');
			// Nor can the project period leave the closed month out.
			const shorter = await as('admin')('PUT', '/api/project-period', {
				name: 'Krótszy projekt',
				startMonth: addMonths(month, 1),
				endMonth: addMonths(month, 6)
			});
			expect(shorter.status).toBe(409);
			expect(shorter.body.error?.code).toBe('closed_months_outside');
			expect(shorter.body.error?.message).toMatch(
				/^Poza nowym okresem zostałyby zamknięte miesiące: [a-ząćęłńóśźż]+ \d{4}\./
			);

			// A closed month's record is approved only when it is late.
			const approve = await as('coordinator')('POST', `/api/consultations/${completed}/approve`);
			expect(approve.status).toBe(409);
			expect(approve.body.error?.code).toBe('month_closed');
			// Nor does its target change: for the centre or one of its advisors.
			for (const advisorId of [null, DEMO_USER_IDS.advisor]) {
				const target = await as('coordinator')('PUT', '/api/quotas', {
					month,
					centreId: SLUPSK,
					advisorId,
					targetMin: 600,
					reason: 'Korekta'
				});
				expect(target.status).toBe(409);
				expect(target.body.error?.code).toBe('month_closed');
				expect(target.body.error?.message).toMatch(/^Ten miesiąc \([a-ząćęłńóśźż]+ \d{4}\) jest zamknięty/);
			}

			const short = await as('coordinator')('POST', `/api/months/${month}/reopen`, {
				centreId: SLUPSK,
				reason: 'x'
			});
			expect(short.status).toBe(400);
			expect(short.body.error?.fields?.reason).toBeDefined();
			const noReason = await as('coordinator')('POST', `/api/months/${month}/reopen`, { centreId: SLUPSK });
			expect(noReason.status).toBe(400);
			const reopened = await as('coordinator')('POST', `/api/months/${month}/reopen`, {
				centreId: SLUPSK,
				reason: 'Korekta godzin po kontroli'
			});
			expect(reopened.status).toBe(200);
			expect((reopened.body.status as { closed: unknown }).closed).toBeNull();
			const twice = await as('coordinator')('POST', `/api/months/${month}/reopen`, {
				centreId: SLUPSK,
				reason: 'Jeszcze raz'
			});
			expect(twice.status).toBe(409);
			expect(twice.body.error?.code).toBe('month_not_closed');
			const targetAfter = await as('coordinator')('PUT', '/api/quotas', {
				month,
				centreId: SLUPSK,
				advisorId: null,
				targetMin: 600,
				reason: 'Korekta'
			});
			expect(targetAfter.status).toBe(200);

			const audit = await auditOf('month', `${SLUPSK}:${month}`);
			expect(audit.map((a) => [a.action, a.reason])).toEqual([
				['closed', null],
				['reopened', 'Korekta godzin po kontroli']
			]);
			expect(JSON.parse(audit[0]!.after!)).toMatchObject({
				unapproved: 1,
				drafts: 1,
				late: 0,
				confirmed: true
			});
		});

		test('an approved card with an open question to its advisor keeps the month from closing unasked', async () => {
			// The month the next test closes as empty: nothing else is open in it.
			const m = pastMonth(4);
			const id = await insertConsultation(database.db, {
				date: `${m}-07`,
				centreId: LEBORK,
				advisorId: DEMO_USER_IDS.advisor2,
				status: 'approved'
			});
			try {
				const flag = await as('admin')('POST', `/api/consultations/${id}/flag`, {
					comment: 'Czy była lista obecności?'
				});
				expect(flag.status).toBe(200);
				const status = await as('admin')('GET', `/api/months/${m}/status?centreId=${LEBORK}`);
				expect(status.body).toMatchObject({
					unapproved: [],
					late: [],
					drafts: [],
					approvedFlagged: [{ id, status: 'approved', flagged: true }]
				});
				const refused = await as('admin')('POST', `/api/months/${m}/close`, { centreId: LEBORK });
				expect(refused.status).toBe(409);
				expect(refused.body.error?.code).toBe('month_has_open_records');
			} finally {
				await database.db
					.updateTable('consultations')
					.set({ deletedAt: new Date().toISOString() })
					.where('id', '=', id)
					.execute();
			}
		});

		test('a month with nothing open closes without confirmation', async () => {
			const empty = pastMonth(4);
			const closed = await as('admin')('POST', `/api/months/${empty}/close`, { centreId: LEBORK });
			expect(closed.status).toBe(200);
			const reopened = await as('admin')('POST', `/api/months/${empty}/reopen`, {
				centreId: LEBORK,
				reason: 'Test'
			});
			expect(reopened.status).toBe(200);
		});

		test('the future, the running month and months outside the period', async () => {
			const close = (m: string, body: Record<string, unknown> = {}) =>
				as('coordinator')('POST', `/api/months/${m}/close`, { centreId: SLUPSK, ...body });
			const future = await close(addMonths(currentMonth(), 1), { confirm: true });
			expect(future.status).toBe(422);
			expect(future.body.error?.code).toBe('month_in_future');
			const running = await close(currentMonth());
			expect(running.status).toBe(409);
			expect(running.body.error?.code).toBe('month_not_over');
			const outside = await close('2015-01', { confirm: true });
			expect(outside.status).toBe(422);
			expect(outside.body.error?.code).toBe('month_outside_period');
			const badMonth = await as('coordinator')('GET', `/api/months/2015-1/status?centreId=${SLUPSK}`);
			expect(badMonth.status).toBe(400);
			expect((await as('coordinator')('GET', `/api/months/${currentMonth()}/status`)).status).toBe(400);
			expect(await database.db.selectFrom('monthClosures').selectAll().execute()).toEqual([]);
		});

		test('a closed month keeps its targets when the standing target or the advisors change, also once reopened', async () => {
			const m = pastMonth(5);
			const quotasOf = async () => {
				const answer = await as('coordinator')('GET', `/api/quotas?month=${m}`);
				expect(answer.status).toBe(200);
				const centres = answer.body.centres as {
					centreId: string;
					closed: boolean;
					targetMin: number | null;
					source: string;
					advisors: { advisorId: string; targetMin: number | null; source: string }[];
				}[];
				return centres.find((c) => c.centreId === SLUPSK)!;
			};
			const before = await quotasOf();
			expect(before).toMatchObject({ closed: false, source: 'standing' });
			expect(before.advisors).toEqual([
				{
					advisorId: DEMO_USER_IDS.advisor,
					name: 'Damian Doradca',
					targetMin: before.targetMin,
					source: 'share'
				}
			]);
			const standing = before.targetMin!;

			const closed = await as('coordinator')('POST', `/api/months/${m}/close`, {
				centreId: SLUPSK,
				confirm: true
			});
			expect(closed.status).toBe(200);
			const kept = await quotasOf();
			expect(kept).toMatchObject({ closed: true, targetMin: standing, source: 'kept' });
			expect(kept.advisors).toMatchObject([{ targetMin: standing, source: 'kept' }]);

			// Later: a new standing target, and a second advisor to share it with.
			const newAdvisor = newId();
			await database.db
				.insertInto('users')
				.values({ ...userRow(newAdvisor, 'druga-doradczyni@demo.pl'), name: 'Druga Doradczyni' })
				.execute();
			await database.db
				.insertInto('memberships')
				.values({
					id: newId(),
					userId: newAdvisor,
					role: 'advisor',
					centreId: SLUPSK,
					organisationId: null,
					createdAt: new Date().toISOString()
				})
				.execute();
			const raised = await as('coordinator')('PUT', '/api/quotas', {
				month: null,
				centreId: SLUPSK,
				advisorId: null,
				targetMin: standing + 600,
				reason: 'Nowy aneks'
			});
			expect(raised.status).toBe(200);
			const still = await quotasOf();
			expect(still).toMatchObject({ closed: true, targetMin: standing, source: 'kept' });
			// The new advisor was not there when it closed: no target in it (the advisors' targets still add up to
			// the centre's, as reported).
			expect(still.advisors.map((a) => [a.advisorId, a.targetMin, a.source])).toEqual(
				expect.arrayContaining([
					[DEMO_USER_IDS.advisor, standing, 'kept'],
					[newAdvisor, null, 'none']
				])
			);
			// The dashboard of the closed month says the same.
			const board = await as('coordinator')('GET', `/api/reports/dashboard?month=${m}&centreId=${SLUPSK}`);
			expect(board.status, JSON.stringify(board.body)).toBe(200);
			const rows = (board.body as unknown as { advisors: { advisorId: string; targetMin: number | null }[] })
				.advisors;
			expect(rows.find((a) => a.advisorId === DEMO_USER_IDS.advisor)?.targetMin).toBe(standing);
			expect(rows.find((a) => a.advisorId === newAdvisor)?.targetMin ?? null).toBeNull();

			const reopened = await as('coordinator')('POST', `/api/months/${m}/reopen`, {
				centreId: SLUPSK,
				reason: 'Korekta celu'
			});
			expect(reopened.status).toBe(200);
			// Reopened to correct a card, not to take on the standing target raised since: the targets it was closed
			// with stay (the advisor who joined later gets a share of the month's centre target).
			const open = await quotasOf();
			expect(open).toMatchObject({ closed: false, targetMin: standing, source: 'kept' });
			expect(open.advisors.map((a) => [a.advisorId, a.targetMin, a.source])).toEqual(
				expect.arrayContaining([
					[DEMO_USER_IDS.advisor, standing, 'kept'],
					[newAdvisor, Math.round(standing / 2), 'share']
				])
			);
			// Its own target can be changed while it is open; closed again, it keeps that one.
			const own = await as('coordinator')('PUT', '/api/quotas', {
				month: m,
				centreId: SLUPSK,
				advisorId: null,
				targetMin: standing + 60,
				reason: 'Korekta celu miesiąca'
			});
			expect(own.status).toBe(200);
			// The advisors share the month's new target (the one kept at closing was a share of the old one).
			expect((await quotasOf()).advisors.map((a) => [a.targetMin, a.source])).toEqual([
				[Math.round((standing + 60) / 2), 'share'],
				[Math.round((standing + 60) / 2), 'share']
			]);
			expect(
				(await as('coordinator')('POST', `/api/months/${m}/close`, { centreId: SLUPSK, confirm: true }))
					.status
			).toBe(200);
			expect(await quotasOf()).toMatchObject({ closed: true, targetMin: standing + 60, source: 'month' });
			expect(
				(await as('coordinator')('POST', `/api/months/${m}/reopen`, { centreId: SLUPSK, reason: 'Porządki' }))
					.status
			).toBe(200);
			await database.db.deleteFrom('quotas').where('month', '=', m).execute();

			// As it was, for the tests after this one.
			await as('coordinator')('PUT', '/api/quotas', {
				month: null,
				centreId: SLUPSK,
				advisorId: null,
				targetMin: standing
			});
			await database.db.deleteFrom('memberships').where('userId', '=', newAdvisor).execute();
			await database.db.deleteFrom('users').where('id', '=', newAdvisor).execute();
		});

		test('scope: another centre is refused, advisors and NGOs too', async () => {
			const m = pastMonth(2);
			expect(
				(await as('lebork')('POST', `/api/months/${m}/close`, { centreId: SLUPSK, confirm: true })).status
			).toBe(403);
			expect((await as('lebork')('GET', `/api/months/${m}/status?centreId=${SLUPSK}`)).status).toBe(403);
			expect((await as('advisor')('GET', `/api/months/${m}/status?centreId=${SLUPSK}`)).status).toBe(403);
			expect((await as('ngo')('POST', `/api/months/${m}/close`, { centreId: SLUPSK })).status).toBe(403);
			expect((await as('admin')('GET', `/api/months/${m}/status?centreId=${newId()}`)).status).toBe(404);
		});
	});

	describe('approval, flags and the audit', () => {
		test('flag, unflag and approve: versions, receipts and the audit follow', async () => {
			const id = await insertConsultation(database.db, { date: `${pastMonth(1)}-12`, status: 'signed' });
			const before = await database.db
				.selectFrom('consultations')
				.selectAll()
				.where('id', '=', id)
				.executeTakeFirstOrThrow();

			const emptyFlag = await as('coordinator')('POST', `/api/consultations/${id}/flag`, { comment: '  ' });
			expect(emptyFlag.status).toBe(400);
			const flagged = await as('coordinator')('POST', `/api/consultations/${id}/flag`, {
				comment: 'Sprawdź godzinę zakończenia'
			});
			expect(flagged.status).toBe(200);
			const flaggedRecord = flagged.body.consultation as {
				version: number;
				receipt: string;
				review: { flag: { comment: string; by: string } | null };
			};
			expect(flaggedRecord.version).toBe(before.version + 1);
			expect(flaggedRecord.receipt).not.toBe(before.receipt);
			expect(flaggedRecord.review.flag).toMatchObject({
				comment: 'Sprawdź godzinę zakończenia',
				by: DEMO_USER_IDS.coordinator
			});
			const unflagged = await as('coordinator')('DELETE', `/api/consultations/${id}/flag`);
			expect((unflagged.body.consultation as { review: { flag: unknown } }).review.flag).toBeNull();
			await as('coordinator')('POST', `/api/consultations/${id}/flag`, { comment: 'Jeszcze raz' });

			const approved = await as('coordinator')('POST', `/api/consultations/${id}/approve`, { comment: 'OK' });
			expect(approved.status).toBe(200);
			expect(approved.body.consultation).toMatchObject({
				status: 'approved',
				version: before.version + 4,
				review: {
					late: null,
					flag: null,
					approvedBy: DEMO_USER_IDS.coordinator,
					approvedAt: expect.any(String)
				}
			});
			const row = await database.db
				.selectFrom('consultations')
				.selectAll()
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			expect(Number(row.seq)).toBeGreaterThan(Number(before.seq));
			expect(JSON.parse(row.fieldStamps).status).toEqual({ version: row.version, deviceId: 'server' });

			const twice = await as('coordinator')('POST', `/api/consultations/${id}/approve`);
			expect(twice.status).toBe(409);
			expect(twice.body.error?.code).toBe('already_approved');

			const audit = await as('coordinator')('GET', `/api/consultations/${id}/audit`);
			expect(audit.status).toBe(200);
			expect((audit.body as unknown as { action: string }[]).map((a) => a.action)).toEqual([
				'flagged',
				'unflagged',
				'flagged',
				'approved'
			]);
			expect((audit.body as unknown as Record<string, unknown>[])[3]).toMatchObject({
				actorId: DEMO_USER_IDS.coordinator,
				actorName: 'Katarzyna Koordynatorka',
				before: { status: 'signed' },
				after: { status: 'approved' },
				reason: 'OK'
			});
			// The advisor reads their own record's audit; another advisor and an NGO do not.
			expect((await as('advisor')('GET', `/api/consultations/${id}/audit`)).status).toBe(200);
			expect((await as('advisor2')('GET', `/api/consultations/${id}/audit`)).status).toBe(404);
			expect((await as('ngo')('GET', `/api/consultations/${id}/audit`)).status).toBe(403);
			expect((await as('admin')('GET', `/api/consultations/${id}/audit`)).status).toBe(200);

			// The receipt the approval gave the card (the one on its PDF card and in the exports) is found by code.
			const receipt = (approved.body.consultation as { receipt: string }).receipt;
			const found = await as('coordinator')('GET', `/api/sync/receipts/${receipt}`);
			expect(found.status, JSON.stringify(found.body)).toBe(200);
			expect(found.body).toMatchObject({
				receipt,
				op: 'review',
				entity: 'consultation',
				entityId: id,
				userName: 'Katarzyna Koordynatorka',
				current: { entity: 'consultation', record: { id, status: 'approved' } }
			});
			expect((await as('advisor')('GET', `/api/sync/receipts/${receipt}`)).status).toBe(200);
			expect((await as('lebork')('GET', `/api/sync/receipts/${receipt}`)).status).toBe(404);
			expect((await as('advisor2')('GET', `/api/sync/receipts/${receipt}`)).status).toBe(404);
		});

		test('drafts are not approved; other centres, advisors and NGOs may not approve or flag', async () => {
			const draft = await insertConsultation(database.db, { status: 'draft' });
			const refused = await as('coordinator')('POST', `/api/consultations/${draft}/approve`);
			expect(refused.status).toBe(409);
			expect(refused.body.error?.code).toBe('not_countable');
			const id = await insertConsultation(database.db);
			expect((await as('lebork')('POST', `/api/consultations/${id}/approve`)).status).toBe(404);
			expect((await as('lebork')('POST', `/api/consultations/${id}/flag`, { comment: 'x' })).status).toBe(
				404
			);
			expect((await as('advisor')('POST', `/api/consultations/${id}/approve`)).status).toBe(403);
			expect((await as('ngo')('POST', `/api/consultations/${id}/flag`, { comment: 'x' })).status).toBe(403);
			expect((await as('coordinator')('POST', `/api/consultations/${newId()}/approve`)).status).toBe(404);
			expect((await as('admin')('POST', `/api/consultations/${id}/approve`)).status).toBe(200);
		});

		test('bulk approval answers per id in one go', async () => {
			const a = await insertConsultation(database.db);
			const b = await insertConsultation(database.db, { status: 'signed' });
			const draft = await insertConsultation(database.db, { status: 'draft' });
			const other = await insertConsultation(database.db, {
				centreId: LEBORK,
				advisorId: DEMO_USER_IDS.advisor2
			});
			const missing = newId();
			const response = await as('coordinator')('POST', '/api/consultations/approve', {
				ids: [a, b, draft, other, missing, a]
			});
			expect(response.status).toBe(200);
			const results = response.body.results as { id: string; ok: boolean; code?: string; message?: string }[];
			expect(results.map((r) => [r.id, r.ok, r.code])).toEqual([
				[a, true, undefined],
				[b, true, undefined],
				[draft, false, 'not_countable'],
				[other, false, 'not_found'],
				[missing, false, 'not_found']
			]);
			expect(results[2]!.message).toContain('szkic');
			const statuses = await database.db
				.selectFrom('consultations')
				.select(['id', 'status'])
				.where('id', 'in', [a, b, draft, other])
				.execute();
			expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
				[a]: 'approved',
				[b]: 'approved',
				[draft]: 'draft',
				[other]: 'completed'
			});
			const tooMany = await as('coordinator')('POST', '/api/consultations/approve', {
				ids: Array.from({ length: 501 }, () => newId())
			});
			expect(tooMany.status).toBe(400);
			expect(tooMany.body.error?.fields?.ids).toContain('500');
			expect((await as('coordinator')('POST', '/api/consultations/approve', { ids: [] })).status).toBe(400);
			expect((await as('advisor')('POST', '/api/consultations/approve', { ids: [a] })).status).toBe(403);
		});

		test('bulk approval refuses a flagged record and keeps its flag; its own card still approves it', async () => {
			const plain = await insertConsultation(database.db);
			const flagged = await insertConsultation(database.db, { status: 'signed' });
			await as('coordinator')('POST', `/api/consultations/${flagged}/flag`, { comment: 'Popraw temat' });
			const before = await database.db
				.selectFrom('consultations')
				.selectAll()
				.where('id', '=', flagged)
				.executeTakeFirstOrThrow();

			const response = await as('coordinator')('POST', '/api/consultations/approve', {
				ids: [plain, flagged]
			});
			expect(response.status).toBe(200);
			const results = response.body.results as { id: string; ok: boolean; code?: string; message?: string }[];
			expect(results.map((r) => [r.id, r.ok, r.code])).toEqual([
				[plain, true, undefined],
				[flagged, false, 'flagged']
			]);
			expect(results[1]!.message).toBe('Oznaczona do poprawy — zatwierdź ją na jej karcie.');
			const english = await as('coordinator')('POST', '/api/consultations/approve', { ids: [flagged] }, 'en');
			expect((english.body.results as { message?: string }[])[0]!.message).toBe(
				'Flagged for correction — approve it on its own card.'
			);

			// Nothing written: same status, flag, version; no audit entry beyond the flag.
			const after = await database.db
				.selectFrom('consultations')
				.selectAll()
				.where('id', '=', flagged)
				.executeTakeFirstOrThrow();
			expect(after).toMatchObject({
				status: 'signed',
				flagComment: 'Popraw temat',
				flaggedBy: DEMO_USER_IDS.coordinator,
				version: before.version,
				receipt: before.receipt
			});
			expect((await auditOf('consultation', flagged)).map((entry) => entry.action)).toEqual(['flagged']);

			const single = await as('coordinator')('POST', `/api/consultations/${flagged}/approve`);
			expect(single.status).toBe(200);
			expect(single.body.consultation).toMatchObject({ status: 'approved', review: { flag: null } });
		});
	});

	test('the slice carries the project period and the closed months of the user’s centres', async () => {
		const month = pastMonth(5);
		expect(
			(await as('coordinator')('POST', `/api/months/${month}/close`, { centreId: SLUPSK, confirm: true }))
				.status
		).toBe(200);
		const slice = await as('advisor')('GET', '/api/slice');
		expect(slice.body.projectPeriod).toEqual({
			name: 'Projekt COP (demo)',
			startMonth: addMonths(currentMonth(), -5),
			endMonth: addMonths(currentMonth(), 4)
		});
		expect(slice.body.closedMonths).toEqual([{ centreId: SLUPSK, month }]);
		const other = await as('advisor2')('GET', '/api/slice');
		expect(other.body.closedMonths).toEqual([]);
		await as('coordinator')('POST', `/api/months/${month}/reopen`, {
			centreId: SLUPSK,
			reason: 'Koniec testu'
		});
	});
});
