/**
 * HTTP for the sync engine: every request carries the protocol version; every failure is sorted into what the
 * engine does next (wait for the network, ask the user to sign in, update the app, retry later, or refuse).
 * A body cut mid-way or a proxy's error page is a retry, never data.
 */
import {
	SYNC_PROTOCOL_HEADER,
	SYNC_PROTOCOL_VERSION,
	type PullResponse,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync';

export type TransportFailure =
	| { kind: 'offline' }
	| { kind: 'unauthorized' }
	| { kind: 'outdated'; message: string }
	/** The server could not answer now (restarting, overloaded, answer lost): try again later, unchanged. */
	| { kind: 'retry'; status: number; message: string }
	/** The server refused the request itself (HTTP 4xx): retrying it unchanged would fail the same way. */
	| { kind: 'rejected'; status: number; code: string; message: string };

export type TransportResult<T> = { ok: true; data: T } | ({ ok: false } & TransportFailure);

export interface SyncTransport {
	push(body: PushRequest): Promise<TransportResult<PushResponse>>;
	pull(cursor: string | null, limit: number): Promise<TransportResult<PullResponse>>;
}

export interface HttpTransportOptions {
	/** '' in the browser (same origin); the server's URL in simulations and benchmarks. */
	baseUrl?: string;
	fetch?: typeof fetch;
	/** Extra headers (a simulation's cookie and Origin). */
	headers?: () => Record<string, string>;
}

export function httpTransport(options: HttpTransportOptions = {}): SyncTransport {
	const base = options.baseUrl ?? '';
	const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

	async function call<T>(path: string, init: RequestInit, valid: (data: unknown) => boolean) {
		let response: Response;
		let text: string;
		try {
			response = await doFetch(base + path, {
				...init,
				credentials: 'same-origin',
				headers: {
					[SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
					...(init.body ? { 'content-type': 'application/json' } : {}),
					...options.headers?.()
				}
			});
			text = await response.text();
		} catch {
			return { ok: false, kind: 'offline' } as const;
		}
		let data: unknown = null;
		try {
			data = JSON.parse(text);
		} catch {
			/* handled below */
		}
		const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
		const message = error?.message ?? response.statusText;
		if (response.ok) {
			return valid(data)
				? ({ ok: true, data: data as T } as const)
				: ({ ok: false, kind: 'retry', status: response.status, message: 'incomplete answer' } as const);
		}
		if (response.status === 401) return { ok: false, kind: 'unauthorized' } as const;
		if (response.status === 426) return { ok: false, kind: 'outdated', message } as const;
		if (
			response.status >= 500 ||
			response.status === 408 ||
			response.status === 429 ||
			response.status === 409
		) {
			return { ok: false, kind: 'retry', status: response.status, message } as const;
		}
		// A 4xx without our JSON error (a proxy's page) is not the server's verdict: try again later.
		if (!error?.code) return { ok: false, kind: 'retry', status: response.status, message } as const;
		return { ok: false, kind: 'rejected', status: response.status, code: error.code, message } as const;
	}

	return {
		push: (body) =>
			call<PushResponse>('/api/sync/push', { method: 'POST', body: JSON.stringify(body) }, (data) =>
				Array.isArray((data as PushResponse | null)?.results)
			),
		pull: (cursor, limit) => {
			const query = new URLSearchParams({ limit: String(limit) });
			if (cursor) query.set('cursor', cursor);
			return call<PullResponse>(
				`/api/sync/pull?${query}`,
				{ method: 'GET' },
				(data) =>
					Array.isArray((data as PullResponse | null)?.changes) &&
					typeof (data as PullResponse).cursor === 'string'
			);
		}
	};
}
