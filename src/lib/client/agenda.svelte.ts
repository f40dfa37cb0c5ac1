/**
 * What an advisor's agenda card shows beside its booking, live from the phone (Today and the agenda): the record
 * already started from the booking, and the next steps agreed at the organisation's previous visit (the
 * advisor's or a colleague's).
 */
import { previousAgreement } from '$lib/domain/consultation';
import { liveQueryState } from './live.svelte';
import { visitsByOrganisation, type OrganisationVisit } from './db/consultations';
import type { LocalConsultation, LocalDb } from './db/local-db';

interface AgendaBooking {
	id: string;
	organisationId: string;
	date: string | null;
}

export interface AgendaRecords {
	recordOf(booking: AgendaBooking): LocalConsultation | undefined;
	agreementFor(booking: AgendaBooking): OrganisationVisit | undefined;
}

/** Call during component initialisation. */
export function agendaRecords(
	db: () => LocalDb,
	advisorId: () => string,
	bookings: () => readonly AgendaBooking[]
): AgendaRecords {
	const fromBookings = liveQueryState(
		() =>
			db()
				.consultations.filter((c) => c.bookingId !== null && c.advisorId === advisorId())
				.toArray(),
		[]
	);
	const history = liveQueryState(
		() =>
			visitsByOrganisation(
				db(),
				bookings().map((booking) => booking.organisationId)
			),
		undefined
	);
	// A few cards over the records started from bookings: a search each costs less than keeping an index.
	const recordOf = (booking: AgendaBooking) => fromBookings.current.find((c) => c.bookingId === booking.id);

	return {
		recordOf,
		agreementFor: (booking) =>
			previousAgreement(history.current?.get(booking.organisationId) ?? [], {
				id: recordOf(booking)?.id ?? '',
				date: booking.date ?? '9999-12-31'
			})
	};
}
