import { plural } from '../plural';
import type { coordinatorApiPl } from './coordinator-api.pl';
import type { Message, MessageParams } from '../translate';
import { monthLabel } from '$lib/domain/dates';

/** A month of the message as words: 'November 2026'. */
const month = (p: MessageParams, key = 'month') => monthLabel(String(p[key]), 'en');

export const coordinatorApiEn: Record<keyof typeof coordinatorApiPl, Message> = {
	'coordinatorApi.month.invalid': 'Enter the month as YYYY-MM, e.g. 2015-03.',
	'coordinatorApi.month.outsidePeriod': (p: MessageParams) =>
		`${month(p)} is outside the project period “${p.name}” (${month(p, 'start')} – ${month(p, 'end')}). Choose a month in that period or ask the administrator to change the period.`,
	'coordinatorApi.month.inFuture': (p: MessageParams) =>
		`${month(p)} has not begun yet — it cannot be closed.`,
	'coordinatorApi.month.notOver': (p: MessageParams) =>
		`${month(p)} is not over yet. Close it after its last day, or confirm closing it now.`,
	'coordinatorApi.month.closed': (p: MessageParams) =>
		`${month(p)} is closed for this centre. To change its hours, reopen it with a reason.`,
	'coordinatorApi.month.notClosed': (p: MessageParams) => `${month(p)} is not closed for this centre.`,
	'coordinatorApi.month.openRecords': (p: MessageParams) =>
		plural('en', Number(p.count), {
			one: '{month} has {count} record that is unapproved, late or a draft.',
			other: '{month} has {count} records that are unapproved, late or drafts.'
		}).replace('{month}', month(p)) + ' Check the list, or confirm closing anyway.',
	'coordinatorApi.reason.required': 'Give a reason (3 to 500 characters).',
	'coordinatorApi.reason.tooLong': 'The reason may have at most 500 characters.',
	'coordinatorApi.period.closedOutside': (p: MessageParams) =>
		`Closed months would fall outside the new period: ${String(p.months)
			.split(',')
			.map((m) => monthLabel(m, 'en'))
			.join(', ')}. Choose a period that includes them, or reopen them first.`,
	'coordinatorApi.period.recordsOutside': (p: MessageParams) =>
		`Consultations (${p.count}) from these months would fall outside the new period: ${String(p.months)
			.split(',')
			.map((m) => monthLabel(m, 'en'))
			.join(
				', '
			)}. They would stop counting for the project. Save anyway, or choose a period that includes them.`,
	'coordinatorApi.period.name': 'Enter the project name (up to 200 characters).',
	'coordinatorApi.period.endBeforeStart': 'The period cannot end before it starts.',
	'coordinatorApi.period.tooLong': 'The project period may last at most 36 months.',
	'coordinatorApi.quota.target': 'Enter a number of hours not less than 0',
	'coordinatorApi.quota.tooLarge': 'A month has at most 744 hours — enter a smaller number.',
	'coordinatorApi.quota.centreUnknown': 'There is no such centre.',
	'coordinatorApi.quota.advisorNeedsCentre': "For an advisor's target, choose their centre too.",
	'coordinatorApi.quota.advisorNotInCentre': 'This person is not an advisor of the chosen centre.',
	'coordinatorApi.review.notCountable':
		'This is still a draft — its hours count only once the advisor completes the card.',
	'coordinatorApi.review.alreadyApproved': 'This consultation is already approved.',
	'coordinatorApi.review.flaggedInBulk': 'Flagged for correction — approve it on its own card.',
	'coordinatorApi.review.comment': 'The comment may have at most 500 characters.',
	'coordinatorApi.flag.comment': 'Write what needs checking (1 to 500 characters).',
	'coordinatorApi.bulk.size': 'Choose 1 to 500 consultations at a time.'
};
