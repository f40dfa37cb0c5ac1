/** Lets a screen fetch again by itself when the signal returns. */
import { untrack } from 'svelte';
import { network } from './network.svelte';

/**
 * Call during component initialisation. Fires only on an offline → online change: a request that fails while the
 * browser still says "online" (a dead Wi-Fi, a server restart) must not turn into a retry loop.
 */
export function onBackOnline(callback: () => void): void {
	let wasOnline = untrack(() => network.online);
	$effect(() => {
		const online = network.online;
		if (online && !wasOnline) untrack(callback);
		wasOnline = online;
	});
}
