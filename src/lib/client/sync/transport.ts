/**
 * HTTP for the sync engine: every request carries the protocol version; every failure is sorted into what the
 * engine does next (wait for the network, ask the user to sign in, update the app, retry later, or refuse).
 * A body cut mid-way or a proxy's error page is a retry, never data. A request whose answer does not begin by its
 * deadline, or stops arriving, is given up: a line that swallows packets would otherwise hold it (and
 * "Synchronizacja…") for as long as the phone's TCP stack keeps retrying, a quarter of an hour or more. An answer
 * that keeps arriving, however slowly, is waited for: a first pull's 2 MB page on a poor line takes minutes.
 */
import {
	SYNC_PROTOCOL_HEADER,
	SYNC_PROTOCOL_VERSION,
	type PullResponse,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync';

export type TransportFailure =
	/** No answer; `timedOut` when one was given up at its deadline (a line too slow or swallowing packets). */
	| { kind: 'offline'; timedOut?: true }
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
	/** Milliseconds until the answer of a request with a body of this many bytes begins; `requestDeadlineMs`. */
	deadlineMs?: (bodyBytes: number) => number;
	/** Milliseconds an answer may stop arriving before it is given up; ANSWER_IDLE_MS. */
	idleMs?: number;
}

/** What any request may take beyond sending its body before its answer begins: the server's work and the wait. */
export const REQUEST_BASE_DEADLINE_MS = 45_000;
/** An answer that has begun is given up only when no byte of it came for this long. */
export const ANSWER_IDLE_MS = 30_000;
/** The slowest upload still worth waiting for, in bytes per millisecond (8 kB/s: EDGE with a poor signal). */
const SLOWEST_UPLOAD_BYTES_PER_MS = 8;

/** The deadline of one request's answer to begin: a base, plus its body at the slowest upload worth waiting for. */
export function requestDeadlineMs(bodyBytes: number): number {
	return REQUEST_BASE_DEADLINE_MS + Math.ceil(bodyBytes / SLOWEST_UPLOAD_BYTES_PER_MS);
}

/** The answer's text, read as it arrives; `arrived` is called at each piece (the idle timer starts again). */
async function readText(response: Response, arrived: () => void): Promise<string> {
	if (!response.body) return response.text();
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let text = '';
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return text + decoder.decode();
		arrived();
		text += decoder.decode(value, { stream: true });
	}
}

export function httpTransport(options: HttpTransportOptions = {}): SyncTransport {
	const base = options.baseUrl ?? '';
	const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
	const deadlineMs = options.deadlineMs ?? requestDeadlineMs;
	const idleMs = options.idleMs ?? ANSWER_IDLE_MS;

	async function call<T>(path: string, init: RequestInit, valid: (data: unknown) => boolean) {
		let response: Response;
		let text: string;
		const controller = new AbortController();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const giveUpIn = (ms: number) => {
			clearTimeout(timer);
			timer = setTimeout(() => controller.abort(new DOMException('No answer in time', 'TimeoutError')), ms);
		};
		// Characters, not bytes: near enough for a deadline (the JSON is mostly ASCII).
		giveUpIn(deadlineMs(typeof init.body === 'string' ? init.body.length : 0));
		try {
			response = await doFetch(base + path, {
				...init,
				signal: controller.signal,
				credentials: 'same-origin',
				headers: {
					[SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
					...(init.body ? { 'content-type': 'application/json' } : {}),
					...options.headers?.()
				}
			});
			// An answer that stops half-way is given up like one that never came.
			giveUpIn(idleMs);
			text = await readText(response, () => giveUpIn(idleMs));
		} catch {
			return controller.signal.aborted
				? ({ ok: false, kind: 'offline', timedOut: true } as const)
				: ({ ok: false, kind: 'offline' } as const);
		} finally {
			clearTimeout(timer);
		}
		let data: unknown = null;
		try {
			data = JSON.parse(text);
		} catch {
			/* handled below */
		}
		const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
		// Only the server's own message is shown; a proxy's status text (in English) is told by its status instead.
		const message = error?.message ?? '';
		if (response.ok) {
			return valid(data)
				? ({ ok: true, data: data as T } as const)
				: ({ ok: false, kind: 'retry', status: response.status, message: '' } as const);
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
