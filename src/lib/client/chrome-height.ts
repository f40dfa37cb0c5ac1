/**
 * The real height of what is fixed or sticky on screen (the header, the bottom navigation, a form's action bar),
 * kept in a CSS variable on the page. Their heights grow with the user's text size; the scroll padding that keeps a
 * focused field clear of them (app.css) reads these, not a guess in pixels.
 *
 * When together they would take more than MAX_CHROME_SHARE of the screen's height (a large text size, a phone held
 * sideways; upright at normal size they take about a quarter), the page gets `data-tight-chrome`: the header and the action bars stop sticking and scroll with the
 * page, and only the navigation stays, so the fields being filled keep the screen.
 */
import type { Action } from 'svelte/action';

const MAX_CHROME_SHARE = 0.3;
const MEASURED = ['--header-measured', '--nav-measured', '--sticky-actions-measured'];

function judgeRoom() {
	const root = document.documentElement;
	const taken = MEASURED.reduce((sum, name) => sum + (parseFloat(root.style.getPropertyValue(name)) || 0), 0);
	root.toggleAttribute('data-tight-chrome', taken > window.innerHeight * MAX_CHROME_SHARE);
}

export const chromeHeight: Action<HTMLElement, string> = (node, variable) => {
	const root = document.documentElement.style;
	const set = () => {
		root.setProperty(variable, `${node.offsetHeight}px`);
		judgeRoom();
	};
	const observer = new ResizeObserver(set);
	observer.observe(node);
	// The bars keep their height when the phone turns; the screen's height is what changes.
	window.addEventListener('resize', judgeRoom);
	set();
	return {
		destroy() {
			observer.disconnect();
			window.removeEventListener('resize', judgeRoom);
			root.removeProperty(variable);
			judgeRoom();
		}
	};
};
