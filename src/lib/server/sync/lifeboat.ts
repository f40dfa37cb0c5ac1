/**
 * Lifeboats: a phone that cannot sync saves its unsent operations to a file; a coordinator imports the file here.
 * The operations take the same exactly-once path as a push, as their author — importing the file twice, or after
 * the phone synced after all, changes nothing.
 */
import type { Kysely } from 'kysely';
import { validate as isUuid } from 'uuid';
import type { Identity } from '$lib/domain/roles';
import {
	consultationIdOf,
	PUSH_MAX_OPS,
	type ImportRefusal,
	type ImportSummary,
	type LifeboatFile,
	type OpResult,
	type PushOperation
} from '$lib/domain/sync';
import type { Locale } from '$lib/i18n/translate';
import type { DB } from '../db/schema';
import { byIds } from '../db/by-ids';
import { ApiError } from '../http/api-error';
import { findUserRow, loadIdentity } from '../identity';
import { pushOperations } from './push';

/** The author a record's fields name (a consultation's advisor, a correction's author), if they name one. */
function namedAuthor(op: PushOperation): string | null {
	const author =
		op.entity === 'consultation'
			? op.fields.advisorId
			: op.entity === 'amendment'
				? op.fields.authorId
				: null;
	// Anything but an id names no one: the operation's own check refuses it, with the field.
	return typeof author === 'string' && isUuid(author) ? author.toLowerCase() : null;
}

export async function importLifeboat(
	db: Kysely<DB>,
	importer: Identity,
	file: LifeboatFile,
	locale: Locale
): Promise<ImportSummary> {
	const author = await findUserRow(db, file.userId);
	if (!author) throw new ApiError(404, 'not_found', 'sync.lifeboat.unknownAuthor');
	const identity = await loadIdentity(db, author);
	const sameCentre = identity?.centreIds.some((centreId) => importer.centreIds.includes(centreId)) ?? false;
	if (!identity || (importer.role !== 'admin' && !sameCentre)) {
		throw new ApiError(403, 'outside_scope', 'sync.lifeboat.userOutsideScope');
	}
	// A file's changes are its author's: one naming another person was altered (or mixed up) after it was saved.
	if (file.ops.some((op) => ![null, file.userId].includes(namedAuthor(op)))) {
		throw new ApiError(422, 'author_mismatch', 'sync.lifeboat.authorMismatch');
	}

	const summary: ImportSummary = { applied: 0, merged: 0, refused: 0, replayed: 0, refusals: [] };
	const refused: { op: PushOperation; result: OpResult }[] = [];
	for (let start = 0; start < file.ops.length; start += PUSH_MAX_OPS) {
		const batch = file.ops.slice(start, start + PUSH_MAX_OPS);
		const results = await pushOperations(
			db,
			{
				user: identity,
				deviceId: file.deviceId,
				via: `import:${importer.userId}`,
				locale,
				now: () => new Date()
			},
			batch
		);
		results.forEach((result, i) => {
			// A refusal stays a refusal at the next import: nothing of it is on the server.
			if (result.status === 'refused') refused.push({ op: batch[i]!, result });
			else if (result.replayed) summary.replayed += 1;
			else summary[result.status] += 1;
		});
	}
	summary.refused = refused.length;
	summary.refusals = await describeRefusals(db, refused);
	return summary;
}

/** Each refusal with the card it is about: from the file's own fields, else as the server holds the card. */
async function describeRefusals(
	db: Kysely<DB>,
	refused: readonly { op: PushOperation; result: OpResult }[]
): Promise<ImportRefusal[]> {
	const ids = [
		...new Set(refused.map(({ op }) => consultationIdOf(op)).filter((id): id is string => id !== null))
	];
	const stored = new Map(
		(
			await byIds(ids, (chunk) =>
				db
					.selectFrom('consultations')
					.select(['id', 'date', 'startTime', 'endTime', 'organisationId'])
					.where('id', 'in', chunk)
					.execute()
			)
		).map((row) => [row.id, row])
	);
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
	const visits = refused.map(({ op }) => {
		const id = consultationIdOf(op);
		if (id === null) return null;
		const row = stored.get(id);
		const own = op.entity === 'consultation' ? op.fields : {};
		return {
			date: text(own.date) ?? row?.date ?? null,
			startTime: text(own.startTime) ?? row?.startTime ?? null,
			endTime: text(own.endTime) ?? row?.endTime ?? null,
			organisationId: text(own.organisationId) ?? row?.organisationId ?? null
		};
	});
	const organisationIds = [
		...new Set(visits.map((visit) => visit?.organisationId).filter((id): id is string => !!id))
	];
	const names = new Map(
		(
			await byIds(organisationIds, (chunk) =>
				db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', chunk).execute()
			)
		).map((row) => [row.id, row.name])
	);
	return refused.map(({ op, result }, i) => {
		const visit = visits[i];
		return {
			opId: op.opId,
			entity: op.entity,
			entityId: op.entityId,
			code: result.code ?? 'invalid',
			message: result.message ?? '',
			fields: result.fields ?? {},
			visit: visit
				? {
						date: visit.date,
						startTime: visit.startTime,
						endTime: visit.endTime,
						organisation: (visit.organisationId && names.get(visit.organisationId)) ?? null
					}
				: null
		};
	});
}
