import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keptStrings, readTabDraft, writeTabDraft } from './tab-draft';

/** sessionStorage as the browser has it: strings by key, and optionally refusing writes (quota, private mode). */
function fakeStorage(refuse = false) {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => {
			if (refuse) throw new DOMException('quota', 'QuotaExceededError');
			items.set(key, value);
		},
		removeItem: (key: string) => void items.delete(key)
	};
}

describe('tab drafts', () => {
	let storage = fakeStorage();
	beforeEach(() => {
		storage = fakeStorage();
		vi.stubGlobal('sessionStorage', storage);
	});
	afterEach(() => vi.unstubAllGlobals());

	it('keeps a value until it is forgotten', () => {
		expect(readTabDraft('register')).toBeNull();
		writeTabDraft('register', { centreId: 'c1', organisation: { name: 'Fundacja' } });
		expect(readTabDraft('register')).toEqual({ centreId: 'c1', organisation: { name: 'Fundacja' } });
		writeTabDraft('register', null);
		expect(readTabDraft('register')).toBeNull();
		expect(storage.items.size).toBe(0);
	});

	it('a corrupt value reads as none; a storage that refuses is no error', () => {
		storage.items.set('doradca.draft.register', '{"centreId":');
		expect(readTabDraft('register')).toBeNull();
		vi.stubGlobal('sessionStorage', fakeStorage(true));
		expect(() => writeTabDraft('register', { centreId: 'c1' })).not.toThrow();
		expect(readTabDraft('register')).toBeNull();
		vi.stubGlobal('sessionStorage', undefined);
		expect(readTabDraft('register')).toBeNull();
	});

	it('restores only the template’s keys, and only strings', () => {
		const template = { name: '', email: '' };
		expect(keptStrings(template, { name: 'Anna', email: 42, password: 'x' })).toEqual({
			name: 'Anna',
			email: ''
		});
		expect(keptStrings(template, null)).toEqual(template);
		expect(keptStrings(template, 'Anna')).toEqual(template);
		expect(template).toEqual({ name: '', email: '' });
	});
});
