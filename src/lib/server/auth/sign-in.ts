/**
 * Sign-in policy. Unknown e-mail and wrong password get the same answer (no account discovery); a pending or
 * deactivated account is named only to someone who knows its password.
 */
import type { Kysely } from 'kysely';
import { ApiError } from '$lib/server/http/api-error';
import type { DB } from '$lib/server/db/schema';
import { hashPassword, verifyPassword } from './password';
import { claimLoginAttempt, type LoginGate } from './rate-limit';
import { createSession } from './sessions';
import { knownDeviceOf, rememberDevice } from './known-devices';

let dummyHash: Promise<string> | null = null;

/** 429 with how long to wait, for any password check the rate limit refused (sign-in, a password change). */
export function tooManyAttempts(gate: Extract<LoginGate, { allowed: false }>): ApiError {
	const minutes = Math.max(1, Math.ceil(gate.retryAfterSec / 60));
	return new ApiError(
		429,
		'too_many_attempts',
		'auth.tooManyAttempts',
		{ minutes },
		{},
		{ 'Retry-After': String(gate.retryAfterSec) }
	);
}

export async function signIn(
	db: Kysely<DB>,
	input: { email: string; password: string },
	meta: {
		ip: string;
		userAgent: string | null;
		/** The browser's known-device cookie, if it has one. */
		deviceToken?: string;
		now?: Date;
	}
) {
	const now = meta.now ?? new Date();
	const knownDevice = await knownDeviceOf(db, meta.deviceToken, input.email, now);
	const attempt = await claimLoginAttempt(db, { email: input.email, ip: meta.ip, knownDevice, now });
	if (!attempt.gate.allowed) throw tooManyAttempts(attempt.gate);
	const user = await db.selectFrom('users').selectAll().where('email', '=', input.email).executeTakeFirst();
	// Verify against a throw-away hash for unknown accounts so both answers take the same time.
	dummyHash ??= hashPassword('not-a-real-password-0');
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
	// A wrong password's attempt stays written as a failure.
	if (!user || !valid) throw new ApiError(401, 'wrong_credentials', 'auth.wrongCredentials');
	await attempt.succeeded();
	if (user.status === 'pending') throw new ApiError(403, 'account_pending', 'auth.accountPending');
	if (user.status !== 'active') throw new ApiError(403, 'account_deactivated', 'auth.accountDeactivated');
	const session = await createSession(db, user.id, { ip: meta.ip, userAgent: meta.userAgent });
	const device = await rememberDevice(
		db,
		user.id,
		knownDevice && meta.deviceToken ? { id: knownDevice, token: meta.deviceToken } : null,
		now
	);
	return { user, session, device };
}
