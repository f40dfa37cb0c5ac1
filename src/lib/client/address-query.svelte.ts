/**
 * A screen's choices (its month, its filters) kept in its address as it changes them, so a reload, a shared link
 * or a printout shows the same; values left empty stay out of it. Call during component initialisation.
 * `onAddress` gets each address as it is made (the consultation list remembers it for its cards' "back" links).
 */
import { afterNavigate, replaceState } from '$app/navigation';
import { page } from '$app/state';

export function keepInAddress(query: () => Record<string, string>, onAddress?: (href: string) => void): void {
	// Not before the router has started: opened from a link or a bookmark, the first run comes earlier than that.
	let ready = $state(false);
	afterNavigate(() => {
		ready = true;
	});
	$effect(() => {
		if (!ready) return;
		const text = Object.entries(query())
			.filter(([, value]) => value !== '')
			.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
			.join('&');
		const next = `${page.url.pathname}${text ? `?${text}` : ''}`;
		onAddress?.(next);
		if (next !== page.url.pathname + page.url.search) replaceState(next, page.state);
	});
}
