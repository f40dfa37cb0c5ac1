/** Fills an empty database with the demo centres, organisations and accounts (see demo-data.ts). */
import { nextSeq } from '../sync/sequence';
import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password';
import { withTransaction } from './database';
import {
	DEMO_ACCOUNTS,
	DEMO_CENTRES,
	DEMO_ORGANISATIONS,
	DEMO_NETWORK_QUOTA_ID,
	DEMO_NETWORK_TARGET_MIN,
	DEMO_PASSWORD,
	demoMonthlyTargetMin,
	demoProjectPeriod
} from './demo-data';
import { monthOf, warsawToday } from '$lib/domain/hours';
import type { DB } from './schema';
import { seedDemoBookings } from '../booking/demo';

async function hasUsers(db: Kysely<DB>): Promise<boolean> {
	return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Seeds only a database without users, so it is safe to call on every start. Returns whether it seeded.
 * Two instances starting together: one wins, the other's insert conflicts on the fixed ids and it reports false.
 */
export async function seedDemo(db: Kysely<DB>, options: { now?: Date } = {}): Promise<boolean> {
	if (await hasUsers(db)) return false;
	const at = (options.now ?? new Date()).toISOString();
	// argon2 is deliberately slow: one hash serves all five demo accounts.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	try {
		return await withTransaction(db, async (trx) => {
			if (await hasUsers(trx)) return false;
			await trx
				.insertInto('centres')
				.values(DEMO_CENTRES.map((c) => ({ ...c, active: 1, createdAt: at, updatedAt: at })))
				.execute();
			for (const organisation of DEMO_ORGANISATIONS) {
				// Each organisation takes its place in the sync sequence, so devices pull it like any change.
				await trx
					.insertInto('organisations')
					.values({
						...organisation,
						status: 'active',
						createdAt: at,
						updatedAt: at,
						seq: await nextSeq(trx)
					})
					.execute();
			}
			await trx
				.insertInto('users')
				.values(
					DEMO_ACCOUNTS.map((a) => ({
						id: a.id,
						email: a.email,
						name: a.name,
						passwordHash,
						status: 'active' as const,
						mustChangePassword: 0,
						locale: 'pl' as const,
						createdAt: at,
						updatedAt: at
					}))
				)
				.execute();
			await trx
				.insertInto('memberships')
				.values(
					DEMO_ACCOUNTS.map((a) => ({
						id: a.membershipId,
						userId: a.id,
						role: a.role,
						centreId: a.centreId,
						organisationId: a.organisationId,
						createdAt: at
					}))
				)
				.execute();
			await trx
				.insertInto('quotas')
				.values(
					DEMO_CENTRES.map((c, i) => ({
						id: `0190a000-0000-7000-8000-0000000004${String(i + 1).padStart(2, '0')}`,
						month: null,
						centreId: c.id,
						advisorId: null,
						kind: 'mobile' as const,
						targetMin: demoMonthlyTargetMin(c.id),
						updatedAt: at,
						updatedBy: null
					}))
				)
				.execute();
			await trx
				.insertInto('quotas')
				.values({
					id: DEMO_NETWORK_QUOTA_ID,
					month: null,
					centreId: null,
					advisorId: null,
					kind: 'mobile',
					targetMin: DEMO_NETWORK_TARGET_MIN,
					updatedAt: at,
					updatedBy: null
				})
				.execute();
			// The period covers now (see demoProjectPeriod); every month is left open.
			await trx
				.updateTable('projectPeriods')
				.set({ ...demoProjectPeriod(monthOf(warsawToday(new Date(at)))), updatedAt: at, updatedBy: null })
				.where('id', '=', 'current')
				.execute();
			// Issue 6: the demo advisors' availability and two bookings (server/booking/demo.ts).
			await seedDemoBookings(trx, at);
			await trx
				.insertInto('auditLog')
				.values({
					at,
					actorId: null,
					entity: 'database',
					entityId: 'demo',
					action: 'seeded',
					before: null,
					after: JSON.stringify({
						centres: DEMO_CENTRES.length,
						organisations: DEMO_ORGANISATIONS.length,
						users: DEMO_ACCOUNTS.map((a) => a.email)
					}),
					reason: 'demo data for an empty database'
				})
				.execute();
			return true;
		});
	} catch (error) {
		if (await hasUsers(db)) return false;
		throw error;
	}
}
