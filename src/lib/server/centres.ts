import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { CentreInput } from '$lib/domain/schemas';
import { newId } from '$lib/domain/ids';
import { withTransaction } from './db/database';
import type { DB } from './db/schema';
import { recordAudit } from './audit';
import { ApiError, notFound } from './http/api-error';

export function listCentres(db: Kysely<DB>, options: { activeOnly: boolean }) {
	let query = db.selectFrom('centres').selectAll().orderBy('kind', 'desc').orderBy('name');
	if (options.activeOnly) query = query.where('active', '=', 1);
	return query.execute();
}

/**
 * Two centres of one name would be told apart by no one (the registration and booking lists show the name): refused,
 * whatever the letter case or spaces. Compared here, not in SQL: SQLite's lower() leaves Polish letters as they are.
 */
async function assertNameFree(trx: Kysely<DB>, name: string, exceptId: string | null) {
	const wanted = name.trim().toLocaleLowerCase('pl');
	const rows = await trx.selectFrom('centres').select(['id', 'name']).execute();
	if (rows.some((row) => row.id !== exceptId && row.name.trim().toLocaleLowerCase('pl') === wanted)) {
		throw new ApiError(409, 'name_taken', 'api.invalid', {}, { name: 'centres.nameTaken' });
	}
}

export async function createCentre(db: Kysely<DB>, actor: Identity, input: CentreInput) {
	const now = new Date().toISOString();
	const row = { id: newId(), ...input, active: 1, createdAt: now, updatedAt: now };
	await withTransaction(db, async (trx) => {
		await assertNameFree(trx, input.name, null);
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
		await assertNameFree(trx, input.name, id);
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
