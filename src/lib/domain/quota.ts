/**
 * Monthly hour targets. A target row for one month overrides the standing one (month null). An advisor without a
 * target of their own gets an even share of their centre's target, in whole minutes.
 */
export interface QuotaRow {
	month: string | null;
	centreId: string | null;
	advisorId: string | null;
	kind: 'mobile';
	targetMin: number;
}

function pick(
	rows: readonly QuotaRow[],
	month: string,
	match: (row: QuotaRow) => boolean
): QuotaRow | undefined {
	const candidates = rows.filter(match);
	return candidates.find((r) => r.month === month) ?? candidates.find((r) => r.month === null);
}

export function centreTargetMin(rows: readonly QuotaRow[], centreId: string, month: string): number | null {
	return pick(rows, month, (r) => r.centreId === centreId && r.advisorId === null)?.targetMin ?? null;
}

export function advisorTargetMin(
	rows: readonly QuotaRow[],
	options: {
		advisorId: string;
		centreId: string;
		month: string;
		advisorsInCentre: number;
		/**
		 * Only a row of the month itself counts, never a standing target or a share: in a month closed for the
		 * centre (it keeps the targets it was closed with, written out then — see targetsToKeepAtClose — so an
		 * advisor not there yet at the closing has none), and for an advisor no longer active in the centre.
		 */
		monthRowsOnly?: boolean;
	}
): number | null {
	if (options.monthRowsOnly) {
		return (
			rows.find((r) => r.month === options.month && r.advisorId === options.advisorId)?.targetMin ?? null
		);
	}
	const own = pick(rows, options.month, (r) => r.advisorId === options.advisorId);
	if (own) return own.targetMin;
	const centre = centreTargetMin(rows, options.centreId, options.month);
	if (centre === null) return null;
	return Math.round(centre / Math.max(1, options.advisorsInCentre));
}

/**
 * What a month keeps of its targets when it is closed: the centre's and each advisor's target as it stands, for
 * every scope without a row of its own for that month (a standing target, or an advisor's share). Written out for
 * the month, they keep the closed month as reported when a standing target or the number of advisors changes later.
 */
export function targetsToKeepAtClose(
	rows: readonly QuotaRow[],
	options: { centreId: string; month: string; advisorIds: readonly string[] }
): { advisorId: string | null; targetMin: number }[] {
	const { centreId, month } = options;
	const hasMonthRow = (advisorId: string | null) =>
		rows.some((r) => r.month === month && r.centreId === centreId && r.advisorId === advisorId);
	const kept: { advisorId: string | null; targetMin: number }[] = [];
	const centre = centreTargetMin(rows, centreId, month);
	if (centre !== null && !hasMonthRow(null)) kept.push({ advisorId: null, targetMin: centre });
	for (const advisorId of options.advisorIds) {
		if (hasMonthRow(advisorId)) continue;
		const target = advisorTargetMin(rows, {
			advisorId,
			centreId,
			month,
			advisorsInCentre: options.advisorIds.length
		});
		if (target !== null) kept.push({ advisorId, targetMin: target });
	}
	return kept;
}

/**
 * How far the parts' targets (the centres of the network, the advisors of a centre) are from their whole's: null
 * when they add up — within the rounding of even shares, half a minute a part — or when the whole has no target.
 * A part without a target counts as none.
 */
export function targetGap(
	wholeMin: number | null,
	partsMin: readonly (number | null)[]
): { sumMin: number; diffMin: number } | null {
	if (wholeMin === null || partsMin.length === 0) return null;
	const sumMin = partsMin.reduce<number>((sum, part) => sum + (part ?? 0), 0);
	const diffMin = sumMin - wholeMin;
	return Math.abs(diffMin) <= partsMin.length / 2 ? null : { sumMin, diffMin };
}
