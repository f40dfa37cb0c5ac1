import { endpoint, requireUser } from '$lib/server/http';
import { nearestCentres } from '$lib/server/booking/centres';

export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const params = event.url.searchParams;
	const pick = (name: string) => params.get(name)?.trim() || undefined;
	const centres = await nearestCentres(event.locals.db, user, {
		town: pick('town'),
		gminaTerc: pick('gminaTerc'),
		powiatTerc: pick('powiatTerc')
	});
	return { centres };
});
