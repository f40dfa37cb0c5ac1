import { withTransaction } from '$lib/server/db/database';
import { endpoint, readBody, requireUser, invalid } from '$lib/server/http';
import { PasswordChangeInput } from '$lib/domain/schemas';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';
import { claimLoginAttempt } from '$lib/server/auth/rate-limit';
import { DEVICE_COOKIE, knownDeviceOf } from '$lib/server/auth/known-devices';
import { tooManyAttempts } from '$lib/server/auth/sign-in';
import { createSession, invalidateUserSessions } from '$lib/server/auth/sessions';
import { recordAudit } from '$lib/server/audit';
import { loadIdentity } from '$lib/server/identity';
import { setSessionCookie } from '$lib/server/http/cookies';

/** Change one's own password: every other session of the account ends; this device gets a fresh one. */
export const POST = endpoint(async (event) => {
	const me = requireUser(event);
	const input = await readBody(event, PasswordChangeInput);
	const { db } = event.locals;
	const user = await db.selectFrom('users').selectAll().where('id', '=', me.userId).executeTakeFirstOrThrow();
	// The current password is guessed no faster here than at sign-in (a session left open on someone's phone).
	const knownDevice = await knownDeviceOf(db, event.cookies.get(DEVICE_COOKIE), user.email);
	const attempt = await claimLoginAttempt(db, {
		email: user.email,
		ip: event.getClientAddress(),
		knownDevice
	});
	if (!attempt.gate.allowed) throw tooManyAttempts(attempt.gate);
	if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
		throw invalid('currentPassword', 'auth.currentPasswordWrong');
	}
	await attempt.succeeded();
	const passwordHash = await hashPassword(input.newPassword);
	await withTransaction(db, async (trx) => {
		await trx
			.updateTable('users')
			.set({ passwordHash, mustChangePassword: 0, updatedAt: new Date().toISOString() })
			.where('id', '=', me.userId)
			.execute();
		await invalidateUserSessions(trx, me.userId);
		await recordAudit(trx, {
			actorId: me.userId,
			entity: 'user',
			entityId: me.userId,
			action: 'password_changed'
		});
	});
	const session = await createSession(db, me.userId, {
		ip: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent')
	});
	setSessionCookie(event.cookies, event.url, session.token, session.expiresAt);
	const refreshed = await db
		.selectFrom('users')
		.selectAll()
		.where('id', '=', me.userId)
		.executeTakeFirstOrThrow();
	return { user: await loadIdentity(db, refreshed) };
});
