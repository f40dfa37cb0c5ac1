import { describe, expect, it } from 'vitest';
import type { SyncChange } from '$lib/domain/sync';
import type { LocalAmendment, LocalConsultation, LocalDb } from './local-db';
import {
	advisorDirectory,
	centreDirectory,
	bulkApprovable,
	groupByDate,
	matchesReview,
	reviewDetail,
	reviewMonth,
	rowHours,
	summarisedRow,
	type ReviewRow
} from './review';
import { summariseMinutes } from '$lib/domain/hours';
import { applySlice } from './slice';
import { applyPullPage } from './sync-apply';
import {
	freshDbs,
	serverCentre,
	serverConsultation,
	serverOrganisation,
	testContext
} from './test-factories';

const db = freshDbs();

let seq = 0;
function consultation(overrides: Partial<LocalConsultation>): SyncChange {
	seq += 1;
	const record = serverConsultation({ receipt: `0000${seq}-X`, ...overrides });
	return { seq, id: record.id, deleted: false, entity: 'consultation', record };
}

function organisation(id: string, name: string): SyncChange {
	seq += 1;
	return {
		seq,
		id,
		deleted: false,
		entity: 'organisation',
		record: { ...serverOrganisation({ id, name }), version: 1, receipt: null }
	};
}

/** A coordinator's device after sign-in: the slice (with advisor names) and one pull page of records. */
async function coordinatorDevice(changes: SyncChange[]): Promise<LocalDb> {
	const local = await db();
	await applySlice(
		local,
		{
			centres: [serverCentre()],
			quotas: [],
			advisorsInCentre: { 'centre-1': 2 },
			advisors: {
				'centre-1': [
					{ id: 'advisor-1', name: 'Żaneta Zielińska' },
					{ id: 'advisor-2', name: 'Łukasz Łoś' }
				],
				// An advisor of two of the coordinator's centres is listed once.
				'centre-2': [{ id: 'advisor-2', name: 'Łukasz Łoś' }]
			}
		},
		testContext()
	);
	await applyPullPage(local, { changes, cursor: 'v1.1.000000000000', more: false, reset: true });
	return local;
}

const MARCH = [
	organisation('org-a', 'Koło Gospodyń Wiejskich w Łebie'),
	organisation('org-b', 'Fundacja Horyzont'),
	consultation({ id: 'c-early', date: '2025-03-03', startTime: '09:00', organisationId: 'org-a' }),
	consultation({
		id: 'c-late',
		date: '2025-03-03',
		startTime: '14:00',
		endTime: '15:00',
		durationMin: 60,
		organisationId: 'org-b',
		status: 'signed'
	}),
	consultation({
		id: 'c-other-advisor',
		advisorId: 'advisor-2',
		date: '2025-03-20',
		organisationId: 'org-b',
		status: 'approved'
	}),
	consultation({
		id: 'c-draft',
		date: '2025-03-20',
		startTime: '',
		endTime: '',
		organisationId: null,
		status: 'draft'
	}),
	consultation({ id: 'c-february', date: '2025-02-28', organisationId: 'org-a' }),
	consultation({ id: 'c-april', date: '2025-04-01', organisationId: 'org-a' })
];

describe('reviewMonth', () => {
	it("lists the month's consultations newest first, with advisor and organisation names", async () => {
		const local = await coordinatorDevice(MARCH);
		const rows = await reviewMonth(local, { month: '2025-03' });
		expect(rows.map((r) => r.id)).toEqual(['c-other-advisor', 'c-draft', 'c-late', 'c-early']);
		expect(rows[0]).toMatchObject({
			advisorName: 'Łukasz Łoś',
			organisationName: 'Fundacja Horyzont',
			status: 'approved',
			receipt: expect.stringMatching(/-X$/)
		});
		expect(rows[1]).toMatchObject({ advisorName: 'Żaneta Zielińska', organisationName: null });
		expect(rows[3]).toMatchObject({ startTime: '09:00', endTime: '11:30', durationMin: 90 });
	});

	it('filters by advisor, status and organisation name (case and diacritics ignored)', async () => {
		const local = await coordinatorDevice(MARCH);
		const ids = async (filter: Parameters<typeof reviewMonth>[1]) =>
			(await reviewMonth(local, filter)).map((r) => r.id);
		expect(await ids({ month: '2025-03', advisorId: 'advisor-2' })).toEqual(['c-other-advisor']);
		expect(await ids({ month: '2025-03', status: 'signed' })).toEqual(['c-late']);
		expect(await ids({ month: '2025-03', search: '  LEBIE ' })).toEqual(['c-early']);
		expect(await ids({ month: '2025-03', search: 'horyzont', advisorId: 'advisor-1' })).toEqual(['c-late']);
		expect(await ids({ month: '2025-03', search: 'nikt' })).toEqual([]);
		expect(await ids({ month: '2025-02' })).toEqual(['c-february']);
		expect(await ids({ month: '2025-05' })).toEqual([]);
	});

	it('follows the pull: a record moved to another month or status moves with it, a tombstone removes it', async () => {
		const local = await coordinatorDevice(MARCH);
		await applyPullPage(local, {
			changes: [
				consultation({ id: 'c-early', date: '2025-04-02', organisationId: 'org-a', version: 2 }),
				consultation({ id: 'c-late', date: '2025-03-03', status: 'approved', organisationId: 'org-b' }),
				{ seq: ++seq, id: 'c-draft', deleted: true, entity: 'consultation' }
			],
			cursor: 'v1.2.000000000000',
			more: false,
			reset: false
		});
		expect((await reviewMonth(local, { month: '2025-03' })).map((r) => r.id)).toEqual([
			'c-other-advisor',
			'c-late'
		]);
		expect((await reviewMonth(local, { month: '2025-03', status: 'signed' })).map((r) => r.id)).toEqual([]);
		expect((await reviewMonth(local, { month: '2025-04' })).map((r) => r.id)).toEqual(['c-early', 'c-april']);
	});

	it('shows a record whose advisor or organisation the device does not know yet, without names', async () => {
		const local = await coordinatorDevice([
			consultation({ id: 'c-new', advisorId: 'advisor-9', organisationId: 'org-missing', date: '2025-03-05' })
		]);
		expect(await reviewMonth(local, { month: '2025-03' })).toMatchObject([
			{ id: 'c-new', advisorName: null, organisationName: null }
		]);
	});
});

describe('reviewMonth overlaps', () => {
	it("marks an advisor's counted visits that overlap that day, whatever the filters; not drafts, not colleagues", async () => {
		const day = { date: '2025-03-10', organisationId: 'org-a' };
		const local = await coordinatorDevice([
			organisation('org-a', 'Koło Gospodyń Wiejskich w Łebie'),
			consultation({ ...day, id: 'o-1', startTime: '09:00', endTime: '10:30', durationMin: 90 }),
			consultation({
				...day,
				id: 'o-2',
				startTime: '10:00',
				endTime: '11:00',
				durationMin: 60,
				status: 'signed'
			}),
			consultation({
				...day,
				id: 'o-3',
				startTime: '10:30',
				endTime: '12:00',
				durationMin: 90,
				status: 'draft'
			}),
			consultation({ ...day, id: 'o-4', advisorId: 'advisor-2', startTime: '09:00', endTime: '10:00' }),
			// Starting as o-2 ends is no overlap.
			consultation({ ...day, id: 'o-5', startTime: '11:00', endTime: '12:00', durationMin: 60 })
		]);
		const overlaps = async (filter: Parameters<typeof reviewMonth>[1]) =>
			Object.fromEntries((await reviewMonth(local, filter)).map((r) => [r.id, r.overlaps]));
		expect(await overlaps({ month: '2025-03' })).toEqual({
			'o-1': true,
			'o-2': true,
			'o-3': false,
			'o-4': false,
			'o-5': false
		});
		// o-1 is filtered out, and o-2 still overlaps it.
		expect(await overlaps({ month: '2025-03', status: 'signed' })).toEqual({ 'o-2': true });
	});
});

describe('groupByDate', () => {
	it('puts consecutive rows of a date under one heading, in order', async () => {
		const local = await coordinatorDevice(MARCH);
		const days = groupByDate(await reviewMonth(local, { month: '2025-03' }));
		expect(days.map((d) => [d.date, d.rows.map((r) => r.id)])).toEqual([
			['2025-03-20', ['c-other-advisor', 'c-draft']],
			['2025-03-03', ['c-late', 'c-early']]
		]);
	});
});

describe('advisorDirectory', () => {
	it('lists each advisor once, in Polish order; empty before the first slice', async () => {
		const local = await coordinatorDevice([]);
		expect(await advisorDirectory(local)).toEqual([
			{ id: 'advisor-2', name: 'Łukasz Łoś' },
			{ id: 'advisor-1', name: 'Żaneta Zielińska' }
		]);
		expect(await advisorDirectory(await db())).toEqual([]);
	});
});

describe('centreDirectory', () => {
	it('lists the centres on the device in Polish order (Ł after L, Ś after S)', async () => {
		const local = await db();
		await local.centres.bulkPut([
			serverCentre({ id: 'c-s', name: 'COP Słupsk' }),
			serverCentre({ id: 'c-k', name: 'COP Kartuzy' }),
			serverCentre({ id: 'c-ls', name: 'COP Łeba' }),
			serverCentre({ id: 'c-l', name: 'COP Lębork' }),
			serverCentre({ id: 'c-sz', name: 'COP Sztum' })
		]);
		expect((await centreDirectory(local)).map((c) => c.name)).toEqual([
			'COP Kartuzy',
			'COP Lębork',
			'COP Łeba',
			'COP Słupsk',
			'COP Sztum'
		]);
	});
});

describe('reviewDetail', () => {
	it('gives the record, its organisation, the advisor and the amendments oldest first with authors', async () => {
		const amendment = (id: string, createdAt: string): SyncChange => {
			const record: LocalAmendment = {
				id,
				consultationId: 'c-late',
				authorId: 'advisor-1',
				reason: `Powód ${id}`,
				changes: { endTime: { before: '15:00', after: '15:15' } },
				createdAt,
				receipt: '0000Z-1'
			};
			return { seq: ++seq, id, deleted: false, entity: 'amendment', record };
		};
		const local = await coordinatorDevice([
			...MARCH,
			amendment('am-2', '2025-03-05T10:00:00.000Z'),
			amendment('am-1', '2025-03-04T10:00:00.000Z')
		]);
		const detail = await reviewDetail(local, 'c-late');
		expect(detail).toMatchObject({
			consultation: { id: 'c-late', status: 'signed' },
			organisation: { name: 'Fundacja Horyzont' },
			advisorName: 'Żaneta Zielińska'
		});
		expect(detail?.amendments.map((a) => [a.id, a.authorName])).toEqual([
			['am-1', 'Żaneta Zielińska'],
			['am-2', 'Żaneta Zielińska']
		]);
		expect(await reviewDetail(local, 'c-draft')).toMatchObject({ organisation: null, amendments: [] });
		expect(await reviewDetail(local, 'missing')).toBeUndefined();
	});
});

describe('matchesReview (issue 5 filters)', () => {
	const row = (overrides: Partial<ReviewRow>): ReviewRow => ({
		id: 'r',
		date: '2025-03-10',
		startTime: '09:00',
		endTime: '10:00',
		durationMin: 60,
		placeKind: 'mobile',
		topics: ['volunteering', 'model-2-1'],
		status: 'signed',
		receipt: null,
		advisorId: 'advisor-1',
		advisorName: 'Żaneta Zielińska',
		organisationId: 'org-a',
		organisationName: 'Fundacja Horyzont',
		centreId: 'centre-1',
		organisationCreatedAt: '2025-02-01T10:00:00.000Z',
		late: null,
		flag: null,
		overlaps: false,
		...overrides
	});

	it('filters by topic, area, place, organisation, centre, flag and late', () => {
		const r = row({});
		expect(matchesReview(r, { topic: 'volunteering' })).toBe(true);
		expect(matchesReview(r, { topic: 'accounting' })).toBe(false);
		expect(matchesReview(r, { area: 'model-2' })).toBe(true);
		expect(matchesReview(r, { area: 'classic' })).toBe(true);
		expect(matchesReview(r, { area: 'model-1' })).toBe(false);
		expect(matchesReview(row({ topics: [] }), { area: 'none', topic: 'none' })).toBe(true);
		expect(matchesReview(r, { placeKind: 'remote' })).toBe(false);
		expect(matchesReview(r, { organisationId: 'org-b' })).toBe(false);
		expect(matchesReview(r, { centreId: 'centre-2' })).toBe(false);
		expect(matchesReview(r, { flagged: true })).toBe(false);
		expect(matchesReview(row({ flag: { comment: '?', by: 'c', at: 'x' } }), { flagged: true })).toBe(true);
		expect(matchesReview(r, { late: true })).toBe(false);
	});

	it('bulk approval picks completed, signed and late records, never drafts, approved or flagged ones', () => {
		const flag = { comment: 'Popraw temat', by: 'c', at: '2025-03-11T10:00:00Z' };
		const late = { since: '2025-04-02T10:00:00Z', baseline: null };
		expect(bulkApprovable(row({ status: 'completed' }))).toBe(true);
		expect(bulkApprovable(row({ status: 'signed' }))).toBe(true);
		expect(bulkApprovable(row({ status: 'approved', late }))).toBe(true);
		expect(bulkApprovable(row({ status: 'draft' }))).toBe(false);
		expect(bulkApprovable(row({ status: 'approved' }))).toBe(false);
		expect(bulkApprovable(row({ status: 'signed', flag }))).toBe(false);
		expect(bulkApprovable(row({ status: 'approved', late, flag }))).toBe(false);
	});

	it('lists what counts: no drafts, a late record by its baseline', () => {
		const baseline = {
			date: '2025-03-10',
			durationMin: 45,
			placeKind: 'centre' as const,
			topics: ['accounting'],
			status: 'completed' as const,
			organisationId: 'org-a'
		};
		const late = row({ late: { since: '2025-04-02T10:00:00Z', baseline } });
		expect(matchesReview(row({ status: 'draft' }), { counted: true })).toBe(false);
		expect(matchesReview(late, { counted: true, placeKind: 'centre' })).toBe(true);
		expect(matchesReview(late, { counted: true, placeKind: 'mobile' })).toBe(false);
		expect(matchesReview(late, { counted: true, late: true, placeKind: 'mobile' })).toBe(true);
		expect(matchesReview(row({ late: { since: 'x', baseline: null } }), { counted: true })).toBe(false);
	});

	it("gives each row the minutes the list's total counts, a late one its baseline and the pending figure", () => {
		const baseline = {
			date: '2025-03-10',
			durationMin: 210,
			placeKind: 'mobile' as const,
			topics: ['volunteering'],
			status: 'approved' as const,
			organisationId: 'org-a'
		};
		const since = '2025-04-02T10:00:00Z';
		const rows = [
			row({ id: 'plain', durationMin: 60 }),
			row({ id: 'late', durationMin: 270, status: 'approved', late: { since, baseline } }),
			row({ id: 'new', durationMin: 45, late: { since, baseline: null } }),
			row({ id: 'draft', durationMin: 30, status: 'draft' })
		];
		expect(rows.map(rowHours)).toEqual([
			{ countedMin: 60, pendingMin: null },
			{ countedMin: 210, pendingMin: 270 },
			{ countedMin: null, pendingMin: 45 },
			{ countedMin: null, pendingMin: null }
		]);
		// The rows' counted figures add up to the header ("godziny bez szkiców"), which sums the same way.
		const total = summariseMinutes(rows.map(summarisedRow)).totalMin;
		expect(total).toBe(270);
		expect(rows.map(rowHours).reduce((sum, h) => sum + (h.countedMin ?? 0), 0)).toBe(total);
	});

	it('keeps organisations created inside a range', () => {
		const range = { from: '2025-01-31T23:00:00.000Z', to: '2025-07-01T00:00:00.000Z' };
		expect(matchesReview(row({}), { organisationCreated: range })).toBe(true);
		expect(
			matchesReview(row({ organisationCreatedAt: '2024-12-01T00:00:00.000Z' }), {
				organisationCreated: range
			})
		).toBe(false);
		expect(matchesReview(row({ organisationCreatedAt: null }), { organisationCreated: range })).toBe(false);
	});
});
