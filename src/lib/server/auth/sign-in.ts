/**
 * Sign-in policy. Unknown e-mail and wrong password get the same answer (no account discovery); a pending or
 * deactivated account is named only to someone who knows its password.
 */
import type { Kysely } from 'kysely';
import { ApiError } from '$lib/server/http/api-error';
import type { DB } from '$lib/server/db/schema';
import { hashPassword, verifyPassword } from './password';
import { checkLoginAllowed, recordLoginAttempt } from './rate-limit';
import { createSession } from './sessions';

let dummyHash: Promise<string> | null = null;

export async function signIn(
	db: Kysely<DB>,
	input: { email: string; password: string },
	meta: { ip: string; userAgent: string | null; now?: Date }
) {
	const now = meta.now ?? new Date();
	const gate = await checkLoginAllowed(db, { email: input.email, ip: meta.ip, now });
	if (!gate.allowed) {
		const minutes = Math.max(1, Math.ceil(gate.retryAfterSec / 60));
		throw new ApiError(
			429,
			'too_many_attempts',
			'auth.tooManyAttempts',
			{ minutes },
			{},
			{
				'Retry-After': String(gate.retryAfterSec)
			}
		);
	}
	const user = await db.selectFrom('users').selectAll().where('email', '=', input.email).executeTakeFirst();
	// Verify against a throw-away hash for unknown accounts so both answers take the same time.
	dummyHash ??= hashPassword('not-a-real-password-0');
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
	if (!user || !valid) {
		await recordLoginAttempt(db, { email: input.email, ip: meta.ip, succeeded: false, now });
		throw new ApiError(401, 'wrong_credentials', 'auth.wrongCredentials');
	}
	if (user.status === 'pending') throw new ApiError(403, 'account_pending', 'auth.accountPending');
	if (user.status !== 'active') throw new ApiError(403, 'account_deactivated', 'auth.accountDeactivated');
	await recordLoginAttempt(db, { email: input.email, ip: meta.ip, succeeded: true, now });
	const session = await createSession(db, user.id, { ip: meta.ip, userAgent: meta.userAgent });
	return { user, session };
}
