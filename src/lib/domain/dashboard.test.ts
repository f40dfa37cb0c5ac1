import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	AREA_KEYS,
	areaOfTopic,
	buildDashboard,
	consultationsFilter,
	consultationsSearch,
	DashboardError,
	networkTargetMin,
	type DashboardConsultation,
	type DashboardInput,
	type PaceWarning
} from './dashboard';
import { CONSULTATION_STATUSES, PLACE_KINDS, type CountedFacts } from './consultation';
import { NO_TOPIC, summariseMinutes } from './hours';
import { TOPIC_IDS } from './topics';
import type { QuotaRow } from './quota';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

let seq = 0;
function consultation(overrides: Partial<DashboardConsultation> = {}): DashboardConsultation {
	return {
		id: `c-${++seq}`,
		advisorId: 'anna',
		centreId: 'slupsk',
		date: '2026-05-12',
		durationMin: 60,
		placeKind: 'mobile',
		topics: ['accounting'],
		status: 'completed',
		organisationId: 'org-1',
		...overrides
	};
}

const quota = (centreId: string | null, targetMin: number, extra: Partial<QuotaRow> = {}): QuotaRow => ({
	month: null,
	centreId,
	advisorId: null,
	kind: 'mobile',
	targetMin,
	...extra
});

function input(overrides: Partial<DashboardInput> = {}): DashboardInput {
	return {
		month: '2026-05',
		today: '2026-05-15',
		period: { startMonth: '2026-01', endMonth: '2026-10' },
		scope: { centreId: 'slupsk' },
		consultations: [],
		bookings: [],
		quotas: [quota('slupsk', 2400), quota('lebork', 1200)],
		centres: [
			{ id: 'slupsk', name: 'COP Słupsk' },
			{ id: 'lebork', name: 'COP Lębork' }
		],
		advisors: [
			{ id: 'anna', name: 'Anna Nowak', centreId: 'slupsk' },
			{ id: 'bartek', name: 'Bartek Kowalski', centreId: 'slupsk' },
			{ id: 'celina', name: 'Celina Wiśniewska', centreId: 'lebork' }
		],
		organisations: [],
		...overrides
	};
}

describe('buildDashboard: the month of a centre', () => {
	const rows = [
		consultation({ durationMin: 90 }),
		consultation({ durationMin: 60, status: 'signed', placeKind: 'centre', organisationId: 'org-2' }),
		consultation({ durationMin: 45, status: 'approved', advisorId: 'bartek', organisationId: 'org-3' }),
		consultation({ durationMin: 30, status: 'draft', advisorId: 'bartek' }),
		consultation({ durationMin: 120, date: '2026-04-30' }),
		consultation({ durationMin: 75, centreId: 'lebork', advisorId: 'celina' })
	];
	const d = buildDashboard(input({ consultations: rows }));

	it('sums done minutes by status and place, and minutes toward the target (mobile only)', () => {
		expect(d.monthState).toBe('current');
		expect(d.totals).toMatchObject({
			count: 3,
			doneMin: 195,
			byStatus: { completed: 90, signed: 60, approved: 45 },
			byPlaceKind: { mobile: 135, centre: 60, remote: 0 },
			quotaDoneMin: 135,
			targetMin: 2400,
			remainingMin: 2265,
			organisationsServed: 3,
			awaitingApproval: { count: 0, minutes: 0 },
			filter: { month: '2026-05', centreId: 'slupsk' }
		});
	});

	it('has one centre row and a row per advisor, each with its even share of the target', () => {
		expect(d.centres.map((c) => [c.centreId, c.name, c.doneMin, c.advisorCount])).toEqual([
			['slupsk', 'COP Słupsk', 195, 2]
		]);
		expect(d.advisors.map((a) => [a.advisorId, a.doneMin, a.quotaDoneMin, a.targetMin])).toEqual([
			['anna', 150, 90, 1200],
			['bartek', 45, 45, 1200]
		]);
		expect(d.advisors[0]!.filter).toEqual({ month: '2026-05', centreId: 'slupsk', advisorId: 'anna' });
	});

	it('counts pace on the working days left (15 May 2026 is a Friday)', () => {
		// May 2026: 1 May is a Friday (holiday), 3 May a Sunday; Corpus Christi is 4 June. 20 working days.
		expect(d.totals.pace.workingDays).toBe(20);
		// From Friday 15 May on: 15, 18–22, 25–29 = 11 working days.
		expect(d.totals.pace.workingDaysLeft).toBe(11);
		expect(d.totals.pace.neededPerDayMin).toBe(Math.ceil(2265 / 11));
		// 9 working days gone, 135 minutes toward the target: 135 / 9 × 20.
		expect(d.totals.pace.forecastMin).toBe(300);
		expect(d.totals.pace.behind).toBe(true);
	});

	it('warns that the centre is behind pace', () => {
		expect(d.warnings).toEqual([
			{
				kind: 'behindPace',
				centreId: 'slupsk',
				name: 'COP Słupsk',
				targetMin: 2400,
				quotaDoneMin: 135,
				forecastMin: 300,
				neededPerDayMin: 206,
				shortMin: 2100,
				filter: { month: '2026-05', centreId: 'slupsk', placeKind: 'mobile' }
			}
		]);
	});

	it('charts every month of the period; months after the current one have no done figures', () => {
		expect(d.chart.map((p) => p.month)).toEqual([
			'2026-01',
			'2026-02',
			'2026-03',
			'2026-04',
			'2026-05',
			'2026-06',
			'2026-07',
			'2026-08',
			'2026-09',
			'2026-10'
		]);
		expect(d.chart[3]).toMatchObject({ month: '2026-04', targetMin: 2400, doneMin: 120, quotaDoneMin: 120 });
		expect(d.chart[4]).toMatchObject({ doneMin: 195, quotaDoneMin: 135 });
		expect(d.chart[5]).toMatchObject({ targetMin: 2400, doneMin: null, quotaDoneMin: null });
	});

	it('breaks the month and the period down by topic and area', () => {
		expect(d.topics.month.byTopic).toEqual([
			{
				topic: 'accounting',
				minutes: 195,
				filter: { month: '2026-05', centreId: 'slupsk', topic: 'accounting' }
			}
		]);
		expect(d.topics.period.totalMin).toBe(315);
		const classic = d.topics.period.byArea.find((a) => a.area === 'classic')!;
		expect(classic.minutes).toBe(315);
		expect(classic.filter).toEqual({
			month: '2026-01',
			throughMonth: '2026-10',
			centreId: 'slupsk',
			area: 'classic'
		});
	});
});

describe('buildDashboard: pace around Polish public holidays', () => {
	const paceOn = (month: string, today: string, quotaDoneMin: number, targetMin = 1200) =>
		buildDashboard(
			input({
				month,
				today,
				period: { startMonth: '2014-09', endMonth: '2026-12' },
				quotas: [quota('slupsk', targetMin)],
				consultations:
					quotaDoneMin > 0 ? [consultation({ date: `${month}-01`, durationMin: quotaDoneMin })] : []
			})
		).totals.pace;

	it('May 2024: 1 and 3 May on weekdays and Corpus Christi on 30 May are not working days', () => {
		// 23 weekdays − 1 May (Wed) − 3 May (Fri) − 30 May (Thu, Corpus Christi) = 20.
		const pace = paceOn('2024-05', '2024-05-06', 60);
		expect(pace.workingDays).toBe(20);
		// Only Thursday 2 May is gone before Monday 6 May.
		expect(pace.workingDaysLeft).toBe(19);
		expect(pace.neededPerDayMin).toBe(60);
		expect(pace.forecastMin).toBe(1200);
		expect(pace.behind).toBe(false);
	});

	it('April 2015: Easter Monday (6 April) is not a working day', () => {
		const pace = paceOn('2015-04', '2015-04-07', 180);
		expect(pace.workingDays).toBe(21);
		// 1–3 April are gone; 6 April is Easter Monday; from 7 April on: 18 days.
		expect(pace.workingDaysLeft).toBe(18);
		expect(pace.neededPerDayMin).toBe(Math.ceil((1200 - 180) / 18));
		expect(pace.forecastMin).toBe(Math.round((180 / 3) * 21));
	});

	it('June 2015: Corpus Christi (4 June) is not a working day', () => {
		const pace = paceOn('2015-06', '2015-06-05', 0);
		expect(pace.workingDays).toBe(21);
		// 1–3 June gone, 4 June a holiday: from Friday 5 June, 18 working days are left.
		expect(pace.workingDaysLeft).toBe(18);
		expect(pace.neededPerDayMin).toBe(Math.ceil(1200 / 18));
		expect(pace.behind).toBe(true);
	});

	it('a past month has no pace: the forecast is what was done', () => {
		const d = buildDashboard(
			input({ month: '2026-04', consultations: [consultation({ date: '2026-04-20', durationMin: 600 })] })
		);
		expect(d.monthState).toBe('past');
		expect(d.totals.pace).toEqual({
			workingDays: 21,
			workingDaysLeft: 0,
			neededPerDayMin: null,
			forecastMin: 600,
			behind: true
		});
		expect(d.warnings.map((w) => w.kind)).toEqual(['targetMissed']);
		expect(d.totals.plannedMin).toBe(0);
	});

	it('a future month needs the whole target over all its working days and is never behind', () => {
		const d = buildDashboard(input({ month: '2026-06' }));
		expect(d.monthState).toBe('future');
		// June 2026: 22 weekdays − Corpus Christi (4 June) = 21.
		expect(d.totals.pace).toEqual({
			workingDays: 21,
			workingDaysLeft: 21,
			neededPerDayMin: Math.ceil(2400 / 21),
			forecastMin: 0,
			behind: false
		});
		expect(d.warnings).toEqual([]);
	});
});

describe('buildDashboard: late records', () => {
	const baseline: CountedFacts = {
		date: '2026-04-28',
		durationMin: 60,
		placeKind: 'mobile',
		topics: ['taxes'],
		status: 'signed',
		organisationId: 'org-1'
	};
	const lateRow = (overrides: Partial<DashboardConsultation>, base: CountedFacts | null) =>
		consultation({ ...overrides, review: { late: { since: '2026-05-04T09:00:00.000Z', baseline: base } } });

	it('count their baseline in its month and show their current minutes as awaiting approval', () => {
		const rows = [
			lateRow({ date: '2026-04-28', durationMin: 150, status: 'signed' }, baseline),
			consultation({ date: '2026-04-10', durationMin: 30 })
		];
		const d = buildDashboard(input({ month: '2026-04', consultations: rows }));
		expect(d.totals.doneMin).toBe(90);
		expect(d.totals.awaitingApproval).toEqual({ count: 1, minutes: 150 });
		expect(d.advisors[0]!.awaitingApproval).toEqual({ count: 1, minutes: 150 });
		expect(d.warnings).toContainEqual({
			kind: 'lateWaiting',
			centreId: 'slupsk',
			name: 'COP Słupsk',
			count: 1,
			minutes: 150,
			filter: { month: '2026-04', centreId: 'slupsk', late: true }
		});
		expect(d.chart.find((p) => p.month === '2026-04')!.doneMin).toBe(90);
	});

	it('never count twice when the late change moved the record to another month', () => {
		const rows = [lateRow({ date: '2026-05-05', durationMin: 120 }, baseline)];
		const april = buildDashboard(input({ month: '2026-04', consultations: rows }));
		const may = buildDashboard(input({ month: '2026-05', consultations: rows }));
		expect(april.totals.doneMin).toBe(60);
		expect(april.totals.awaitingApproval.count).toBe(0);
		expect(may.totals.doneMin).toBe(0);
		expect(may.totals.awaitingApproval).toEqual({ count: 1, minutes: 120 });
		expect(may.chart.map((p) => p.doneMin ?? 0).reduce((a, b) => a + b)).toBe(60);
		expect(may.topics.period.totalMin).toBe(60);
	});

	it('count nothing for a record created late (null baseline)', () => {
		const d = buildDashboard(
			input({ month: '2026-04', consultations: [lateRow({ date: '2026-04-20' }, null)] })
		);
		expect(d.totals.doneMin).toBe(0);
		expect(d.totals.count).toBe(0);
		expect(d.totals.awaitingApproval).toEqual({ count: 1, minutes: 60 });
		expect(d.organisations.servedMonth.count).toBe(0);
	});
});

describe('buildDashboard: scopes', () => {
	const rows = [
		consultation({ durationMin: 60 }),
		consultation({ durationMin: 90, advisorId: 'bartek' }),
		consultation({ durationMin: 45, centreId: 'lebork', advisorId: 'celina' }),
		// A former advisor no longer listed still shows with their figures.
		consultation({ durationMin: 30, centreId: 'lebork', advisorId: 'dawid' })
	];

	it('network: every centre, the network target, and a network warning', () => {
		const d = buildDashboard(
			input({
				scope: { centreId: null },
				consultations: rows,
				quotas: [quota(null, 7200), quota('slupsk', 2400), quota('lebork', 1200)]
			})
		);
		expect(d.scope).toEqual({ centreId: null, advisorId: null });
		expect(d.totals.doneMin).toBe(225);
		expect(d.totals.targetMin).toBe(7200);
		expect(d.totals.filter).toEqual({ month: '2026-05' });
		expect(d.centres.map((c) => [c.centreId, c.doneMin, c.targetMin])).toEqual([
			['slupsk', 150, 2400],
			['lebork', 75, 1200]
		]);
		expect(d.advisors.map((a) => [a.advisorId, a.name, a.active, a.doneMin])).toEqual([
			['anna', 'Anna Nowak', true, 60],
			['bartek', 'Bartek Kowalski', true, 90],
			['celina', 'Celina Wiśniewska', true, 45],
			['dawid', null, false, 30]
		]);
		expect((d.warnings[0] as PaceWarning).centreId).toBeNull();
		expect(d.warnings.map((w) => [w.kind, w.centreId])).toEqual([
			['behindPace', null],
			['behindPace', 'slupsk'],
			['behindPace', 'lebork']
		]);
	});

	it('network without a network target adds up the centres’ targets', () => {
		const d = buildDashboard(input({ scope: { centreId: null }, consultations: rows }));
		expect(d.totals.targetMin).toBe(3600);
		expect(networkTargetMin([quota(null, 100), quota(null, 50, { month: '2026-05' })], '2026-05')).toBe(50);
	});

	it('centre: only that centre’s records and advisors', () => {
		const d = buildDashboard(input({ scope: { centreId: 'lebork' }, consultations: rows }));
		expect(d.totals.doneMin).toBe(75);
		expect(d.centres.map((c) => c.centreId)).toEqual(['lebork']);
		expect(d.advisors.map((a) => a.advisorId)).toEqual(['celina', 'dawid']);
		// Celina is the only active advisor: the whole centre target is hers.
		expect(d.advisors[0]!.targetMin).toBe(1200);
	});

	it('one advisor: their figures and their share of the target', () => {
		const d = buildDashboard(
			input({ scope: { centreId: 'slupsk', advisorId: 'bartek' }, consultations: rows })
		);
		expect(d.totals.doneMin).toBe(90);
		expect(d.totals.targetMin).toBe(1200);
		expect(d.totals.filter).toEqual({ month: '2026-05', centreId: 'slupsk', advisorId: 'bartek' });
		expect(d.advisors.map((a) => a.advisorId)).toEqual(['bartek']);
		expect(d.centres[0]!.doneMin).toBe(90);
	});

	it('an empty month: zeroes, no target warnings but the missing one', () => {
		const d = buildDashboard(input({ scope: { centreId: null }, quotas: [quota('slupsk', 600)] }));
		expect(d.totals).toMatchObject({ count: 0, doneMin: 0, plannedMin: 0, organisationsServed: 0 });
		expect(d.totals.byStatus).toEqual({ completed: 0, signed: 0, approved: 0 });
		expect(d.topics.month.byTopic).toEqual([]);
		expect(d.topics.month.byArea.map((a) => [a.area, a.minutes])).toEqual(AREA_KEYS.map((area) => [area, 0]));
		expect(d.advisors).toHaveLength(3);
		expect(d.warnings.map((w) => [w.kind, w.centreId])).toEqual([
			['behindPace', null],
			['behindPace', 'slupsk'],
			['noTarget', 'lebork']
		]);
	});
});

describe('buildDashboard: planned hours, organisations, errors', () => {
	it('plans confirmed bookings from today to the month’s end', () => {
		const booking = (date: string, status = 'confirmed', advisorId: string | null = 'anna') => ({
			advisorId,
			centreId: 'slupsk',
			date,
			durationMin: 60,
			status,
			placeKind: 'mobile' as const
		});
		const d = buildDashboard(
			input({
				bookings: [
					booking('2026-05-15'),
					booking('2026-05-29', 'confirmed', null),
					{ ...booking('2026-05-20'), placeKind: 'remote' },
					booking('2026-05-14'),
					booking('2026-05-20', 'requested'),
					booking('2026-05-20', 'cancelled'),
					booking('2026-06-01'),
					{ ...booking('2026-05-20'), centreId: 'lebork' }
				]
			})
		);
		expect(d.totals).toMatchObject({ plannedCount: 3, plannedMin: 180, plannedQuotaMin: 120 });
		expect(d.totals.unplannedMin).toBe(2400 - 120);
		expect(d.advisors.find((a) => a.advisorId === 'anna')).toMatchObject({ plannedMin: 120 });
	});

	it('counts organisations served (month, period) and the new ones of the period', () => {
		const d = buildDashboard(
			input({
				consultations: [
					consultation({ organisationId: 'old' }),
					consultation({ organisationId: 'new-1', date: '2026-02-03' }),
					consultation({ organisationId: 'new-2' }),
					consultation({ organisationId: 'new-2', date: '2026-03-03' }),
					consultation({ organisationId: 'new-3', status: 'draft' })
				],
				organisations: [
					{ id: 'old', createdAt: '2025-12-31T22:59:59.000Z' },
					// Midnight of 1 January in Warsaw is 23:00 UTC the day before.
					{ id: 'new-1', createdAt: '2025-12-31T23:00:00.000Z' },
					{ id: 'new-2', createdAt: '2026-04-01T10:00:00.000Z' },
					{ id: 'new-3', createdAt: '2026-04-01T10:00:00.000Z' }
				]
			})
		);
		expect(d.organisations.servedMonth.count).toBe(2);
		expect(d.organisations.servedPeriod.count).toBe(3);
		expect(d.organisations.newPeriod).toEqual({
			count: 2,
			filter: { month: '2026-01', throughMonth: '2026-10', centreId: 'slupsk', organisationNew: true }
		});
	});

	it('refuses a month outside the period and malformed input with a typed error', () => {
		const codeOf = (overrides: Partial<DashboardInput>) => {
			try {
				buildDashboard(input(overrides));
			} catch (error) {
				return error instanceof DashboardError ? error.code : 'other';
			}
			return null;
		};
		expect(codeOf({ month: '2025-12' })).toBe('monthOutsidePeriod');
		expect(codeOf({ month: '2026-11' })).toBe('monthOutsidePeriod');
		expect(codeOf({ month: '2026-13' })).toBe('monthInvalid');
		expect(codeOf({ today: '2026-02-30' })).toBe('todayInvalid');
		expect(codeOf({ period: { startMonth: '2026-10', endMonth: '2026-01' } })).toBe('periodInvalid');
		expect(codeOf({ month: '2026-10' })).toBeNull();
	});
});

describe('filters behind the figures', () => {
	it('narrow a row to one of its figures', () => {
		const row = { filter: { month: '2026-05', centreId: 'slupsk' } };
		expect(consultationsFilter(row)).toEqual(row.filter);
		expect(consultationsFilter(row, 'signed')).toEqual({ ...row.filter, status: 'signed' });
		expect(consultationsFilter(row, 'remote')).toEqual({ ...row.filter, placeKind: 'remote' });
		expect(consultationsFilter(row, 'quotaDone')).toEqual({ ...row.filter, placeKind: 'mobile' });
		expect(consultationsFilter(row, 'awaitingApproval')).toEqual({ ...row.filter, late: true });
	});

	it('write the /consultations query', () => {
		expect(consultationsSearch({ month: '2026-05', advisorId: 'a b', status: 'signed' })).toBe(
			'month=2026-05&advisor=a%20b&status=signed'
		);
		expect(
			consultationsSearch({
				month: '2026-01',
				throughMonth: '2026-10',
				centreId: 'c',
				area: 'model-1',
				late: true,
				organisationNew: true
			})
		).toBe('month=2026-01&through=2026-10&centre=c&area=model-1&late=1&new=1');
	});

	it('put every topic in one area', () => {
		expect(areaOfTopic('model-1-4')).toBe('model-1');
		expect(areaOfTopic('model-3-1')).toBe('model-3');
		expect(areaOfTopic('accounting')).toBe('classic');
		expect(areaOfTopic('centre-own')).toBe('other');
		expect(areaOfTopic(NO_TOPIC)).toBe('none');
	});
});

describe('buildDashboard: the figures add up to the minute', () => {
	const arbitraryConsultation = fc.record({
		id: fc.uuid(),
		advisorId: fc.constantFrom('anna', 'bartek', 'celina', 'ghost'),
		centreId: fc.constantFrom('slupsk', 'lebork'),
		date: fc.constantFrom('2026-04-30', '2026-05-01', '2026-05-04', '2026-05-15', '2026-05-31', '2026-06-01'),
		durationMin: fc.integer({ min: 0, max: 600 }),
		placeKind: fc.constantFrom(...PLACE_KINDS),
		topics: fc.array(fc.constantFrom(...TOPIC_IDS, 'centre-own'), { maxLength: 4 }),
		status: fc.constantFrom(...CONSULTATION_STATUSES),
		organisationId: fc.option(fc.constantFrom('o1', 'o2', 'o3'), { nil: null })
	});
	const arbitraryRow = fc
		.tuple(arbitraryConsultation, fc.option(arbitraryConsultation, { nil: null }), fc.nat(3))
		.map(([c, base, pick]) =>
			pick === 0 ? { ...c, review: { late: { since: '2026-05-20T10:00:00.000Z', baseline: base } } } : c
		);

	it('centres, advisors, statuses, places, topics and areas all add up to the totals', () => {
		fc.assert(
			fc.property(
				fc.array(arbitraryRow, { maxLength: 60 }),
				fc.constantFrom('2026-04', '2026-05', '2026-06'),
				(rows, month) => {
					const d = buildDashboard(input({ month, scope: { centreId: null }, consultations: rows }));
					const t = d.totals;
					expect(t.doneMin).toBe(summariseMinutes(rows, { month }).totalMin);
					expect(sum(d.centres.map((c) => c.doneMin))).toBe(t.doneMin);
					expect(sum(d.advisors.map((a) => a.doneMin))).toBe(t.doneMin);
					expect(sum(d.advisors.map((a) => a.count))).toBe(t.count);
					expect(sum(d.advisors.map((a) => a.awaitingApproval.minutes))).toBe(t.awaitingApproval.minutes);
					expect(sum(Object.values(t.byStatus))).toBe(t.doneMin);
					expect(sum(Object.values(t.byPlaceKind))).toBe(t.doneMin);
					expect(t.quotaDoneMin).toBe(t.byPlaceKind.mobile);
					for (const c of d.centres) {
						const own = d.advisors.filter((a) => a.centreId === c.centreId);
						expect(sum(own.map((a) => a.doneMin))).toBe(c.doneMin);
						expect(sum(own.map((a) => a.byStatus.signed))).toBe(c.byStatus.signed);
					}
					for (const part of [d.topics.month, d.topics.period]) {
						expect(sum(part.byTopic.map((x) => x.minutes))).toBe(part.totalMin);
						expect(sum(part.byArea.map((x) => x.minutes))).toBe(part.totalMin);
						for (const plane of part.byArea.filter((a) => a.plane !== null)) {
							expect(sum(plane.areas.map((x) => x.minutes))).toBe(plane.minutes);
						}
					}
					expect(d.topics.month.totalMin).toBe(t.doneMin);
					const chartDone = sum(d.chart.map((p) => p.doneMin ?? 0));
					// The period's months up to the current one (May): every counted minute once.
					expect(chartDone).toBe(
						summariseMinutes(rows, { months: { from: '2026-01', to: '2026-05' } }).totalMin
					);
				}
			)
		);
	});
});
