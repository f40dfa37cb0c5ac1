import type { Handle, RequestEvent, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { prepareServer } from '$lib/server/startup';
import { getDatabase } from '$lib/server/db';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { authenticate } from '$lib/server/auth/authenticate';
import { LOCALE_COOKIE } from '$lib/server/http/cookies';
import { compressResponse } from '$lib/server/http/compression';
import { errorResponse } from '$lib/server/http/endpoint';
import { ApiError } from '$lib/server/http/api-error';
import { isLocale, localeFromAcceptLanguage } from '$lib/i18n/translate';

const SECURITY_HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()'
};

export const init: ServerInit = async () => {
	// The build prerenders the offline shell, which needs no database: migrating (or refusing) whatever database the
	// environment points at — ./data/doradca.db after `npm start`, demo accounts and all — is the running server's job.
	if (building) return;
	await prepareServer({ DEMO: env.DEMO, DEMO_HISTORY: env.DEMO_HISTORY, NODE_ENV: env.NODE_ENV });
};

export const handle: Handle = async ({ event, resolve }) => {
	const cookieLocale = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(cookieLocale)
		? cookieLocale
		: localeFromAcceptLanguage(event.request.headers.get('accept-language'));

	// Pages are client-rendered shells; only the API touches the database and the session.
	if (event.url.pathname.startsWith('/api/')) {
		event.locals.db = await getDatabase();
		const { user, sessionId } = await authenticate(event.locals.db, event.cookies.get(SESSION_COOKIE));
		event.locals.user = user;
		event.locals.sessionId = sessionId;
	} else {
		event.locals.user = null;
		event.locals.sessionId = null;
	}

	const response = jsonApiError(event, await resolve(event));
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (event.url.protocol === 'https:') {
		response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
	if (event.url.pathname.startsWith('/api/')) response.headers.set('Cache-Control', 'no-store');
	// A server-side fetch of the app's own route (none today: ssr is off) gets the body as is.
	return event.isSubRequest ? response : compressResponse(event.request, response);
};

/**
 * An /api/ address no route serves (SvelteKit answers with the app shell) or a method its route lacks (plain English
 * text) is answered like every other API error: JSON, in the user's language.
 */
function jsonApiError(event: RequestEvent, response: Response): Response {
	if (!event.url.pathname.startsWith('/api/')) return response;
	if (response.headers.get('content-type')?.startsWith('application/json')) return response;
	if (response.status === 404)
		return errorResponse(event, new ApiError(404, 'not_found', 'api.noSuchAddress'));
	if (response.status === 405) {
		const allow = response.headers.get('allow');
		return errorResponse(
			event,
			new ApiError(405, 'method_not_allowed', 'api.methodNotAllowed', {}, {}, allow ? { allow } : {})
		);
	}
	return response;
}
