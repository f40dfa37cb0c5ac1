import { sql } from 'kysely';
import { endpoint } from '$lib/server/http';
import { engineOf } from '$lib/server/db/engine';

/** For load balancers and the start script: answers once the database is migrated and reachable. */
export const GET = endpoint(async (event) => {
	await sql`select 1`.execute(event.locals.db);
	return { ok: true, engine: engineOf(event.locals.db) };
});
