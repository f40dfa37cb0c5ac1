/** Lets a screen fetch again by itself when the signal returns. */
import { untrack } from 'svelte';
import { network } from './network.svelte';

/**
 * Call during component initialisation. Fires only on an offline → online change, which takes the browser's
 * event or an answer from the server: a request that fails on a dead Wi-Fi waits for the next answer, never loops.
 */
export function onBackOnline(callback: () => void): void {
	let wasOnline = untrack(() => network.online);
	$effect(() => {
		const online = network.online;
		if (online && !wasOnline) untrack(callback);
		wasOnline = online;
	});
}
