/**
 * keepInAddress with SvelteKit's router stood in for: the choices reach the address through a navigation that
 * replaces the history entry (so `page.url`, and what Back from the next page restores, is that address), and an
 * address the screen did not make itself is put back on its controls.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';

type AfterNavigate = (navigation: { type: string; to: { url: URL } | null }) => void;

const router = vi.hoisted(() => ({
	page: { url: new URL('http://localhost/consultations'), state: {} as Record<string, unknown> },
	afterNavigate: [] as AfterNavigate[],
	gotos: [] as { href: string; options: Record<string, unknown> }[],
	/** A navigation the router finishes: the page's address, then the afterNavigate callbacks. */
	arrive(href: string, type: string) {
		router.page.url = new URL(href, 'http://localhost');
		for (const callback of router.afterNavigate) callback({ type, to: { url: router.page.url } });
	}
}));

vi.mock('$app/state', () => ({ page: router.page }));
vi.mock('$app/navigation', () => ({
	afterNavigate: (callback: AfterNavigate) => router.afterNavigate.push(callback),
	goto: (href: string, options: Record<string, unknown>) => {
		router.gotos.push({ href, options });
		router.arrive(href, 'goto');
		return Promise.resolve();
	}
}));

const { addressOf, keepInAddress } = await import('./address-query.svelte');

describe('keepInAddress', () => {
	const stops: (() => void)[] = [];
	beforeEach(() => {
		router.page.url = new URL('http://localhost/consultations');
		router.afterNavigate.length = 0;
		router.gotos.length = 0;
	});
	afterEach(() => stops.splice(0).forEach((stop) => stop()));

	function screen(initial: { flagged: boolean; q: string }) {
		const choices = $state({ ...initial });
		const onAddress = vi.fn<(href: string) => void>();
		const fromAddress = vi.fn((params: URLSearchParams) => {
			choices.flagged = params.get('flagged') === '1';
			choices.q = params.get('q') ?? '';
		});
		stops.push(
			$effect.root(() => {
				keepInAddress(() => ({ flagged: choices.flagged ? '1' : '', q: choices.q.trim() }), {
					onAddress,
					fromAddress
				});
			})
		);
		return { choices, onAddress, fromAddress };
	}

	it('writes the choices once the router has started, by a navigation that replaces the entry', async () => {
		const { choices, onAddress } = screen({ flagged: false, q: '' });
		flushSync();
		expect(router.gotos).toEqual([]);
		router.arrive('/consultations', 'enter');
		flushSync();
		expect(onAddress).toHaveBeenLastCalledWith('/consultations');
		expect(router.gotos).toEqual([]);

		choices.flagged = true;
		flushSync();
		expect(router.gotos).toEqual([
			{
				href: '/consultations?flagged=1',
				options: expect.objectContaining({ replaceState: true, keepFocus: true, noScroll: true })
			}
		]);
		// What SvelteKit keeps for Back is now this address, not the one the list was opened with.
		expect(router.page.url.search).toBe('?flagged=1');
		expect(onAddress).toHaveBeenLastCalledWith('/consultations?flagged=1');
	});

	it('leaves a search being typed alone when its own navigation arrives', async () => {
		const { choices, fromAddress } = screen({ flagged: false, q: '' });
		router.arrive('/consultations', 'enter');
		choices.q = 'smaki ';
		flushSync();
		expect(router.page.url.search).toBe('?q=smaki');
		expect(fromAddress).not.toHaveBeenCalled();
		expect(choices.q).toBe('smaki ');
	});

	it('puts an address it did not make back on the controls (Back/Forward, a link)', async () => {
		const { choices, fromAddress } = screen({ flagged: false, q: '' });
		router.arrive('/consultations', 'enter');
		flushSync();
		router.arrive('/consultations?flagged=1&q=smaki', 'popstate');
		expect(fromAddress).toHaveBeenCalledTimes(1);
		expect(choices).toEqual({ flagged: true, q: 'smaki' });
		flushSync();
		// The controls now match the address: nothing to write back.
		expect(router.gotos).toEqual([]);

		router.arrive('/consultations', 'link');
		expect(choices).toEqual({ flagged: false, q: '' });
	});

	it('opened at an address, shows it and writes nothing', async () => {
		router.page.url = new URL('http://localhost/consultations?flagged=1');
		const { onAddress, fromAddress } = screen({ flagged: true, q: '' });
		router.arrive('/consultations?flagged=1', 'popstate');
		flushSync();
		expect(fromAddress).not.toHaveBeenCalled();
		expect(router.gotos).toEqual([]);
		expect(onAddress).toHaveBeenLastCalledWith('/consultations?flagged=1');
	});

	it('writes nothing once the page has left for another route', async () => {
		const { choices } = screen({ flagged: false, q: '' });
		router.arrive('/consultations', 'enter');
		flushSync();
		router.page.url = new URL('http://localhost/consultations/0190a000-0000-7000-8000-000000000001');
		choices.flagged = true;
		flushSync();
		expect(router.gotos).toEqual([]);
	});
});

describe('addressOf', () => {
	it('leaves empty choices out and encodes values', () => {
		expect(addressOf('/consultations', { month: '', q: 'Koło Gospodyń & co', late: '1' })).toBe(
			'/consultations?q=Ko%C5%82o%20Gospody%C5%84%20%26%20co&late=1'
		);
		expect(addressOf('/month', { month: '' })).toBe('/month');
	});
});
