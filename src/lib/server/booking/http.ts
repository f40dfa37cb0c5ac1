/** Booking routes: `slot_taken` answers carry the next free slots beside the usual `{ error: { code, message } }`. */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { translate } from '$lib/i18n/translate';
import { endpoint } from '../http/endpoint';
import { ApiError } from '../http/api-error';
import { SlotTakenError } from './bookings';

export function bookingEndpoint(
	handler: (event: RequestEvent) => Promise<unknown> | unknown
): RequestHandler {
	return endpoint(async (event) => {
		try {
			return await handler(event);
		} catch (error) {
			if (error instanceof SlotTakenError) {
				return json(
					{
						error: {
							code: error.code,
							message: translate(event.locals.locale, error.messageKey, error.params),
							nextFreeSlots: error.nextFreeSlots
						}
					},
					{ status: error.status }
				);
			}
			throw error;
		}
	});
}

/** A query parameter that must be a date 'YYYY-MM-DD' when present. */
export function dateParam(url: URL, name: string): string | undefined {
	const value = url.searchParams.get(name);
	if (value === null || value === '') return undefined;
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
		throw new ApiError(400, 'invalid', 'api.invalid', {}, { [name]: 'bookingApi.date' });
	}
	return value;
}

export function idParam(url: URL, name: string, required = false): string | undefined {
	const value = url.searchParams.get(name)?.trim().toLowerCase();
	if (!value) {
		if (required) throw new ApiError(400, 'invalid', 'api.invalid', {}, { [name]: 'validation.required' });
		return undefined;
	}
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) {
		throw new ApiError(400, 'invalid', 'api.invalid', {}, { [name]: 'validation.id' });
	}
	return value;
}
