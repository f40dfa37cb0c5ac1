/** Runs in the `client` project: runes compiled for the browser, as on the phone. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROBE_INTERVAL_MS } from './network.svelte';

/** A fresh copy of the module, after the globals it reads at import are in place. */
async function freshNetwork() {
	vi.resetModules();
	return import('./network.svelte');
}

const answered: typeof fetch = async () => new Response('{}', { status: 503 });
const noAnswer: typeof fetch = async () => {
	throw new TypeError('Failed to fetch');
};
const aborted: typeof fetch = async () => {
	throw new DOMException('The user aborted a request.', 'AbortError');
};
const timedOut: typeof fetch = async () => {
	throw new DOMException('The operation timed out.', 'TimeoutError');
};

describe('network without a page (no probing)', () => {
	it('is offline after a request the server did not answer, and online again after any answer', async () => {
		const { network, watchReach, onServerBack } = await freshNetwork();
		const back = vi.fn();
		onServerBack(back);
		expect(network.online).toBe(true);

		await expect(watchReach(noAnswer)('/api/sync/pull')).rejects.toThrow('Failed to fetch');
		expect(network.online).toBe(false);
		// An aborted request says nothing about the network.
		await expect(watchReach(aborted)('/api/sync/pull')).rejects.toThrow('aborted');
		expect(network.online).toBe(false);

		// An error status is the server speaking: it was reached.
		const response = await watchReach(answered)('/api/sync/pull');
		expect(response.status).toBe(503);
		expect(network.online).toBe(true);
		expect(back).toHaveBeenCalledTimes(1);
		await watchReach(answered)('/api/sync/pull');
		expect(back).toHaveBeenCalledTimes(1);

		// A request given up at its deadline was not answered: the line swallows what it is sent.
		await expect(watchReach(timedOut)('/api/sync/push')).rejects.toThrow('timed out');
		expect(network.online).toBe(false);
	});
});

describe('network on a visible page', () => {
	// A new page for each test: the module of an earlier test keeps listening to its own.
	let page = new EventTarget();
	let visibility = 'visible';
	const fetchMock = vi.fn<typeof fetch>();

	beforeEach(() => {
		vi.useFakeTimers();
		page = new EventTarget();
		visibility = 'visible';
		fetchMock.mockReset();
		vi.stubGlobal('window', page);
		vi.stubGlobal('document', {
			get visibilityState() {
				return visibility;
			},
			addEventListener: (type: string, listener: EventListener) => page.addEventListener(type, listener)
		});
		vi.stubGlobal('fetch', fetchMock);
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('asks the server again every few seconds while unreachable, and stops once it answers', async () => {
		const { network, watchReach } = await freshNetwork();
		await watchReach(noAnswer)('/api/sync/push').catch(() => undefined);
		expect(network.online).toBe(false);

		fetchMock.mockImplementation(noAnswer);
		await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
		expect(fetchMock).toHaveBeenCalledTimes(1);
		expect(fetchMock.mock.calls[0]![0]).toBe('/api/health');
		// A line that swallows requests cannot hold the probe forever.
		expect(fetchMock.mock.calls[0]![1]?.signal).toBeInstanceOf(AbortSignal);
		await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
		expect(fetchMock).toHaveBeenCalledTimes(2);
		expect(network.online).toBe(false);

		fetchMock.mockImplementation(answered);
		await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
		expect(network.online).toBe(true);
		await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS * 3);
		expect(fetchMock).toHaveBeenCalledTimes(3);
	});

	it('does not probe from a hidden page, nor while the browser itself says offline', async () => {
		const { network, watchReach } = await freshNetwork();
		visibility = 'hidden';
		await watchReach(noAnswer)('/api/sync/push').catch(() => undefined);
		await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS * 3);
		expect(fetchMock).not.toHaveBeenCalled();

		// Shown again: the probe is planned.
		visibility = 'visible';
		page.dispatchEvent(new Event('visibilitychange'));
		fetchMock.mockImplementation(noAnswer);
		await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS);
		expect(fetchMock).toHaveBeenCalledTimes(1);

		// The phone loses its signal: nothing to ask until it comes back.
		page.dispatchEvent(new Event('offline'));
		await vi.advanceTimersByTimeAsync(PROBE_INTERVAL_MS * 3);
		expect(fetchMock).toHaveBeenCalledTimes(1);
		expect(network.online).toBe(false);
	});

	it('follows the browser: offline at once, and back online (trusted until a request says otherwise)', async () => {
		const { network, onServerBack } = await freshNetwork();
		const back = vi.fn();
		onServerBack(back);
		page.dispatchEvent(new Event('offline'));
		expect(network.online).toBe(false);
		page.dispatchEvent(new Event('online'));
		expect(network.online).toBe(true);
		// The browser's own event is the sync's signal for this: no second one.
		expect(back).not.toHaveBeenCalled();
	});
});
