/**
 * The browser's one way to call the server. It never throws for expected failures: the caller gets either the
 * data, a refusal with the server's message (already in the user's language), or `offline`.
 */
import type { ApiErrorBody } from '$lib/domain/api';
import { serverFetch, watchReach } from './network.svelte';

export type ApiResult<T> =
	| { ok: true; data: T }
	| {
			ok: false;
			offline: false;
			status: number;
			code: string;
			message: string;
			fields: Record<string, string>;
	  }
	| { ok: false; offline: true; status: 0; code: 'offline'; message: ''; fields: Record<string, string> };

type Fetch = typeof fetch;

export async function api<T>(
	path: string,
	options: { method?: string; body?: unknown; fetch?: Fetch; headers?: Record<string, string> } = {}
): Promise<ApiResult<T>> {
	const doFetch = options.fetch ? watchReach(options.fetch) : serverFetch;
	let response: Response;
	try {
		response = await doFetch(path, {
			method: options.method ?? 'GET',
			headers: {
				...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
				...options.headers
			},
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			credentials: 'same-origin'
		});
	} catch {
		return { ok: false, offline: true, status: 0, code: 'offline', message: '', fields: {} };
	}
	const payload = (await response.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
	if (response.ok) return { ok: true, data: payload as T };
	const error = payload?.error;
	return {
		ok: false,
		offline: false,
		status: response.status,
		code: error?.code ?? 'http_' + response.status,
		message: error?.message ?? response.statusText,
		fields: error?.fields ?? {}
	};
}
