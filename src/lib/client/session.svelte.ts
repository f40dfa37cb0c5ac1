/**
 * Who is using the app right now, as rune state shared by every screen. Resolved once per page load (from the
 * server when reachable, from the device otherwise) and changed by sign-in and sign-out.
 */
import type { Identity } from '$lib/domain/roles';
import { applyLocale } from '$lib/i18n/locale.svelte';
import { forgetIdentity, rememberIdentity, resolveIdentity } from './identity';

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

export function signedOut(): void {
	forgetIdentity();
	state.identity = null;
	state.resolved = true;
}
