import type { Kysely, Selectable } from 'kysely';
import type { Amendment, Consultation } from '$lib/domain/consultation';
import type { Identity } from '$lib/domain/roles';
import type { ConsultationAmendmentsTable, ConsultationsTable, DB } from './db/schema';

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

/** The consultations a user keeps on their device: an advisor their own, a coordinator their centres'. */
export async function consultationsVisibleTo(db: Kysely<DB>, user: Identity) {
	if (user.role !== 'advisor' && user.role !== 'coordinator') return [];
	let query = db
		.selectFrom('consultations')
		.selectAll()
		.where('deletedAt', 'is', null)
		.orderBy('date', 'desc');
	query =
		user.role === 'advisor'
			? query.where('advisorId', '=', user.userId)
			: query.where('centreId', 'in', user.centreIds.length ? user.centreIds : ['']);
	return (await query.execute()).map(toConsultation);
}
