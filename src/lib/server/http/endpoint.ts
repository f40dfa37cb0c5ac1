/**
 * The one way an API route is written: `endpoint(async (event) => data)`. It checks that state-changing requests
 * come from our own origin as JSON (SvelteKit's CSRF check covers form posts only), reads bodies with a size
 * limit, validates them with the shared schemas, and turns every refusal into JSON in the user's language.
 */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import type * as v from 'valibot';
import { validate } from '$lib/domain/schemas';
import { unstorableText } from '$lib/domain/consultation-rules';
import { translate, type MessageKey } from '$lib/i18n/translate';
import type { Identity, Role } from '$lib/domain/roles';
import type { ApiErrorBody } from '$lib/domain/api';
import { ApiError, forbidden, notSignedIn } from './api-error';

export const MAX_JSON_BYTES = 256 * 1024;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function errorResponse(event: RequestEvent, error: ApiError): Response {
	const locale = event.locals.locale;
	const fields: Record<string, string> = {};
	for (const [path, key] of Object.entries(error.fields)) fields[path] = translate(locale, key);
	const body: ApiErrorBody = {
		error: {
			code: error.code,
			message: translate(locale, error.messageKey, error.params),
			...(Object.keys(fields).length ? { fields } : {})
		}
	};
	return json(body, { status: error.status, headers: error.headers });
}

function checkRequestOrigin(event: RequestEvent): void {
	if (!UNSAFE_METHODS.has(event.request.method)) return;
	const origin = event.request.headers.get('origin');
	if (origin !== event.url.origin) throw new ApiError(403, 'bad_origin', 'api.badOrigin');
	const contentLength = event.request.headers.get('content-length');
	const type = event.request.headers.get('content-type') ?? '';
	const hasBody = contentLength !== null ? contentLength !== '0' : event.request.body !== null;
	if (hasBody && !/^application\/json(;|$)/i.test(type)) {
		throw new ApiError(415, 'unsupported_media_type', 'api.notJson');
	}
}

export function endpoint(handler: (event: RequestEvent) => Promise<unknown> | unknown): RequestHandler {
	return async (event) => {
		try {
			checkRequestOrigin(event);
			const result = await handler(event);
			return result instanceof Response ? result : json(result ?? { ok: true });
		} catch (error) {
			if (error instanceof ApiError) return errorResponse(event, error);
			throw error;
		}
	};
}

/**
 * Reads a JSON body (size-limited) and validates it; every failure is a 4xx with a specific message. Text holding a
 * NUL character or a lone surrogate is refused at its field (unstorableText: the engines would store it apart).
 * `perOperation`: the handler checks each operation of a batch itself (sync push, import), to refuse only that one.
 */
export async function readBody<TSchema extends v.GenericSchema>(
	event: RequestEvent,
	schema: TSchema,
	options: { maxBytes?: number; perOperation?: boolean } = {}
): Promise<v.InferOutput<TSchema>> {
	const maxBytes = options.maxBytes ?? MAX_JSON_BYTES;
	const declared = Number(event.request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) throw new ApiError(413, 'body_too_large', 'api.bodyTooLarge');
	let text: string;
	try {
		text = await readLimited(event.request, maxBytes);
	} catch (error) {
		if (error instanceof ApiError) throw error;
		// The server's own limit (adapter-node's BODY_SIZE_LIMIT) ends the stream with a 413 of its own.
		if ((error as { status?: unknown } | null)?.status === 413) {
			throw new ApiError(413, 'body_too_large', 'api.bodyTooLarge');
		}
		throw new ApiError(400, 'bad_body', 'api.badJson');
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new ApiError(400, 'bad_json', 'api.badJson');
	}
	if (!options.perOperation) {
		const unstorable = unstorableTexts(data, '');
		if (unstorable.length > 0) {
			throw new ApiError(400, 'invalid', 'api.invalid', {}, Object.fromEntries(unstorable));
		}
	}
	const result = validate(schema, data);
	if (!result.ok) throw new ApiError(400, 'invalid', 'api.invalid', {}, result.fieldErrors);
	return result.value;
}

/**
 * The dotted paths of the strings no engine stores alike (unstorableText), with why (a parsed body is never deeper
 * than JSON.parse allows).
 */
function unstorableTexts(value: unknown, path: string): [string, MessageKey][] {
	if (typeof value === 'string') {
		const problem = unstorableText(value);
		return problem ? [[path || 'body', problem]] : [];
	}
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, item]) => unstorableTexts(item, path ? `${path}.${key}` : key));
}

async function readLimited(request: Request, limit: number): Promise<string> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			throw new ApiError(413, 'body_too_large', 'api.bodyTooLarge');
		}
		chunks.push(value);
	}
	return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

export function requireUser(event: RequestEvent): Identity {
	const user = event.locals.user;
	if (!user) throw notSignedIn();
	if (user.mustChangePassword && !event.url.pathname.startsWith('/api/session')) {
		throw new ApiError(403, 'password_change_required', 'api.passwordChangeRequired');
	}
	return user;
}

export function requireRole(event: RequestEvent, ...roles: Role[]): Identity {
	const user = requireUser(event);
	if (!roles.includes(user.role)) throw forbidden();
	return user;
}

export function invalid(field: string, key: MessageKey): ApiError {
	return new ApiError(400, 'invalid', 'api.invalid', {}, { [field]: key });
}
