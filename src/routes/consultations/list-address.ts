/**
 * The list's address with its filters, remembered for this page's life, so the card's "back" link returns to the
 * same month and filters (the browser's own back button does the same through the history entry).
 */
let address = '/consultations';

export function rememberListAddress(href: string): void {
	address = href;
}

export function listAddress(): string {
	return address;
}
