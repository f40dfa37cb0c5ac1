/** Polish alphabetical order (Ł after L, Ś after S — not after Z as byte order has it), one collator for every list. */
export const polishOrder = new Intl.Collator('pl');
