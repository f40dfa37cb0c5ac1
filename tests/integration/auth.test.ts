import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '$lib/server/auth/password';
import {
	checkLoginAllowed,
	LOGIN_WINDOW_MS,
	MAX_ACCOUNT_FAILURES,
	MAX_IP_FAILURES,
	attemptRows,
	claimLoginAttempt
} from '$lib/server/auth/rate-limit';
import {
	createSession,
	deleteExpiredSessions,
	invalidateSession,
	invalidateUserSessions,
	SESSION_COOKIE,
	validateSessionToken
} from '$lib/server/auth/sessions';
import type { DB, UserStatus } from '$lib/server/db/schema';
import { ENGINES, openTestDatabase, type TestDatabase } from './helpers/databases';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** Writes an attempt of the past as sign-in leaves it (the history the limits count), without checking it. */
async function recordLoginAttempt(
	db: Kysely<DB>,
	input: { email: string; ip: string; succeeded: boolean; now: Date }
) {
	await db
		.insertInto('loginAttempts')
		.values(attemptRows(input, input.succeeded, input.now))
		.execute();
}

async function insertUser(db: Kysely<DB>, id: string, status: UserStatus = 'active') {
	await db
		.insertInto('users')
		.values({
			id,
			email: `${id}@x.pl`,
			name: `User ${id}`,
			passwordHash: 'not-used-here',
			status,
			mustChangePassword: 0,
			locale: 'pl',
			createdAt: T0.toISOString(),
			updatedAt: T0.toISOString()
		})
		.execute();
}

describe('passwords', () => {
	it('hash with argon2id and the OWASP parameters, salted', async () => {
		const a = await hashPassword('correct horse battery');
		const b = await hashPassword('correct horse battery');
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(a).not.toBe(b);
		expect(MIN_PASSWORD_LENGTH).toBe(10);
	});

	it('verify the right password only', async () => {
		const hash = await hashPassword('zażółć gęślą jaźń');
		expect(await verifyPassword(hash, 'zażółć gęślą jaźń')).toBe(true);
		expect(await verifyPassword(hash, 'zazolc gesla jazn')).toBe(false);
		expect(await verifyPassword(hash, '')).toBe(false);
	});

	it('answer false, never throw, for a malformed hash', async () => {
		for (const bad of [
			'',
			'plain',
			'$argon2id$',
			'$argon2id$v=19$m=19456,t=2,p=1$bad$bad',
			'$2b$10$abcdefghijk'
		]) {
			await expect(verifyPassword(bad, 'whatever')).resolves.toBe(false);
		}
	});
});

describe.each(ENGINES)('%s', (engine) => {
	let t: TestDatabase;
	beforeEach(async () => {
		t = await openTestDatabase(engine);
		await insertUser(t.db, 'u1');
		await insertUser(t.db, 'u2');
	});
	afterEach(async () => {
		await t.close();
	});

	const sessionRow = (id: string) =>
		t.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

	describe('sessions', () => {
		it('store only the SHA-256 of a 32-byte base64url token', async () => {
			expect(SESSION_COOKIE).toBe('doradca_session');
			const { token, expiresAt, sessionId } = await createSession(t.db, 'u1', {
				userAgent: 'Firefox',
				ip: '10.0.0.1',
				now: T0
			});
			expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(Buffer.from(token, 'base64url')).toHaveLength(32);
			expect(sessionId).toBe(createHash('sha256').update(token).digest('hex'));
			expect(expiresAt.getTime()).toBe(T0.getTime() + 30 * DAY);
			const rows = await t.db.selectFrom('sessions').selectAll().execute();
			expect(rows).toEqual([
				{
					id: sessionId,
					userId: 'u1',
					createdAt: T0.toISOString(),
					expiresAt: expiresAt.toISOString(),
					lastSeenAt: T0.toISOString(),
					userAgent: 'Firefox',
					ip: '10.0.0.1'
				}
			]);
			expect(JSON.stringify(rows)).not.toContain(token);
		});

		it('validate to the session and its user, without the password hash', async () => {
			const { token, sessionId } = await createSession(t.db, 'u1', { now: T0 });
			const result = await validateSessionToken(t.db, token, at(10 * SECOND));
			expect(result?.session.id).toBe(sessionId);
			expect(result?.user).toEqual({
				id: 'u1',
				email: 'u1@x.pl',
				name: 'User u1',
				status: 'active',
				mustChangePassword: 0,
				locale: 'pl',
				createdAt: T0.toISOString(),
				updatedAt: T0.toISOString()
			});
			expect(result?.user).not.toHaveProperty('passwordHash');
		});

		it('reject unknown and malformed tokens', async () => {
			await createSession(t.db, 'u1', { now: T0 });
			expect(await validateSessionToken(t.db, 'A'.repeat(43), T0)).toBeNull();
			expect(await validateSessionToken(t.db, '', T0)).toBeNull();
			expect(await validateSessionToken(t.db, "' or 1=1 --", T0)).toBeNull();
		});

		it('expire after 30 days unused, and the expired row is deleted', async () => {
			const { token, sessionId } = await createSession(t.db, 'u1', { now: T0 });
			expect(await validateSessionToken(t.db, token, at(30 * DAY - SECOND))).not.toBeNull();
			const { token: other, sessionId: otherId } = await createSession(t.db, 'u1', { now: T0 });
			expect(await validateSessionToken(t.db, other, at(30 * DAY))).toBeNull();
			expect(await sessionRow(otherId)).toBeUndefined();
			expect(await sessionRow(sessionId)).toBeDefined();
		});

		it('expired ones can be swept in bulk', async () => {
			await createSession(t.db, 'u1', { now: T0 });
			const { sessionId } = await createSession(t.db, 'u2', { now: at(DAY) });
			expect(await deleteExpiredSessions(t.db, at(30 * DAY))).toBe(1);
			expect((await t.db.selectFrom('sessions').select('id').execute()).map((r) => r.id)).toEqual([
				sessionId
			]);
		});

		it('slide: extended to 30 days from now once less than 15 days remain', async () => {
			const { token, sessionId } = await createSession(t.db, 'u1', { now: T0 });
			// 20 days left: no extension.
			const early = await validateSessionToken(t.db, token, at(10 * DAY));
			expect(early?.session.expiresAt).toBe(at(30 * DAY).toISOString());
			// 14 days left: extended, in the result (for the cookie) and in the database.
			const late = await validateSessionToken(t.db, token, at(16 * DAY));
			expect(late?.session.expiresAt).toBe(at(46 * DAY).toISOString());
			expect((await sessionRow(sessionId))?.expiresAt).toBe(at(46 * DAY).toISOString());
			// Used now and then, it outlives the first 30 days.
			expect(await validateSessionToken(t.db, token, at(45 * DAY))).not.toBeNull();
		});

		it('touch lastSeenAt at most once a minute', async () => {
			const { token, sessionId } = await createSession(t.db, 'u1', { now: T0 });
			await validateSessionToken(t.db, token, at(30 * SECOND));
			expect((await sessionRow(sessionId))?.lastSeenAt).toBe(T0.toISOString());
			await validateSessionToken(t.db, token, at(61 * SECOND));
			expect((await sessionRow(sessionId))?.lastSeenAt).toBe(at(61 * SECOND).toISOString());
			await validateSessionToken(t.db, token, at(90 * SECOND));
			expect((await sessionRow(sessionId))?.lastSeenAt).toBe(at(61 * SECOND).toISOString());
		});

		it('are rejected when the user is deactivated or pending', async () => {
			const { token } = await createSession(t.db, 'u1', { now: T0 });
			await t.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', 'u1').execute();
			expect(await validateSessionToken(t.db, token, at(SECOND))).toBeNull();
			await t.db.updateTable('users').set({ status: 'pending' }).where('id', '=', 'u1').execute();
			expect(await validateSessionToken(t.db, token, at(SECOND))).toBeNull();
		});

		it('invalidate one session by token', async () => {
			const a = await createSession(t.db, 'u1', { now: T0 });
			const b = await createSession(t.db, 'u1', { now: T0 });
			await invalidateSession(t.db, a.token);
			expect(await validateSessionToken(t.db, a.token, at(SECOND))).toBeNull();
			expect(await validateSessionToken(t.db, b.token, at(SECOND))).not.toBeNull();
		});

		it("invalidate all of a user's sessions, optionally but one", async () => {
			const a = await createSession(t.db, 'u1', { now: T0 });
			const b = await createSession(t.db, 'u1', { now: T0 });
			const c = await createSession(t.db, 'u1', { now: T0 });
			const other = await createSession(t.db, 'u2', { now: T0 });
			await invalidateUserSessions(t.db, 'u1', b.sessionId);
			expect(await validateSessionToken(t.db, a.token, at(SECOND))).toBeNull();
			expect(await validateSessionToken(t.db, b.token, at(SECOND))).not.toBeNull();
			expect(await validateSessionToken(t.db, c.token, at(SECOND))).toBeNull();
			await invalidateUserSessions(t.db, 'u1');
			expect(await validateSessionToken(t.db, b.token, at(SECOND))).toBeNull();
			expect(await validateSessionToken(t.db, other.token, at(SECOND))).not.toBeNull();
		});
	});

	describe('login rate limit', () => {
		const fail = (email: string, ip: string, ms: number) =>
			recordLoginAttempt(t.db, { email, ip, succeeded: false, now: at(ms) });

		it('allows 5 failures per account in 15 minutes, then says how long to wait', async () => {
			expect(MAX_ACCOUNT_FAILURES).toBe(5);
			for (let i = 0; i < 4; i++) await fail('ala@x.pl', `10.0.0.${i}`, i * SECOND);
			expect(
				await checkLoginAllowed(t.db, { email: 'ala@x.pl', ip: '10.0.1.1', now: at(5 * SECOND) })
			).toEqual({
				allowed: true
			});
			await fail('ala@x.pl', '10.0.0.9', 4 * SECOND);
			// The oldest of the five (at T0) leaves the window at T0 + 15 min.
			expect(
				await checkLoginAllowed(t.db, { email: 'ala@x.pl', ip: '10.0.1.1', now: at(10 * SECOND) })
			).toEqual({
				allowed: false,
				retryAfterSec: 15 * 60 - 10
			});
			// Same account, differently written: still blocked.
			const gate = await checkLoginAllowed(t.db, { email: ' ALA@X.pl ', ip: '10.0.1.2', now: at(MINUTE) });
			expect(gate.allowed).toBe(false);
			// Another account is not affected.
			expect(
				(await checkLoginAllowed(t.db, { email: 'ola@x.pl', ip: '10.0.1.1', now: at(MINUTE) })).allowed
			).toBe(true);
			expect(
				(await checkLoginAllowed(t.db, { email: 'ala@x.pl', ip: '10.0.1.1', now: at(LOGIN_WINDOW_MS - 1) }))
					.allowed
			).toBe(false);
			expect(
				(await checkLoginAllowed(t.db, { email: 'ala@x.pl', ip: '10.0.1.1', now: at(LOGIN_WINDOW_MS) }))
					.allowed
			).toBe(true);
		});

		it('forgets failures before the last success on the account', async () => {
			for (let i = 0; i < 4; i++) await fail('ala@x.pl', '10.0.0.1', i * SECOND);
			await recordLoginAttempt(t.db, {
				email: 'ala@x.pl',
				ip: '10.0.0.1',
				succeeded: true,
				now: at(5 * SECOND)
			});
			for (let i = 0; i < 4; i++) await fail('ala@x.pl', '10.0.0.1', (6 + i) * SECOND);
			expect(
				(await checkLoginAllowed(t.db, { email: 'ala@x.pl', ip: '10.0.0.1', now: at(20 * SECOND) })).allowed
			).toBe(true);
			await fail('ala@x.pl', '10.0.0.1', 20 * SECOND);
			expect(
				await checkLoginAllowed(t.db, { email: 'ala@x.pl', ip: '10.0.0.1', now: at(30 * SECOND) })
			).toEqual({
				allowed: false,
				retryAfterSec: 15 * 60 - 24
			});
		});

		it('allows 30 failures per IP in 15 minutes, whatever the accounts', async () => {
			expect(MAX_IP_FAILURES).toBe(30);
			for (let i = 0; i < 29; i++) await fail(`user${i}@x.pl`, '192.0.2.7', i * SECOND);
			expect(
				(await checkLoginAllowed(t.db, { email: 'new@x.pl', ip: '192.0.2.7', now: at(MINUTE) })).allowed
			).toBe(true);
			await fail('user29@x.pl', '192.0.2.7', 29 * SECOND);
			expect(await checkLoginAllowed(t.db, { email: 'new@x.pl', ip: '192.0.2.7', now: at(MINUTE) })).toEqual({
				allowed: false,
				retryAfterSec: 15 * 60 - 60
			});
			// A success for some account does not reset the address.
			await recordLoginAttempt(t.db, {
				email: 'user0@x.pl',
				ip: '192.0.2.7',
				succeeded: true,
				now: at(MINUTE)
			});
			expect(
				(await checkLoginAllowed(t.db, { email: 'new@x.pl', ip: '192.0.2.7', now: at(2 * MINUTE) })).allowed
			).toBe(false);
			// Another address may still sign in to the same accounts.
			expect(
				(await checkLoginAllowed(t.db, { email: 'new@x.pl', ip: '192.0.2.8', now: at(MINUTE) })).allowed
			).toBe(true);
		});

		it('a sign-in attempt forgets attempts older than a day (the table does not grow for ever)', async () => {
			await fail('ala@x.pl', '10.0.0.1', 0);
			await fail('ola@x.pl', '10.0.0.2', 12 * 60 * MINUTE);
			const attempt = await claimLoginAttempt(t.db, {
				email: 'ela@x.pl',
				ip: '10.0.0.3',
				now: at(DAY + MINUTE)
			});
			expect(attempt.gate.allowed).toBe(true);
			const keys = await t.db.selectFrom('loginAttempts').select('key').execute();
			expect(keys).toHaveLength(4);
			expect(keys.map((k) => k.key).join(' ')).not.toContain('ala');
		});

		it('reports the longer wait when both limits apply', async () => {
			for (let i = 0; i < 30; i++)
				await fail(i < 25 ? `user${i}@x.pl` : 'ala@x.pl', '192.0.2.7', (i * MINUTE) / 10);
			const gate = await checkLoginAllowed(t.db, { email: 'ala@x.pl', ip: '192.0.2.7', now: at(3 * MINUTE) });
			// Account: oldest of its 5 failures at 2.5 min; IP: oldest of 30 at 0.
			expect(gate).toEqual({ allowed: false, retryAfterSec: 15 * 60 + 150 - 180 });
		});
	});
});
