import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	receiptFor,
	type OpResult,
	type PullResponse,
	type SyncAmendment,
	type SyncChange,
	type SyncOrganisation
} from '$lib/domain/sync';
import { amendConsultation, deleteDraft, saveDraft, signConsultation } from './consultations';
import type { ColleagueVisit } from '$lib/domain/consultation';
import type { LocalConsultation, LocalDb, OutboxEntry } from './local-db';
import {
	monthFigures,
	rebuildMonthIndex,
	reindexConsultation,
	reindexConsultations,
	reindexReplacements
} from './month-index';
import { createLocalOrganisation } from './organisations';
import { cardDraftKey, saveFormDraft } from './form-drafts';
import { applyPullPage, applyPushResults, OutboxRecords, SYNC_CURSOR } from './sync-apply';
import { isSent, sentThrough } from './outbox';
import {
	freshDb,
	freshDbs,
	markAllSent,
	organisationInput,
	serverConsultation,
	serverOrganisation,
	signature,
	snapshot,
	testContext
} from './test-factories';

const db = freshDbs();
const NOW = new Date('2025-03-10T09:00:00.000Z');

async function outbox(local: LocalDb) {
	return local.outbox.orderBy('seq').toArray();
}

/** What the engine does before a push: the entries leave, marked as sent. */
async function send(local: LocalDb): Promise<OutboxEntry[]> {
	await markAllSent(local);
	return outbox(local);
}

function applied(entry: OutboxEntry, seq: number, current: OpResult['current'] = null): OpResult {
	return { opId: entry.opId, status: 'applied', seq, receipt: receiptFor(seq), current };
}

const consultationChange = (seq: number, record: LocalConsultation): SyncChange => ({
	seq,
	id: record.id,
	deleted: false,
	entity: 'consultation',
	record
});

function organisation(overrides: Partial<SyncOrganisation> = {}): SyncOrganisation {
	return { ...serverOrganisation(), version: 1, receipt: '00001-1', ...overrides } as SyncOrganisation;
}

function amendment(overrides: Partial<SyncAmendment> = {}): SyncAmendment {
	return {
		id: 'am-server-1',
		consultationId: 'cons-server-1',
		authorId: 'advisor-1',
		reason: 'Korekta czasu',
		changes: { durationMin: { before: 60, after: 90 } },
		createdAt: '2025-03-04T00:00:00.000Z',
		receipt: '00002-2',
		...overrides
	};
}

function page(changes: SyncChange[], overrides: Partial<PullResponse> = {}): PullResponse {
	return {
		changes,
		cursor: `v1.${changes.at(-1)?.seq ?? 0}.000000000000`,
		more: false,
		reset: false,
		...overrides
	};
}

/** The month index's rows that hold entries (a row emptied by a move stays, empty). */
async function indexRows(local: LocalDb) {
	return (await local.monthIndex.toArray()).filter((row) => Object.keys(row.entries).length > 0);
}

/** The month index always says what a rebuild from the records would say. */
async function expectIndexMatchesRecords(local: LocalDb) {
	const incremental = await indexRows(local);
	await local.transaction('rw', [local.consultations, local.monthIndex], () => rebuildMonthIndex(local));
	expect(incremental).toEqual(await local.monthIndex.toArray());
}

describe('applyPushResults', () => {
	it('removes exactly the acknowledged entries', async () => {
		const local = await db();
		const ctx = testContext();
		for (const id of ['c1', 'c2', 'c3']) await saveDraft(local, ctx, id, { notes: id });
		const sent = await send(local);
		// Made after the batch left: not in it, so no answer may remove it.
		await saveDraft(local, ctx, 'c4', { notes: 'c4' });
		const [first, second, third] = sent;

		const { refused } = await applyPushResults(
			local,
			sent,
			[
				applied(first!, 11),
				{ ...applied(second!, 12), status: 'merged' },
				// An answer for an operation this batch did not carry (the c4 entry's id) is ignored.
				{ ...applied(first!, 13), opId: (await outbox(local)).at(-1)!.opId }
			],
			NOW
		);
		expect(refused).toBe(0);
		// The third entry got no answer (lost in the response): it stays, still marked as sent, for a resend.
		const through = await sentThrough(local);
		expect((await outbox(local)).map((e) => [e.entityId, isSent(e, through)])).toEqual([
			['c3', true],
			['c4', false]
		]);
		expect((await outbox(local))[0]).toEqual(third);
		expect(await local.refusals.count()).toBe(0);
	});

	it("a create refused and then sent again corrected: once it is applied, the first create's refusal goes", async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'Data z telefonu z zegarem do przodu' });
		await saveDraft(local, ctx, 'other', { notes: 'Inna wizyta' });
		const [first, other] = await send(local);
		await applyPushResults(
			local,
			[first!, other!],
			[
				{
					opId: first!.opId,
					status: 'refused',
					seq: null,
					receipt: null,
					code: 'invalid',
					message: 'Popraw zaznaczone pola.',
					fields: { date: 'Ta data jest w przyszłości' },
					current: null
				},
				{ ...applied(other!, 1), status: 'refused', seq: null, receipt: null, code: 'invalid', current: null }
			],
			NOW
		);
		expect(await local.refusals.count()).toBe(2);

		// The date corrected: the server never had the card, so it goes whole again as a new create; it is applied.
		await saveDraft(local, ctx, 'c1', { date: '2025-03-09' });
		const [again] = await send(local);
		expect(again).toMatchObject({ entityId: 'c1', op: 'create' });
		await applyPushResults(local, [again!], [applied(again!, 2)], NOW);
		// The card's old refusal is gone; another card's stays.
		expect((await local.refusals.toArray()).map((refusal) => refusal.entityId)).toEqual(['other']);
	});

	it('an unanswered entry between answered ones stays (the batch is not removed as one key range)', async () => {
		const local = await db();
		const ctx = testContext();
		for (const id of ['c1', 'c2', 'c3', 'c4']) await saveDraft(local, ctx, id, { notes: id });
		const sent = await send(local);
		const [first, second, third, fourth] = sent;

		await applyPushResults(local, sent, [applied(first!, 1), applied(third!, 2), applied(fourth!, 3)], NOW);
		expect(await outbox(local)).toEqual([second]);

		// Every entry answered: all leave, and an entry made after the batch stays.
		await saveDraft(local, ctx, 'c5', { notes: 'c5' });
		await applyPushResults(local, [second!], [applied(second!, 4)], NOW);
		expect((await outbox(local)).map((entry) => entry.entityId)).toEqual(['c5']);
	});

	it('with the outbox read once for a push run, edits written meanwhile are still laid over the answers', async () => {
		const local = await db();
		const ctx = testContext();
		for (const id of ['c1', 'c2', 'c3', 'c4']) await saveDraft(local, ctx, id, { notes: id });
		const known = await OutboxRecords.read(local);
		const sent = (await send(local)).slice(0, 2);
		// Written after the read and after the batch left: c1 edited again, and a new record c5.
		await saveDraft(local, ctx, 'c1', { notes: 'c1, edited while sending' });
		await saveDraft(local, ctx, 'c5', { notes: 'c5' });
		const server = (id: string, notes: string) =>
			({ entity: 'consultation', record: { ...serverConsultation({ id, notes }), version: 1 } }) as const;

		await applyPushResults(
			local,
			sent,
			[applied(sent[0]!, 1, server('c1', 'c1')), applied(sent[1]!, 2, server('c2', 'c2'))],
			NOW,
			known
		);
		expect((await local.consultations.get('c1'))!.notes).toBe('c1, edited while sending');
		expect((await local.consultations.get('c2'))!.notes).toBe('c2');
		expect(known.mayHave('c1')).toBe(true); // its edit is still waiting
		expect(known.mayHave('c2')).toBe(false);
		expect(known.mayHave('c5')).toBe(true);
	});

	it('keeps a refused change with its content, the code and the messages, and takes the server copy', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(
			serverConsultation({ status: 'signed', signature: signature(), version: 2 })
		);
		await local.consultations.update('cons-server-1', { status: 'completed' });
		await saveDraft(local, ctx, 'cons-server-1', { notes: 'Dopisane po podpisie', durationMin: 75 });
		const sent = await send(local);
		const server = serverConsultation({ status: 'signed', signature: signature(), version: 2 });

		const { refused } = await applyPushResults(
			local,
			sent,
			[
				{
					opId: sent[0]!.opId,
					status: 'refused',
					seq: null,
					receipt: null,
					code: 'record_locked',
					message: 'Karta jest podpisana; zmień ją korektą.',
					fields: { notes: 'Za długi tekst' },
					current: { entity: 'consultation', record: server }
				}
			],
			NOW
		);
		expect(refused).toBe(1);
		expect(await local.outbox.count()).toBe(0);
		expect(await local.refusals.toArray()).toEqual([
			{
				opId: sent[0]!.opId,
				entity: 'consultation',
				entityId: 'cons-server-1',
				op: 'update',
				fields: { notes: 'Dopisane po podpisie', durationMin: 75 },
				code: 'record_locked',
				message: 'Karta jest podpisana; zmień ją korektą.',
				fieldMessages: { notes: 'Za długi tekst' },
				at: NOW.toISOString()
			}
		]);
		// Nothing is left to lay over the server's copy: the device shows what the server holds.
		expect(await local.consultations.get('cons-server-1')).toEqual(server);
		await expectIndexMatchesRecords(local);
	});

	it('a refusal without details still keeps the content', async () => {
		const local = await db();
		await saveDraft(local, testContext(), 'c1', { notes: 'x' });
		const sent = await send(local);
		await applyPushResults(
			local,
			sent,
			[{ opId: sent[0]!.opId, status: 'refused', seq: null, receipt: null, current: null }],
			NOW
		);
		expect(await local.refusals.get(sent[0]!.opId)).toMatchObject({
			code: 'invalid',
			message: '',
			fieldMessages: {},
			fields: sent[0]!.fields
		});
		// The record stays on the device: its content is not lost because the server said no.
		expect(await local.consultations.get('c1')).toBeDefined();
	});

	it('shows the server record with later unsent edits laid over it (rebase)', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(serverConsultation({ version: 1, notes: 'A' }));
		await saveDraft(local, ctx, 'cons-server-1', { notes: 'B' });
		const sent = await send(local);
		// While the push is in flight the advisor keeps typing: a new entry, not merged into the one in flight.
		await saveDraft(local, ctx, 'cons-server-1', { notes: 'BC', durationMin: 120 });
		const later = (await outbox(local)).at(-1)!;

		const server = serverConsultation({ version: 2, notes: 'B', receipt: receiptFor(7), topics: ['krs'] });
		await applyPushResults(
			local,
			sent,
			[applied(sent[0]!, 7, { entity: 'consultation', record: server })],
			NOW
		);
		// The server's bookkeeping and fields others changed, with the user's unsent values on top.
		expect(await local.consultations.get('cons-server-1')).toEqual({
			...server,
			notes: 'BC',
			durationMin: 120
		});
		expect(await outbox(local)).toEqual([later]);
		expect((await monthFigures(local, 'advisor-1', '2025-03')).map((f) => f.durationMin)).toEqual([120]);
		await expectIndexMatchesRecords(local);
	});

	it("lays a pending amendment's `after` values over the server's copy of the signed record", async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(
			serverConsultation({ status: 'signed', signature: signature(), version: 2, durationMin: 60 })
		);
		await saveDraft(local, ctx, 'other', { notes: 'x' });
		await amendConsultation(
			local,
			ctx,
			'cons-server-1',
			{ durationMin: 90, topics: ['law', 'grants'] },
			'Wizyta trwała dłużej'
		);
		const sent = (await send(local)).filter((e) => e.entityId === 'other');
		// Another change to the record (a coordinator approved it) comes back with an unrelated answer.
		const server = serverConsultation({
			status: 'approved',
			signature: signature(),
			version: 3,
			durationMin: 60,
			notes: 'Zatwierdzone'
		});
		await applyPushResults(
			local,
			sent,
			[applied(sent[0]!, 8, { entity: 'consultation', record: server })],
			NOW
		);
		expect(await local.consultations.get('cons-server-1')).toEqual({
			...server,
			durationMin: 90,
			topics: ['law', 'grants']
		});
		await expectIndexMatchesRecords(local);
	});

	it('a record the user deleted meanwhile is not brought back by an answer', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(serverConsultation({ status: 'draft' }));
		await saveDraft(local, ctx, 'cons-server-1', { notes: 'B' });
		const sent = await send(local);
		await deleteDraft(local, ctx, 'cons-server-1');
		await applyPushResults(
			local,
			sent,
			[
				applied(sent[0]!, 9, {
					entity: 'consultation',
					record: serverConsultation({ status: 'draft', version: 2 })
				})
			],
			NOW
		);
		expect(await local.consultations.get('cons-server-1')).toBeUndefined();
		expect((await outbox(local)).map((e) => e.op)).toEqual(['delete']);
	});
});

describe('applyPullPage', () => {
	it('applies records and tombstones of every entity, and stores the cursor', async () => {
		const local = await db();
		await applyPullPage(
			local,
			page([
				consultationChange(1, serverConsultation()),
				{ seq: 2, id: 'org-server-1', deleted: false, entity: 'organisation', record: organisation() },
				{ seq: 3, id: 'am-server-1', deleted: false, entity: 'amendment', record: amendment() }
			])
		);
		expect(await local.consultations.get('cons-server-1')).toEqual(serverConsultation());
		expect(await local.organisations.get('org-server-1')).toEqual({ ...organisation(), origin: 'server' });
		expect(await local.amendments.get('am-server-1')).toEqual(amendment());
		expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.3.000000000000');

		await applyPullPage(
			local,
			page([
				consultationChange(4, serverConsultation({ version: 2, durationMin: 30 })),
				{ seq: 5, id: 'cons-server-1', deleted: true, entity: 'consultation' },
				{ seq: 6, id: 'org-server-1', deleted: true, entity: 'organisation' },
				{ seq: 7, id: 'am-server-1', deleted: true, entity: 'amendment' },
				// A tombstone for something the device never had is harmless.
				{ seq: 8, id: 'never-seen', deleted: true, entity: 'consultation' }
			])
		);
		expect(await local.consultations.count()).toBe(0);
		expect(await local.organisations.count()).toBe(0);
		expect(await local.amendments.count()).toBe(0);
		expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.8.000000000000');
		expect((await local.monthIndex.get(['advisor-1', '2025-03-03']))?.entries ?? {}).toEqual({});
		await expectIndexMatchesRecords(local);
	});

	it.each([0, 6])(
		'lays the pending edits and amendments over the records of a page, whatever the outbox holds besides (%i more)',
		async (others) => {
			const local = await db();
			const ctx = testContext();
			await local.consultations.bulkPut([
				serverConsultation({ version: 1, notes: 'A' }),
				serverConsultation({
					id: 'cons-server-2',
					status: 'signed',
					signature: signature(),
					version: 2,
					durationMin: 60
				})
			]);
			await saveDraft(local, ctx, 'cons-server-1', { notes: 'AB' });
			await amendConsultation(local, ctx, 'cons-server-2', { durationMin: 90 }, 'Wizyta trwała dłużej');
			// A small outbox is read whole, a large one record by record: both must find the same entries.
			for (let i = 0; i < others; i++) await saveDraft(local, ctx, `draft-${i}`, { notes: `Szkic ${i}` });

			await applyPullPage(
				local,
				page([
					consultationChange(1, serverConsultation({ version: 2, notes: 'A', topics: ['krs'] })),
					consultationChange(
						2,
						serverConsultation({
							id: 'cons-server-2',
							status: 'approved',
							signature: signature(),
							version: 3,
							durationMin: 60
						})
					),
					consultationChange(3, serverConsultation({ id: 'cons-server-3', version: 1 }))
				])
			);
			expect(await local.consultations.get('cons-server-1')).toMatchObject({
				version: 2,
				notes: 'AB',
				topics: ['krs']
			});
			expect(await local.consultations.get('cons-server-2')).toMatchObject({
				version: 3,
				status: 'approved',
				durationMin: 90
			});
			expect(await local.consultations.get('cons-server-3')).toEqual(
				serverConsultation({ id: 'cons-server-3', version: 1 })
			);
			expect(await local.outbox.count()).toBe(2 + others);
			await expectIndexMatchesRecords(local);
		}
	);

	it('forgets the amendment and signature drafts of cards gone from the phone once a pull reaches the end', async () => {
		const local = await db();
		await local.consultations.bulkPut([
			serverConsultation(),
			serverConsultation({ id: 'cons-server-2', version: 2 })
		]);
		for (const id of ['cons-server-1', 'cons-server-2']) {
			await saveFormDraft(local, cardDraftKey('amend', id), { reason: `powód ${id}` });
			await saveFormDraft(local, cardDraftKey('sign', id), { signerName: `Osoba ${id}` });
		}
		await saveFormDraft(local, 'organisation-new', { name: 'Fundacja' });
		const drafts = async () => (await local.meta.where('key').startsWith('formDraft:').primaryKeys()).sort();

		// A reset's first page drops the cards; they come back on the next page. Nothing is lost in between.
		await applyPullPage(local, page([], { reset: true, more: true }));
		expect(await local.consultations.count()).toBe(0);
		expect(await drafts()).toHaveLength(5);
		await applyPullPage(
			local,
			page([
				consultationChange(1, serverConsultation()),
				consultationChange(2, serverConsultation({ id: 'cons-server-2', version: 2 }))
			])
		);
		expect(await drafts()).toHaveLength(5);

		// A tombstone removes the card, and with it the typing of its forms; other forms keep theirs.
		await applyPullPage(
			local,
			page([{ seq: 3, id: 'cons-server-2', deleted: true, entity: 'consultation' }])
		);
		expect(await drafts()).toEqual([
			'formDraft:amend:cons-server-1',
			'formDraft:organisation-new',
			'formDraft:sign:cons-server-1'
		]);
	});

	it("keeps an organisation created on this phone when the server's tombstone arrives before its create", async () => {
		const local = await db();
		const created = await createLocalOrganisation(local, testContext(), organisationInput());
		await applyPullPage(local, page([{ seq: 1, id: created.id, deleted: true, entity: 'organisation' }]));
		expect(await local.organisations.get(created.id)).toEqual(created);
	});

	it.each([false, true])(
		'is all or nothing: a change that fails mid-page stores neither the cursor nor earlier changes (reset: %s)',
		async (reset) => {
			const local = await db();
			await applyPullPage(
				local,
				page([
					consultationChange(1, serverConsultation()),
					consultationChange(2, serverConsultation({ id: 'cons-server-2', date: '2025-03-04' })),
					{ seq: 3, id: 'org-server-1', deleted: false, entity: 'organisation', record: organisation() }
				])
			);
			const before = await snapshot(local);

			const broken = organisation({ id: {} as unknown as string, name: 'Bez klucza' });
			await expect(
				applyPullPage(
					local,
					page(
						[
							consultationChange(4, serverConsultation({ id: 'cons-server-3', durationMin: 15 })),
							consultationChange(5, serverConsultation({ version: 2, notes: 'Nowe' })),
							{ seq: 6, id: 'cons-server-2', deleted: true, entity: 'consultation' },
							{ seq: 7, id: 'org-server-1', deleted: false, entity: 'organisation', record: broken },
							consultationChange(8, serverConsultation({ id: 'cons-server-4' }))
						],
						{ reset }
					)
				)
			).rejects.toThrow();
			expect(await snapshot(local)).toEqual(before);
			expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.3.000000000000');
		}
	);

	it('a reset page drops server records without pending changes, and keeps local drafts and pending ones', async () => {
		const local = await db();
		const ctx = testContext();
		await applyPullPage(
			local,
			page(
				[
					consultationChange(1, serverConsultation({ id: 'gone' })),
					consultationChange(2, serverConsultation({ id: 'edited', date: '2025-03-05' })),
					consultationChange(
						3,
						serverConsultation({ id: 'signed', status: 'signed', signature: signature() })
					),
					{
						seq: 4,
						id: 'org-gone',
						deleted: false,
						entity: 'organisation',
						record: organisation({ id: 'org-gone' })
					},
					{
						seq: 5,
						id: 'org-edited',
						deleted: false,
						entity: 'organisation',
						record: organisation({ id: 'org-edited' })
					},
					{ seq: 6, id: 'am-gone', deleted: false, entity: 'amendment', record: amendment({ id: 'am-gone' }) }
				],
				{ reset: true }
			)
		);
		// Local work of every kind.
		await saveDraft(local, ctx, 'edited', { notes: 'Moja poprawka' });
		await saveDraft(local, ctx, 'draft-pending', { notes: 'Nowy szkic', durationMin: 45 });
		await saveDraft(local, ctx, 'draft-orphan', { notes: 'Szkic, którego utworzenie odrzucono' });
		await local.outbox.filter((e) => e.entityId === 'draft-orphan').delete();
		const { amendment: localAmendment } = await amendConsultation(
			local,
			ctx,
			'signed',
			{ durationMin: 120 },
			'Dłużej'
		);
		const localOrganisation = await createLocalOrganisation(local, ctx, organisationInput());
		await local.outbox.add({
			opId: 'op-org-edit',
			entity: 'organisation',
			entityId: 'org-edited',
			op: 'update',
			fields: { phone: '600 100 200' },
			baseVersion: 1,
			createdAt: NOW.toISOString(),
			attempts: 0,
			mergeable: true
		});
		const outboxBefore = await outbox(local);
		const keptBefore = {
			draftPending: await local.consultations.get('draft-pending'),
			draftOrphan: await local.consultations.get('draft-orphan'),
			signed: await local.consultations.get('signed'),
			orgEdited: await local.organisations.get('org-edited')
		};

		// The user's scope changed: the server sends everything they may still see.
		const fresh = serverConsultation({ id: 'fresh', date: '2025-03-07', durationMin: 30 });
		const edited = serverConsultation({
			id: 'edited',
			date: '2025-03-05',
			version: 2,
			followUps: 'Od koordynatora'
		});
		await applyPullPage(
			local,
			page([consultationChange(10, fresh), consultationChange(11, edited)], {
				reset: true,
				cursor: 'v1.11.abc'
			})
		);

		expect((await local.consultations.toArray()).map((c) => c.id).sort()).toEqual([
			'draft-orphan',
			'draft-pending',
			'edited',
			'fresh',
			'signed'
		]);
		expect(await local.consultations.get('fresh')).toEqual(fresh);
		expect(await local.consultations.get('edited')).toEqual({ ...edited, notes: 'Moja poprawka' });
		expect(await local.consultations.get('draft-pending')).toEqual(keptBefore.draftPending);
		expect(await local.consultations.get('draft-orphan')).toEqual(keptBefore.draftOrphan);
		expect(await local.consultations.get('signed')).toEqual(keptBefore.signed);
		expect((await local.amendments.toArray()).map((a) => a.id)).toEqual([localAmendment.id]);
		expect((await local.organisations.toArray()).map((o) => o.id).sort()).toEqual(
			[localOrganisation.id, 'org-edited'].sort()
		);
		expect(await local.organisations.get('org-edited')).toEqual(keptBefore.orgEdited);
		expect(await outbox(local)).toEqual(outboxBefore);
		expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.11.abc');
		await expectIndexMatchesRecords(local);
	});
});

describe('applyPushResults with a whole batch at once (bulk reads and writes)', () => {
	it('two answers for one record in a batch: the later copy wins, the index follows it across days', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(serverConsultation({ version: 1, date: '2025-03-03' }));
		await saveDraft(local, ctx, 'cons-server-1', { notes: 'B' });
		await local.outbox.toCollection().modify({ mergeable: false });
		await saveDraft(local, ctx, 'cons-server-1', { date: '2025-04-02' });
		await saveDraft(local, ctx, 'other', { notes: 'x' });
		const sent = await send(local);
		expect(sent.map((entry) => entry.entityId)).toEqual(['cons-server-1', 'cons-server-1', 'other']);
		// Typed after the batch left: laid over both copies.
		await saveDraft(local, ctx, 'cons-server-1', { durationMin: 45 });

		const first = serverConsultation({ version: 2, notes: 'B', date: '2025-03-03', receipt: receiptFor(5) });
		const second = serverConsultation({ version: 3, notes: 'B', date: '2025-04-02', receipt: receiptFor(6) });
		await applyPushResults(
			local,
			sent,
			[
				applied(sent[0]!, 5, { entity: 'consultation', record: first }),
				applied(sent[1]!, 6, { entity: 'consultation', record: second }),
				applied(sent[2]!, 7)
			],
			NOW
		);
		expect(await local.consultations.get('cons-server-1')).toEqual({ ...second, durationMin: 45 });
		expect((await outbox(local)).map((entry) => [entry.entityId, entry.fields.durationMin])).toEqual([
			['cons-server-1', 45]
		]);
		expect((await local.monthIndex.get(['advisor-1', '2025-03-03']))?.entries ?? {}).toEqual({});
		expect((await monthFigures(local, 'advisor-1', '2025-04')).map((f) => f.durationMin)).toEqual([45]);
		await expectIndexMatchesRecords(local);
	});

	it('a refusal in the middle of a batch: kept, while the entries around it leave and their copies are stored', async () => {
		const local = await db();
		const ctx = testContext();
		for (const id of ['c1', 'c2', 'c3']) await saveDraft(local, ctx, id, { notes: id, date: '2025-03-05' });
		const sent = await send(local);
		const copy = (id: string, seq: number) =>
			serverConsultation({ id, notes: id, status: 'draft', date: '2025-03-05', receipt: receiptFor(seq) });

		const { refused } = await applyPushResults(
			local,
			sent,
			[
				applied(sent[0]!, 21, { entity: 'consultation', record: copy('c1', 21) }),
				{
					opId: sent[1]!.opId,
					status: 'refused',
					code: 'invalid',
					message: 'Popraw pola',
					fields: { notes: 'Za długie' },
					seq: null,
					receipt: null,
					current: null
				},
				applied(sent[2]!, 22, { entity: 'consultation', record: copy('c3', 22) })
			],
			NOW
		);
		expect(refused).toBe(1);
		expect(await outbox(local)).toEqual([]);
		expect(await local.refusals.toArray()).toEqual([
			expect.objectContaining({
				opId: sent[1]!.opId,
				entityId: 'c2',
				fields: sent[1]!.fields,
				code: 'invalid'
			})
		]);
		expect((await local.consultations.get('c1'))?.receipt).toBe(receiptFor(21));
		expect((await local.consultations.get('c3'))?.receipt).toBe(receiptFor(22));
		// The refused draft keeps its local content.
		expect((await local.consultations.get('c2'))?.notes).toBe('c2');
		await expectIndexMatchesRecords(local);
	});

	it('the same operation id answered twice in one batch: the entry leaves once, one refusal kept', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'c1' });
		await saveDraft(local, ctx, 'c2', { notes: 'c2' });
		const sent = await send(local);
		const refusal: OpResult = {
			opId: sent[1]!.opId,
			status: 'refused',
			code: 'forbidden',
			message: 'Brak uprawnień',
			seq: null,
			receipt: null,
			current: null
		};
		const { refused } = await applyPushResults(
			local,
			[sent[0]!, sent[1]!, sent[1]!],
			[applied(sent[0]!, 3), refusal, { ...refusal, replayed: true }],
			NOW
		);
		expect(refused).toBe(2);
		expect(await outbox(local)).toEqual([]);
		expect((await local.refusals.toArray()).map((r) => r.opId)).toEqual([sent[1]!.opId]);
	});

	it('organisations and amendments of a batch: the later copy of each wins', async () => {
		const local = await db();
		const ctx = testContext();
		await saveDraft(local, ctx, 'c1', { notes: 'c1' });
		const sent = await send(local);
		await applyPushResults(
			local,
			sent,
			[
				applied(sent[0]!, 3, { entity: 'organisation', record: organisation({ version: 1 }) }),
				applied(sent[0]!, 4, { entity: 'amendment', record: amendment({ receipt: '1' }) }),
				applied(sent[0]!, 5, { entity: 'organisation', record: organisation({ version: 2 }) }),
				applied(sent[0]!, 6, { entity: 'amendment', record: amendment({ receipt: '2' }) })
			],
			NOW
		);
		expect((await local.organisations.toArray()).map((o) => [o.version, o.origin])).toEqual([[2, 'server']]);
		expect((await local.amendments.toArray()).map((a) => a.receipt)).toEqual(['2']);
	});
});

describe('reindexConsultations', () => {
	it('gives the same index as one reindexConsultation after another', async () => {
		const bulk = await db();
		const oneByOne = await db();
		const at = (id: string, date: string, durationMin = 60) =>
			serverConsultation({ id, date, durationMin, advisorId: 'advisor-1' });
		const steps: [LocalConsultation | undefined, LocalConsultation | undefined][] = [
			[undefined, at('a', '2025-03-01')],
			[undefined, at('b', '2025-03-01')],
			[at('a', '2025-03-01'), at('a', '2025-03-02', 30)],
			[at('a', '2025-03-02', 30), at('a', '2025-04-02', 30)],
			[at('b', '2025-03-01'), at('b', '2025-03-01')],
			[at('b', '2025-03-01'), undefined],
			[undefined, at('c', 'not a date')],
			[at('a', '2025-04-02', 30), at('a', '2025-04-02', 90)]
		];
		await bulk.transaction('rw', bulk.monthIndex, () => reindexConsultations(bulk, steps));
		await oneByOne.transaction('rw', oneByOne.monthIndex, async () => {
			for (const [before, after] of steps) await reindexConsultation(oneByOne, before, after);
		});
		const rows = await bulk.monthIndex.toArray();
		expect(rows).toEqual(await oneByOne.monthIndex.toArray());
		expect(rows.map((row) => [row.date, Object.keys(row.entries)])).toEqual([
			['2025-03-01', []],
			['2025-03-02', []],
			['2025-04-02', ['a']]
		]);
	});
});

describe('reindexReplacements', () => {
	const ids = ['a', 'b', 'c', 'd', 'e'];
	const version = fc.record({
		advisorId: fc.constantFrom('advisor-1', 'advisor-2'),
		date: fc.constantFrom('2025-03-01', '2025-03-02', '2025-04-01', 'not a date'),
		durationMin: fc.constantFrom(30, 60, 90),
		status: fc.constantFrom('draft' as const, 'completed' as const)
	});
	const versions = fc.uniqueArray(fc.tuple(fc.constantFrom(...ids), version), {
		selector: ([id]) => id,
		maxLength: ids.length
	});
	const records = (list: [string, Partial<LocalConsultation>][]) =>
		list.map(([id, fields]) => serverConsultation({ id, ...fields }));
	it('gives the index reindexConsultations gives with the stored copies read first, and a rebuild gives', async () => {
		await fc.assert(
			fc.asyncProperty(versions, versions, async (storedList, replacementList) => {
				const stored = records(storedList);
				const replacements = records(replacementList);
				const [ours, reference] = [await freshDb(), await freshDb()];
				try {
					for (const local of [ours, reference]) {
						await local.transaction('rw', [local.consultations, local.monthIndex], async () => {
							await local.consultations.bulkPut(stored);
							await rebuildMonthIndex(local);
						});
					}
					await ours.transaction('rw', [ours.consultations, ours.monthIndex], async () => {
						await reindexReplacements(ours, replacements);
						await ours.consultations.bulkPut(replacements);
					});
					await reference.transaction('rw', [reference.consultations, reference.monthIndex], async () => {
						const before = await reference.consultations.bulkGet(replacements.map((r) => r.id));
						await reindexConsultations(
							reference,
							replacements.map((record, i) => [before[i], record] as const)
						);
						await reference.consultations.bulkPut(replacements);
					});
					expect(await indexRows(ours)).toEqual(await indexRows(reference));
					await expectIndexMatchesRecords(ours);
				} finally {
					ours.close();
					reference.close();
				}
			}),
			{ numRuns: 60 }
		);
	});

	it('reads no record that keeps its day, and reads the one that moves', async () => {
		const local = await db();
		const stay = serverConsultation({ id: 'stay', date: '2025-03-01' });
		const move = serverConsultation({ id: 'move', date: '2025-03-01' });
		await local.transaction('rw', [local.consultations, local.monthIndex], async () => {
			await local.consultations.bulkPut([stay, move]);
			await rebuildMonthIndex(local);
		});
		const read: string[] = [];
		local.consultations.hook('reading', (record) => {
			read.push(record.id);
			return record;
		});
		await local.transaction('rw', [local.consultations, local.monthIndex], () =>
			reindexReplacements(local, [
				{ ...stay, durationMin: 90 },
				{ ...move, date: '2025-03-02' }
			])
		);
		expect(read).toEqual(['move']);
		expect(Object.keys((await local.monthIndex.get(['advisor-1', '2025-03-01']))!.entries)).toEqual(['stay']);
		expect(Object.keys((await local.monthIndex.get(['advisor-1', '2025-03-02']))!.entries)).toEqual(['move']);
	});
});

describe('kept signatures in a pull', () => {
	const signed = (overrides: Partial<LocalConsultation> = {}) =>
		serverConsultation({ status: 'signed', signature: signature(), version: 2, ...overrides });
	const kept = (seq: number, record: LocalConsultation): SyncChange => ({
		seq,
		id: record.id,
		deleted: false,
		entity: 'consultation',
		record: { ...record, signature: null },
		signatureKept: true
	});

	it("takes the signature from the device's own copy", async () => {
		const local = await db();
		await applyPullPage(local, page([consultationChange(1, signed())]));
		const approved = signed({ status: 'approved', version: 3 });
		expect(await applyPullPage(local, page([kept(2, approved)]))).toEqual({ restart: false });
		expect(await local.consultations.get('cons-server-1')).toEqual(approved);
		expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.2.000000000000');
	});

	it('a push answer that left out the signature its operation sent keeps the one sent', async () => {
		const local = await db();
		const ctx = testContext();
		await local.consultations.put(serverConsultation({ status: 'completed', version: 1 }));
		await signConsultation(local, ctx, 'cons-server-1', signature());
		const [entry] = await send(local);
		const server = signed();
		await applyPushResults(
			local,
			[entry!],
			[
				{
					...applied(entry!, 2, { entity: 'consultation', record: { ...server, signature: null } }),
					signatureKept: true
				}
			],
			NOW
		);
		expect(await local.outbox.count()).toBe(0);
		expect(await local.consultations.get('cons-server-1')).toEqual(server);
	});

	it('stores nothing of the page and drops the cursor when its own copy lacks the signature', async () => {
		const local = await db();
		await applyPullPage(local, page([consultationChange(1, serverConsultation({ id: 'other' }))]));
		const before = await snapshot(local);
		const result = await applyPullPage(
			local,
			page([consultationChange(5, serverConsultation({ id: 'new' })), kept(6, signed())])
		);
		expect(result).toEqual({ restart: true });
		expect(await local.meta.get(SYNC_CURSOR)).toBeUndefined();
		expect(await local.consultations.get('new')).toBeUndefined();
		const after = await snapshot(local);
		expect(after.meta).toEqual(before.meta!.filter((row) => (row as { key: string }).key !== SYNC_CURSOR));
		expect({ ...after, meta: [] }).toEqual({ ...before, meta: [] });
	});
});

describe("colleagues' visits in a pull", () => {
	const visit = (overrides: Partial<ColleagueVisit> = {}): ColleagueVisit => ({
		id: 'visit-1',
		advisorId: 'advisor-2',
		advisorName: 'Anna Nowak',
		centreId: 'centre-1',
		organisationId: 'org-1',
		date: '2025-03-03',
		startTime: '10:00',
		endTime: '11:00',
		durationMin: 60,
		placeKind: 'mobile',
		topics: ['accounting'],
		followUps: 'Przynieść statut',
		status: 'completed',
		...overrides
	});
	const visitChange = (seq: number, record: ColleagueVisit): SyncChange => ({
		seq,
		id: record.id,
		deleted: false,
		entity: 'visit',
		record
	});

	it('are stored apart from the records (never counted as the user’s hours), replaced by later copies, removed by tombstones', async () => {
		const local = await db();
		await applyPullPage(
			local,
			page([visitChange(1, visit()), visitChange(2, visit({ id: 'visit-2', organisationId: 'org-2' }))])
		);
		expect(await local.colleagueVisits.toArray()).toEqual([
			visit(),
			visit({ id: 'visit-2', organisationId: 'org-2' })
		]);
		expect(await local.consultations.count()).toBe(0);
		expect(await indexRows(local)).toEqual([]);
		expect(await local.outbox.count()).toBe(0);

		await applyPullPage(
			local,
			page([
				visitChange(3, visit({ followUps: 'Statut przyniesiony', status: 'signed' })),
				{ seq: 4, id: 'visit-2', deleted: true, entity: 'visit' }
			])
		);
		expect(await local.colleagueVisits.toArray()).toEqual([
			visit({ followUps: 'Statut przyniesiony', status: 'signed' })
		]);
		expect((await local.meta.get(SYNC_CURSOR))?.value).toBe('v1.4.000000000000');
	});

	it('a reset page (a new scope) drops the visits the server does not send again', async () => {
		const local = await db();
		await applyPullPage(local, page([visitChange(1, visit()), visitChange(2, visit({ id: 'visit-2' }))]));
		await applyPullPage(local, page([visitChange(3, visit({ id: 'visit-2' }))], { reset: true }));
		expect((await local.colleagueVisits.toArray()).map((row) => row.id)).toEqual(['visit-2']);
	});
});

describe('applyPullPage in runs of records between tombstones', () => {
	it('keeps the page order: later copies win, a tombstone removes what came before it and not what follows', async () => {
		const local = await db();
		const one = (version: number, date: string) =>
			serverConsultation({ id: 'p1', version, date, receipt: receiptFor(version) });
		const two = (version: number) =>
			serverConsultation({ id: 'p2', version, date: '2025-03-07', receipt: receiptFor(10 + version) });
		await applyPullPage(
			local,
			page([
				consultationChange(1, one(1, '2025-03-03')),
				consultationChange(2, two(1)),
				consultationChange(3, one(2, '2025-04-02')),
				{ seq: 4, id: 'p2', entity: 'consultation', deleted: true },
				{ seq: 5, id: 'p1', entity: 'consultation', deleted: true },
				consultationChange(6, one(3, '2025-04-09')),
				consultationChange(7, two(2))
			])
		);
		expect(await local.consultations.get('p1')).toEqual(one(3, '2025-04-09'));
		expect(await local.consultations.get('p2')).toEqual(two(2));
		expect((await monthFigures(local, 'advisor-1', '2025-04')).map((f) => f.date)).toEqual(['2025-04-09']);
		expect((await monthFigures(local, 'advisor-1', '2025-03')).map((f) => f.date)).toEqual(['2025-03-07']);
		await expectIndexMatchesRecords(local);
	});
});
