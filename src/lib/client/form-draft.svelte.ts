/**
 * Keeps a whole-form's typing on the phone while it is on screen (see db/form-drafts.ts): written at most a moment
 * after a change — also while the typing goes on, never only once it pauses — and at once when the page is hidden
 * (a reload, a closed tab, the phone switching apps) or the form leaves the screen; removed when the form has
 * nothing typed, and on `discard()` once it is saved or given up.
 */
import type { LocalDb } from './db/local-db';
import { clearFormDraft, saveFormDraft } from './db/form-drafts';

const WRITE_AFTER_MS = 200;

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
	// The newest values not yet written, and the timer that writes them; each change counts a generation, so a
	// write finished after a newer change does not claim the newer one is kept.
	let pending: { target: LocalDb; name: string; values: object | null; generation: number } | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let generation = 0;
	// Writes go one after another, so a removal never lands before a save that started earlier.
	let writes: Promise<void> = Promise.resolve();
	// A failed write leaves the typing on screen as before; the form's own save reports storage errors.
	const write = (step: () => Promise<void>) => (writes = writes.then(step).catch(() => {}));

	function flush() {
		clearTimeout(timer);
		timer = undefined;
		const next = pending;
		pending = null;
		if (!next) return;
		void write(async () => {
			const { target, name, values } = next;
			await (values ? saveFormDraft(target, name, values) : clearFormDraft(target, name));
			if (next.generation === generation) kept = values !== null;
		});
	}

	$effect(() => {
		const target = db();
		const name = key();
		const values = $state.snapshot(snapshot()) as object | null | undefined;
		if (values === undefined) return;
		kept = false;
		generation += 1;
		if (pending && (pending.target !== target || pending.name !== name)) flush();
		pending = { target, name, values, generation };
		timer ??= setTimeout(flush, WRITE_AFTER_MS);
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
			clearTimeout(timer);
			timer = undefined;
			pending = null;
			kept = false;
			const target = db();
			const name = key();
			return write(() => clearFormDraft(target, name));
		}
	};
}
