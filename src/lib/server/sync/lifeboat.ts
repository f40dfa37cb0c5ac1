/**
 * Lifeboats: a phone that cannot sync saves its unsent operations to a file; a coordinator imports the file here.
 * The operations take the same exactly-once path as a push, as their author — importing the file twice, or after
 * the phone synced after all, changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import { PUSH_MAX_OPS, type LifeboatFile, type OpStatus } from '$lib/domain/sync';
import type { Locale } from '$lib/i18n/translate';
import type { DB } from '../db/schema';
import { ApiError, notFound } from '../http/api-error';
import { findUserRow, loadIdentity } from '../identity';
import { pushOperations } from './push';

export interface ImportSummary {
	applied: number;
	merged: number;
	refused: number;
	/** Operations the server had already received (from the phone, or an earlier import of this file). */
	replayed: number;
	refusals: { opId: string; entity: string; entityId: string; code: string; message: string }[];
}

export async function importLifeboat(
	db: Kysely<DB>,
	importer: Identity,
	file: LifeboatFile,
	locale: Locale
): Promise<ImportSummary> {
	const author = await findUserRow(db, file.userId);
	if (!author) throw notFound();
	const identity = await loadIdentity(db, author);
	const sameCentre = identity?.centreIds.some((centreId) => importer.centreIds.includes(centreId)) ?? false;
	if (!identity || (importer.role !== 'admin' && !sameCentre)) {
		throw new ApiError(403, 'outside_scope', 'sync.lifeboat.userOutsideScope');
	}

	const summary: ImportSummary = { applied: 0, merged: 0, refused: 0, replayed: 0, refusals: [] };
	const count = (status: OpStatus) => (summary[status] += 1);
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
			if (result.replayed) summary.replayed += 1;
			else count(result.status);
			if (result.status === 'refused' && !result.replayed) {
				const op = batch[i]!;
				summary.refusals.push({
					opId: op.opId,
					entity: op.entity,
					entityId: op.entityId,
					code: result.code ?? 'invalid',
					message: result.message ?? ''
				});
			}
		});
	}
	return summary;
}
