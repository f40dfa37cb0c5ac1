/**
 * Keeps a whole-form's typing on the phone while it is on screen (see db/form-drafts.ts): written a moment after
 * each change, removed when the form has nothing typed, and on `discard()` once it is saved or given up.
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
	let timer: ReturnType<typeof setTimeout> | undefined;
	// Writes go one after another, so a removal never lands before a save that started earlier.
	let writes: Promise<void> = Promise.resolve();
	// A failed write leaves the typing on screen as before; the form's own save reports storage errors.
	const write = (step: () => Promise<void>) => (writes = writes.then(step).catch(() => {}));

	$effect(() => {
		const target = db();
		const name = key();
		const values = $state.snapshot(snapshot()) as object | null | undefined;
		if (values === undefined) return;
		kept = false;
		let current = true;
		timer = setTimeout(() => {
			timer = undefined;
			void write(async () => {
				await (values ? saveFormDraft(target, name, values) : clearFormDraft(target, name));
				if (current) kept = values !== null;
			});
		}, WRITE_AFTER_MS);
		return () => {
			current = false;
			clearTimeout(timer);
		};
	});

	return {
		get kept() {
			return kept;
		},
		discard() {
			clearTimeout(timer);
			kept = false;
			const target = db();
			const name = key();
			return write(() => clearFormDraft(target, name));
		}
	};
}
