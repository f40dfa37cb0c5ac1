/**
 * A screen's choices (its month, its filters) kept in its address as it changes them, so a reload, a shared link,
 * a printout or the browser's Back from a card shows the same; values left empty stay out of it. Call during
 * component initialisation.
 *
 * The address is changed by a navigation that replaces the history entry (`goto(…, { replaceState: true })`),
 * not by SvelteKit's `replaceState` from `$app/navigation`: that one is shallow routing — `page.url` stays the
 * address the page was opened with, and the history entry keeps that address for SvelteKit, so Back from the next
 * page opened the screen at its old address while the browser's address bar showed the new one (sveltejs/kit
 * #11465). A navigation to the same route keeps the screen (no remount, no reload of its data).
 *
 * `onAddress` gets each address as it is made (the consultation list remembers it for its cards' "back" links).
 * `fromAddress` puts the address's choices back on the screen when a navigation the screen did not make itself
 * brings the same route at another address (a link or Back/Forward between two of its addresses): without it the
 * controls would keep their old values and, through the effect, write them back over the address.
 */
import { untrack } from 'svelte';
import { afterNavigate, goto } from '$app/navigation';
import { page } from '$app/state';

/** '/path?a=1&b=x%20y' from a path and choices, the empty ones left out, in the given order. */
export function addressOf(pathname: string, query: Record<string, string>): string {
	const text = Object.entries(query)
		.filter(([, value]) => value !== '')
		.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
		.join('&');
	return `${pathname}${text ? `?${text}` : ''}`;
}

export interface AddressOptions {
	onAddress?: (href: string) => void;
	fromAddress?: (params: URLSearchParams) => void;
}

export function keepInAddress(query: () => Record<string, string>, options: AddressOptions = {}): void {
	// Not before the router has started: opened from a link or a bookmark, the first run comes earlier than that.
	let ready = $state(false);
	// The addresses this screen asked for and whose navigation has not finished: their arrival is no news. Not
	// state: nothing shown depends on it.
	const asked: string[] = [];
	const pathname = page.url.pathname;

	afterNavigate((navigation) => {
		const to = navigation.to?.url;
		if (ready && to && to.pathname === pathname) {
			const href = to.pathname + to.search;
			// Our own navigation, or one that lands where the controls already are: nothing to put back (and a
			// search being typed keeps its trailing space).
			if (!asked.includes(href) && href !== addressOf(pathname, query()))
				options.fromAddress?.(to.searchParams);
		}
		ready = true;
	});

	$effect(() => {
		const next = addressOf(pathname, query());
		// Only the screen's choices drive this, never the address itself: a navigation the screen did not make (a
		// link to the bare list, Back) changes the address first, and writing the old choices back over it then
		// would undo it — `fromAddress` brings the choices in line, and this runs again.
		const current = untrack(() => ({ url: page.url, state: page.state }));
		// Leaving for another page, this screen's choices are not that page's address.
		if (!ready || current.url.pathname !== pathname) return;
		options.onAddress?.(next);
		if (next === pathname + current.url.search) return;
		asked.push(next);
		const done = () => {
			const at = asked.indexOf(next);
			if (at >= 0) asked.splice(at, 1);
		};
		void goto(next, { replaceState: true, keepFocus: true, noScroll: true, state: current.state }).then(
			done,
			done
		);
	});
}
