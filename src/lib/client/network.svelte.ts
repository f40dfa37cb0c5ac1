/** Whether the browser believes it is online, as rune state (updated by the online/offline events). */
const state = $state({ online: typeof navigator === 'undefined' ? true : navigator.onLine });

if (typeof window !== 'undefined') {
	window.addEventListener('online', () => (state.online = true));
	window.addEventListener('offline', () => (state.online = false));
}

export const network = {
	get online() {
		return state.online;
	}
};
