/**
 * Sign-in throttling kept in the database, so every app instance sees the same counts. An account allows 5
 * failures per 15 minutes (a success resets it); an address allows 30, so one machine cannot walk through accounts.
 * Callers check first and, when refused, neither verify the password nor record the attempt (otherwise an attacker
 * could keep an account locked for ever by hammering it).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_ACCOUNT_FAILURES = 5;
export const MAX_IP_FAILURES = 30;
const RETAIN_MS = 24 * 60 * 60 * 1000;

export type LoginGate = { allowed: true } | { allowed: false; retryAfterSec: number };

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

const accountKey = (email: string) => `email:${normaliseEmail(email)}`;
const ipKey = (ip: string) => `ip:${ip.trim()}`;

/**
 * Seconds until fewer than `limit` failures remain in the window, or 0 when already fewer.
 * Only failures after `since` count.
 */
async function blockedFor(
	db: Kysely<DB>,
	key: string,
	limit: number,
	now: Date,
	since: string
): Promise<number> {
	const recent = await db
		.selectFrom('loginAttempts')
		.select('at')
		.where('key', '=', key)
		.where('succeeded', '=', 0)
		.where('at', '>', since)
		.orderBy('at', 'desc')
		.limit(limit)
		.execute();
	const oldestCounted = recent[limit - 1];
	if (!oldestCounted) return 0;
	const freeAt = Date.parse(oldestCounted.at) + LOGIN_WINDOW_MS;
	return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}

export async function checkLoginAllowed(
	db: Kysely<DB>,
	input: { email: string; ip?: string | null; now?: Date }
): Promise<LoginGate> {
	const now = input.now ?? new Date();
	const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();

	const account = accountKey(input.email);
	const lastSuccess = await db
		.selectFrom('loginAttempts')
		.select((eb) => eb.fn.max('at').as('at'))
		.where('key', '=', account)
		.where('succeeded', '=', 1)
		.where('at', '>', windowStart)
		.executeTakeFirst();
	const accountSince = lastSuccess?.at && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;

	const waits = [await blockedFor(db, account, MAX_ACCOUNT_FAILURES, now, accountSince)];
	if (input.ip) waits.push(await blockedFor(db, ipKey(input.ip), MAX_IP_FAILURES, now, windowStart));
	const retryAfterSec = Math.max(...waits);
	return retryAfterSec > 0 ? { allowed: false, retryAfterSec } : { allowed: true };
}

export async function recordLoginAttempt(
	db: Kysely<DB>,
	input: { email: string; ip?: string | null; succeeded: boolean; now?: Date }
): Promise<void> {
	const now = input.now ?? new Date();
	const at = now.toISOString();
	const succeeded = input.succeeded ? 1 : 0;
	const rows = [{ key: accountKey(input.email), at, succeeded }];
	if (input.ip) rows.push({ key: ipKey(input.ip), at, succeeded });
	await db.insertInto('loginAttempts').values(rows).execute();
	// Nothing older than the window matters; a day's margin keeps pruning cheap and rare in effect.
	await db
		.deleteFrom('loginAttempts')
		.where('at', '<', new Date(now.getTime() - RETAIN_MS).toISOString())
		.execute();
}
