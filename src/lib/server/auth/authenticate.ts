import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import type { DB } from '$lib/server/db/schema';
import { loadIdentity } from '$lib/server/identity';
import { validateSessionToken } from './sessions';

/** Turns a session cookie into the request's identity (or none). Used by the server hook and by route tests. */
export async function authenticate(
	db: Kysely<DB>,
	token: string | undefined
): Promise<{ user: Identity | null; sessionId: string | null }> {
	if (!token) return { user: null, sessionId: null };
	const validated = await validateSessionToken(db, token);
	if (!validated) return { user: null, sessionId: null };
	return { user: await loadIdentity(db, validated.user), sessionId: validated.session.id };
}
