import type { MessageKey, MessageParams } from '$lib/i18n/translate';

/** A refusal the user should read: an HTTP status, a stable code for clients, and a message key for the text. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly messageKey: MessageKey,
		readonly params: MessageParams = {},
		readonly fields: Record<string, MessageKey> = {},
		readonly headers: Record<string, string> = {}
	) {
		super(code);
	}
}

export const notSignedIn = () => new ApiError(401, 'unauthenticated', 'api.unauthenticated');
export const forbidden = () => new ApiError(403, 'forbidden', 'api.forbidden');
export const notFound = () => new ApiError(404, 'not_found', 'api.notFound');
