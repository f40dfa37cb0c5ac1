import { describe, expect, it } from 'vitest';
import { typesettingForTests } from './pdf';

const { createDocument, Typesetter, Table, MARGIN } = typesettingForTests;

describe('Table', () => {
	it('takes the last row to the next page with the total, so a total never stands alone on a page', () => {
		const doc = createDocument('portrait', 'test', 'pl');
		const table = new Table(new Typesetter(doc), [{ header: 'Lp.', width: 200 }], MARGIN, () => MARGIN);
		table.start(MARGIN);
		const cell = (text: string) => [{ paragraphs: [{ text }] }];
		const height = table.heightOf(cell('1'));
		const total = cell('Razem');
		expect(table.heightOf(total)).toBe(height);
		// Rows while two more fit: then the last row would fit alone, but not with the total after it.
		let n = 0;
		while (table.cursor + 2 * height <= table.bottom) table.row(cell(String(++n)));
		expect(table.cursor + height).toBeLessThanOrEqual(table.bottom);
		expect(doc.bufferedPageRange().count).toBe(1);

		table.row(cell(String(++n)), { keepWith: height });
		expect(doc.bufferedPageRange().count).toBe(2);
		const afterLast = table.cursor;
		table.row(total, { boldRule: true });
		expect(doc.bufferedPageRange().count).toBe(2);
		expect(table.cursor).toBe(afterLast + height);
		doc.end();
	});
});
