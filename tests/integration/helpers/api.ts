/**
 * Calls the real API route handlers (`src/routes/api/**\/+server.ts`) in-process, with the request's identity
 * resolved exactly as the server hook does it, against a test database of either engine.
 */
import type { Cookies, RequestEvent, RequestHandler } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db/schema';
import { authenticate } from '$lib/server/auth/authenticate';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';

const ORIGIN = 'http://localhost:3000';
const modules = import.meta.glob<Record<string, RequestHandler>>('/src/routes/api/**/+server.ts');

/** Routes as SvelteKit matches them here: a parameter is a path segment, or part of one (`[id].ics`). */
const routes = Object.entries(modules)
	.map(([file, load]) => {
		const path = file.replace('/src/routes', '').replace('/+server.ts', '') || '/';
		const params: string[] = [];
		const pattern = path
			.replace(/\./g, '\\.')
			.replace(/\[(\w+)\]/g, (_, name: string) => (params.push(name), '([^/]+?)'));
		const literal = path.replace(/\[\w+\]/g, '').length;
		return { path, regex: new RegExp(`^${pattern}$`), params, load, literal };
	})
	// More fixed text first, so `/api/bookings/x.ics` reaches `[id].ics`, not `[id]`.
	.sort((a, b) => b.literal - a.literal);

export interface ApiResponse {
	status: number;
	/** The parsed answer when it is JSON, else empty. */
	body: Record<string, unknown> & {
		error?: { code: string; message: string; fields?: Record<string, string> };
	};
	/** The answer as sent: files (PDF, XLSX, CSV, iCalendar) are read from here. */
	bytes: Buffer;
	headers: Headers;
	setCookies: Map<string, string>;
}

export interface CallOptions {
	token?: string;
	body?: unknown;
	rawBody?: string;
	/** The body stream fails with this after its first bytes (as a server's own size limit ends it). */
	streamError?: Error;
	headers?: Record<string, string>;
	ip?: string;
	locale?: 'pl' | 'en';
	/** Cookies the browser holds besides the session's. */
	cookies?: Record<string, string>;
}

function cookieJar(
	token: string | undefined,
	setCookies: Map<string, string>,
	held: Record<string, string> = {}
): Cookies {
	const jar = new Map<string, string>([
		...Object.entries(held),
		...(token ? ([[SESSION_COOKIE, token]] as const) : [])
	]);
	return {
		get: (name) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name, value) => {
			jar.set(name, value);
			setCookies.set(name, value);
		},
		delete: (name) => {
			jar.delete(name);
			setCookies.set(name, '');
		},
		serialize: (name, value) => `${name}=${value}`
	};
}

export function apiClient(db: Kysely<DB>) {
	return async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse> {
		const url = new URL(path, ORIGIN);
		const route = routes.find((r) => r.regex.test(url.pathname));
		if (!route) throw new Error(`no API route for ${url.pathname}`);
		const match = url.pathname.match(route.regex)!;
		const params = Object.fromEntries(
			route.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)])
		);
		const module = await route.load();
		const handler = module[method];
		if (!handler)
			return { status: 405, body: {}, bytes: Buffer.alloc(0), headers: new Headers(), setCookies: new Map() };

		const bodyText =
			options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
		const headers = new Headers({ origin: ORIGIN, ...options.headers });
		if (bodyText !== undefined && !headers.has('content-type'))
			headers.set('content-type', 'application/json');
		const request = new Request(url, {
			method,
			headers,
			body: options.streamError ? failingStream(bodyText ?? '', options.streamError) : bodyText,
			...(options.streamError ? { duplex: 'half' } : {})
		} as RequestInit);
		const setCookies = new Map<string, string>();
		const { user, sessionId } = await authenticate(db, options.token);
		const event = {
			request,
			url,
			params,
			route: { id: route.path },
			locals: { db, user, sessionId, locale: options.locale ?? 'pl' },
			cookies: cookieJar(options.token, setCookies, options.cookies),
			getClientAddress: () => options.ip ?? '127.0.0.1',
			fetch,
			setHeaders: () => {},
			platform: undefined,
			isDataRequest: false,
			isSubRequest: false
		} as unknown as RequestEvent;
		const response = await handler(event);
		const bytes = Buffer.from(await response.arrayBuffer());
		const isJson = response.headers.get('content-type')?.includes('json') ?? false;
		return {
			status: response.status,
			body: isJson && bytes.length ? JSON.parse(bytes.toString('utf8')) : {},
			bytes,
			headers: response.headers,
			setCookies
		};
	};
}

export type ApiCall = ReturnType<typeof apiClient>;

function failingStream(text: string, error: Error): ReadableStream<Uint8Array> {
	return new ReadableStream({
		start(controller) {
			controller.enqueue(new TextEncoder().encode(text.slice(0, 10)));
			controller.error(error);
		}
	});
}

/** Signs in through the real route and returns the session token its cookie carries. */
export async function signInToken(call: ApiCall, email: string, password: string): Promise<string> {
	const response = await call('POST', '/api/session', { body: { email, password } });
	const token = response.setCookies.get(SESSION_COOKIE);
	if (response.status !== 200 || !token) throw new Error(`sign-in of ${email} failed: ${response.status}`);
	return token;
}
