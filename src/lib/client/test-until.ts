/** For the `client` project's tests of rune code (never imported by the app). */
import { flushSync } from 'svelte';
import { expect } from 'vitest';

/**
 * Waits until `check` holds: between tries Svelte's pending effects run and IndexedDB's live queries (on their own
 * timers) get 5 ms to deliver, up to `tries` times. Fails the test only if it never holds.
 */
export async function until(check: () => boolean | Promise<boolean>, tries = 400): Promise<void> {
	for (let i = 0; i < tries && !(await check()); i++) {
		flushSync();
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	expect(await check()).toBe(true);
}
