/**
 * The browser's current language as rune state, so every `t()` in a component re-renders on a switch.
 * The choice is remembered in localStorage (works offline) and in a cookie (so the server answers in it too).
 */
import { isLocale, translate, type Locale, type MessageKey, type MessageParams } from './translate';

const STORAGE_KEY = 'doradca.locale';
const COOKIE = 'doradca_locale';

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
