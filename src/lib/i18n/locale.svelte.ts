/**
 * The browser's current language as rune state, so every `t()` in a component re-renders on a switch.
 * The choice is remembered in localStorage (works offline) and in a cookie (so the server answers in it too).
 */
import { isLocale, translate, type Locale, type MessageKey, type MessageParams } from './translate';

const STORAGE_KEY = 'doradca.locale';
const COOKIE = 'doradca_locale';
/** Set only when a visitor picks a language before signing in (the stored locale is set by any sign-in too). */
const CHOSEN_KEY = 'doradca.locale.chosen';

function initialLocale(): Locale {
	if (typeof localStorage === 'undefined') return 'pl';
	const stored = localStorage.getItem(STORAGE_KEY);
	return isLocale(stored) ? stored : 'pl';
}

const state = $state<{ locale: Locale }>({ locale: initialLocale() });

export function currentLocale(): Locale {
	return state.locale;
}

export function t(key: MessageKey, params?: MessageParams): string {
	return translate(state.locale, key, params);
}

export function applyLocale(locale: Locale): void {
	state.locale = locale;
	if (typeof document === 'undefined') return;
	document.documentElement.lang = locale;
	localStorage.setItem(STORAGE_KEY, locale);
	document.cookie = `${COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}

/**
 * Before sign-in, the visitor picked this language themselves (on the sign-in or registration page). Kept across
 * reloads and pages, so signing in keeps it — and saves it to the account — instead of the account's own.
 */
export function rememberVisitorChoice(locale: Locale): void {
	if (typeof localStorage !== 'undefined') localStorage.setItem(CHOSEN_KEY, locale);
}

/**
 * The language the visitor chose, while the page is still shown in it; null when they never chose (the page may
 * merely be in the language of whoever signed in last), so the account's saved language applies at sign-in.
 */
export function visitorChoice(): Locale | null {
	if (typeof localStorage === 'undefined') return null;
	const chosen = localStorage.getItem(CHOSEN_KEY);
	return isLocale(chosen) && chosen === state.locale ? chosen : null;
}

/** Signed in: the choice now belongs to the account, and the next visitor on this device has not made one. */
export function forgetVisitorChoice(): void {
	if (typeof localStorage !== 'undefined') localStorage.removeItem(CHOSEN_KEY);
}
