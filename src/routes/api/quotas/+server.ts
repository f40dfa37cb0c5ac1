import { endpoint, readBody, requireRole } from '$lib/server/http';
import { QuotaInput } from '$lib/domain/coordination';
import { monthOf, warsawToday } from '$lib/domain/hours';
import { getQuotas, putQuota } from '$lib/server/quotas';
import { requireMonth } from '$lib/server/months';

/** The month's targets (network, centres, advisors) and where each comes from; `?month=YYYY-MM`, default now. */
export const GET = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const month = requireMonth(event.url.searchParams.get('month') ?? monthOf(warsawToday(new Date())));
	return getQuotas(event.locals.db, user, month);
});

/** Sets one target (month or standing); `targetMin: null` removes it. Audited with the reason. */
export const PUT = endpoint(async (event) => {
	const user = requireRole(event, 'admin', 'coordinator');
	const input = await readBody(event, QuotaInput);
	return putQuota(event.locals.db, user, input);
});
