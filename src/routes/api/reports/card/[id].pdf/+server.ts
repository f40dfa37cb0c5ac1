import { endpoint, requireUser } from '$lib/server/http';
import { cardFileName, loadCard } from '$lib/server/reports/statement';
import { cardPdf } from '$lib/server/reports/pdf';
import { attachment } from '$lib/server/reports/http';

/** GET: one consultation's karta doradztwa as PDF, for those who may see the consultation (else 404). */
export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const { db, locale } = event.locals;
	const card = await loadCard(db, user, event.params.id!, locale);
	return attachment(await cardPdf(card), 'pdf', cardFileName(card));
});
