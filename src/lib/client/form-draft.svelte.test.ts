/** Runs in the `client` project: runes compiled for the browser, so `$effect` runs as on the phone. */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { deleteLocalDb, openLocalDb, type LocalDb } from './db/local-db';
import { loadFormDraft } from './db/form-drafts';
import { keepFormDraft, type KeptFormDraft } from './form-draft.svelte';
import { until } from './test-until';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keepFormDraft', () => {
	let db: LocalDb;
	const stops: (() => void)[] = [];
	afterEach(async () => {
		stops.splice(0).forEach((stop) => stop());
		db.close();
		await deleteLocalDb('form-draft-test');
	});

	function start(form: { ready: boolean; name: string; saved: boolean }): KeptFormDraft {
		let typing!: KeptFormDraft;
		stops.push(
			$effect.root(() => {
				typing = keepFormDraft(
					() => db,
					() => 'organisation-new',
					() => (!form.ready ? undefined : form.saved || !form.name ? null : { name: form.name })
				);
			})
		);
		flushSync();
		return typing;
	}

	it('writes nothing until the form has taken back its earlier draft, then keeps what is typed', async () => {
		db = await openLocalDb('form-draft-test');
		await db.meta.put({
			key: 'formDraft:organisation-new',
			value: { values: { name: 'Stara' }, savedAt: 'x' }
		});
		const form = $state({ ready: false, name: '', saved: false });
		const typing = start(form);
		await sleep(300);
		expect((await loadFormDraft(db, 'organisation-new'))?.values).toEqual({ name: 'Stara' });

		form.ready = true;
		form.name = 'Fundacja Nowa';
		flushSync();
		await until(() => typing.kept);
		expect((await loadFormDraft(db, 'organisation-new'))?.values).toEqual({ name: 'Fundacja Nowa' });

		form.name = '';
		flushSync();
		await until(async () => (await loadFormDraft(db, 'organisation-new')) === undefined);
		expect(typing.kept).toBe(false);
	});

	it('keeps typing that never pauses, and writes at once when the page is hidden or the form goes', async () => {
		db = await openLocalDb('form-draft-test');
		// The page's events, without a browser: a window and a document that only dispatch them.
		const page = new EventTarget();
		Object.assign(globalThis, {
			window: page,
			document: Object.assign(new EventTarget(), { visibilityState: 'visible' })
		});
		stops.push(() => {
			delete (globalThis as { window?: unknown }).window;
			delete (globalThis as { document?: unknown }).document;
		});
		const form = $state({ ready: true, name: '', saved: false });
		start(form);
		const kept = async () => (await loadFormDraft(db, 'organisation-new'))?.values;
		// A key every 100 ms for a second: a write waiting for a pause would never come.
		for (const letter of 'Stowarzysz') {
			form.name += letter;
			flushSync();
			await sleep(100);
		}
		expect(((await kept()) as { name: string } | undefined)?.name).toMatch(/^Stowarzy/);

		// A reload right after a key: the page is hidden before the moment is up.
		form.name = 'Stowarzyszenie K';
		flushSync();
		page.dispatchEvent(new Event('pagehide'));
		await until(
			async () => (await kept()) !== undefined && ((await kept()) as { name: string }).name.endsWith('K')
		);

		// Leaving the screen right after a key keeps it too.
		form.name = 'Stowarzyszenie KGW';
		flushSync();
		stops.splice(0).forEach((stop) => stop());
		await until(async () => ((await kept()) as { name: string }).name === 'Stowarzyszenie KGW');
	});

	it('discarding right after typing leaves no draft behind, even with a write still waiting', async () => {
		db = await openLocalDb('form-draft-test');
		const form = $state({ ready: true, name: '', saved: false });
		const typing = start(form);
		form.name = 'Stowarzyszenie';
		flushSync();
		// Saved at once, before the typing's write was due, as a quick tap on "Zapisz" does; the form says "saved"
		// only after the rest of its save, later than that write would have come.
		await typing.discard();
		await sleep(300);
		form.saved = true;
		flushSync();
		// …and then the screen goes (the app navigates to the saved record).
		stops.splice(0).forEach((stop) => stop());
		await sleep(300);
		expect(await loadFormDraft(db, 'organisation-new')).toBeUndefined();
		expect(typing.kept).toBe(false);
	});
});
