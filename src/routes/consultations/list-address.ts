/**
 * The list's address with its filters, as the list last made it, so the card's "back" link returns to the same
 * month and filters (the browser's own back button does the same through the history entry). Kept for the tab's
 * life (sessionStorage), so a card reloaded or opened again in the same tab still leads back to them.
 */
const KEY = 'doradca.consultations.list';
const LIST = '/consultations';

let address: string | null = null;

const isListAddress = (href: string) => href === LIST || href.startsWith(`${LIST}?`);

export function rememberListAddress(href: string): void {
	if (!isListAddress(href)) return;
	address = href;
	try {
		sessionStorage.setItem(KEY, href);
	} catch {
		// Storage refused (private mode, quota) or absent: this page's life is enough.
	}
}

export function listAddress(): string {
	if (address !== null) return address;
	try {
		const kept = sessionStorage.getItem(KEY);
		if (kept !== null && isListAddress(kept)) return kept;
	} catch {
		// As above.
	}
	return LIST;
}
