/**
 * The real height of what is fixed or sticky on screen (the header, the bottom navigation, a form's action bar),
 * kept in a CSS variable on the page. Their heights grow with the user's text size; the scroll padding that keeps a
 * focused field clear of them (app.css) reads these, not a guess in pixels.
 */
import type { Action } from 'svelte/action';

export const chromeHeight: Action<HTMLElement, string> = (node, variable) => {
	const root = document.documentElement.style;
	const set = () => root.setProperty(variable, `${node.offsetHeight}px`);
	const observer = new ResizeObserver(set);
	observer.observe(node);
	set();
	return {
		destroy() {
			observer.disconnect();
			root.removeProperty(variable);
		}
	};
};
