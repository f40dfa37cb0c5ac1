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
	options: { advisorId: string; centreId: string; month: string; advisorsInCentre: number }
): number | null {
	const own = pick(rows, options.month, (r) => r.advisorId === options.advisorId);
	if (own) return own.targetMin;
	const centre = centreTargetMin(rows, options.centreId, options.month);
	if (centre === null) return null;
	return Math.round(centre / Math.max(1, options.advisorsInCentre));
}
