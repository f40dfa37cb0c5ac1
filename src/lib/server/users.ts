import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Identity, Role } from '$lib/domain/roles';
import type { UserCreateInput, UserUpdateInput } from '$lib/domain/schemas';
import { newId } from '$lib/domain/ids';
import type { Locale } from '$lib/i18n/translate';
import { withTransaction } from './db/database';
import type { DB } from './db/schema';
import { recordAudit } from './audit';
import { hashPassword } from './auth/password';
import { invalidateUserSessions } from './auth/sessions';
import { forgetAccountFailures } from './auth/rate-limit';
import { resequenceVisits } from './sync/sequence';
import { ApiError, notFound } from './http/api-error';
import { polishOrder } from '$lib/domain/collation';

const TEMP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A temporary password that is easy to read aloud or copy: three groups of four, no look-alike characters. */
export function temporaryPassword(): string {
	const group = () =>
		Array.from({ length: 4 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join('');
	return `${group()}-${group()}-${group()}`;
}

/** The account's language: what the server answers it in, and what its devices start with after signing in. */
export async function setAccountLocale(db: Kysely<DB>, userId: string, locale: Locale): Promise<void> {
	await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

/**
 * Every account, in Polish alphabetical order of names (same names by e-mail, so the order is stable) — sorted here:
 * the databases' ORDER BY puts "Łukasz" after "Zofia" (byte order, or a C collation).
 */
export async function listUsers(db: Kysely<DB>) {
	const users = await db
		.selectFrom('users')
		.select(['id', 'email', 'name', 'status', 'mustChangePassword', 'createdAt'])
		.execute();
	users.sort((a, b) => polishOrder.compare(a.name, b.name) || polishOrder.compare(a.email, b.email));
	const memberships = await db
		.selectFrom('memberships')
		.select(['userId', 'role', 'centreId', 'organisationId'])
		.execute();
	return users.map((u) => ({
		...u,
		mustChangePassword: u.mustChangePassword === 1,
		memberships: memberships
			.filter((m) => m.userId === u.id)
			.map(({ role, centreId, organisationId }) => ({ role: role as Role, centreId, organisationId }))
	}));
}

async function replaceMembership(
	trx: Transaction<DB>,
	userId: string,
	membership: { role: Role; centreId: string | null; organisationId: string | null }
) {
	await trx.deleteFrom('memberships').where('userId', '=', userId).execute();
	await trx
		.insertInto('memberships')
		.values({ id: newId(), userId, ...membership, createdAt: new Date().toISOString() })
		.execute();
}

async function assertScopeExists(
	trx: Transaction<DB>,
	centreId: string | null,
	organisationId: string | null
) {
	if (
		centreId &&
		!(await trx.selectFrom('centres').select('id').where('id', '=', centreId).executeTakeFirst())
	) {
		throw new ApiError(400, 'invalid', 'api.invalid', {}, { centreId: 'users.centreUnknown' });
	}
	if (
		organisationId &&
		!(await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst())
	) {
		throw new ApiError(400, 'invalid', 'api.invalid', {}, { organisationId: 'users.organisationUnknown' });
	}
}

/** A role's scope: a centre for staff, an organisation for an NGO, neither for an admin (anything else is dropped). */
function scopeOf(role: Role, centreId: string | null, organisationId: string | null) {
	return {
		centreId: role === 'coordinator' || role === 'advisor' ? centreId : null,
		organisationId: role === 'ngo' ? organisationId : null
	};
}

export async function createUser(db: Kysely<DB>, actor: Identity, input: UserCreateInput) {
	const scope = scopeOf(input.role, input.centreId, input.organisationId);
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	const now = new Date().toISOString();
	const id = newId();
	await withTransaction(db, async (trx) => {
		const taken = await trx
			.selectFrom('users')
			.select('id')
			.where('email', '=', input.email)
			.executeTakeFirst();
		if (taken) throw new ApiError(409, 'email_taken', 'api.invalid', {}, { email: 'users.emailInUse' });
		await assertScopeExists(trx, scope.centreId, scope.organisationId);
		await trx
			.insertInto('users')
			.values({
				id,
				email: input.email,
				name: input.name,
				passwordHash,
				status: 'active',
				mustChangePassword: 1,
				locale: 'pl',
				createdAt: now,
				updatedAt: now
			})
			.execute();
		await replaceMembership(trx, id, { role: input.role, ...scope });
		await recordAudit(trx, {
			actorId: actor.userId,
			entity: 'user',
			entityId: id,
			action: 'created',
			after: { email: input.email, name: input.name, role: input.role, centreId: scope.centreId }
		});
	});
	// The address as stored (trimmed, lower-case), which is the one the person signs in with.
	return { id, email: input.email, temporaryPassword: password };
}

/**
 * The admin gives someone who lost their password a new temporary one: the old password stops working, every
 * session of the account ends, and the person must choose their own password at the next sign-in. The admin's own
 * password is changed on /account (with the current one), never here: refused.
 */
export async function resetUserPassword(db: Kysely<DB>, actor: Identity, id: string) {
	if (id === actor.userId) throw new ApiError(400, 'own_password', 'users.resetOwnPassword');
	// Hashed before the transaction: argon2 takes a while, and a write transaction would hold the database.
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	const email = await withTransaction(db, async (trx) => {
		const user = await trx
			.selectFrom('users')
			.select(['id', 'email'])
			.where('id', '=', id)
			.executeTakeFirst();
		if (!user) throw notFound();
		await trx
			.updateTable('users')
			.set({ passwordHash, mustChangePassword: 1, updatedAt: new Date().toISOString() })
			.where('id', '=', id)
			.execute();
		await invalidateUserSessions(trx, id);
		await forgetAccountFailures(trx, user.email);
		await recordAudit(trx, {
			actorId: actor.userId,
			entity: 'user',
			entityId: id,
			action: 'password_reset',
			after: { mustChangePassword: true }
		});
		return user.email;
	});
	return { id, email, temporaryPassword: password };
}

export async function updateUser(db: Kysely<DB>, actor: Identity, id: string, input: UserUpdateInput) {
	await withTransaction(db, async (trx) => {
		const before = await trx
			.selectFrom('users')
			.select(['id', 'name', 'status'])
			.where('id', '=', id)
			.executeTakeFirst();
		if (!before) throw notFound();
		if (
			id === actor.userId &&
			(input.status === 'deactivated' || (input.role && input.role !== actor.role))
		) {
			throw new ApiError(400, 'invalid', 'api.invalid', {}, { status: 'users.cannotDemoteSelf' });
		}
		const membershipBefore = await trx
			.selectFrom('memberships')
			.select(['role', 'centreId', 'organisationId'])
			.where('userId', '=', id)
			.executeTakeFirst();
		const patch: { name?: string; status?: 'active' | 'deactivated'; updatedAt: string } = {
			updatedAt: new Date().toISOString()
		};
		if (input.name !== undefined) patch.name = input.name;
		if (input.status !== undefined) patch.status = input.status;
		await trx.updateTable('users').set(patch).where('id', '=', id).execute();
		// Colleagues' phones show the name beside each of this advisor's visits: send those visits again.
		if (patch.name !== undefined && patch.name !== before.name && membershipBefore?.role === 'advisor') {
			await resequenceVisits(trx, id);
		}

		const roleChange =
			input.role !== undefined || input.centreId !== undefined || input.organisationId !== undefined;
		let membershipAfter = membershipBefore;
		if (roleChange) {
			const role = (input.role ?? membershipBefore?.role ?? 'advisor') as Role;
			const { centreId, organisationId } = scopeOf(
				role,
				input.centreId ?? membershipBefore?.centreId ?? null,
				input.organisationId ?? membershipBefore?.organisationId ?? null
			);
			if ((role === 'coordinator' || role === 'advisor') && !centreId) {
				throw new ApiError(400, 'invalid', 'api.invalid', {}, { centreId: 'validation.user.centreRequired' });
			}
			if (role === 'ngo' && !organisationId) {
				throw new ApiError(
					400,
					'invalid',
					'api.invalid',
					{},
					{ organisationId: 'validation.user.organisationRequired' }
				);
			}
			await assertScopeExists(trx, centreId, organisationId);
			membershipAfter = { role, centreId, organisationId };
			await replaceMembership(trx, id, membershipAfter);
		}
		// Losing the account or its role must take effect now, not when the session would have expired.
		if (input.status === 'deactivated' || roleChange) await invalidateUserSessions(trx, id);
		await recordAudit(trx, {
			actorId: actor.userId,
			entity: 'user',
			entityId: id,
			action: input.status === 'deactivated' ? 'deactivated' : 'updated',
			before: { ...before, membership: membershipBefore },
			after: { ...before, ...patch, membership: membershipAfter }
		});
	});
}
