/**
 * Server settings read from the environment (beyond the database's, read in db/index.ts). Each has a default that
 * suits production; README's configuration table lists them.
 */
import { CLOCK_SKEW_MIN } from '$lib/domain/consultation-rules';

/**
 * CLOCK_SKEW_MIN: how many minutes a phone's clock may run ahead of the server's before a counted card dated "today"
 * on the phone is refused as dated after today (default 10).
 */
export function clockSkewMin(): number {
	const configured = Number(process.env.CLOCK_SKEW_MIN);
	return process.env.CLOCK_SKEW_MIN && Number.isFinite(configured) && configured >= 0
		? configured
		: CLOCK_SKEW_MIN;
}
