/**
 * Database sessions. The cookie carries a random token; the database keeps only its SHA-256, so reading the
 * sessions table does not let anyone sign in. Sessions slide: used at least every 15 days, they never expire.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Session, User } from '../db/schema';

export const SESSION_COOKIE = 'doradca_session';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** Extend only when less than this remains, so an active user causes one write per fortnight, not per request. */
export const SESSION_RENEW_BELOW_MS = 15 * DAY_MS;
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

/** 32 random bytes in base64url: a session's token, and a known device's. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export type SessionUser = Omit<User, 'passwordHash'>;

export interface SessionMeta {
	userAgent?: string | null;
	ip?: string | null;
	now?: Date;
}

export function hashSessionToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
	db: Kysely<DB>,
	userId: string,
	meta: SessionMeta = {}
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
	const now = meta.now ?? new Date();
	const token = newToken();
	const sessionId = hashSessionToken(token);
	const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
	await db
		.insertInto('sessions')
		.values({
			id: sessionId,
			userId,
			createdAt: now.toISOString(),
			expiresAt: expiresAt.toISOString(),
			lastSeenAt: now.toISOString(),
			// Bounded: these come from request headers.
			userAgent: meta.userAgent?.slice(0, 512) ?? null,
			ip: meta.ip?.slice(0, 64) ?? null
		})
		.execute();
	return { token, expiresAt, sessionId };
}

/**
 * The session and its user for a cookie token, or null (unknown, expired, or the account is not active).
 * `session.expiresAt` is the possibly extended expiry, for refreshing the cookie.
 */
export async function validateSessionToken(
	db: Kysely<DB>,
	token: string,
	now: Date = new Date()
): Promise<{ session: Session; user: SessionUser } | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const sessionId = hashSessionToken(token);
	const row = await db
		.selectFrom('sessions')
		.innerJoin('users', 'users.id', 'sessions.userId')
		.selectAll('sessions')
		.select([
			'users.email',
			'users.name',
			'users.status',
			'users.mustChangePassword',
			'users.locale',
			'users.createdAt as userCreatedAt',
			'users.updatedAt as userUpdatedAt'
		])
		.where('sessions.id', '=', sessionId)
		.executeTakeFirst();
	if (!row) return null;

	const nowMs = now.getTime();
	if (Date.parse(row.expiresAt) <= nowMs) {
		await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
		return null;
	}
	if (row.status !== 'active') return null;

	const session: Session = {
		id: row.id,
		userId: row.userId,
		createdAt: row.createdAt,
		expiresAt: row.expiresAt,
		lastSeenAt: row.lastSeenAt,
		userAgent: row.userAgent,
		ip: row.ip
	};
	const patch: { expiresAt?: string; lastSeenAt?: string } = {};
	if (Date.parse(row.expiresAt) - nowMs < SESSION_RENEW_BELOW_MS) {
		patch.expiresAt = new Date(nowMs + SESSION_LIFETIME_MS).toISOString();
	}
	if (nowMs - Date.parse(row.lastSeenAt) >= LAST_SEEN_RESOLUTION_MS) patch.lastSeenAt = now.toISOString();
	if (patch.expiresAt || patch.lastSeenAt) {
		await db.updateTable('sessions').set(patch).where('id', '=', sessionId).execute();
		Object.assign(session, patch);
	}

	const user: SessionUser = {
		id: row.userId,
		email: row.email,
		name: row.name,
		status: row.status,
		mustChangePassword: row.mustChangePassword,
		locale: row.locale,
		createdAt: row.userCreatedAt,
		updatedAt: row.userUpdatedAt
	};
	return { session, user };
}

export async function invalidateSession(db: Kysely<DB>, token: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', hashSessionToken(token)).execute();
}

/** Signs the user out everywhere, except (optionally) the session making the request, e.g. after a password change. */
export async function invalidateUserSessions(
	db: Kysely<DB>,
	userId: string,
	exceptSessionId?: string
): Promise<void> {
	let query = db.deleteFrom('sessions').where('userId', '=', userId);
	if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
	await query.execute();
}

/** Removes sessions nobody came back to (an expired one is otherwise only deleted when its cookie shows up). */
export async function deleteExpiredSessions(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
	const result = await db
		.deleteFrom('sessions')
		.where('expiresAt', '<=', now.toISOString())
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
