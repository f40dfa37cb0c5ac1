/** Runs in the `client` project: runes compiled for the browser, as on the phone. */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from './api';
import { Notice, OnlineLoad, type LoadState } from './online-screen.svelte';

const offline: ApiResult<never> = {
	ok: false,
	offline: true,
	status: 0,
	code: 'offline',
	message: '',
	fields: {}
};
const refused: ApiResult<never> = {
	ok: false,
	offline: false,
	status: 403,
	code: 'forbidden',
	message: 'Brak uprawnień do tej listy.',
	fields: {}
};

describe('OnlineLoad', () => {
	const stops: (() => void)[] = [];
	afterEach(() => stops.splice(0).forEach((stop) => stop()));

	function loader(answers: (ApiResult<unknown> | null)[], seen: LoadState[] = []) {
		let load!: OnlineLoad;
		stops.push(
			$effect.root(() => {
				load = new OnlineLoad(async () => {
					seen.push(load.state);
					return answers.shift() ?? null;
				});
			})
		);
		return load;
	}

	it('is loading, then ready once everything arrived', async () => {
		const load = loader([null]);
		expect(load.state).toBe('loading');
		await load.load();
		expect(load.state).toBe('ready');
	});

	it('tells offline from a refusal, and keeps the server message of a refusal', async () => {
		const load = loader([offline, refused, null]);
		await load.load();
		expect(load.state).toBe('offline');
		await load.load();
		expect(load.state).toBe('failed');
		expect(load.error).toBe('Brak uprawnień do tej listy.');
		await load.load();
		expect(load.state).toBe('ready');
	});

	it('keeps a ready screen on show while it reloads (no flash of "loading"), and shows "loading" on a retry', async () => {
		const seen: LoadState[] = [];
		const load = loader([null, null, offline, null], seen);
		await load.load();
		await load.load();
		await load.load();
		await load.load();
		expect(seen).toEqual(['loading', 'ready', 'ready', 'loading']);
		expect(load.state).toBe('ready');
	});
});

describe('Notice', () => {
	it('shows the text, moves the focus to its element, and clears', async () => {
		const notice = new Notice();
		let focused = 0;
		notice.element = { focus: () => (focused += 1) } as unknown as HTMLElement;
		await notice.announce('error', 'Nie udało się zapisać.');
		expect(notice.current).toEqual({ kind: 'error', text: 'Nie udało się zapisać.' });
		expect(focused).toBe(1);
		notice.clear();
		expect(notice.current).toBeNull();
	});
});
