/**
 * A Dexie live query as rune state: screens read `query.current` and re-render when the rows change, in this tab or
 * another. Call during component initialisation (or inside `$effect.root`). Reactive values the querier reads before
 * its first `await` are tracked: when they change, the old subscription ends and a new one starts.
 */
import { liveQuery } from 'dexie';

export interface LiveQueryState<T> {
	readonly current: T;
	/** The last failure (a storage error to show beside the screen); cleared by the next good result. */
	readonly error: unknown;
	/** False until the first result or error, so a screen can tell "no rows" from "not read yet". */
	readonly loaded: boolean;
}

export function liveQueryState<T>(querier: () => Promise<T> | T, initial: T): LiveQueryState<T> {
	// Raw: results are replaced whole, never mutated, so deep proxies would only cost time.
	let current = $state.raw(initial);
	let error = $state.raw<unknown>(undefined);
	let loaded = $state(false);

	$effect(() => {
		// Dexie runs the observed query on a timer, where Svelte cannot see which reactive values it reads. One
		// synchronous call here lets the effect track them (a new advisor or month re-subscribes); its result is
		// dropped, and a failure will surface through the subscription below.
		try {
			void Promise.resolve(querier()).catch(() => undefined);
		} catch {
			// Reported by the subscription, which runs the same querier.
		}
		const subscription = liveQuery(querier).subscribe({
			next: (value) => {
				current = value;
				error = undefined;
				loaded = true;
			},
			error: (failure: unknown) => {
				error = failure;
				loaded = true;
			}
		});
		return () => subscription.unsubscribe();
	});

	return {
		get current() {
			return current;
		},
		get error() {
			return error;
		},
		get loaded() {
			return loaded;
		}
	};
}
