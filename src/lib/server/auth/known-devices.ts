/**
 * Browsers an account has signed in from (OWASP's "device cookies"). After a successful sign-in the browser keeps a
 * random token in a cookie; the database keeps its SHA-256. A later password attempt for the same account from that
 * browser is counted on its own (`device:` key) instead of on the account, so failures made on purpose elsewhere —
 * by someone who knows only the e-mail — do not lock the advisor out of their own phone.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { hashSessionToken, newToken, TOKEN_PATTERN } from './sessions';

export const DEVICE_COOKIE = 'doradca_device';
/** A browser not used to sign in for a year is forgotten. */
export const KNOWN_DEVICE_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

/** The known device this cookie token names for the account with this e-mail, or null. */
export async function knownDeviceOf(
	db: Kysely<DB>,
	token: string | undefined,
	email: string,
	now = new Date()
): Promise<string | null> {
	if (!token || !TOKEN_PATTERN.test(token)) return null;
	const since = new Date(now.getTime() - KNOWN_DEVICE_LIFETIME_MS).toISOString();
	const device = await db
		.selectFrom('knownDevices')
		.innerJoin('users', 'users.id', 'knownDevices.userId')
		.select('knownDevices.id')
		.where('knownDevices.id', '=', hashSessionToken(token))
		.where('knownDevices.lastUsedAt', '>', since)
		.where('users.email', '=', email)
		.executeTakeFirst();
	return device?.id ?? null;
}

/**
 * After a successful sign-in: the device is known from now on. Returns the token for the cookie — a new one unless
 * the browser already held a known one — and forgets the account's devices unused for a year.
 */
export async function rememberDevice(
	db: Kysely<DB>,
	userId: string,
	known: { id: string; token: string } | null,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const at = now.toISOString();
	const expiresAt = new Date(now.getTime() + KNOWN_DEVICE_LIFETIME_MS);
	await db
		.deleteFrom('knownDevices')
		.where('userId', '=', userId)
		.where('lastUsedAt', '<=', new Date(now.getTime() - KNOWN_DEVICE_LIFETIME_MS).toISOString())
		.execute();
	if (known) {
		await db.updateTable('knownDevices').set({ lastUsedAt: at }).where('id', '=', known.id).execute();
		return { token: known.token, expiresAt };
	}
	const token = newToken();
	await db
		.insertInto('knownDevices')
		.values({ id: hashSessionToken(token), userId, createdAt: at, lastUsedAt: at })
		.execute();
	return { token, expiresAt };
}
