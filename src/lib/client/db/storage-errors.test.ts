import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { storageEn } from '$lib/i18n/messages/storage.en';
import { storagePl } from '$lib/i18n/messages/storage.pl';
import {
	ConsultationNotFoundError,
	InvalidAmendmentError,
	LockedRecordError,
	saveDraft,
	StatusTransitionError
} from './consultations';
import { storageErrorKey, storageErrorKind } from './storage-errors';
import { freshDb, testContext } from './test-factories';

const dom = (name: string) => new DOMException('browser message', name);

describe('storage error mapping', () => {
	it.each([
		['a raw DOMException', dom('QuotaExceededError')],
		["Dexie's QuotaExceededError", new Dexie.QuotaExceededError('full', dom('QuotaExceededError'))],
		['an AbortError wrapping it', new Dexie.AbortError(dom('QuotaExceededError'))],
		['a BulkError with it among the failures', new Dexie.BulkError('bulk', { 0: dom('QuotaExceededError') })],
		["Firefox's legacy name", dom('NS_ERROR_DOM_QUOTA_REACHED')]
	])('a full disk as %s', (_label, error) => {
		expect(storageErrorKind(error)).toBe('quota');
		expect(storageErrorKey(error)).toBe('storage.quotaExceeded');
	});

	it('maps version, closed, unavailable and anything else', () => {
		expect(storageErrorKey(new Dexie.VersionError('newer on disk'))).toBe('storage.newerVersion');
		expect(storageErrorKey(new Dexie.OpenFailedError(dom('VersionError')))).toBe('storage.newerVersion');
		expect(storageErrorKey(new Dexie.DatabaseClosedError())).toBe('storage.closed');
		expect(storageErrorKey(new Dexie.VersionChangeError())).toBe('storage.closed');
		expect(storageErrorKey(new Dexie.InvalidStateError(dom('InvalidStateError')))).toBe(
			'storage.unavailable'
		);
		expect(storageErrorKey(new Dexie.MissingAPIError())).toBe('storage.unavailable');
		expect(storageErrorKey(new Dexie.OpenFailedError(dom('InvalidStateError')))).toBe('storage.unavailable');
		expect(storageErrorKey(new Dexie.ConstraintError('dup'))).toBe('storage.failed');
		expect(storageErrorKey(new Error('?'))).toBe('storage.failed');
		expect(storageErrorKey('a string')).toBe('storage.failed');
		expect(storageErrorKey(null)).toBe('storage.failed');
	});

	it('maps the record rules', () => {
		expect(storageErrorKey(new LockedRecordError('c1', 'signed'))).toBe('storage.record.locked');
		expect(storageErrorKey(new ConsultationNotFoundError('c1'))).toBe('storage.record.notFound');
		expect(storageErrorKey(new StatusTransitionError('c1', 'draft', 'sign'))).toBe(
			'storage.record.wrongStatus'
		);
		expect(storageErrorKey(new InvalidAmendmentError('reasonRequired'))).toBe(
			'storage.amendment.reasonRequired'
		);
		expect(storageErrorKey(new InvalidAmendmentError('noChanges'))).toBe('storage.amendment.noChanges');
	});

	it('survives an error whose inner chain loops', () => {
		const looped = new Dexie.AbortError('loop') as Error & { inner: unknown };
		looped.inner = looped;
		expect(storageErrorKey(looped)).toBe('storage.failed');
	});

	it('recognises a quota failure as it really arrives from a write, and nothing was stored', async () => {
		const local = await freshDb();
		local.outbox.hook('creating', () => {
			throw dom('QuotaExceededError');
		});
		const error = await saveDraft(local, testContext(), 'c1', { notes: 'x' }).catch((e: unknown) => e);
		expect(storageErrorKey(error)).toBe('storage.quotaExceeded');
		expect(await local.consultations.count()).toBe(0);
		local.close();
	});

	it('every message says the form is kept, in both languages', () => {
		const storageFailures = ['quotaExceeded', 'newerVersion', 'closed', 'unavailable', 'failed'] as const;
		for (const kind of storageFailures) {
			expect(storagePl[`storage.${kind}`]).toContain('Dane z formularza są nadal na ekranie');
			expect(storageEn[`storage.${kind}`]).toContain('The form data is still on the screen');
		}
		expect(storagePl['storage.quotaExceeded']).toBe(
			'Brak miejsca na telefonie — zwolnij miejsce i spróbuj ponownie. Dane z formularza są nadal na ekranie.'
		);
		expect(Object.keys(storageEn).sort()).toEqual(Object.keys(storagePl).sort());
	});
});
