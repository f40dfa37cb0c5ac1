/**
 * Whether the app can reach its server, as rune state. The browser's own belief (`navigator.onLine` and the
 * online/offline events) is not enough: a village hall's Wi-Fi with no line behind it, or a phone showing bars
 * but moving no data, say "online" while nothing gets through. So every request the app makes also tells this
 * module whether the server answered (`watchReach`), and while the browser says online but the server has not
 * answered, a tiny request asks again every few seconds until it does.
 */

/** How often a page that is visible asks the server again while it cannot reach it. */
export const PROBE_INTERVAL_MS = 5_000;
/** Answered by the server itself, never by the service worker's cache. */
const PROBE_PATH = '/api/health';

const state = $state({
	browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
	serverReached: true
});

let probeTimer: ReturnType<typeof setTimeout> | null = null;
const serverBackListeners: (() => void)[] = [];

function update(change: Partial<typeof state>): void {
	const back = state.browserOnline && !state.serverReached && change.serverReached === true;
	Object.assign(state, change);
	scheduleProbe();
	if (back) for (const listener of serverBackListeners) listener();
}

/** Probes only where a page can be seen: a hidden tab asks again when it is shown. */
function scheduleProbe(): void {
	const needed =
		state.browserOnline &&
		!state.serverReached &&
		typeof document !== 'undefined' &&
		document.visibilityState === 'visible';
	if (!needed) {
		if (probeTimer !== null) clearTimeout(probeTimer);
		probeTimer = null;
		return;
	}
	if (probeTimer !== null) return;
	probeTimer = setTimeout(() => {
		probeTimer = null;
		// A failed probe changes nothing, so it plans the next one itself.
		// A line that swallows requests would hold the probe for minutes: it gives up after a few seconds.
		void serverFetch(PROBE_PATH, { cache: 'no-store', signal: AbortSignal.timeout(PROBE_INTERVAL_MS) })
			.catch(() => undefined)
			.finally(scheduleProbe);
	}, PROBE_INTERVAL_MS);
}

if (typeof window !== 'undefined') {
	// The browser says the network is back: trust it until a request says otherwise.
	window.addEventListener('online', () => update({ browserOnline: true, serverReached: true }));
	window.addEventListener('offline', () => update({ browserOnline: false }));
	document.addEventListener('visibilitychange', scheduleProbe);
}

/**
 * Wraps a fetch so that its outcome updates the state: any HTTP answer means the server was reached (an error
 * status is the server speaking); a request that fails without one, or is given up at its deadline, means it was
 * not. A request the app aborted itself for another reason says nothing about the network.
 */
export function watchReach(doFetch: typeof fetch): typeof fetch {
	return async (input, init) => {
		try {
			const response = await doFetch(input, init);
			if (!state.serverReached) update({ serverReached: true });
			return response;
		} catch (error) {
			const aborted = error instanceof DOMException && error.name === 'AbortError';
			if (!aborted && state.serverReached) update({ serverReached: false });
			throw error;
		}
	};
}

/** The browser's fetch, watched: every request the app makes to its server goes through this (or `api()`). */
export const serverFetch: typeof fetch = watchReach((input, init) => fetch(input, init));

/**
 * Calls `listener` each time the server answers again while the browser said online all along (the browser's own
 * `online` event covers the rest). For the page's lifetime: the one sync scheduler listens once.
 */
export function onServerBack(listener: () => void): void {
	serverBackListeners.push(listener);
}

export const network = {
	/** The browser says online and the server answered the last request that tried it. */
	get online() {
		return state.browserOnline && state.serverReached;
	}
};
