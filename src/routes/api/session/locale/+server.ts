import { endpoint, readBody } from '$lib/server/http';
import { LocaleInput } from '$lib/domain/schemas';
import { LOCALE_COOKIE } from '$lib/server/http/cookies';
import { setAccountLocale } from '$lib/server/users';

/** Remember the language: a cookie for this browser, and the account's preference when signed in. */
export const PUT = endpoint(async (event) => {
	const { locale } = await readBody(event, LocaleInput);
	event.cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: 60 * 60 * 24 * 365
	});
	if (event.locals.user) await setAccountLocale(event.locals.db, event.locals.user.userId, locale);
	return { locale };
});
