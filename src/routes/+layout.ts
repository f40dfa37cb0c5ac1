import { redirect } from '@sveltejs/kit';
import { ensureSession } from '$lib/client/session.svelte';
import { canOpen, isPublicPath } from '$lib/navigation';
import { HOME_BY_ROLE } from '$lib/domain/roles';
import type { LayoutLoad } from './$types';

// The app renders in the browser from its local data; the server serves the shell and the API.
export const ssr = false;
export const trailingSlash = 'never';

export const load: LayoutLoad = async ({ fetch, url }) => {
	const identity = await ensureSession(fetch);
	const path = url.pathname;
	if (!identity) {
		if (!isPublicPath(path) || path === '/shell') {
			const next = path === '/' || path === '/shell' ? '' : `?next=${encodeURIComponent(path + url.search)}`;
			redirect(307, `/login${next}`);
		}
		return { identity };
	}
	if (identity.mustChangePassword && path !== '/account/password') redirect(307, '/account/password');
	if (path === '/' || isPublicPath(path) || !canOpen(identity.role, path)) {
		if (!(identity.mustChangePassword && path === '/account/password'))
			redirect(307, HOME_BY_ROLE[identity.role]);
	}
	return { identity };
};
