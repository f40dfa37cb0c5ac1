/**
 * A Vitest environment for `*.svelte.test.ts`: Node globals (plus fake IndexedDB), but modules transformed for the
 * browser, so Svelte compiles runes for the client and `$effect` really runs, as on the phone.
 */
import type { Environment } from 'vitest/environments';

export default {
	name: 'browser-runes',
	viteEnvironment: 'client',
	setup() {
		return { teardown() {} };
	}
} satisfies Environment;
