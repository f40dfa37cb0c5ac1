/**
 * What the server does once at start: migrate, then seed the demo data when DEMO=1 (with two months of visits
 * when also DEMO_HISTORY=1, as `npm start` sets it) — and refuse a production start on a database that still
 * holds demo accounts, so "demo-haslo-2026" can never open a real deployment.
 */
import { getDatabaseHandle } from './db';
import { seedDemo } from './db/seed';
import { seedDemoHistory } from './db/demo-history';

export async function prepareServer(env: {
	DEMO?: string;
	DEMO_HISTORY?: string;
	NODE_ENV?: string;
}): Promise<void> {
	const { db, engine } = await getDatabaseHandle();
	if (env.DEMO === '1') {
		const seeded = await seedDemo(db);
		const visits = seeded && env.DEMO_HISTORY === '1' ? await seedDemoHistory(db) : 0;
		console.log(
			`[doradca] ${engine}: ${seeded ? 'demo data seeded' : 'demo data already present'}` +
				(visits ? ` with ${visits} visits` : '')
		);
		return;
	}
	if (env.NODE_ENV === 'production') {
		const demo = await db
			.selectFrom('users')
			.select('email')
			.where('email', 'like', '%@demo.pl')
			.where('status', '=', 'active')
			.executeTakeFirst();
		if (demo) {
			throw new Error(
				`This database holds demo accounts (${demo.email}). A production start needs a database without them: ` +
					'point DATABASE_URL at a new database, or deactivate the demo accounts.'
			);
		}
	}
}
