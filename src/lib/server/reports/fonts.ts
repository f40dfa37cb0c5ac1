/**
 * The PDF fonts: DejaVu Sans (the standard PDF fonts have no ą ę ł ś ż), read from the dejavu-fonts-ttf package
 * and parsed once per process. pdfkit accepts the parsed fontkit font and subsets it per document, so a document
 * pays neither the file read nor the parse, and glyph layouts stay warm between documents.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create } from 'fontkit';

export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';

type ParsedFont = object;
let fonts: { regular: ParsedFont; bold: ParsedFont } | null = null;

function load(file: string): ParsedFont {
	const require = createRequire(import.meta.url);
	return create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)));
}

/** Registers the two fonts on a document (parsed on first use, then shared) and selects the regular one. */
export function useFonts(doc: PDFKit.PDFDocument): void {
	fonts ??= { regular: load('DejaVuSans.ttf'), bold: load('DejaVuSans-Bold.ttf') };
	// pdfkit ≥ 0.20 takes a parsed fontkit font; @types/pdfkit predates that.
	doc.registerFont(REGULAR, fonts.regular as Uint8Array);
	doc.registerFont(BOLD, fonts.bold as Uint8Array);
	doc.font(REGULAR);
}
