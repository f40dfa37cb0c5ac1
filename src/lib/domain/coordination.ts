/**
 * The coordinator's API inputs (issue 5): project period, quota targets, closing and reopening months, approval and
 * flags. Schemas shared by the screens and the server; pure helpers for months of a period. No I/O, no clock.
 */
import * as v from 'valibot';
import { addMonths, isValidMonth } from './hours';
import { key, strict, typeMessage } from './schemas';

/** The longest project period the admin may set. */
export const PROJECT_PERIOD_MAX_MONTHS = 36;
/** A month has at most 31 × 24 = 744 hours. */
export const QUOTA_MAX_MIN = 744 * 60;
/** The project's default: 120 h of mobile advisory a month across the network (the seed). */
export const DEFAULT_NETWORK_TARGET_MIN = 120 * 60;
export const BULK_APPROVE_MAX = 500;
export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 500;
export const COMMENT_MAX_LENGTH = 500;

export interface ProjectPeriod {
	name: string;
	/** 'YYYY-MM', inclusive. */
	startMonth: string;
	endMonth: string;
}

/** Every month of the period, oldest first ('YYYY-MM'). */
export function periodMonths(period: Pick<ProjectPeriod, 'startMonth' | 'endMonth'>): string[] {
	const months: string[] = [];
	if (!isValidMonth(period.startMonth) || !isValidMonth(period.endMonth)) return months;
	for (let m = period.startMonth; m <= period.endMonth; m = addMonths(m, 1)) months.push(m);
	return months;
}

export function isInPeriod(month: string, period: Pick<ProjectPeriod, 'startMonth' | 'endMonth'>): boolean {
	return month >= period.startMonth && month <= period.endMonth;
}

/** Where a target comes from: this month's own row, the standing row, an even share of the centre's, or nothing. */
/** Where a month's target comes from; 'kept': written out when the month was closed (quotas.ts). */
export type QuotaSource = 'month' | 'kept' | 'standing' | 'share' | 'none';

export const monthSchema = v.pipe(
	v.string(typeMessage('coordinatorApi.month.invalid')),
	v.check(isValidMonth, key('coordinatorApi.month.invalid'))
);

const uuid = v.pipe(v.string(typeMessage()), v.toLowerCase(), v.uuid(key('validation.id')));

const optionalReason = v.optional(
	v.nullable(
		v.pipe(
			v.string(typeMessage()),
			v.trim(),
			v.maxLength(REASON_MAX_LENGTH, key('coordinatorApi.reason.tooLong'))
		)
	)
);

export const ProjectPeriodInput = v.pipe(
	strict({
		name: v.pipe(
			v.string(typeMessage('coordinatorApi.period.name')),
			v.trim(),
			v.nonEmpty(key('coordinatorApi.period.name')),
			v.maxLength(200, key('coordinatorApi.period.name'))
		),
		startMonth: monthSchema,
		endMonth: monthSchema,
		/** Leave out months that hold consultations anyway (their hours no longer count in the project). */
		confirm: v.optional(v.boolean(typeMessage()))
	}),
	v.forward(
		v.check((p) => p.endMonth >= p.startMonth, key('coordinatorApi.period.endBeforeStart')),
		['endMonth']
	),
	v.forward(
		v.check(
			(p) =>
				!isValidMonth(p.startMonth) ||
				!isValidMonth(p.endMonth) ||
				p.endMonth < p.startMonth ||
				addMonths(p.startMonth, PROJECT_PERIOD_MAX_MONTHS - 1) >= p.endMonth,
			key('coordinatorApi.period.tooLong')
		),
		['endMonth']
	)
);
export type ProjectPeriodInput = v.InferOutput<typeof ProjectPeriodInput>;

/**
 * Minutes: a whole number, 0 … 744 h; `null` removes the target of that scope and month. Missing, text, negative,
 * a fraction of a minute: one message, in Polish first ("Podaj liczbę godzin nie mniejszą niż 0").
 */
const targetMin = v.nullable(
	v.pipe(
		v.number(key('coordinatorApi.quota.target')),
		v.finite(key('coordinatorApi.quota.target')),
		v.integer(key('coordinatorApi.quota.target')),
		v.minValue(0, key('coordinatorApi.quota.target')),
		v.maxValue(QUOTA_MAX_MIN, key('coordinatorApi.quota.tooLarge'))
	)
);

export const QuotaInput = strict({
	/** null: the standing target of every month. */
	month: v.nullable(monthSchema),
	/** null with advisorId null: the network's target. */
	centreId: v.nullable(uuid),
	advisorId: v.nullable(uuid),
	targetMin,
	reason: optionalReason
});
export type QuotaInput = v.InferOutput<typeof QuotaInput>;

export const CloseMonthInput = strict({
	centreId: uuid,
	confirm: v.optional(v.boolean(typeMessage()))
});

export const ReopenMonthInput = strict({
	centreId: uuid,
	reason: v.pipe(
		v.string(typeMessage('coordinatorApi.reason.required')),
		v.trim(),
		v.minLength(REASON_MIN_LENGTH, key('coordinatorApi.reason.required')),
		v.maxLength(REASON_MAX_LENGTH, key('coordinatorApi.reason.required'))
	)
});

const approvalComment = v.optional(
	v.nullable(
		v.pipe(
			v.string(typeMessage()),
			v.trim(),
			v.maxLength(COMMENT_MAX_LENGTH, key('coordinatorApi.review.comment'))
		)
	)
);

export const ApproveInput = strict({ comment: approvalComment });

export const BulkApproveInput = strict({
	ids: v.pipe(
		v.array(uuid, typeMessage('coordinatorApi.bulk.size')),
		v.minLength(1, key('coordinatorApi.bulk.size')),
		v.maxLength(BULK_APPROVE_MAX, key('coordinatorApi.bulk.size'))
	),
	comment: approvalComment
});

export const FlagInput = strict({
	comment: v.pipe(
		v.string(typeMessage('coordinatorApi.flag.comment')),
		v.trim(),
		v.minLength(1, key('coordinatorApi.flag.comment')),
		v.maxLength(COMMENT_MAX_LENGTH, key('coordinatorApi.flag.comment'))
	)
});

/** One change of a target (GET /api/quotas/history, newest first); before/after in minutes, null: none. */
export interface QuotaHistoryEntry {
	id: number;
	at: string;
	actorId: string | null;
	actorName: string | null;
	action: string;
	month: string | null;
	centreId: string | null;
	advisorId: string | null;
	before: number | null;
	after: number | null;
	reason: string | null;
}
