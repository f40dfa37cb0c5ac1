/**
 * Keeps a whole-form's typing on the phone while it is on screen (see db/form-drafts.ts): every change is written
 * at once — while one write is under way the newest values wait and go next, so fast typing costs one write at a
 * time and a reload a moment after a key still finds it — and once more when the page is hidden or the form
 * leaves the screen; removed when the form has nothing typed, and on `discard()` once it is saved or given up.
 */
import type { LocalDb } from './db/local-db';
import { clearFormDraft, saveFormDraft } from './db/form-drafts';

export interface KeptFormDraft {
	/** Whether what is on screen now is on the phone, for the form to say so. */
	readonly kept: boolean;
	/**
	 * Removes the draft: a write still waiting is dropped and one under way finishes first, so nothing typed
	 * before this comes back. Call it after the form's own state says "nothing to keep" (saved, emptied).
	 */
	discard(): Promise<void>;
}

/**
 * Call during component initialisation. `snapshot` returns what to keep, null for nothing to keep, or undefined
 * while the form has not yet taken back an earlier draft (so the empty form never overwrites it).
 */
export function keepFormDraft(
	db: () => LocalDb,
	key: () => string,
	snapshot: () => object | null | undefined
): KeptFormDraft {
	let kept = $state(false);
	// The newest values not yet written; each change counts a generation, so a write finished after a newer change
	// does not claim the newer one is kept.
	let pending: { target: LocalDb; name: string; values: object | null; generation: number } | null = null;
	let generation = 0;
	let writing = false;
	// Writes go one after another, so a removal never lands before a save that started earlier.
	let writes: Promise<void> = Promise.resolve();
	// A failed write leaves the typing on screen as before; the form's own save reports storage errors.
	const write = (step: () => Promise<void>) => (writes = writes.then(step).catch(() => {}));

	function flush() {
		if (writing) return; // the write under way takes the newest values next
		const next = pending;
		pending = null;
		if (!next) return;
		writing = true;
		void write(async () => {
			const { target, name, values } = next;
			await (values ? saveFormDraft(target, name, values) : clearFormDraft(target, name));
			if (next.generation === generation) kept = values !== null;
		}).then(() => {
			writing = false;
			flush();
		});
	}

	$effect(() => {
		const target = db();
		const name = key();
		const values = $state.snapshot(snapshot()) as object | null | undefined;
		if (values === undefined) return;
		kept = false;
		generation += 1;
		pending = { target, name, values, generation };
		flush();
	});

	$effect(() => {
		if (typeof window === 'undefined') return flush; // tests without a page: only leaving the screen flushes
		const [page, doc] = [window, document];
		const onHidden = () => {
			if (doc.visibilityState === 'hidden') flush();
		};
		page.addEventListener('pagehide', flush);
		doc.addEventListener('visibilitychange', onHidden);
		return () => {
			page.removeEventListener('pagehide', flush);
			doc.removeEventListener('visibilitychange', onHidden);
			flush();
		};
	});

	return {
		get kept() {
			return kept;
		},
		discard() {
			pending = null;
			generation += 1; // a save under way no longer says the typing is kept
			kept = false;
			const target = db();
			const name = key();
			return write(() => clearFormDraft(target, name));
		}
	};
}
