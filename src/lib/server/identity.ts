import type { Kysely } from 'kysely';
import { primaryRole, type Identity, type Role } from '$lib/domain/roles';
import { isLocale } from '$lib/i18n/translate';
import type { DB } from './db/schema';

export interface UserRow {
	id: string;
	email: string;
	name: string;
	mustChangePassword: number;
	locale: string;
}

/** The row `loadIdentity` takes, for an account known by its id (a lifeboat's author, a demo user). */
export function findUserRow(db: Kysely<DB>, userId: string): Promise<UserRow | undefined> {
	return db
		.selectFrom('users')
		.select(['id', 'email', 'name', 'mustChangePassword', 'locale'])
		.where('id', '=', userId)
		.executeTakeFirst();
}

/** The identity the client keeps locally: who this is, which role decides their screens, and their scope. */
export async function loadIdentity(db: Kysely<DB>, user: UserRow): Promise<Identity | null> {
	const memberships = await db
		.selectFrom('memberships')
		.select(['role', 'centreId', 'organisationId'])
		.where('userId', '=', user.id)
		.execute();
	const role = primaryRole(memberships.map((m) => m.role as Role));
	if (!role) return null;
	const own = memberships.filter((m) => m.role === role);
	return {
		userId: user.id,
		email: user.email,
		name: user.name,
		role,
		centreIds: [...new Set(own.flatMap((m) => (m.centreId ? [m.centreId] : [])))],
		organisationId: own.find((m) => m.organisationId)?.organisationId ?? null,
		mustChangePassword: user.mustChangePassword === 1,
		locale: isLocale(user.locale) ? user.locale : 'pl'
	};
}
