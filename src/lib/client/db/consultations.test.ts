import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	NO_REVIEW,
	previousAgreement,
	type ColleagueVisit,
	type ConsultationForm
} from '$lib/domain/consultation';
import { summariseMinutes } from '$lib/domain/hours';
import {
	amendConsultation,
	amendmentsOf,
	completeConsultation,
	consultationsOfDate,
	consultationsOfMonth,
	isColleagueVisit,
	visitsByOrganisation,
	visitsOfOrganisation,
	deleteDraft,
	draftsOf,
	flaggedSince,
	InvalidAmendmentError,
	monthFigures,
	LockedRecordError,
	recentConsultations,
	resendConsultation,
	saveDraft,
	signConsultation,
	StatusTransitionError,
	ConsultationNotFoundError,
	countedCardErrors,
	InvalidCountedCardError,
	UnsendableChangeError
} from './consultations';
import { storageErrorKey } from './storage-errors';
import type { SyncChange } from '$lib/domain/sync';
import type { LocalConsultation, LocalDb } from './local-db';
import { applyPullPage } from './sync-apply';
import { isSent, sentThrough } from './outbox';
import {
	freshDbs,
	markAllSent,
	serverConsultation,
	signature,
	snapshot,
	testContext
} from './test-factories';

const db = freshDbs();

async function outbox(local: LocalDb) {
	return local.outbox.orderBy('seq').toArray();
}

async function signedRecord(local: LocalDb, ctx = testContext()) {
	await saveDraft(local, ctx, 'c1', { organisationId: 'org-1', notes: 'Statut', durationMin: 60 });
	await completeConsultation(local, ctx, 'c1');
	return signConsultation(local, ctx, 'c1', signature());
}

describe('saveDraft', () => {
	it('creates the draft with defaults from the context and one create entry holding every field', async () => {
		const local = await db();
		const ctx = testContext({ userId: 'adv-7', centreId: 'cop-slupsk' });
		const record = await saveDraft(local, ctx, 'c1', { notes: 'Pierwsze spotkanie' });

		expect(record).toMatchObject({
			id: 'c1',
			advisorId: 'adv-7',
			centreId: 'cop-slupsk',
			organisationId: null,
			date: '2025-03-10',
			status: 'draft',
			topics: [],
			participants: [],
			participantCount: 1,
			signature: null,
			notes: 'Pierwsze spotkanie',
			version: 0,
			createdAt: '2025-03-10T08:00:00.000Z'
		});
		expect(await local.consultations.get('c1')).toEqual(record);
		const [entry, ...rest] = await outbox(local);
		expect(rest).toEqual([]);
		// Version, receipt and conflicts are the server's bookkeeping: never sent.
		const { version: _version, receipt: _receipt, conflicts: _conflicts, ...fields } = record;
		expect(entry?.fields).toEqual(fields);
		expect(entry).toMatchObject({
			entity: 'consultation',
			entityId: 'c1',
			op: 'create',
			fields,
			baseVersion: null,
			attempts: 0,
			createdAt: '2025-03-10T08:00:00.000Z'
		});
		expect(entry?.sentAt).toBeUndefined();
		expect(entry?.opId).toMatch(/^0{8}-/);
	});

	it('uses the Warsaw calendar date, not UTC, for a visit started just after midnight', async () => {
		const local = await db();
		// 23:30 UTC on 9 March is 00:30 on 10 March in Warsaw (CET).
		const ctx = testContext({ now: () => new Date('2025-03-09T23:30:00.000Z') });
		expect((await saveDraft(local, ctx, 'c1', {})).date).toBe('2025-03-10');
	});

	it('patches later calls and compacts them into the unsent create', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'S' });
		for (const notes of ['St', 'Sta', 'Statut']) {
			ctx.advance(1000);
			await saveDraft(local, ctx, 'c1', { notes });
		}
		await saveDraft(local, ctx, 'c1', { topics: ['law', 'krs'], participantCount: 3 });

		const record = await local.consultations.get('c1');
		expect(record).toMatchObject({ notes: 'Statut', topics: ['law', 'krs'], participantCount: 3 });
		expect(record?.updatedAt).toBe('2025-03-10T08:00:03.000Z');
		const entries = await outbox(local);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			op: 'create',
			fields: { notes: 'Statut', topics: ['law', 'krs'], participantCount: 3, status: 'draft' }
		});
	});

	it('stores no change the server would refuse (a note over the limit, a negative length): it says which field', async () => {
		const local = await db();
		const ctx = testContext();
		await expect(saveDraft(local, ctx, 'c1', { notes: 'x'.repeat(20_001) })).rejects.toMatchObject({
			name: 'UnsendableChangeError',
			fields: { notes: 'workbench.notes.tooLong' }
		});
		// Nothing at all: no record, no outbox entry that could never be sent.
		expect(await local.consultations.count()).toBe(0);
		expect(await local.outbox.count()).toBe(0);

		await saveDraft(local, ctx, 'c1', { notes: 'Statut', durationMin: 60 });
		const before = await snapshot(local);
		await expect(saveDraft(local, ctx, 'c1', { durationMin: -120 })).rejects.toBeInstanceOf(
			UnsendableChangeError
		);
		expect(await snapshot(local)).toEqual(before);
		// Fixed, it saves as any change.
		await saveDraft(local, ctx, 'c1', { notes: 'x'.repeat(20_000) });
		expect((await local.consultations.get('c1'))?.notes).toHaveLength(20_000);
	});

	it('writes nothing when nothing changed', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'Statut', topics: ['law'] });
		await markAllSent(local);
		const before = await snapshot(local);
		ctx.advance(5000);
		await saveDraft(local, ctx, 'c1', { notes: 'Statut', topics: ['law'] });
		expect(await snapshot(local)).toEqual(before);
	});

	it('never merges into an entry in flight: the next change opens a new update, and later ones merge into it', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		await markAllSent(local);
		await saveDraft(local, ctx, 'c1', { notes: 'ab' });
		await saveDraft(local, ctx, 'c1', { address: 'Łeba' });

		const entries = await outbox(local);
		expect(entries.map((e) => [e.op, e.fields.notes])).toEqual([
			['create', 'a'],
			['update', 'ab']
		]);
		expect(entries[1]?.fields).toEqual({ notes: 'ab', address: 'Łeba' });
		expect(entries[1]?.baseVersion).toBe(0);
	});

	it('bases an update of a server record on its version, and keeps the first base when merging', async () => {
		const local = await db();
		await local.consultations.put(serverConsultation({ id: 'c1', version: 4 }));
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'Poprawione' });
		await saveDraft(local, ctx, 'c1', { followUps: 'Zadzwonić' });
		const entries = await outbox(local);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			op: 'update',
			baseVersion: 4,
			fields: { notes: 'Poprawione', followUps: 'Zadzwonić' }
		});
	});

	it('takes only form fields, so status or signature cannot be smuggled in', async () => {
		const local = await db();
		const sneaky = { notes: 'x', status: 'approved', signature: signature() } as Partial<ConsultationForm>;
		const record = await saveDraft(local, testContext(), 'c1', sneaky);
		expect(record.status).toBe('draft');
		expect(record.signature).toBeNull();
	});

	it('keeps a completed record completed', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		await completeConsultation(local, ctx, 'c1');
		const record = await saveDraft(local, ctx, 'c1', { notes: 'a, b' });
		expect(record.status).toBe('completed');
		expect(record.notes).toBe('a, b');
	});

	it('property: any run of saves leaves the record and exactly one create entry that matches it', async () => {
		const formPatch = fc.record(
			{
				notes: fc.string({ maxLength: 20 }),
				address: fc.string({ maxLength: 10 }),
				topics: fc.array(fc.constantFrom('law', 'krs', 'grants', 'hr'), { maxLength: 3 }),
				participantCount: fc.integer({ min: 1, max: 30 }),
				durationMin: fc.integer({ min: 0, max: 600 })
			},
			{ requiredKeys: [] }
		);
		await fc.assert(
			fc.asyncProperty(fc.array(formPatch, { minLength: 1, maxLength: 12 }), async (patches) => {
				const local = await db();
				const ctx = testContext();
				for (const patch of patches) {
					ctx.advance(250);
					await saveDraft(local, ctx, 'c1', patch);
				}
				const record = await local.consultations.get('c1');
				const entries = await outbox(local);
				expect(entries).toHaveLength(1);
				const {
					version: _version,
					receipt: _receipt,
					conflicts: _conflicts,
					updatedAt: _updatedAt,
					...expected
				} = record!;
				const { updatedAt: _sentUpdatedAt, ...fields } = entries[0]!.fields;
				expect(fields).toEqual(expected);
				local.close();
			}),
			{ numRuns: 25 }
		);
	});
});

describe('completing and signing', () => {
	it('completes a draft; completing twice changes nothing', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		expect((await completeConsultation(local, ctx, 'c1')).status).toBe('completed');
		const before = await snapshot(local);
		await completeConsultation(local, ctx, 'c1');
		expect(await snapshot(local)).toEqual(before);
	});

	it('refuses to sign a draft', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		await expect(signConsultation(local, ctx, 'c1', signature())).rejects.toBeInstanceOf(
			StatusTransitionError
		);
		expect((await local.consultations.get('c1'))?.status).toBe('draft');
	});

	it('signs a completed record as its own outbox step, even while the create is unsent', async () => {
		const local = await db();
		const signed = await signedRecord(local);
		expect(signed).toMatchObject({ status: 'signed', signature: signature() });
		const entries = await outbox(local);
		expect(entries.map((e) => e.op)).toEqual(['create', 'update']);
		expect(entries[0]?.fields.status).toBe('completed');
		expect(entries[1]).toMatchObject({
			fields: { status: 'signed', signature: signature() },
			mergeable: false
		});
	});

	it('unknown records are reported, not invented', async () => {
		const local = await db();
		await expect(completeConsultation(local, testContext(), 'nope')).rejects.toBeInstanceOf(
			ConsultationNotFoundError
		);
	});
});

describe('saveDraft on a counted card (keepComplete, as the visit form saves)', () => {
	// 2025-03-10 08:00 UTC, the test clock, is 09:00 in Warsaw: a visit of 07:00–08:00 that day has ended.
	const visit: ConsultationForm = {
		organisationId: 'org-1',
		date: '2025-03-10',
		startTime: '07:00',
		endTime: '08:00',
		durationMin: 60,
		placeKind: 'centre',
		address: '',
		topics: ['accounting'],
		notes: 'Sprawozdanie finansowe',
		participants: [],
		participantCount: 1,
		followUps: ''
	};

	async function completedVisit(
		local: LocalDb,
		ctx = testContext(),
		form: Partial<ConsultationForm> = visit
	) {
		await saveDraft(local, ctx, 'c1', form);
		await completeConsultation(local, ctx, 'c1');
		await markAllSent(local);
	}

	it('stores nothing that breaks a completion rule: the card, its month and the outbox keep the valid visit', async () => {
		const local = await db();
		const ctx = testContext();
		await completedVisit(local, ctx);
		const before = await snapshot(local);
		const change = { ...visit, endTime: '06:00', durationMin: 0 };

		const refusal = saveDraft(local, ctx, 'c1', change, { keepComplete: true });
		await expect(refusal).rejects.toBeInstanceOf(InvalidCountedCardError);
		await expect(refusal).rejects.toMatchObject({
			name: 'InvalidCountedCardError',
			consultationId: 'c1',
			fields: { endTime: 'workbench.timing.endBeforeStart' }
		});
		expect(await snapshot(local)).toEqual(before);
		expect(summariseMinutes(await monthFigures(local, 'advisor-1', '2025-03')).totalMin).toBe(60);
		// Told as any change the server would refuse: "not saved, fix the marked field".
		await refusal.catch((error: unknown) => {
			expect(error).toBeInstanceOf(UnsendableChangeError);
			expect(storageErrorKey(error)).toBe('storage.record.unsendable');
		});

		// Valid again, it saves as any change, and the month counts the new length.
		const fixed = await saveDraft(
			local,
			ctx,
			'c1',
			{ ...visit, endTime: '08:30', durationMin: 90 },
			{ keepComplete: true }
		);
		expect(fixed).toMatchObject({ status: 'completed', endTime: '08:30', durationMin: 90 });
		expect(summariseMinutes(await monthFigures(local, 'advisor-1', '2025-03')).totalMin).toBe(90);
	});

	it('refuses each rule of a finished card: no topic, no organisation, a length the times do not give', async () => {
		const local = await db();
		const ctx = testContext();
		await completedVisit(local, ctx);
		for (const [change, fields] of [
			[{ topics: [] }, { topics: 'workbench.topics.required' }],
			[{ organisationId: null }, { organisationId: 'workbench.organisation.required' }],
			[{ durationMin: 45 }, { durationMin: 'workbench.timing.durationMismatch' }],
			[{ placeKind: 'mobile' }, { address: 'workbench.address.required' }]
		] as const) {
			await expect(
				saveDraft(local, ctx, 'c1', change as Partial<ConsultationForm>, { keepComplete: true })
			).rejects.toMatchObject({ fields });
		}
		expect(await local.consultations.get('c1')).toMatchObject(visit);
	});

	it('keeps saving anything on a draft', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', visit);
		const draft = await saveDraft(
			local,
			ctx,
			'c1',
			{ endTime: '06:00', durationMin: 0, topics: [] },
			{ keepComplete: true }
		);
		expect(draft).toMatchObject({ status: 'draft', endTime: '06:00', topics: [] });
	});

	it('judges a stored card by no clock: a visit of today not over yet by the phone is still saved', async () => {
		const local = await db();
		const ctx = testContext();
		await completedVisit(local, ctx);
		// 07:00–10:00 ends an hour after the clock (09:00): the form refuses it by the phone's clock, the store by none.
		const later = { ...visit, endTime: '10:00', durationMin: 180 };
		expect(countedCardErrors(later, ctx.now())).toEqual({ endTime: 'workbench.timing.notEnded' });
		expect(countedCardErrors(later, null)).toEqual({});
		expect(countedCardErrors({ ...visit, date: '2025-03-11' }, ctx.now())).toEqual({
			date: 'workbench.timing.inFuture'
		});
		expect(countedCardErrors({ ...visit, date: '2100-12-31' }, null)).toEqual({});
		await expect(saveDraft(local, ctx, 'c1', later, { keepComplete: true })).resolves.toMatchObject({
			endTime: '10:00'
		});
	});

	it('a card that already broke a rule takes changes adding no new problem, and is refused a new one', async () => {
		const local = await db();
		const ctx = testContext();
		// Completed without a topic (before the phone checked, or so it arrived): its notes can still change.
		await completedVisit(local, ctx, { ...visit, topics: [] });
		await expect(
			saveDraft(local, ctx, 'c1', { notes: 'Dopisane' }, { keepComplete: true })
		).resolves.toMatchObject({ notes: 'Dopisane' });
		await expect(
			saveDraft(local, ctx, 'c1', { endTime: '06:00', durationMin: 0 }, { keepComplete: true })
		).rejects.toMatchObject({
			fields: { topics: 'workbench.topics.required', endTime: 'workbench.timing.endBeforeStart' }
		});
		await expect(
			saveDraft(local, ctx, 'c1', { topics: ['accounting'] }, { keepComplete: true })
		).resolves.toMatchObject({ topics: ['accounting'] });
	});
});

describe('locked records', () => {
	it.each(['signed', 'approved'] as const)(
		'a %s record refuses edits, completion, signing and deletion',
		async (status) => {
			const local = await db();
			const ctx = testContext();
			await local.consultations.put(serverConsultation({ id: 'c1', status, signature: signature() }));
			const before = await snapshot(local);

			await expect(saveDraft(local, ctx, 'c1', { notes: 'edited in place' })).rejects.toBeInstanceOf(
				LockedRecordError
			);
			await expect(completeConsultation(local, ctx, 'c1')).rejects.toBeInstanceOf(LockedRecordError);
			await expect(signConsultation(local, ctx, 'c1', signature())).rejects.toBeInstanceOf(LockedRecordError);
			await expect(deleteDraft(local, ctx, 'c1')).rejects.toBeInstanceOf(LockedRecordError);
			expect(await snapshot(local)).toEqual(before);
		}
	);

	it('the error says which record and why', async () => {
		const local = await db();
		await signedRecord(local);
		const error = await saveDraft(local, testContext(), 'c1', { notes: 'x' }).catch((e: unknown) => e);
		expect(error).toMatchObject({ name: 'LockedRecordError', consultationId: 'c1', status: 'signed' });
	});
});

describe('amendConsultation', () => {
	it('refuses to correct a signed card the server refused to take: the correction would have nothing to attach to', async () => {
		const local = await db();
		const ctx = testContext();
		await signedRecord(local, ctx);
		// Its create on its way: the correction follows it (the server applies them in order).
		await expect(amendConsultation(local, ctx, 'c1', { durationMin: 90 }, 'Dłużej')).resolves.toBeDefined();
		// The create refused (it left the outbox as a refusal): the card is on this phone only.
		await local.outbox.clear();
		await expect(amendConsultation(local, ctx, 'c1', { durationMin: 75 }, 'Krócej')).rejects.toMatchObject({
			name: 'InvalidAmendmentError',
			problem: 'notOnServer'
		});
		expect((await local.consultations.get('c1'))?.durationMin).toBe(90);
	});

	it('changes the fields, keeps status and signature, and records the history as one amendment entry', async () => {
		const local = await db();
		const ctx = testContext();
		await signedRecord(local, ctx);
		await markAllSent(local);
		ctx.advance(60_000);

		const { consultation, amendment } = await amendConsultation(
			local,
			ctx,
			'c1',
			{ durationMin: 90, notes: 'Statut', topics: ['law'] },
			'  Wizyta trwała dłużej  '
		);
		expect(consultation).toMatchObject({ durationMin: 90, status: 'signed', signature: signature() });
		expect(amendment).toMatchObject({
			consultationId: 'c1',
			authorId: 'advisor-1',
			reason: 'Wizyta trwała dłużej',
			// `notes` did not change, so it is not part of the amendment.
			changes: { durationMin: { before: 60, after: 90 }, topics: { before: [], after: ['law'] } },
			createdAt: '2025-03-10T08:01:00.000Z'
		});
		expect(amendment.receipt).toBeNull();
		expect(await local.amendments.get(amendment.id)).toEqual(amendment);
		expect(await local.consultations.get('c1')).toEqual(consultation);

		// Only the amendment travels: the server applies its `after` values to the signed record itself.
		const through = await sentThrough(local);
		const unsent = (await outbox(local)).filter((e) => !isSent(e, through));
		expect(unsent.map((e) => [e.entity, e.op, e.mergeable])).toEqual([['amendment', 'create', false]]);
		const { receipt: _receipt, ...sent } = amendment;
		expect(unsent[0]?.fields).toEqual(sent);
	});

	it('keeps every amendment as history, oldest first, and never merges one into another', async () => {
		const local = await db();
		const ctx = testContext();
		await signedRecord(local, ctx);
		await amendConsultation(local, ctx, 'c1', { durationMin: 90 }, 'Dłużej');
		ctx.advance(1000);
		await amendConsultation(local, ctx, 'c1', { durationMin: 75 }, 'Jednak krócej');

		const history = await amendmentsOf(local, 'c1');
		expect(history.map((a) => [a.reason, a.changes.durationMin])).toEqual([
			['Dłużej', { before: 60, after: 90 }],
			['Jednak krócej', { before: 90, after: 75 }]
		]);
		expect((await outbox(local)).map((e) => `${e.entity}:${e.op}`)).toEqual([
			'consultation:create',
			'consultation:update',
			'amendment:create',
			'amendment:create'
		]);
	});

	it('takes back an approval, as the server does: signed if it carries a signature, completed if not', async () => {
		const local = await db();
		const ctx = testContext();
		await signedRecord(local, ctx);
		await local.consultations.update('c1', { status: 'approved' });
		const signedCard = await amendConsultation(local, ctx, 'c1', { durationMin: 90 }, 'Dłużej');
		expect(signedCard.consultation).toMatchObject({ status: 'signed', signature: signature() });

		await local.consultations.update('c1', { status: 'approved', signature: null });
		const unsigned = await amendConsultation(local, ctx, 'c1', { durationMin: 75 }, 'Krócej');
		expect(unsigned.consultation).toMatchObject({ status: 'completed', durationMin: 75 });
		expect(await local.consultations.get('c1')).toMatchObject({ status: 'completed' });
	});

	it('refuses drafts and completed records, an empty reason, and an amendment that changes nothing', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		await expect(amendConsultation(local, ctx, 'c1', { notes: 'b' }, 'r')).rejects.toBeInstanceOf(
			StatusTransitionError
		);
		await completeConsultation(local, ctx, 'c1');
		await expect(amendConsultation(local, ctx, 'c1', { notes: 'b' }, 'r')).rejects.toBeInstanceOf(
			StatusTransitionError
		);
		await signConsultation(local, ctx, 'c1', signature());
		const before = await snapshot(local);
		await expect(amendConsultation(local, ctx, 'c1', { notes: 'b' }, '   ')).rejects.toMatchObject({
			problem: 'reasonRequired'
		});
		await expect(amendConsultation(local, ctx, 'c1', { notes: 'a' }, 'bez zmian')).rejects.toBeInstanceOf(
			InvalidAmendmentError
		);
		expect(await snapshot(local)).toEqual(before);
	});
});

describe('deleteDraft', () => {
	it('a draft the server never received leaves no outbox entry at all', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		await saveDraft(local, ctx, 'c1', { notes: 'ab' });
		await deleteDraft(local, ctx, 'c1');
		expect(await local.consultations.get('c1')).toBeUndefined();
		expect(await local.outbox.count()).toBe(0);
	});

	it('a draft already sent gets a delete, and its unsent updates are dropped', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'a' });
		await markAllSent(local);
		await saveDraft(local, ctx, 'c1', { notes: 'ab' });
		await deleteDraft(local, ctx, 'c1');
		const through = await sentThrough(local);
		expect((await outbox(local)).map((e) => [e.op, isSent(e, through)])).toEqual([
			['create', true],
			['delete', false]
		]);
	});

	it('a draft from the server gets a delete based on its version', async () => {
		const local = await db();
		await local.consultations.put(serverConsultation({ id: 'c1', status: 'draft', version: 2 }));
		await deleteDraft(local, testContext(), 'c1');
		expect(await outbox(local)).toMatchObject([{ op: 'delete', entityId: 'c1', baseVersion: 2, fields: {} }]);
	});

	it('refuses completed records and ignores unknown ids', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', {});
		await completeConsultation(local, ctx, 'c1');
		await expect(deleteDraft(local, ctx, 'c1')).rejects.toBeInstanceOf(StatusTransitionError);
		await expect(deleteDraft(local, ctx, 'missing')).resolves.toBeUndefined();
	});
});

describe('one transaction per write', () => {
	const writes: Record<string, (local: LocalDb) => Promise<unknown>> = {
		'saveDraft (create)': (local) => saveDraft(local, testContext(), 'new', { notes: 'x' }),
		'saveDraft (update)': (local) => saveDraft(local, testContext(), 'c-draft', { notes: 'changed' }),
		completeConsultation: (local) => completeConsultation(local, testContext(), 'c-draft'),
		signConsultation: (local) => signConsultation(local, testContext(), 'c-done', signature()),
		amendConsultation: (local) =>
			amendConsultation(local, testContext(), 'c-signed', { durationMin: 120 }, 'Korekta'),
		deleteDraft: (local) => deleteDraft(local, testContext(), 'c-draft')
	};

	it.each(Object.entries(writes))(
		'%s: when the outbox write fails, the record is not changed either',
		async (_name, write) => {
			const local = await db();
			await local.consultations.bulkPut([
				serverConsultation({ id: 'c-draft', status: 'draft' }),
				serverConsultation({ id: 'c-done', status: 'completed' }),
				serverConsultation({ id: 'c-signed', status: 'signed', signature: signature() })
			]);
			const before = await snapshot(local);
			// Fails the outbox write, which comes after the record's own write in every function.
			const failure = () => {
				throw new Error('simulated failure mid-transaction');
			};
			local.outbox.hook('creating', failure);
			local.outbox.hook('updating', failure);

			await expect(write(local)).rejects.toThrow('simulated failure mid-transaction');
			expect(await snapshot(local)).toEqual(before);
		}
	);

	it('a failing record write stores no outbox entry either (an invalid key)', async () => {
		const local = await db();
		await expect(saveDraft(local, testContext(), {} as unknown as string, { notes: 'x' })).rejects.toThrow();
		expect(await local.outbox.count()).toBe(0);
		expect(await local.consultations.count()).toBe(0);
	});
});

describe('queries', () => {
	async function seeded() {
		const local = await db();
		await local.consultations.bulkPut([
			serverConsultation({ id: 'feb', date: '2025-02-28', startTime: '09:00', organisationId: 'org-a' }),
			serverConsultation({ id: 'mar-1b', date: '2025-03-01', startTime: '14:00', organisationId: 'org-b' }),
			serverConsultation({ id: 'mar-1a', date: '2025-03-01', startTime: '08:00', organisationId: 'org-a' }),
			serverConsultation({ id: 'mar-31', date: '2025-03-31', startTime: '10:00', organisationId: 'org-a' }),
			serverConsultation({ id: 'apr', date: '2025-04-01', startTime: '10:00', organisationId: 'org-b' }),
			serverConsultation({
				id: 'other',
				advisorId: 'advisor-2',
				date: '2025-03-05',
				organisationId: 'org-a'
			}),
			serverConsultation({ id: 'd-old', status: 'draft', updatedAt: '2025-03-01T00:00:00.000Z' }),
			serverConsultation({ id: 'd-new', status: 'draft', updatedAt: '2025-03-09T00:00:00.000Z' }),
			serverConsultation({ id: 'd-other', status: 'draft', advisorId: 'advisor-2' })
		]);
		return local;
	}

	it('a month holds only its days, in date and time order', async () => {
		const local = await seeded();
		const march = await consultationsOfMonth(local, 'advisor-1', '2025-03');
		expect(march.map((c) => c.id)).toEqual(['mar-1a', 'mar-1b', 'd-new', 'd-old', 'mar-31']);
	});

	it("an organisation's visits: the user's records and colleagues' visits, newest first; the agreement from either", async () => {
		const local = await seeded();
		const colleague = (id: string, date: string, followUps: string): ColleagueVisit => ({
			id,
			advisorId: 'advisor-3',
			advisorName: 'Anna Nowak',
			centreId: 'centre-1',
			organisationId: 'org-b',
			date,
			startTime: '12:00',
			endTime: '13:00',
			durationMin: 60,
			placeKind: 'mobile',
			topics: [],
			followUps,
			status: 'completed'
		});
		await local.colleagueVisits.bulkPut([
			colleague('col-mar', '2025-03-02', 'Przygotować budżet'),
			colleague('col-may', '2025-05-06', 'Złożyć wniosek'),
			{ ...colleague('col-elsewhere', '2025-06-01', 'Inna organizacja'), organisationId: 'org-a' }
		]);
		const visits = await visitsOfOrganisation(local, 'org-b');
		expect(visits.map((c) => c.id)).toEqual(['col-may', 'apr', 'col-mar', 'mar-1b']);
		expect(visits.map(isColleagueVisit)).toEqual([true, false, true, false]);
		// Before a visit on 10 April the last agreement is the colleague's of 2 March (the advisor's own have none).
		expect(previousAgreement(visits, { id: '', date: '2025-04-10' })?.id).toBe('col-mar');
		expect(previousAgreement(visits)?.id).toBe('col-may');

		const byOrganisation = await visitsByOrganisation(local, ['org-b', 'org-a', 'org-b']);
		expect(
			byOrganisation
				.get('org-b')!
				.map((c) => c.id)
				.sort()
		).toEqual(['apr', 'col-mar', 'col-may', 'mar-1b'].sort());
		expect(byOrganisation.get('org-a')!.map((c) => c.id)).toContain('col-elsewhere');
		expect(await visitsByOrganisation(local, [])).toEqual(new Map());
	});

	it('a date, recent visits, an organisation, drafts', async () => {
		const local = await seeded();
		expect((await consultationsOfDate(local, 'advisor-1', '2025-03-01')).map((c) => c.id)).toEqual([
			'mar-1a',
			'mar-1b'
		]);
		expect((await recentConsultations(local, 'advisor-1', 2)).map((c) => c.id)).toEqual(['apr', 'mar-31']);
		expect((await visitsOfOrganisation(local, 'org-b')).map((c) => c.id)).toEqual(['apr', 'mar-1b']);
		expect((await draftsOf(local, 'advisor-1')).map((c) => c.id)).toEqual(['d-new', 'd-old']);
	});
});

describe('resendConsultation', () => {
	it('sends a signed visit the server refused again, whole, as one create; its refusals go', async () => {
		const local = await db();
		const ctx = testContext();
		const signed = await signedRecord(local, ctx);
		// The server refused the create (and so every later change): nothing waits, the refusals stay.
		const entries = await outbox(local);
		await local.outbox.clear();
		await local.refusals.bulkPut(
			entries.map((entry) => ({
				opId: entry.opId,
				entity: entry.entity,
				entityId: entry.entityId,
				op: entry.op,
				fields: entry.fields,
				code: entry.op === 'create' ? ('invalid' as const) : ('not_found' as const),
				message: '',
				fieldMessages: {},
				at: '2025-03-10T09:00:00.000Z'
			}))
		);
		await saveDraft(local, ctx, 'other', { notes: 'Inna wizyta' });

		expect(await resendConsultation(local, ctx, 'c1')).toBe(true);
		const after = await outbox(local);
		expect(after.map((entry) => [entry.entityId, entry.op])).toEqual([
			['other', 'create'],
			['c1', 'create']
		]);
		expect(after[1]!.fields).toMatchObject({
			status: 'signed',
			notes: 'Statut',
			signature: signed.signature
		});
		expect(after[1]!.opId).not.toBe(entries[0]!.opId);
		expect(await local.refusals.count()).toBe(0);
	});

	it('does nothing once the server has a version, or while a change of the visit is on its way', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'W drodze' });
		await markAllSent(local);
		expect(await resendConsultation(local, ctx, 'c1')).toBe(false);
		expect(await outbox(local)).toHaveLength(1);

		await local.outbox.clear();
		await local.consultations.put(serverConsultation({ id: 'c2', version: 3 }));
		expect(await resendConsultation(local, ctx, 'c2')).toBe(false);
		expect(await outbox(local)).toHaveLength(0);
	});
});

describe('flaggedSince', () => {
	it("the advisor's flagged records from a date on, latest flag first", async () => {
		const local = await db();
		const flag = (at: string) => ({ comment: 'Sprawdź godzinę', by: 'coordinator-1', at });
		const flagged = (id: string, date: string, at: string, advisorId = 'advisor-1') => {
			const record = serverConsultation({ id, date, advisorId, status: 'completed' });
			return { ...record, review: { ...NO_REVIEW, flag: flag(at) } };
		};
		await local.consultations.bulkPut([
			flagged('early-flag', '2025-03-03', '2025-03-10T09:00:00.000Z'),
			flagged('late-flag', '2025-03-01', '2025-03-12T09:00:00.000Z'),
			flagged('too-old', '2025-01-15', '2025-03-13T09:00:00.000Z'),
			flagged('colleague', '2025-03-05', '2025-03-14T09:00:00.000Z', 'advisor-2'),
			serverConsultation({ id: 'plain', date: '2025-03-04', status: 'completed' }),
			// A record stored before reviews existed has no `review` at all.
			{ ...serverConsultation({ id: 'no-review', date: '2025-03-06' }), review: undefined }
		]);
		const found = await flaggedSince(local, 'advisor-1', '2025-02-01');
		expect(found.map((c) => c.id)).toEqual(['late-flag', 'early-flag']);
		expect(await flaggedSince(local, 'advisor-3', '2025-01-01')).toEqual([]);
	});
});

describe('monthFigures (the month index)', () => {
	const projection = async (local: LocalDb, advisorId: string, month: string) =>
		summariseMinutes(
			(await consultationsOfMonth(local, advisorId, month)).filter((c) => c.date.startsWith(month)),
			{
				month,
				statuses: ['draft', 'completed', 'signed', 'approved']
			}
		);

	it('always equals the sums over the records themselves, whatever the advisor does', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						id: fc.constantFrom('a', 'b', 'c', 'd'),
						action: fc.constantFrom('save', 'complete', 'sign', 'amend', 'delete'),
						date: fc.constantFrom('2026-10-31', '2026-11-01', '2026-11-30', '2026-12-01'),
						durationMin: fc.integer({ min: 15, max: 240 }),
						placeKind: fc.constantFrom('mobile' as const, 'centre' as const, 'remote' as const),
						topics: fc.subarray(['accounting', 'taxes', 'volunteering'])
					}),
					{ maxLength: 25 }
				),
				async (steps) => {
					const local = await db();
					const ctx = testContext();
					for (const step of steps) {
						const form = {
							organisationId: 'org-1',
							date: step.date,
							durationMin: step.durationMin,
							placeKind: step.placeKind,
							topics: step.topics
						};
						await (async () => {
							if (step.action === 'save') await saveDraft(local, ctx, step.id, form);
							if (step.action === 'complete') await completeConsultation(local, ctx, step.id);
							if (step.action === 'sign') await signConsultation(local, ctx, step.id, signature());
							if (step.action === 'amend')
								await amendConsultation(local, ctx, step.id, form, 'Korekta czasu');
							if (step.action === 'delete') await deleteDraft(local, ctx, step.id);
						})().catch(() => undefined); // Refused steps (wrong status) must leave the index as it was.
					}
					for (const month of ['2026-10', '2026-11', '2026-12']) {
						const fromIndex = summariseMinutes(await monthFigures(local, ctx.userId, month), {
							month,
							statuses: ['draft', 'completed', 'signed', 'approved']
						});
						expect(fromIndex).toEqual(await projection(local, ctx.userId, month));
					}
				}
			),
			{ numRuns: 40 }
		);
	});

	it('follows the records a pull brings: a reset page, then a change and a tombstone', async () => {
		const local = await db();
		const rows = [
			serverConsultation({ id: 'a', date: '2026-11-01', durationMin: 90, topics: ['accounting', 'taxes'] }),
			serverConsultation({
				id: 'b',
				date: '2026-11-30',
				durationMin: 45,
				placeKind: 'remote',
				status: 'signed'
			}),
			serverConsultation({ id: 'c', date: '2026-12-01', durationMin: 60 })
		];
		const change = (seq: number, record: LocalConsultation): SyncChange => ({
			seq,
			id: record.id,
			deleted: false,
			entity: 'consultation',
			record
		});
		await applyPullPage(local, {
			changes: rows.map((row, index) => change(index + 1, row)),
			cursor: 'v1.3.000000000000',
			more: false,
			reset: true
		});
		const advisorId = rows[0]!.advisorId;
		const total = async (month: string) =>
			summariseMinutes(await monthFigures(local, advisorId, month), { month }).totalMin;
		expect(await total('2026-11')).toBe(135);
		expect(await total('2026-12')).toBe(60);

		await applyPullPage(local, {
			changes: [
				change(4, { ...rows[1]!, date: '2026-12-02', version: 2 }),
				{ seq: 5, id: 'c', deleted: true, entity: 'consultation' }
			],
			cursor: 'v1.5.000000000000',
			more: false,
			reset: false
		});
		expect(await total('2026-11')).toBe(90);
		expect(await total('2026-12')).toBe(45);
	});
});
