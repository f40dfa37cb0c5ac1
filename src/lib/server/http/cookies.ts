import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { DEVICE_COOKIE } from '$lib/server/auth/known-devices';

export const LOCALE_COOKIE = 'doradca_locale';

/** HttpOnly, SameSite=Lax; Secure whenever the site is served over https (always in production). */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

/** The known-device token: kept across sign-outs (it names the browser, not a session, and grants no access). */
export function setDeviceCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(DEVICE_COOKIE, token, {
		path: '/api/session',
		httpOnly: true,
		sameSite: 'strict',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
