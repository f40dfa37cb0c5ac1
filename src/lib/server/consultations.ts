import type { Selectable } from 'kysely';
import type { Amendment, Consultation } from '$lib/domain/consultation';
import type { ConsultationAmendmentsTable, ConsultationsTable } from './db/schema';

/** The server row (JSON text columns, flat signature) as the shared Consultation shape, plus its version. */
export function toConsultation(row: Selectable<ConsultationsTable>): Consultation & { version: number } {
	return {
		id: row.id,
		advisorId: row.advisorId,
		centreId: row.centreId,
		organisationId: row.organisationId,
		date: row.date,
		startTime: row.startTime,
		endTime: row.endTime,
		durationMin: row.durationMin,
		placeKind: row.placeKind,
		address: row.address,
		topics: JSON.parse(row.topics) as string[],
		notes: row.notes,
		participants: JSON.parse(row.participants) as Consultation['participants'],
		participantCount: row.participantCount,
		followUps: row.followUps,
		status: row.status,
		signature:
			row.signature && row.signedByName && row.signedAt
				? { image: row.signature, signerName: row.signedByName, signedAt: row.signedAt }
				: null,
		bookingId: row.bookingId,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		version: row.version
	};
}

export function toAmendment(row: Selectable<ConsultationAmendmentsTable>): Amendment {
	return {
		id: row.id,
		consultationId: row.consultationId,
		authorId: row.authorId,
		reason: row.reason,
		changes: JSON.parse(row.changes) as Amendment['changes'],
		createdAt: row.createdAt
	};
}
