/**
 * fontkit is pdfkit's own font parser (installed with pdfkit, which accepts its parsed fonts since 0.20). It ships
 * no types; this is the one call the exports use.
 */
declare module 'fontkit' {
	export function create(buffer: Uint8Array, postscriptName?: string): object;
}
