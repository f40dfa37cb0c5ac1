/**
 * The visitor's language choice before sign-in (QA: English picked on /login, or on /register, was lost at sign-in
 * after a reload): it survives a reload, counts only while the page is shown in it, and is never invented from the
 * language the page merely happens to be in (the last account's), so an account's saved language still applies.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (key) => items.get(key) ?? null,
		key: (index) => [...items.keys()][index] ?? null,
		removeItem: (key) => void items.delete(key),
		setItem: (key, value) => void items.set(key, String(value))
	};
}

/** A fresh page load of the module over the same storage (a reload). */
async function load() {
	vi.resetModules();
	return import('./locale.svelte');
}

describe('the visitor’s language choice before sign-in', () => {
	let storage: Storage;
	beforeEach(() => {
		storage = memoryStorage();
		vi.stubGlobal('localStorage', storage);
	});
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	it('is none when the visitor never chose, even with the page in the last account’s English', async () => {
		storage.setItem('doradca.locale', 'en');
		const locale = await load();
		expect(locale.currentLocale()).toBe('en');
		expect(locale.visitorChoice()).toBeNull();
	});

	it('survives a reload of the sign-in page (or the way from registration to it)', async () => {
		const first = await load();
		expect(first.visitorChoice()).toBeNull();
		first.applyLocale('en');
		first.rememberVisitorChoice('en');
		expect(first.visitorChoice()).toBe('en');

		storage.setItem('doradca.locale', 'en'); // what applyLocale stores in a browser
		const reloaded = await load();
		expect(reloaded.currentLocale()).toBe('en');
		expect(reloaded.visitorChoice()).toBe('en');
	});

	it('counts only while the page is shown in it', async () => {
		const locale = await load();
		locale.applyLocale('en');
		locale.rememberVisitorChoice('en');
		locale.applyLocale('pl');
		expect(locale.visitorChoice()).toBeNull();
	});

	it('is forgotten at sign-in, so the next person on this device has not chosen', async () => {
		const locale = await load();
		locale.applyLocale('en');
		locale.rememberVisitorChoice('en');
		locale.forgetVisitorChoice();
		expect(locale.visitorChoice()).toBeNull();
		expect(storage.getItem('doradca.locale.chosen')).toBeNull();
	});

	it('ignores a stored value that is no language of the app', async () => {
		storage.setItem('doradca.locale.chosen', 'de');
		const locale = await load();
		expect(locale.visitorChoice()).toBeNull();
	});
});
