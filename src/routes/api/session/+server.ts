import { endpoint, readBody, requireUser, notSignedIn, ApiError } from '$lib/server/http';
import { LoginInput } from '$lib/domain/schemas';
import { signIn } from '$lib/server/auth/sign-in';
import { invalidateSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { loadIdentity } from '$lib/server/identity';
import { setAccountLocale } from '$lib/server/users';
import { clearSessionCookie, setDeviceCookie, setSessionCookie } from '$lib/server/http/cookies';
import { DEVICE_COOKIE } from '$lib/server/auth/known-devices';

/** Who is signed in on this device. */
export const GET = endpoint((event) => {
	if (!event.locals.user) throw notSignedIn();
	return { user: event.locals.user };
});

/** Sign in. */
export const POST = endpoint(async (event) => {
	const input = await readBody(event, LoginInput);
	const { db } = event.locals;
	const { user, session, device } = await signIn(db, input, {
		ip: event.getClientAddress(),
		userAgent: event.request.headers.get('user-agent'),
		deviceToken: event.cookies.get(DEVICE_COOKIE)
	});
	// A language chosen on the sign-in page is the one the person wants: it becomes the account's.
	if (input.locale && input.locale !== user.locale) await setAccountLocale(db, user.id, input.locale);
	const identity = await loadIdentity(db, { ...user, locale: input.locale ?? user.locale });
	if (!identity) throw new ApiError(403, 'no_role', 'auth.noRole');
	setSessionCookie(event.cookies, event.url, session.token, session.expiresAt);
	setDeviceCookie(event.cookies, event.url, device.token, device.expiresAt);
	return { user: identity };
});

/** Sign out: the session ends on the server, not just in this browser. */
export const DELETE = endpoint(async (event) => {
	requireUser(event);
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { db } = event.locals;
		await invalidateSession(db, token);
	}
	clearSessionCookie(event.cookies);
	return { ok: true };
});
