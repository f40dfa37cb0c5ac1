/**
 * The service worker and the "new version — reload" offer (vite-plugin-pwa's register, built on workbox-window).
 * A new version waits until the user accepts it; nothing reloads by itself.
 */
import { registerSW } from 'virtual:pwa-register';

const state = $state({ needRefresh: false, offlineReady: false });
let updateServiceWorker: ((reloadPage?: boolean) => Promise<void>) | null = null;

export function startServiceWorker(): void {
	if (updateServiceWorker || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	updateServiceWorker = registerSW({
		immediate: true,
		onNeedRefresh: () => (state.needRefresh = true),
		onOfflineReady: () => (state.offlineReady = true)
	});
}

export const appUpdate = {
	get needRefresh() {
		return state.needRefresh;
	},
	get offlineReady() {
		return state.offlineReady;
	},
	dismiss() {
		state.needRefresh = false;
	},
	async apply() {
		await updateServiceWorker?.(true);
	}
};
