/** What the report routes share: reading the statement's query and answering with a file to download. */
import type { StatementQuery } from './statement';

export function statementQuery(url: URL): StatementQuery {
	return {
		month: url.searchParams.get('month') ?? '',
		centreId: url.searchParams.get('centreId') ?? '',
		advisorId: url.searchParams.get('advisorId') || null
	};
}

export const CONTENT_TYPES = {
	pdf: 'application/pdf',
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;

/**
 * A download: the file name is ASCII already (statement.ts fileSlug), and is given both plainly and as RFC 5987
 * `filename*` for clients that prefer it. Reports hold personal data: never cached.
 */
export function attachment(body: Uint8Array, kind: keyof typeof CONTENT_TYPES, baseName: string): Response {
	const name = `${baseName}.${kind}`;
	return new Response(new Uint8Array(body), {
		status: 200,
		headers: {
			'content-type': CONTENT_TYPES[kind],
			'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
			'content-length': String(body.byteLength),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
