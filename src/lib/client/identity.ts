/**
 * The signed-in identity kept on the device, so the shell knows who is using it while offline.
 * It holds no secret: the session itself is an HttpOnly cookie the page cannot read.
 */
import type { Identity } from '$lib/domain/roles';
import { api } from './api';

const STORAGE_KEY = 'doradca.identity';

export function storedIdentity(): Identity | null {
	try {
		const raw = localStorage.getItem(STORAGE_KEY);
		return raw ? (JSON.parse(raw) as Identity) : null;
	} catch {
		return null;
	}
}

export function rememberIdentity(identity: Identity): void {
	localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
}

export function forgetIdentity(): void {
	localStorage.removeItem(STORAGE_KEY);
}

/** Online: the server decides (and a session that ended is forgotten). Offline: the device remembers. */
export async function resolveIdentity(
	fetchFn: typeof fetch
): Promise<{ identity: Identity | null; online: boolean }> {
	const result = await api<{ user: Identity }>('/api/session', { fetch: fetchFn });
	if (result.ok) {
		rememberIdentity(result.data.user);
		return { identity: result.data.user, online: true };
	}
	if (result.offline || result.status >= 500) return { identity: storedIdentity(), online: false };
	forgetIdentity();
	return { identity: null, online: true };
}
