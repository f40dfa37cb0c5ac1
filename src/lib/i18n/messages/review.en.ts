import type { Message } from '../translate';
import { plural } from '../plural';
import type { reviewPl } from './review.pl';

export const reviewEn: Record<keyof typeof reviewPl, Message> = {
	'review.title': 'Consultations',
	'review.jumpLabel': 'At the bottom of the page',
	'review.jumpClose': 'Closing the month',
	'review.jumpExport': 'Statements to download',
	'review.fromDevice': 'Listed from the data on this device — works without the internet too.',
	'review.filters': 'Filters',
	'review.advisor': 'Advisor',
	'review.advisorAll': 'All',
	'review.status': 'Card status',
	'review.statusAll': 'All',
	'review.search': 'Organisation',
	'review.searchHint': 'Part of the name; case and Polish letters do not matter.',
	'review.clearFilters': 'Clear filters',
	'review.summary': (p) =>
		plural('en', Number(p.count), { one: '{count} consultation', other: '{count} consultations' }) +
		` · hours without drafts: ${p.hours}`,
	'review.empty': 'No consultations for this month on this device yet.',
	'review.noMatch': 'No consultation from this month matches the filters.',
	'review.unknownAdvisor': "advisor not on the centre's list",
	'review.noReceipt': 'no receipt',
	'review.back': 'Back to the consultations',
	'review.detail.title': 'Consultation card',
	'review.detail.notHere':
		'This consultation is not on this device. It may have only just reached the server — wait for the sync, or look up its receipt code.',
	'review.detail.advisor': 'Advisor',
	'review.detail.receipt': 'Receipt code',
	'review.detail.receiptHint': 'The code of the last change the server accepted.',
	'review.detail.created': 'Created (by the phone’s clock)',
	'review.detail.updated': 'Last changed',
	'review.detail.signature': "Organisation representative's signature",
	'review.detail.notSigned': 'The card is not signed yet.',
	'review.detail.conflicts': 'Second versions of text kept (for the advisor to resolve)',
	'review.detail.amendmentBy': '{time} — {author}',
	'review.detail.reason': 'Reason: {reason}',
	'review.audit.comment': 'Comment for the advisor',
	'review.receipt.hint': 'A code looks like 0009Z-4; case and spaces do not matter.',
	'review.receipt.searching': 'Searching…',
	'review.receipt.openConsultation': 'Open the consultation card',
	'review.receipt.openOrganisation': 'Open the organisation',
	'review.import.importing': 'Importing changes…',
	'review.import.tooLarge':
		'The file is too large ({size}). Ask the advisor to save the changes in several files.',
	'review.import.refusals': 'Changes refused on import',
	'review.import.noneAccepted': 'No change from this file was accepted — the reasons are below.'
};
