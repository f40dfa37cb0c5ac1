import type { RequestHandler } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import { advisorFeed, icsResponse, lookupFeedToken } from '$lib/server/booking/calendar';

/** The advisor's subscription feed: no session, the secret token in the URL is the key. */
export const GET: RequestHandler = async (event) => {
	const { db, locale } = event.locals;
	const found = await lookupFeedToken(db, (event.params as Record<string, string | undefined>).token ?? '');
	if (found.status !== 'ok') {
		const gone = found.status === 'revoked';
		return new Response(
			translate(locale, gone ? 'bookingApi.calendar.revoked' : 'bookingApi.calendar.unknown'),
			{ status: gone ? 410 : 404, headers: { 'content-type': 'text/plain; charset=utf-8' } }
		);
	}
	return icsResponse(await advisorFeed(db, found.advisor));
};
