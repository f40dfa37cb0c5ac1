import { redirect } from '@sveltejs/kit';
import { ensureSession } from '$lib/client/session.svelte';
import { localDb } from '$lib/client/workbench';
import { storageErrorKey } from '$lib/client/db/storage-errors';
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
		return { identity, db: null, storageError: null };
	}
	if (identity.mustChangePassword && path !== '/account/password') redirect(307, '/account/password');
	if (path === '/' || isPublicPath(path) || !canOpen(identity.role, path)) {
		if (!(identity.mustChangePassword && path === '/account/password')) {
			// A screen this account may not open (or that does not exist) is named on the home screen, not skipped.
			const expected = path === '/' || isPublicPath(path);
			redirect(
				307,
				expected
					? HOME_BY_ROLE[identity.role]
					: `${HOME_BY_ROLE[identity.role]}?denied=${encodeURIComponent(path)}`
			);
		}
	}
	// Every screen reads the device's own copy of the data: open it before the screen renders. If the browser
	// refuses (private mode, a newer version open in another tab), say so instead of a broken screen.
	try {
		return { identity, db: await localDb(identity), storageError: null };
	} catch (error) {
		return { identity, db: null, storageError: storageErrorKey(error) };
	}
};
