/**
 * Turns a failed local write or open into a message key the screen can show beside the form it kept. Dexie wraps
 * IndexedDB's DOMExceptions (QuotaExceededError arrives as itself, inside an AbortError's `inner`, or inside a
 * BulkError's `failures`), so the whole chain is searched, not only the outer name.
 */
import type { storagePl } from '$lib/i18n/messages/storage.pl';
import {
	ConsultationNotFoundError,
	InvalidAmendmentError,
	LockedRecordError,
	StatusTransitionError,
	UnsendableChangeError
} from './consultations';

export type StorageMessageKey = keyof typeof storagePl;

export type StorageErrorKind = 'quota' | 'newerVersion' | 'closed' | 'unavailable' | 'unknown';

// Firefox and old WebKit used their own names for a full disk.
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
// The connection went away under us: another tab upgraded the schema, or sign-out deleted the database.
const CLOSED_NAMES = new Set(['DatabaseClosedError', 'VersionChangeError']);
// No usable IndexedDB: private mode, disabled storage, a browser without the API.
const UNAVAILABLE_NAMES = new Set(['InvalidStateError', 'MissingAPIError', 'SecurityError']);

/** Every error name in the chain, outermost first (depth-limited against cyclic `inner` links). */
function errorNames(error: unknown, depth = 0): string[] {
	if (depth > 5 || error === null || typeof error !== 'object') return [];
	const { name, inner, cause, failures } = error as {
		name?: unknown;
		inner?: unknown;
		cause?: unknown;
		failures?: unknown;
	};
	const nested = [inner, cause, ...(Array.isArray(failures) ? failures : [])];
	return [
		...(typeof name === 'string' ? [name] : []),
		...nested.flatMap((child) => errorNames(child, depth + 1))
	];
}

export function storageErrorKind(error: unknown): StorageErrorKind {
	const names = errorNames(error);
	if (names.some((name) => QUOTA_NAMES.has(name))) return 'quota';
	// VersionError: the database on disk is newer than this tab's code (an old tab after an update).
	if (names.includes('VersionError')) return 'newerVersion';
	if (names.some((name) => CLOSED_NAMES.has(name))) return 'closed';
	if (names.some((name) => UNAVAILABLE_NAMES.has(name))) return 'unavailable';
	return 'unknown';
}

const KEY_BY_KIND: Record<StorageErrorKind, StorageMessageKey> = {
	quota: 'storage.quotaExceeded',
	newerVersion: 'storage.newerVersion',
	closed: 'storage.closed',
	unavailable: 'storage.unavailable',
	unknown: 'storage.failed'
};

/** The message for any error a repository function can throw: the record rules first, then storage failures. */
export function storageErrorKey(error: unknown): StorageMessageKey {
	if (error instanceof LockedRecordError) return 'storage.record.locked';
	if (error instanceof ConsultationNotFoundError) return 'storage.record.notFound';
	if (error instanceof StatusTransitionError) return 'storage.record.wrongStatus';
	if (error instanceof UnsendableChangeError) return 'storage.record.unsendable';
	if (error instanceof InvalidAmendmentError) return `storage.amendment.${error.problem}`;
	return KEY_BY_KIND[storageErrorKind(error)];
}
