/**
 * Who is using the app right now, as rune state shared by every screen. Resolved once per page load (from the
 * server when reachable, from the device otherwise) and changed by sign-in and sign-out.
 *
 * The identity and the device's data are separate: forgetting who is signed in never deletes the user's local
 * database. Only an explicit sign-out does (account screen), so a session that expired while offline costs
 * nothing: signing in again as the same user opens the same database, outbox included, and sync resumes.
 */
import type { Identity } from '$lib/domain/roles';
import { applyLocale } from '$lib/i18n/locale.svelte';
import { forgetIdentity, rememberIdentity, resolveIdentity } from './identity';
import { forgetTabDrafts } from './tab-draft';

const state = $state<{ identity: Identity | null; resolved: boolean }>({ identity: null, resolved: false });

export const session = {
	get identity() {
		return state.identity;
	}
};

export async function ensureSession(fetchFn: typeof fetch): Promise<Identity | null> {
	if (!state.resolved) {
		const { identity } = await resolveIdentity(fetchFn);
		state.identity = identity;
		state.resolved = true;
	}
	return state.identity;
}

export function signedIn(identity: Identity): void {
	rememberIdentity(identity);
	state.identity = identity;
	state.resolved = true;
	applyLocale(identity.locale);
}

/** The user signed out (the caller deletes their local database). */
export function signedOut(): void {
	forgetIdentity();
	forgetTabDrafts();
	state.identity = null;
	state.resolved = true;
}

/**
 * The server no longer knows the session (it expired, or was ended elsewhere): forget who is signed in, so the
 * sign-in screen opens, but keep the user's database and its unsent changes for when they sign in again.
 */
export function sessionExpired(): void {
	forgetIdentity();
	state.identity = null;
	state.resolved = true;
}
