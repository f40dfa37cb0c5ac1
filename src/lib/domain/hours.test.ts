import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	mobileMinutesByCentre,
	addDays,
	addMonths,
	checkTiming,
	COUNTED_STATUSES,
	durationBetween,
	endTimeFor,
	timesForDuration,
	findOverlaps,
	floorToStep,
	formatDecimalHours,
	formatHoursMinutes,
	formatTime,
	hoursPhrase,
	isInMonth,
	isRecordYear,
	isValidDate,
	monthOf,
	monthRange,
	NO_TOPIC,
	parseDate,
	parseTime,
	summariseMinutes,
	TIMING_MESSAGES,
	TIMING_PROBLEMS,
	warsawInstant,
	warsawTime,
	warsawToday,
	type MinutesSummary,
	type SummarisedConsultation,
	type TimingProblem
} from './hours';
import { CONSULTATION_STATUSES, PLACE_KINDS, type ConsultationStatus } from './consultation';
import { TOPIC_IDS } from './topics';
import { isMessageKey } from '../i18n/translate';

const SPRING_FORWARD = '2026-03-29';
const FALL_BACK = '2026-10-25';
const NOW = new Date('2026-05-12T10:00:00Z');

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

function record(overrides: Partial<SummarisedConsultation> = {}): SummarisedConsultation {
	return {
		date: '2026-05-12',
		durationMin: 60,
		placeKind: 'mobile',
		topics: ['accounting'],
		status: 'completed',
		organisationId: 'org-1',
		...overrides
	};
}

describe('times and dates as text', () => {
	it.each([
		['00:00', 0],
		['09:30', 570],
		['23:59', 1439]
	])('parseTime(%s) = %i', (text, minutes) => {
		expect(parseTime(text)).toBe(minutes);
		expect(formatTime(minutes)).toBe(text);
	});

	it.each(['24:00', '9:30', '09:60', '09:30:00', '', 'ab:cd'])('parseTime refuses %j', (text) => {
		expect(parseTime(text)).toBeNull();
	});

	it('wraps formatTime and floors to the 15-minute grid', () => {
		expect(formatTime(1440 + 75)).toBe('01:15');
		expect(formatTime(-15)).toBe('23:45');
		expect(floorToStep(9 * 60 + 44)).toBe(9 * 60 + 30);
	});

	it('knows real calendar dates', () => {
		expect(isValidDate('2028-02-29')).toBe(true);
		expect(isValidDate('2026-02-29')).toBe(false);
		expect(isValidDate('2026-13-01')).toBe(false);
		expect(isValidDate('2026-4-01')).toBe(false);
		expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('reads the years 0000–0099 as themselves, not as 1900–1999 (Date.UTC does)', () => {
		// Year 0 is a leap year in the proleptic Gregorian calendar; 1900 is not.
		expect(parseDate('0000-02-29')).toEqual({ year: 0, month: 2, day: 29 });
		expect(isValidDate('1900-02-29')).toBe(false);
		expect(isValidDate('0001-02-29')).toBe(false);
		expect(addDays('0005-01-05', 1)).toBe('0005-01-06');
		expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
		expect(addMonths('0099-12', 1)).toBe('0100-01');
		expect(monthRange('0000-02').days).toBe(29);
		expect(warsawInstant('0005-01-05', '12:00')!.getUTCFullYear()).toBe(5);
	});

	it('knows the years a record may be dated in', () => {
		expect(isRecordYear('2000-01-01')).toBe(true);
		expect(isRecordYear('2100-12-31')).toBe(true);
		expect(isRecordYear('1999-12-31')).toBe(false);
		expect(isRecordYear('2101-01-01')).toBe(false);
		expect(isRecordYear('0026-05-12')).toBe(false);
		expect(isRecordYear('2026-02-30')).toBe(false);
	});
});

describe('Warsaw wall clock and DST', () => {
	it('counts an ordinary day by the wall clock', () => {
		expect(durationBetween('2026-05-12', '09:00', '10:30')).toBe(90);
		expect(durationBetween('2026-01-12', '08:15', '16:00')).toBe(465);
	});

	it('spring forward: 01:30→03:30 is 60 real minutes', () => {
		expect(durationBetween(SPRING_FORWARD, '01:30', '03:30')).toBe(60);
		expect(durationBetween(SPRING_FORWARD, '00:00', '23:59')).toBe(1439 - 60);
	});

	it('spring forward: 02:30 did not exist', () => {
		expect(warsawInstant(SPRING_FORWARD, '02:30')).toBeNull();
		expect(durationBetween(SPRING_FORWARD, '02:30', '04:00')).toBeNull();
		expect(durationBetween(SPRING_FORWARD, '01:00', '02:00')).toBeNull();
		expect(checkTiming({ date: SPRING_FORWARD, startTime: '02:30', endTime: '04:00' }, NOW)).toEqual([
			{ problem: 'timeNotExist', field: 'startTime' }
		]);
		expect(checkTiming({ date: SPRING_FORWARD, startTime: '01:00', endTime: '02:59' }, NOW)).toEqual([
			{ problem: 'timeNotExist', field: 'endTime' }
		]);
	});

	it('fall back: 01:30→02:30 is 120 minutes (the end is the second 02:30)', () => {
		expect(durationBetween(FALL_BACK, '01:30', '02:30')).toBe(120);
		expect(durationBetween(FALL_BACK, '00:00', '23:59')).toBe(1439 + 60);
	});

	it('fall back: a start in the repeated hour is its first (summer-time) occurrence', () => {
		expect(warsawInstant(FALL_BACK, '02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
		expect(warsawInstant(FALL_BACK, '02:30', 'last')?.toISOString()).toBe('2026-10-25T01:30:00.000Z');
		expect(durationBetween(FALL_BACK, '02:30', '03:30')).toBe(120);
		// The clock went 02:45 → 03:00=02:00 → 02:15: a real 30-minute session, not "end before start".
		expect(durationBetween(FALL_BACK, '02:45', '02:15')).toBe(30);
		expect(
			checkTiming({ date: FALL_BACK, startTime: '02:45', endTime: '02:15' }, new Date(`${FALL_BACK}T12:00Z`))
		).toEqual([]);
	});

	it('endTimeFor is DST-aware', () => {
		expect(endTimeFor(SPRING_FORWARD, '01:30', 60)).toBe('03:30');
		expect(endTimeFor(SPRING_FORWARD, '02:30', 60)).toBeNull();
		expect(endTimeFor(FALL_BACK, '01:30', 120)).toBe('02:30');
		expect(endTimeFor(FALL_BACK, '01:30', 180)).toBe('03:30');
		expect(endTimeFor('2026-05-12', '09:15', 90)).toBe('10:45');
		expect(endTimeFor('2026-05-12', '23:00', 90)).toBeNull();
	});

	it('endTimeFor(durationBetween(…)) round-trips on days without a clock change', () => {
		const nonDstDate = fc
			.integer({ min: 0, max: 365 * 6 })
			.map((offset) => addDays('2024-01-01', offset))
			.filter((date) => durationBetween(date, '00:00', '23:59') === 1439);
		fc.assert(
			fc.property(
				nonDstDate,
				fc.integer({ min: 0, max: 1438 }),
				fc.integer({ min: 1, max: 1439 }),
				(date, s, d) => {
					const start = formatTime(s);
					const duration = Math.min(d, 1439 - s);
					const end = endTimeFor(date, start, duration);
					expect(end).toBe(formatTime(s + duration));
					expect(durationBetween(date, start, end!)).toBe(duration);
				}
			)
		);
	});

	it('reads today and now in Warsaw, whatever the device zone', () => {
		expect(warsawToday(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
		expect(warsawToday(new Date('2026-01-31T22:59:00Z'))).toBe('2026-01-31');
		expect(warsawToday(new Date('2026-01-31T23:00:00Z'))).toBe('2026-02-01');
		expect(warsawTime(new Date('2026-06-30T07:05:00Z'))).toBe('09:05');
		expect(warsawTime(new Date('2026-12-30T07:05:00Z'))).toBe('08:05');
	});
});

describe('checkTiming', () => {
	const ok = { date: '2026-05-12', startTime: '09:00', endTime: '10:30' };
	const cases: { problem: TimingProblem; input: typeof ok; field: string }[] = [
		{ problem: 'dateInvalid', input: { ...ok, date: '2026-02-30' }, field: 'date' },
		{ problem: 'timeInvalid', input: { ...ok, startTime: '9:00' }, field: 'startTime' },
		{
			problem: 'timeNotExist',
			input: { ...ok, date: SPRING_FORWARD, endTime: '02:15', startTime: '01:00' },
			field: 'endTime'
		},
		{ problem: 'endBeforeStart', input: { ...ok, endTime: '08:45' }, field: 'endTime' },
		{ problem: 'zeroDuration', input: { ...ok, endTime: '09:00' }, field: 'endTime' },
		{ problem: 'tooLong', input: { ...ok, startTime: '07:00', endTime: '19:15' }, field: 'endTime' },
		{ problem: 'inFuture', input: { ...ok, date: '2026-05-13' }, field: 'date' },
		// NOW is 12:00 in Warsaw.
		{ problem: 'notStarted', input: { ...ok, startTime: '12:01', endTime: '12:10' }, field: 'startTime' },
		{ problem: 'notEnded', input: { ...ok, startTime: '11:00', endTime: '12:16' }, field: 'endTime' }
	];

	it.each(cases)('$problem', ({ problem, input, field }) => {
		expect(checkTiming(input, NOW)).toEqual([{ problem, field }]);
	});

	it('covers every problem and maps each to a catalogue key', () => {
		expect(cases.map((c) => c.problem).sort()).toEqual([...TIMING_PROBLEMS].sort());
		for (const problem of TIMING_PROBLEMS) expect(isMessageKey(TIMING_MESSAGES[problem])).toBe(true);
	});

	it('accepts good timing, exactly 12 hours, today and any day before', () => {
		expect(checkTiming(ok, NOW)).toEqual([]);
		expect(checkTiming({ ...ok, date: '2026-05-11', startTime: '07:00', endTime: '19:00' }, NOW)).toEqual([]);
		expect(checkTiming({ ...ok, date: '2026-05-11' }, NOW)).toEqual([]);
		expect(checkTiming({ ...ok, date: '2014-09-15' }, NOW)).toEqual([]);
	});

	it('lets a visit of today be completed from its start, up to 15 minutes before its end', () => {
		expect(checkTiming({ ...ok, startTime: '12:00', endTime: '12:15' }, NOW)).toEqual([]);
		expect(checkTiming({ ...ok, startTime: '11:00', endTime: '12:00' }, NOW)).toEqual([]);
		// A stored record is judged without a clock.
		expect(checkTiming({ ...ok, startTime: '18:00', endTime: '19:00' }, null)).toEqual([]);
		// Another problem of the times is said first, alone.
		expect(checkTiming({ ...ok, startTime: '13:00', endTime: '12:30' }, NOW)).toEqual([
			{ problem: 'endBeforeStart', field: 'endTime' }
		]);
	});

	it('counts "in the future" from the Warsaw date, not the UTC one', () => {
		const lateEvening = new Date('2026-05-12T22:30:00Z'); // already 13 May in Warsaw
		expect(checkTiming({ date: '2026-05-13', startTime: '00:05', endTime: '00:30' }, lateEvening)).toEqual(
			[]
		);
		expect(checkTiming({ ...ok, date: '2026-05-14' }, lateEvening)).toEqual([
			{ problem: 'inFuture', field: 'date' }
		]);
	});

	it('reports several problems at once and still orders times without a valid date', () => {
		expect(checkTiming({ date: 'wczoraj', startTime: '', endTime: '25:00' }, NOW)).toEqual([
			{ problem: 'dateInvalid', field: 'date' },
			{ problem: 'timeInvalid', field: 'startTime' },
			{ problem: 'timeInvalid', field: 'endTime' }
		]);
		expect(checkTiming({ date: '', startTime: '10:00', endTime: '09:00' }, NOW)).toEqual([
			{ problem: 'dateInvalid', field: 'date' },
			{ problem: 'endBeforeStart', field: 'endTime' }
		]);
	});
});

describe('months', () => {
	it('a consultation belongs to the month of its Warsaw date', () => {
		expect(monthOf('2026-05-31')).toBe('2026-05');
		expect(isInMonth('2026-05-31', '2026-05')).toBe(true);
		expect(isInMonth('2026-06-01', '2026-05')).toBe(false);
		expect(isInMonth('2026-051', '2026-05')).toBe(false);
	});

	it('gives the dates and instants of a month', () => {
		expect(monthRange('2028-02')).toMatchObject({
			firstDate: '2028-02-01',
			lastDate: '2028-02-29',
			days: 29
		});
		const april = monthRange('2026-04');
		expect(april.start.toISOString()).toBe('2026-03-31T22:00:00.000Z');
		expect(april.end.toISOString()).toBe('2026-04-30T22:00:00.000Z');
		expect(monthRange('2026-12').end.toISOString()).toBe('2026-12-31T23:00:00.000Z');
		expect(() => monthRange('2026-13')).toThrow(RangeError);
	});

	it('steps months across years', () => {
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2026-01', -1)).toBe('2025-12');
		expect(addMonths('2014-09', 9)).toBe('2015-06');
	});
});

describe('findOverlaps', () => {
	const at = (id: string, startTime: string, endTime: string, date = '2026-05-12') => ({
		id,
		date,
		startTime,
		endTime
	});
	const others = [
		at('a', '08:00', '09:00'),
		at('b', '09:30', '10:00'),
		at('c', '10:00', '12:00'),
		at('d', '09:00', '11:00', '2026-05-13'),
		at('self', '09:00', '11:00'),
		at('broken', '10:30', '')
	];

	it('finds intersecting records on the same date; touching ends do not overlap', () => {
		expect(findOverlaps(at('self', '09:00', '11:00'), others).map((o) => o.id)).toEqual(['b', 'c']);
		expect(findOverlaps(at('self', '09:00', '09:30'), others)).toEqual([]);
		expect(findOverlaps(at('self', '08:59', '09:31'), others).map((o) => o.id)).toEqual(['a', 'b']);
		expect(findOverlaps(at('new', '09:00', '09:30'), others).map((o) => o.id)).toEqual(['self']);
	});

	it('uses real time on the autumn DST day', () => {
		// 02:30 (second pass) ends after 02:40 (first pass) started.
		const day = [at('x', '02:40', '03:10', FALL_BACK)];
		expect(findOverlaps(at('y', '01:30', '02:30', FALL_BACK), day).map((o) => o.id)).toEqual(['x']);
	});
});

describe('summariseMinutes', () => {
	it('sums by place, status and organisation and skips drafts', () => {
		const summary = summariseMinutes([
			record({ durationMin: 90 }),
			record({ durationMin: 60, placeKind: 'centre', status: 'signed', organisationId: 'org-2' }),
			record({ durationMin: 30, placeKind: 'remote', status: 'approved' }),
			record({ durationMin: 45, status: 'draft' })
		]);
		expect(summary).toEqual({
			totalMin: 180,
			count: 3,
			byPlaceKind: { mobile: 90, centre: 60, remote: 30 },
			byTopic: { accounting: 180 },
			byStatus: { draft: 0, completed: 90, signed: 60, approved: 30 },
			organisations: 2,
			awaitingApproval: { count: 0, minutes: 0 }
		} satisfies MinutesSummary);
	});

	it('counts drafts only when asked', () => {
		const rows = [record({ status: 'draft' }), record()];
		expect(summariseMinutes(rows, { statuses: ['draft'] }).totalMin).toBe(60);
		expect(summariseMinutes(rows, { statuses: CONSULTATION_STATUSES }).totalMin).toBe(120);
	});

	it('filters by month as strings', () => {
		const rows = [
			record({ date: '2026-04-30' }),
			record({ date: '2026-05-01' }),
			record({ date: '2026-05-31' })
		];
		expect(summariseMinutes(rows, { month: '2026-05' }).count).toBe(2);
		expect(summariseMinutes(rows, { month: '2026-04' }).count).toBe(1);
	});

	it('splits minutes across topics, remainder in taxonomy order, and has a bucket for none', () => {
		// Given in reverse taxonomy order: the remainder still goes to the earlier topics.
		const summary = summariseMinutes([
			record({ durationMin: 90, topics: ['model-3-1', 'volunteering', 'taxes', 'formalities'] }),
			record({ durationMin: 61, topics: ['accounting', 'accounting', 'custom-topic'] }),
			record({ durationMin: 20, topics: [] })
		]);
		expect(summary.byTopic).toEqual({
			formalities: 23,
			accounting: 31,
			taxes: 23,
			volunteering: 22,
			'model-3-1': 22,
			'custom-topic': 30,
			[NO_TOPIC]: 20
		});
		expect(Object.keys(summary.byTopic)).toEqual([
			'formalities',
			'accounting',
			'taxes',
			'volunteering',
			'model-3-1',
			'custom-topic',
			NO_TOPIC
		]);
		expect(sum(summary.byTopic)).toBe(summary.totalMin);
	});

	const consultation = fc.record({
		date: fc.constantFrom('2026-04-30', '2026-05-01', '2026-05-15', '2026-05-31', '2026-06-01'),
		durationMin: fc.integer({ min: 0, max: 720 }),
		placeKind: fc.constantFrom(...PLACE_KINDS),
		topics: fc.array(fc.constantFrom(...TOPIC_IDS.slice(0, 6), 'model-1-4', 'custom'), { maxLength: 5 }),
		status: fc.constantFrom(...CONSULTATION_STATUSES),
		organisationId: fc.option(fc.constantFrom('o1', 'o2', 'o3', 'o4'), { nil: null })
	});
	const lateConsultation = fc
		.tuple(consultation, fc.option(consultation, { nil: null }), fc.boolean())
		.map(([current, baseline, isLate]) => ({
			...current,
			review: { late: isLate ? { since: '2026-06-02T08:00:00.000Z', baseline } : null }
		}));
	const options = fc.record(
		{
			month: fc.constantFrom('2026-04', '2026-05', '2026-06'),
			statuses: fc.subarray([...CONSULTATION_STATUSES] as ConsultationStatus[])
		},
		{ requiredKeys: [] }
	);

	it('filters by a range of months and by organisations', () => {
		const rows = [
			record({ date: '2026-03-31', organisationId: 'o1' }),
			record({ date: '2026-04-01', organisationId: 'o1' }),
			record({ date: '2026-05-31', organisationId: 'o2' }),
			record({ date: '2026-06-01', organisationId: 'o2' }),
			record({ date: '2026-05-02', organisationId: null })
		];
		const months = { from: '2026-04', to: '2026-05' };
		expect(summariseMinutes(rows, { months }).count).toBe(3);
		expect(summariseMinutes(rows, { months, organisationIds: new Set(['o2']) }).count).toBe(1);
		expect(summariseMinutes(rows, { organisationIds: new Set(['o1', 'o2']) }).count).toBe(4);
	});

	describe('late records', () => {
		const baseline = {
			date: '2026-04-28',
			durationMin: 60,
			placeKind: 'mobile' as const,
			topics: ['taxes'],
			status: 'signed' as const,
			organisationId: 'org-9'
		};
		const late = (overrides: Partial<SummarisedConsultation>, base: typeof baseline | null) =>
			record({ ...overrides, review: { late: { since: '2026-05-03T10:00:00.000Z', baseline: base } } });

		it('count their baseline, not their current facts, and report those as awaiting approval', () => {
			const row = late({ date: '2026-04-28', durationMin: 90, status: 'signed' }, baseline);
			const s = summariseMinutes([row, record({ date: '2026-04-10' })], { month: '2026-04' });
			expect(s.totalMin).toBe(120);
			expect(s.count).toBe(2);
			expect(s.byTopic).toEqual({ taxes: 60, accounting: 60 });
			expect(s.byStatus.signed).toBe(60);
			expect(s.organisations).toBe(2);
			expect(s.awaitingApproval).toEqual({ count: 1, minutes: 90 });
		});

		it('count nothing when the baseline is null (created late)', () => {
			const s = summariseMinutes([late({ date: '2026-04-28', durationMin: 45 }, null)]);
			expect(s.totalMin).toBe(0);
			expect(s.count).toBe(0);
			expect(s.organisations).toBe(0);
			expect(s.awaitingApproval).toEqual({ count: 1, minutes: 45 });
		});

		it('count the baseline in its own month when the late change moved the date', () => {
			const row = late({ date: '2026-05-04', durationMin: 120 }, baseline);
			const april = summariseMinutes([row], { month: '2026-04' });
			const may = summariseMinutes([row], { month: '2026-05' });
			expect(april.totalMin).toBe(60);
			expect(april.awaitingApproval).toEqual({ count: 0, minutes: 0 });
			expect(may.totalMin).toBe(0);
			expect(may.awaitingApproval).toEqual({ count: 1, minutes: 120 });
		});

		it('count normally once approval clears the flag', () => {
			const approved = record({ durationMin: 90, status: 'approved', review: { late: null } });
			const s = summariseMinutes([approved, record({ review: null })]);
			expect(s.totalMin).toBe(150);
			expect(s.awaitingApproval.count).toBe(0);
		});
	});

	it('per-topic, per-place and per-status minutes add up to totalMin', () => {
		fc.assert(
			fc.property(fc.array(consultation, { maxLength: 40 }), options, (rows, opts) => {
				const s = summariseMinutes(rows, opts);
				expect(sum(s.byTopic)).toBe(s.totalMin);
				expect(sum(s.byPlaceKind)).toBe(s.totalMin);
				expect(sum(s.byStatus)).toBe(s.totalMin);
			})
		);
	});

	it('with late records: the sums still add up and a late record counts once, as its baseline', () => {
		fc.assert(
			fc.property(fc.array(lateConsultation, { maxLength: 40 }), options, (rows, opts) => {
				const s = summariseMinutes(rows, opts);
				expect(sum(s.byTopic)).toBe(s.totalMin);
				expect(sum(s.byPlaceKind)).toBe(s.totalMin);
				expect(sum(s.byStatus)).toBe(s.totalMin);
				// The same as summing what each record counts as: its baseline when late, else itself.
				const counted = rows.flatMap((r) => {
					const { review, ...facts } = r;
					return review.late ? (review.late.baseline ? [review.late.baseline] : []) : [facts];
				});
				const expected = summariseMinutes(counted, opts);
				expect({ ...s, awaitingApproval: null }).toEqual({ ...expected, awaitingApproval: null });
				const current = rows.filter((r) => r.review.late).map(({ review: _, ...facts }) => facts);
				const awaiting = summariseMinutes(current, opts);
				expect(s.awaitingApproval).toEqual({ count: awaiting.count, minutes: awaiting.totalMin });
			})
		);
	});

	it('does not depend on the order of the records', () => {
		const rowsAndShuffle = fc
			.array(consultation, { maxLength: 40 })
			.chain((rows) =>
				fc
					.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })
					.map((shuffled) => [rows, shuffled] as const)
			);
		fc.assert(
			fc.property(rowsAndShuffle, options, ([rows, shuffled], opts) => {
				expect(summariseMinutes(shuffled, opts)).toEqual(summariseMinutes(rows, opts));
			})
		);
	});

	it('summing two halves equals summing all', () => {
		const add = (a: Record<string, number>, b: Record<string, number>) => {
			const out: Record<string, number> = { ...a };
			for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
			return out;
		};
		fc.assert(
			fc.property(fc.array(consultation, { maxLength: 40 }), fc.nat(), options, (rows, cut, opts) => {
				const k = rows.length === 0 ? 0 : cut % (rows.length + 1);
				const all = summariseMinutes(rows, opts);
				const a = summariseMinutes(rows.slice(0, k), opts);
				const b = summariseMinutes(rows.slice(k), opts);
				expect(a.totalMin + b.totalMin).toBe(all.totalMin);
				expect(a.count + b.count).toBe(all.count);
				expect(add(a.byTopic, b.byTopic)).toEqual(all.byTopic);
				expect(add(a.byPlaceKind, b.byPlaceKind)).toEqual(all.byPlaceKind);
				expect(add(a.byStatus, b.byStatus)).toEqual(all.byStatus);
			})
		);
	});

	it('never counts drafts by default', () => {
		expect(COUNTED_STATUSES).not.toContain('draft');
		fc.assert(
			fc.property(fc.array(consultation, { maxLength: 30 }), (rows) => {
				expect(summariseMinutes(rows).byStatus.draft).toBe(0);
			})
		);
	});

	it('handles 20,000 records', () => {
		const rows = Array.from({ length: 20_000 }, (_, i) =>
			record({
				date: `2026-0${(i % 3) + 4}-${String((i % 28) + 1).padStart(2, '0')}`,
				durationMin: 15 + (i % 8) * 15,
				placeKind: PLACE_KINDS[i % 3]!,
				topics: TOPIC_IDS.slice(i % 20, (i % 20) + (i % 4)),
				status: CONSULTATION_STATUSES[i % 4]!,
				organisationId: `org-${i % 700}`
			})
		);
		const s = summariseMinutes(rows, { month: '2026-05' });
		expect(s.count).toBe(rows.filter((r) => r.date.startsWith('2026-05') && r.status !== 'draft').length);
		expect(sum(s.byTopic)).toBe(s.totalMin);
	});
});

describe('writing hours', () => {
	it.each([
		[90, '1:30'],
		[45, '0:45'],
		[7200, '120:00'],
		[0, '0:00'],
		[-75, '-1:15']
	])('formatHoursMinutes(%i) = %s', (min, text) => {
		expect(formatHoursMinutes(min)).toBe(text);
	});

	it.each([
		[90, '1,5 h', '1.5 h'],
		[60, '1 h', '1 h'],
		[20, '0,33 h', '0.33 h'],
		[135, '2,25 h', '2.25 h'],
		[74070, '1234,5 h', '1234.5 h']
	])('formatDecimalHours(%i)', (min, pl, en) => {
		expect(formatDecimalHours(min, 'pl')).toBe(pl);
		expect(formatDecimalHours(min, 'en')).toBe(en);
	});

	it.each([
		[60, '1 godzina', '1 hour'],
		[120, '2 godziny', '2 hours'],
		[300, '5 godzin', '5 hours'],
		[90, '1,5 godziny', '1.5 hours'],
		[0, '0 godzin', '0 hours'],
		[12 * 60, '12 godzin', '12 hours'],
		[22 * 60, '22 godziny', '22 hours'],
		[7200, '120 godzin', '120 hours']
	])('hoursPhrase(%i)', (min, pl, en) => {
		expect(hoursPhrase(min, 'pl')).toBe(pl);
		expect(hoursPhrase(min, 'en')).toBe(en);
	});
});

describe('timesForDuration (the length chips)', () => {
	// 10:05 in Warsaw on Thursday 12 November 2026 (CET, UTC+1).
	const NOW = new Date('2026-11-12T09:05:00Z');
	const today = { date: '2026-11-12', startTime: '09:00', endTime: '10:00' };

	it("keeps today's passed end and moves the start, longer or shorter", () => {
		expect(timesForDuration(today, 120, NOW)).toEqual({ startTime: '08:00', endTime: '10:00' });
		expect(timesForDuration(today, 90, NOW)).toEqual({ startTime: '08:30', endTime: '10:00' });
		// 21:45–22:12 just ended: 2 h, then 1,5 h keep 22:12 (the real end).
		const evening = new Date('2026-11-12T21:13:00Z');
		const ended = { date: '2026-11-12', startTime: '21:45', endTime: '22:12' };
		expect(timesForDuration(ended, 120, evening)).toEqual({ startTime: '20:12', endTime: '22:12' });
		expect(timesForDuration({ ...ended, startTime: '20:12' }, 90, evening)).toEqual({
			startTime: '20:42',
			endTime: '22:12'
		});
		// An end within the grace counts as passed.
		expect(timesForDuration({ ...today, endTime: '10:15' }, 60, NOW)).toEqual({
			startTime: '09:15',
			endTime: '10:15'
		});
	});

	it('moves the end on another day, and when the end is still ahead', () => {
		expect(timesForDuration({ ...today, date: '2026-11-10' }, 120, NOW)).toEqual({
			startTime: '09:00',
			endTime: '11:00'
		});
		// The end typed is still ahead (the form says so when completing): the start is what was typed.
		expect(timesForDuration({ ...today, endTime: '11:00' }, 120, NOW)).toEqual({
			startTime: '09:00',
			endTime: '11:00'
		});
		// Just after midnight no start that early fits the day: the end moves (the form then says it has not ended).
		const justAfterMidnight = new Date('2026-11-11T23:40:00Z');
		expect(
			timesForDuration({ date: '2026-11-12', startTime: '00:30', endTime: '00:45' }, 120, justAfterMidnight)
		).toEqual({ startTime: '00:30', endTime: '02:30' });
	});
});

describe('mobileMinutesByCentre', () => {
	const visit = (
		centreId: string | null,
		durationMin: number,
		placeKind: 'mobile' | 'centre' = 'mobile'
	) => ({
		date: '2026-11-10',
		status: 'signed' as const,
		placeKind,
		durationMin,
		organisationId: 'org',
		topics: ['law'],
		centreId
	});
	it("counts towards the centre's plan only its own visits, and says how much was elsewhere", () => {
		const records = [
			visit('lebork', 60),
			visit('slupsk', 90),
			visit(null, 30),
			visit('lebork', 45, 'centre')
		];
		expect(mobileMinutesByCentre(records, 'lebork', '2026-11')).toEqual({ inCentre: 90, elsewhere: 90 });
		expect(mobileMinutesByCentre(records, 'slupsk', '2026-11')).toEqual({ inCentre: 120, elsewhere: 60 });
		expect(mobileMinutesByCentre(records, 'lebork', '2026-12')).toEqual({ inCentre: 0, elsewhere: 0 });
	});
});
