import { endpoint, requireUser } from '$lib/server/http';
import { loadStatement, statementFileName } from '$lib/server/reports/statement';
import { statementCsv } from '$lib/server/reports/csv';
import { attachment, statementQuery } from '$lib/server/reports/http';

/** GET ?month=YYYY-MM&centreId=…[&advisorId=…]: the monthly statement as CSV (400 bad month, 403, 404, 422 empty). */
export const GET = endpoint(async (event) => {
	const user = requireUser(event);
	const { db, locale } = event.locals;
	const statement = await loadStatement(db, user, statementQuery(event.url), locale);
	return attachment(statementCsv(statement), 'csv', statementFileName(statement));
});
