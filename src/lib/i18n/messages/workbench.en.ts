import type { workbenchPl } from './workbench.pl';

export const workbenchEn: Record<keyof typeof workbenchPl, string> = {
	'topicGroup.classic': 'Advisory topics',
	'topicGroup.model': 'Cooperation Model',
	'topicGroup.mandatory': 'mandatory in the project',
	'topicPlane.1': 'Plane 1: co-creating public policy',
	'topicPlane.2': 'Plane 2: carrying out public tasks',
	'topicPlane.3': 'Plane 3: infrastructure of cooperation',
	'topic.formalities': 'Founding and formalities (statute, KRS, governing bodies)',
	'topic.opp': 'Public benefit (OPP) status and 1.5% of tax',
	'topic.accounting': 'Accounting and financial statements',
	'topic.taxes': 'Taxes and social insurance',
	'topic.paid-activity': 'Paid public-benefit activity and economic activity',
	'topic.employment': 'Employment',
	'topic.volunteering': 'Volunteering',
	'topic.fundraising': 'Fundraising (sponsorship, donations, public collections, crowdfunding)',
	'topic.grant-sources': 'Grant sources',
	'topic.applications': 'Writing applications and budgets',
	'topic.grant-settlement': 'Delivering and settling grants, reports',
	'topic.local-government':
		'Cooperation with local government (open calls, small grants, local initiative, cooperation programme, public benefit council)',
	'topic.promotion': 'Promotion and media',
	'topic.management': 'Management and development',
	'topic.data-protection': 'Personal data protection (GDPR)',
	'topic.social-economy': 'Social economy',
	'topic.partnerships': 'Partnerships and networks',
	'topic.other': 'Other',
	'topic.model-1-1': '1.1 Joint diagnosis of local problems and challenges',
	'topic.model-1-2': '1.2 Informing each other about plans, intentions and directions',
	'topic.model-1-3': '1.3 Co-creating strategies and programmes',
	'topic.model-1-4': '1.4 Consulting draft acts and other projects',
	'topic.model-1-5': '1.5 Cooperating in implementing public policies',
	'topic.model-1-6': '1.6 NGOs taking part in evaluating policies and programmes',
	'topic.model-2-1': '2.1 Public tasks in financial forms',
	'topic.model-2-2': '2.2 Public tasks in non-financial forms',
	'topic.model-2-3': '2.3 Project partnership in carrying out public tasks',
	'topic.model-3-1': '3.1 System supporting civic initiatives and NGOs',
	'topic.model-3-2': '3.2 Supporting integration of the NGO sector',
	'topic.model-3-3': '3.3 Local partnership',
	'workbench.timing.dateInvalid': 'Enter the date as YYYY-MM-DD or pick it from the calendar.',
	'workbench.timing.timeInvalid': 'Enter the time as HH:MM, e.g. 09:30.',
	'workbench.timing.timeNotExist':
		'This time did not exist — that night the clocks went forward from 2:00 to 3:00. Enter the time as the clock showed it.',
	'workbench.timing.endBeforeStart': 'The end must be after the start — check the end time.',
	'workbench.timing.zeroDuration': 'The end is at the same time as the start — enter the end time.',
	'workbench.timing.tooLong': 'The consultation lasts over 12 hours — check the start and end times.',
	'workbench.timing.inFuture':
		'This date is in the future, and you are logging a visit that took place — check the day, month and year. Leave a planned visit as a draft — complete it on the day.',
	'workbench.timing.inFutureOnServer':
		'On the server this day has not come yet — the date on the phone is probably set ahead. Set the date and time on the phone. Correct and save an unsigned card; send a signed one again on the day it is dated, then correct its date with an amendment.',
	'workbench.timing.notStarted':
		'This visit has not started yet, and only a visit that took place can be completed — check the start time. Leave a planned one as a draft.',
	'workbench.timing.notEnded':
		'The end is still ahead — enter the time the visit ended (at most 15 minutes from now).',
	'workbench.timing.durationMismatch': 'The duration does not match the times — set the end time again.',
	'workbench.completed.leaveHeldBack':
		'This change is not saved — the card keeps the values from before it. Leave anyway?',
	'workbench.completed.heldBack':
		"This change is not saved yet: a completed visit cannot hold these values — correct what is marked in the form. Until then the visit's card and your month show it as it was before the change.",
	'workbench.organisation.required': 'Choose the organisation from the list, or add a new one.',
	'workbench.placeKind.required':
		"Choose the place: at the organisation's premises, at the centre, or remote.",
	'workbench.address.required': 'For mobile advice, enter the address where the meeting took place.',
	'workbench.topics.required': 'Tick at least one topic of the consultation.',
	'workbench.topics.unknown': 'This topic is not on the list — choose a topic from the list.',
	'workbench.topics.duplicate': 'Each topic can be ticked only once.',
	'workbench.participantCount.invalid':
		'The number of people present is a whole number from 0 to 10,000, e.g. 3.',
	'workbench.participantCount.tooFew':
		'The number of participants cannot be less than the people listed (and at least 1) — correct it.',
	'workbench.participants.nameRequired': "Enter the participant's name, or remove this row.",
	'workbench.notes.tooLong': 'Notes can have at most 20,000 characters — shorten them.',
	'workbench.text.tooLong': 'This text is too long — shorten it.',
	'workbench.signature.required':
		"A signed consultation needs the organisation representative's signature — ask them to sign.",
	'workbench.signature.invalid': 'The signature was not saved correctly — ask them to sign again.',
	'workbench.amendment.reasonRequired':
		'Give the reason for the amendment (at least 5 characters) — it will be kept in the history.',
	'workbench.amendment.reasonTooLong': 'The reason can have at most 1000 characters — shorten it.',
	'workbench.amendment.noChanges': 'The amendment changes nothing — change at least one field, or cancel.',
	'formDraft.restored': 'Restored what was typed here earlier on this phone ({when}).',
	'formDraft.discard': 'Clear the form',
	'formDraft.kept': 'What you typed is kept on this phone, even if the page reloads.'
};
