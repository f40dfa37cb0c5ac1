/**
 * Sign-in throttling kept in the database, so every app instance sees the same counts. An account allows 5
 * failures per 15 minutes (a success resets it); an address allows 30, so one machine cannot walk through accounts.
 * A browser the account signed in from before (`known-devices.ts`) has its own 5 instead of the account's: failures
 * elsewhere do not lock the owner out.
 * Callers claim an attempt (`claimLoginAttempt`) before verifying the password and, when refused, verify nothing; the
 * refused attempt leaves no row (otherwise an attacker could keep an account locked for ever by hammering it).
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
const deviceKey = (knownDevice: string) => `device:${knownDevice}`;

export interface LoginAttemptInput {
	email: string;
	ip?: string | null;
	/** The id of a known device of this account the attempt comes from (`knownDeviceOf`), if any. */
	knownDevice?: string | null;
	now?: Date;
}

/** Whose failures limit the attempt: its known device's, or else the account's. */
const subjectKey = (input: LoginAttemptInput) =>
	input.knownDevice ? deviceKey(input.knownDevice) : accountKey(input.email);
const ipKey = (ip: string) => `ip:${ip.trim()}`;

/**
 * Seconds until fewer than `limit` failures remain in the window (`windowMs`: sign-in's unless given), or 0 when
 * already fewer.
 * Only failures after `since` count.
 */
async function blockedFor(
	db: Kysely<DB>,
	key: string,
	limit: number,
	now: Date,
	since: string,
	windowMs = LOGIN_WINDOW_MS
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
	const freeAt = Date.parse(oldestCounted.at) + windowMs;
	return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}

export async function checkLoginAllowed(
	db: Kysely<DB>,
	input: LoginAttemptInput,
	/** 1 when the attempt being judged is already written (claimLoginAttempt): it does not count against itself. */
	own: 0 | 1 = 0
): Promise<LoginGate> {
	const now = input.now ?? new Date();
	const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();

	const account = subjectKey(input);
	const lastSuccess = await db
		.selectFrom('loginAttempts')
		.select((eb) => eb.fn.max('at').as('at'))
		.where('key', '=', account)
		.where('succeeded', '=', 1)
		.where('at', '>', windowStart)
		.executeTakeFirst();
	const accountSince = lastSuccess?.at && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;

	const waits = [await blockedFor(db, account, MAX_ACCOUNT_FAILURES + own, now, accountSince)];
	if (input.ip) waits.push(await blockedFor(db, ipKey(input.ip), MAX_IP_FAILURES + own, now, windowStart));
	const retryAfterSec = Math.max(...waits);
	return retryAfterSec > 0 ? { allowed: false, retryAfterSec } : { allowed: true };
}

/** An attempt written before its password is checked; `succeeded` marks it once the password proved right. */
export interface ClaimedAttempt {
	gate: LoginGate;
	succeeded(): Promise<void>;
}

/**
 * Writes a password attempt as a failure *before* its password is checked, then counts the limits with it: attempts
 * sent all at once cannot all pass the check before any of them is written (each passes only if at most the limit's
 * worth were written before it). A refused attempt's rows go again, so hammering a locked account does not keep it
 * locked; an allowed one stays a failure unless `succeeded` is called.
 */
export async function claimLoginAttempt(db: Kysely<DB>, input: LoginAttemptInput): Promise<ClaimedAttempt> {
	const now = input.now ?? new Date();
	const rows = attemptRows(input, false, now);
	const ids = (await db.insertInto('loginAttempts').values(rows).returning('id').execute()).map((r) => r.id);
	const gate = await checkLoginAllowed(db, { ...input, now }, 1);
	if (!gate.allowed) await db.deleteFrom('loginAttempts').where('id', 'in', ids).execute();
	// Nothing older than the window matters; a day's margin keeps pruning cheap (an indexed range, mostly empty).
	await db
		.deleteFrom('loginAttempts')
		.where('at', '<', new Date(now.getTime() - RETAIN_MS).toISOString())
		.execute();
	return {
		gate,
		succeeded: async () => {
			await db.updateTable('loginAttempts').set({ succeeded: 1 }).where('id', 'in', ids).execute();
		}
	};
}

/**
 * An admin gave the account a new password: the failures that locked it (the person forgot the old one) no longer
 * stand between them and the new one. Failures counted on addresses stay.
 */
export async function forgetAccountFailures(db: Kysely<DB>, email: string): Promise<void> {
	await db
		.deleteFrom('loginAttempts')
		.where('key', '=', accountKey(email))
		.where('succeeded', '=', 0)
		.execute();
}

export function attemptRows(input: LoginAttemptInput, succeeded: boolean, now: Date) {
	const at = now.toISOString();
	const flag = succeeded ? 1 : 0;
	const rows = [{ key: subjectKey(input), at, succeeded: flag }];
	if (input.ip) rows.push({ key: ipKey(input.ip), at, succeeded: flag });
	return rows;
}

/** Self-registrations one address may send in REGISTRATION_WINDOW_MS: a workshop at a COP (one Wi-Fi) stays under it. */
export const MAX_REGISTRATIONS_PER_ADDRESS = 30;
export const REGISTRATION_WINDOW_MS = 60 * 60 * 1000;

/**
 * Counts a registration from `ip` before anything is stored (the same table as sign-in attempts, its own key), so a
 * script cannot fill the coordinators' queue with pending organisations. Refused: how long to wait; the refused
 * attempt leaves no row.
 */
export async function claimRegistration(db: Kysely<DB>, ip: string, now = new Date()): Promise<LoginGate> {
	const key = `register:${ip.trim()}`;
	const [row] = await db
		.insertInto('loginAttempts')
		.values({ key, at: now.toISOString(), succeeded: 0 })
		.returning('id')
		.execute();
	// This one is written already: refused when it makes one more than the limit.
	const since = new Date(now.getTime() - REGISTRATION_WINDOW_MS).toISOString();
	const retryAfterSec = await blockedFor(
		db,
		key,
		MAX_REGISTRATIONS_PER_ADDRESS + 1,
		now,
		since,
		REGISTRATION_WINDOW_MS
	);
	if (retryAfterSec === 0) return { allowed: true };
	await db.deleteFrom('loginAttempts').where('id', '=', row!.id).execute();
	return { allowed: false, retryAfterSec };
}
