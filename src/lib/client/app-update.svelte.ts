/**
 * The service worker and the "new version — reload" offer (vite-plugin-pwa's register, built on workbox-window).
 * A new version waits until the user accepts it; nothing reloads by itself. When the server says this version is
 * too old to sync (`outdated`), the device looks for the new version at once: updating is then how the waiting
 * changes get sent (they stay in IndexedDB across the reload).
 */
import { registerSW } from 'virtual:pwa-register';

const state = $state({ needRefresh: false, offlineReady: false, outdated: false });
let updateServiceWorker: ((reloadPage?: boolean) => Promise<void>) | null = null;
let registration: ServiceWorkerRegistration | undefined;

export function startServiceWorker(): void {
	if (updateServiceWorker || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	updateServiceWorker = registerSW({
		immediate: true,
		onNeedRefresh: () => (state.needRefresh = true),
		onOfflineReady: () => (state.offlineReady = true),
		onRegisteredSW: (_url, registered) => {
			registration = registered;
			if (state.outdated) void checkForUpdate();
		}
	});
}

/** Asks the server for a newer service worker now (the browser otherwise checks on navigations, at most daily). */
export async function checkForUpdate(): Promise<void> {
	try {
		await registration?.update();
	} catch {
		// Offline or the server is away: the next navigation checks again.
	}
}

export const appUpdate = {
	get needRefresh() {
		return state.needRefresh;
	},
	get offlineReady() {
		return state.offlineReady;
	},
	/** The server refused to sync with this version: the update is the way to send the waiting changes. */
	get outdated() {
		return state.outdated;
	},
	/** Looks for a new version now; true when one is on its way (installing or waiting). */
	async checkNow(): Promise<boolean> {
		await checkForUpdate();
		return Boolean(registration?.installing ?? registration?.waiting);
	},
	markOutdated() {
		state.outdated = true;
		void checkForUpdate();
	},
	dismiss() {
		state.needRefresh = false;
	},
	async apply() {
		await updateServiceWorker?.(true);
	}
};
