import { plural } from '../plural';
import type { Message, MessageParams } from '../translate';
import type { bookingsPl } from './bookings.pl';

export const bookingsEn: Record<keyof typeof bookingsPl, Message> = {
	'bookingStatus.requested': 'awaiting a time',
	'bookingStatus.confirmed': 'confirmed',
	'bookingStatus.rescheduled': 'rescheduled',
	'bookingStatus.done': 'took place',
	'bookingStatus.noShow': 'no-show',
	'bookingStatus.declined': 'declined',
	'bookingStatus.cancelled': 'cancelled',
	'bookingFormat.premises': "at the organisation's premises",
	'bookingFormat.centre': 'at the centre (COP)',
	'bookingFormat.remote': 'remote',
	'bookingApi.date': 'Enter the date as YYYY-MM-DD.',
	'bookingApi.time': 'Enter the time as HH:MM, e.g. 09:30.',
	'bookingApi.tooLong': 'This text is too long — please shorten it.',
	'bookingApi.length': 'A meeting lasts a multiple of 15 minutes, from 15 minutes to 8 hours.',
	'bookingApi.buffer': 'Travel time is a multiple of 15 minutes, at most 3 hours.',
	'bookingApi.grid': 'Give availability times in steps of 15 minutes (e.g. 09:00, 09:15).',
	'bookingApi.reasonRequired': 'Give a reason — the other side will see it.',
	'bookingApi.preferredDays': 'Choose 1 to 10 different days.',
	'bookingApi.preferredDaysPast': 'Preferred days must be in the future.',
	'bookingApi.preferredDaysTooFar': 'Choose days within the next year — bookings go no further ahead.',
	'bookingApi.slotOrDays': 'Choose a free slot or give preferred days — one of the two.',
	'bookingApi.formatsRequired': 'Choose at least one meeting format.',
	'bookingApi.lengthsRequired': 'Give 1 to 8 meeting lengths.',
	'bookingApi.endBeforeStart': 'The end must be later than the start.',
	'bookingApi.validToBeforeFrom': 'The end date cannot be before the start date.',
	'bookingApi.bothTimes': 'Give both times or neither (the whole day).',
	'bookingApi.extraNeedsPlace': 'An extra slot needs a centre and times.',
	'bookingApi.slotTaken': 'Someone has just booked this slot. Choose one of the next free slots.',
	'bookingApi.slotPast': 'This slot has passed — choose one in the future.',
	'bookingApi.slotTooFar': 'This slot is too far ahead — bookings go at most a year ahead.',
	'bookingApi.slotUnavailable':
		'The advisor is not available then (outside their hours, on leave or a public holiday). Choose a free slot from the list.',
	'bookingApi.placeRequired':
		'Enter the address of the meeting at the organisation’s premises — the organisation has no address in the app.',
	'bookingApi.formatNotOffered': 'This centre does not offer meetings in this format. Choose another format.',
	'bookingApi.advisorNotInCentre': 'This person is not an advisor of this centre.',
	'bookingApi.overlap':
		"This window overlaps another of this advisor's availability windows (same weekday and hours).",
	'bookingApi.noOrganisation': 'This account belongs to no organisation — it cannot book.',
	'bookingApi.clientIdReused': 'This request id has already been used for another booking.',
	'bookingApi.noShowTooEarly': 'A no-show can be recorded only after the meeting was due to start.',
	'bookingApi.preferredDaysNotWorking':
		'Choose working days — the centre holds no visits at weekends or on holidays.',
	'bookingApi.exceptionPast': 'That day has passed — add the exception for today or later.',
	'bookingApi.leaveOverVisits': (p: MessageParams) =>
		plural('en', Number(p.count), {
			one: 'You have a visit agreed at that time: {list}. Move or cancel it first',
			other: 'You have {count} visits agreed at that time: {list}. Move or cancel them first'
		}).replace('{list}', String(p.list)) + ' (the organisation is told), then add the leave.',
	'bookingApi.range': 'Date range: 1 to 62 days, the end not before the start.',
	'bookingApi.transition.requested': 'This booking still awaits a time — it has to be confirmed first.',
	'bookingApi.transition.confirmed': 'This booking is already confirmed.',
	'bookingApi.transition.done': 'This meeting has taken place — it cannot be changed.',
	'bookingApi.transition.noShow': 'This meeting was recorded as a no-show — it cannot be changed.',
	'bookingApi.transition.declined': 'This booking was declined — it cannot be changed.',
	'bookingApi.transition.cancelled':
		'This booking was cancelled — it cannot be confirmed or changed. Please book a new time.',
	'bookingApi.calendar.revoked': 'This calendar link has been switched off. Create a new one in Doradca.',
	'bookingApi.calendar.unknown': 'No such calendar.',
	'bookingApi.calendar.name': 'Doradca — visits',
	'bookingApi.calendar.summary': 'Advice: {organisation}',
	'bookingApi.calendar.summaryForOrganisation': 'Advice — {centre}',
	'bookingApi.calendar.summaryWithAdvisor': 'Advice — {centre} ({advisor})',
	'bookingApi.calendar.onlyAdvisor': 'Only advisors have a visits calendar.'
};
