/**
 * Keeps a whole-form's typing on the phone while it is on screen (see db/form-drafts.ts): written a moment after
 * each change, removed when the form has nothing typed (or was saved: the snapshot is then null).
 */
import type { LocalDb } from './db/local-db';
import { clearFormDraft, saveFormDraft } from './db/form-drafts';

const WRITE_AFTER_MS = 200;

/**
 * Call during component initialisation. `snapshot` returns what to keep, null for nothing to keep, or undefined
 * while the form has not yet taken back an earlier draft (so the empty form never overwrites it). `kept` says
 * whether what is on screen now is on the phone, for the form to say so.
 */
export function keepFormDraft(
	db: () => LocalDb,
	key: () => string,
	snapshot: () => object | null | undefined
): { readonly kept: boolean } {
	let kept = $state(false);
	$effect(() => {
		const target = db();
		const name = key();
		const values = $state.snapshot(snapshot()) as object | null | undefined;
		if (values === undefined) return;
		kept = false;
		let current = true;
		const timer = setTimeout(() => {
			(values ? saveFormDraft(target, name, values) : clearFormDraft(target, name)).then(
				() => (kept = current && values !== null),
				// A failed write leaves the typing on screen as before; the form's own save reports storage errors.
				() => {}
			);
		}, WRITE_AFTER_MS);
		return () => {
			current = false;
			clearTimeout(timer);
		};
	});
	return {
		get kept() {
			return kept;
		}
	};
}
