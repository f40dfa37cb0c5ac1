import { describe, expect, it } from 'vitest';
import type { Refusal } from '../db/local-db';
import type { OpResult } from '$lib/domain/sync';
import { freshDbs, markAllSent, serverConsultation, signature, testContext } from '../db/test-factories';
import { amendConsultation, draftsOf, saveDraft, signConsultation } from '../db/consultations';
import { applyPushResults } from '../db/sync-apply';
import {
	amendmentPrefill,
	amendmentReason,
	canBecomeAmendment,
	canRestoreSigned,
	consultationSync,
	dismissRefusal,
	holdsWork,
	listRefusals,
	recordSyncState,
	refusedConsultationId,
	refusedTexts,
	restoreAsDraft,
	restoreSignedChanges,
	restoreSignedVersion,
	shortenChange
} from './refusals';

const db = freshDbs();

const refusal = (overrides: Partial<Refusal> = {}): Refusal => ({
	opId: 'op-1',
	entity: 'consultation',
	entityId: 'c1',
	op: 'update',
	fields: { notes: 'Po podpisie', status: 'completed' },
	code: 'record_locked',
	message: 'Karta została już podpisana.',
	fieldMessages: {},
	at: '2025-03-10T08:00:00.000Z',
	...overrides
});

describe('record sync state', () => {
	it('goes from only on this phone to sent to accepted, counting the record’s amendments', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'Statut', durationMin: 60 });
		let sync = await consultationSync(local, 'c1');
		expect(recordSyncState({ version: 0 }, sync.pending)).toBe('local');

		await markAllSent(local);
		sync = await consultationSync(local, 'c1');
		expect(recordSyncState({ version: 0 }, sync.pending)).toBe('sent');

		await local.outbox.clear();
		sync = await consultationSync(local, 'c1');
		expect(sync).toEqual({ pending: null, refusals: [] });
		expect(recordSyncState({ version: 1 }, sync.pending)).toBe('accepted');
		expect(recordSyncState({ version: 0 }, sync.pending)).toBe('local');

		// An amendment waiting to be sent puts the record back on this phone.
		await local.consultations.put(serverConsultation({ id: 'c2', status: 'signed', version: 4 }));
		await amendConsultation(local, ctx, 'c2', { notes: 'Poprawione' }, 'Literówka');
		expect((await consultationSync(local, 'c2')).pending).toBe('local');
	});

	it('lists the refusals of the record and of its amendments, and forgets one when dismissed', async () => {
		const local = await db();
		await local.refusals.bulkPut([
			refusal(),
			refusal({
				opId: 'op-2',
				entity: 'amendment',
				entityId: 'a1',
				fields: { consultationId: 'c1' },
				at: '2025-03-10T09:00:00.000Z'
			}),
			refusal({ opId: 'op-3', entityId: 'c9', at: '2025-03-10T10:00:00.000Z' })
		]);
		expect((await consultationSync(local, 'c1')).refusals.map((r) => r.opId)).toEqual(['op-1', 'op-2']);
		expect((await listRefusals(local)).map((r) => r.opId)).toEqual(['op-3', 'op-2', 'op-1']);
		await dismissRefusal(local, 'op-1');
		expect((await listRefusals(local)).map((r) => r.opId)).toEqual(['op-3', 'op-2']);
	});

	it('offers an amendment for a refused edit of a signed card, with the edit’s form values only', () => {
		expect(canBecomeAmendment(refusal())).toBe(true);
		expect(amendmentPrefill(refusal())).toEqual({ notes: 'Po podpisie' });
		expect(canBecomeAmendment(refusal({ code: 'invalid' }))).toBe(false);
		expect(canBecomeAmendment(refusal({ fields: { status: 'signed' } }))).toBe(false);
		expect(refusedConsultationId(refusal({ entity: 'amendment', fields: { consultationId: 'c7' } }))).toBe(
			'c7'
		);
		expect(refusedConsultationId(refusal({ entity: 'organisation', entityId: 'o1' }))).toBeNull();
	});

	it('offers a correction refused for its values again, with the values it set and its reason', () => {
		const refusedCorrection = (code: Refusal['code']) =>
			refusal({
				entity: 'amendment',
				entityId: 'a1',
				op: 'create',
				code,
				fields: {
					consultationId: 'c1',
					reason: 'Zła data',
					changes: { date: { before: '2025-03-03', after: '2025-03-04' }, status: { before: 1, after: 2 } }
				}
			});
		expect(canBecomeAmendment(refusedCorrection('invalid'))).toBe(true);
		expect(amendmentPrefill(refusedCorrection('invalid'))).toEqual({ date: '2025-03-04' });
		expect(amendmentReason(refusedCorrection('invalid'))).toBe('Zła data');
		// Refused for who may make it, or because it is already there: correcting its values would not help.
		expect(canBecomeAmendment(refusedCorrection('not_found'))).toBe(false);
		expect(canBecomeAmendment(refusedCorrection('already_exists'))).toBe(false);
		expect(amendmentReason(refusal())).toBe('');
	});

	it('keeps a card deleted on another device whole, shows its text and restores it as a new draft', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(serverConsultation({ id: 'c1', status: 'draft', version: 3 }));
		await saveDraft(local, ctx, 'c1', { notes: 'Długa notatka z terenu', followUps: 'Wysłać wzór statutu' });
		await markAllSent(local);
		const sent = await local.outbox.toArray();
		const answer: OpResult = {
			opId: sent[0]!.opId,
			status: 'refused',
			seq: null,
			receipt: null,
			code: 'deleted',
			message: '',
			current: null
		};
		await applyPushResults(local, sent, [answer], new Date('2025-03-10T09:00:00.000Z'));
		// The pull's tombstone then removes the card from this phone: the refusal is the only copy.
		await local.consultations.delete('c1');

		const [gone] = await listRefusals(local);
		expect(gone!.kept).toMatchObject({
			organisationId: 'org-server-1',
			date: '2025-03-03',
			durationMin: 90,
			notes: 'Długa notatka z terenu',
			followUps: 'Wysłać wzór statutu',
			participants: [{ name: 'Anna Kowalska', role: 'prezeska' }]
		});
		expect(refusedTexts(gone!)).toEqual([
			{ field: 'notes', value: 'Długa notatka z terenu' },
			{ field: 'followUps', value: 'Wysłać wzór statutu' },
			{ field: 'address', value: 'ul. Nadmorska 1, Łeba' }
		]);
		expect(holdsWork(gone!)).toBe(true);

		// A double tap restores it once.
		const [id, again] = await Promise.all([
			restoreAsDraft(local, ctx, gone!),
			restoreAsDraft(local, ctx, gone!)
		]);
		expect(again).toBeNull();
		expect(id).not.toBe('c1');
		expect(await restoreAsDraft(local, ctx, gone!)).toBeNull();
		expect(await draftsOf(local, 'advisor-1')).toHaveLength(1);
		const [draft] = await draftsOf(local, 'advisor-1');
		expect(draft).toMatchObject({ id, status: 'draft', version: 0, ...gone!.kept });
		expect(await local.refusals.count()).toBe(0);
		expect((await local.outbox.toArray()).at(-1)).toMatchObject({ entityId: id, op: 'create' });
	});

	it('keeps the version a refused signature was given on, and restores it with the signature', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(serverConsultation({ id: 'c1', status: 'completed', version: 1 }));
		const signed = signature({ signerName: 'Anna Kowalska' });
		await signConsultation(local, ctx, 'c1', signed);
		await markAllSent(local);
		const sent = await local.outbox.toArray();
		const answer: OpResult = {
			opId: sent[0]!.opId,
			status: 'refused',
			seq: null,
			receipt: null,
			code: 'signed_other_version',
			message: '',
			current: null
		};
		await applyPushResults(local, sent, [answer], new Date('2025-03-10T09:00:00.000Z'));
		// The server's version (another device made the visit longer) then replaces the copy on this phone.
		await local.consultations.put(
			serverConsultation({
				id: 'c1',
				status: 'completed',
				version: 2,
				endTime: '12:30',
				durationMin: 150,
				notes: 'Z tabletu'
			})
		);

		const [refused] = await listRefusals(local);
		expect(refused!.kept).toMatchObject({
			endTime: '11:30',
			durationMin: 90,
			notes: 'Statut i zmiany w KRS.'
		});
		expect(canRestoreSigned(refused!)).toBe(true);
		expect(canRestoreSigned({ ...refused!, code: 'deleted' })).toBe(false);
		expect(holdsWork(refused!)).toBe(true);
		// What restoring replaces: the other device's values, field by field, as the card holds them now.
		const current = await local.consultations.get('c1');
		expect(restoreSignedChanges(current, refused!)).toEqual([
			{ field: 'endTime', current: '12:30', signed: '11:30' },
			{ field: 'durationMin', current: 150, signed: 90 },
			{ field: 'notes', current: 'Z tabletu', signed: 'Statut i zmiany w KRS.' }
		]);
		expect(restoreSignedChanges(current, { ...refused!, code: 'deleted' })).toEqual([]);

		const [id, again] = await Promise.all([
			restoreSignedVersion(local, ctx, refused!),
			restoreSignedVersion(local, ctx, refused!)
		]);
		expect([id, again]).toEqual(['c1', null]);
		expect(await local.consultations.get('c1')).toMatchObject({
			status: 'signed',
			signature: signed,
			endTime: '11:30',
			durationMin: 90,
			notes: 'Statut i zmiany w KRS.'
		});
		// The signed values, then the signature, both based on the version that replaced them.
		const steps = (await local.outbox.toArray()).filter((entry) => !sent.some((s) => s.opId === entry.opId));
		expect(steps).toMatchObject([
			{
				op: 'update',
				fields: { endTime: '11:30', durationMin: 90, notes: 'Statut i zmiany w KRS.' },
				baseVersion: 2
			},
			{ op: 'update', fields: { status: 'signed', signature: signed }, baseVersion: 2 }
		]);
		expect(await local.refusals.count()).toBe(0);
	});

	it('lists what restoring a signed version replaces: only the fields that differ, lists compared by value', () => {
		const signedRefusal = refusal({
			code: 'signed_other_version',
			fields: { status: 'signed', signature: signature() },
			kept: {
				startTime: '10:00',
				topics: ['accounting', 'taxes'],
				participants: [{ name: 'Anna Kowalska', role: 'prezeska' }],
				followUps: 'Wysłać wzór statutu.'
			}
		});
		const card = {
			startTime: '10:15',
			topics: ['accounting', 'taxes'],
			participants: [{ name: 'Anna Kowalska', role: 'prezeska' }],
			followUps: 'Wysłać wzór statutu. Zadzwonić w piątek.',
			notes: 'Bez zmian w podpisanej'
		};
		expect(restoreSignedChanges(card, signedRefusal)).toEqual([
			{ field: 'startTime', current: '10:15', signed: '10:00' },
			{
				field: 'followUps',
				current: 'Wysłać wzór statutu. Zadzwonić w piątek.',
				signed: 'Wysłać wzór statutu.'
			}
		]);
		expect(
			restoreSignedChanges({ ...card, startTime: '10:00', followUps: 'Wysłać wzór statutu.' }, signedRefusal)
		).toEqual([]);
		expect(restoreSignedChanges(undefined, signedRefusal)).toEqual([]);
		// Without the signature there is nothing to restore.
		expect(restoreSignedChanges(card, { ...signedRefusal, fields: { status: 'signed' } })).toEqual([]);
	});

	it('shortens a long pair of texts around where they differ, on one line', () => {
		expect(shortenChange('10:15', '10:00')).toEqual(['10:15', '10:00']);
		expect(shortenChange('Linia 1\n\nLinia 2', 'Linia 1')).toEqual(['Linia 1 Linia 2', 'Linia 1']);
		const shared = 'Przygotować projekt statutu z nowym zarządem i wysłać go do KRS przed końcem miesiąca.';
		const [current, signed] = shortenChange(`${shared} Zadzwonić do księgowej w piątek.`, shared);
		// The added sentence shows; the long start both share is cut.
		expect(current).toMatch(/^….*Zadzwonić do księgowej w piątek\.$/);
		expect(current.length).toBeLessThanOrEqual(61);
		expect(signed).toMatch(/^….*miesiąca\.$/);
		expect(signed.length).toBeLessThanOrEqual(61);
		// A change in the middle of two long texts keeps a little of what surrounds it, both ends cut.
		const long = (word: string) => `${'Początek tekstu '.repeat(5)}${word}${' i dalszy ciąg'.repeat(6)}`;
		const [before, after] = shortenChange(long('wtorek'), long('czwartek'));
		expect(before).toMatch(/^….*wtorek.*…$/);
		expect(after).toMatch(/^….*czwartek.*…$/);
	});

	it('asks before dropping refused values only when they exist nowhere else', () => {
		expect(holdsWork(refusal())).toBe(true);
		expect(refusedTexts(refusal())).toEqual([{ field: 'notes', value: 'Po podpisie' }]);
		expect(holdsWork(refusal({ fields: { status: 'signed' } }))).toBe(false);
		expect(holdsWork(refusal({ entity: 'organisation', entityId: 'o1', fields: {} }))).toBe(false);
	});
});
