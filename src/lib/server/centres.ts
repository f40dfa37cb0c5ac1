import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { CentreInput } from '$lib/domain/schemas';
import { newId } from '$lib/domain/ids';
import { withTransaction } from './db/database';
import type { DB } from './db/schema';
import { recordAudit } from './audit';
import { notFound } from './http/api-error';

export function listCentres(db: Kysely<DB>, options: { activeOnly: boolean }) {
	let query = db.selectFrom('centres').selectAll().orderBy('kind', 'desc').orderBy('name');
	if (options.activeOnly) query = query.where('active', '=', 1);
	return query.execute();
}

export async function createCentre(db: Kysely<DB>, actor: Identity, input: CentreInput) {
	const now = new Date().toISOString();
	const row = { id: newId(), ...input, active: 1, createdAt: now, updatedAt: now };
	await withTransaction(db, async (trx) => {
		await trx.insertInto('centres').values(row).execute();
		await recordAudit(trx, {
			actorId: actor.userId,
			entity: 'centre',
			entityId: row.id,
			action: 'created',
			after: row
		});
	});
	return row;
}

export async function updateCentre(
	db: Kysely<DB>,
	actor: Identity,
	id: string,
	input: CentreInput & { active?: boolean }
) {
	return withTransaction(db, async (trx) => {
		const before = await trx.selectFrom('centres').selectAll().where('id', '=', id).executeTakeFirst();
		if (!before) throw notFound();
		const { active, ...fields } = input;
		const patch = {
			...fields,
			...(active === undefined ? {} : { active: active ? 1 : 0 }),
			updatedAt: new Date().toISOString()
		};
		await trx.updateTable('centres').set(patch).where('id', '=', id).execute();
		const after = { ...before, ...patch };
		await recordAudit(trx, {
			actorId: actor.userId,
			entity: 'centre',
			entityId: id,
			action: 'updated',
			before,
			after
		});
		return after;
	});
}
