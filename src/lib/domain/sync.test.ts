import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validate } from './schemas';
import {
	LIFEBOAT_FORMAT,
	LifeboatFile,
	MERGE_TEXT_FIELDS,
	mergeChange,
	PUSH_MAX_OPS,
	PushRequest,
	receiptFor,
	sameValue,
	seqOfReceipt,
	type FieldConflict,
	type FieldStamp,
	type MergeChange,
	type MergeTextField
} from './sync';

// ---------------------------------------------------------------------------------------------------------------
// A model of the server's side of the merge (server/sync/push.ts updateConsultation): it applies a change with
// mergeChange, bumps the version, stamps the changed fields with the device, and keeps lost texts as conflicts.

interface ServerRecord {
	values: Record<string, unknown>;
	version: number;
	stamps: Record<string, FieldStamp>;
	conflicts: FieldConflict[];
}

const OTHER_FIELDS = ['durationMin', 'topics', 'placeKind', 'participantCount', 'date'] as const;
const FIELDS = [...MERGE_TEXT_FIELDS, ...OTHER_FIELDS] as const;
type Field = (typeof FIELDS)[number];

const isText = (field: string): field is MergeTextField =>
	(MERGE_TEXT_FIELDS as readonly string[]).includes(field);

function initial(version = 3, stampedAt = version): ServerRecord {
	return {
		values: {
			notes: 'Statut',
			followUps: '',
			address: 'ul. Nadmorska 1',
			durationMin: 60,
			topics: ['law'],
			placeKind: 'mobile',
			participantCount: 1,
			date: '2025-03-03'
		},
		version,
		// Everything was last changed by a device that takes no part in the tests, at `stampedAt`.
		stamps: Object.fromEntries(FIELDS.map((field) => [field, { version: stampedAt, deviceId: 'device-0' }])),
		conflicts: []
	};
}

function serve(record: ServerRecord, change: MergeChange, opId = 'op') {
	const outcome = mergeChange(
		{ current: record.values, version: record.version, stamps: record.stamps, conflicts: record.conflicts },
		change
	);
	const version = record.version + 1;
	const next: ServerRecord = {
		values: { ...record.values, ...outcome.apply },
		version,
		stamps: { ...record.stamps },
		conflicts: [
			...outcome.conflicts,
			...outcome.lost.map((lost) => ({ ...lost, authorId: change.deviceId, opId, version, at: 'now' }))
		]
	};
	for (const field of Object.keys(outcome.apply)) next.stamps[field] = { version, deviceId: change.deviceId };
	return { record: next, outcome };
}

/** A value for a field, never equal to the initial one, so every edit is a real change. */
function valueOf(field: Field, n: number): unknown {
	switch (field) {
		case 'durationMin':
		case 'participantCount':
			return 1000 + n;
		case 'topics':
			return ['grants', `t${n}`];
		case 'placeKind':
			return n % 2 === 0 ? 'remote' : 'centre';
		case 'date':
			return `2025-04-${String((n % 28) + 1).padStart(2, '0')}`;
		default:
			return `tekst ${field} ${n}`;
	}
}

const fieldSet = (fields: readonly Field[]) => fc.uniqueArray(fc.constantFrom(...fields), { minLength: 1 });
const twoDisjointFieldSets = fieldSet(FIELDS).chain((all) =>
	fc.integer({ min: 0, max: all.length }).map((cut) => [all.slice(0, cut), all.slice(cut)] as const)
);

describe('mergeChange', () => {
	it('property: two devices changing different fields from the same version both land, in either server order', () => {
		fc.assert(
			fc.property(twoDisjointFieldSets, fc.boolean(), fc.nat(1000), ([fieldsA, fieldsB], aFirst, n) => {
				const base = initial();
				const a: MergeChange = {
					fields: Object.fromEntries(fieldsA.map((f) => [f, valueOf(f, n)])),
					baseVersion: base.version,
					deviceId: 'device-a'
				};
				const b: MergeChange = {
					fields: Object.fromEntries(fieldsB.map((f) => [f, valueOf(f, n + 1)])),
					baseVersion: base.version,
					deviceId: 'device-b'
				};
				const [first, second] = aFirst ? [a, b] : [b, a];
				const one = serve(base, first);
				const two = serve(one.record, second);
				expect(one.outcome.lost).toEqual([]);
				expect(two.outcome.lost).toEqual([]);
				expect(two.record.values).toEqual({ ...base.values, ...a.fields, ...b.fields });
				expect(two.record.conflicts).toEqual([]);
				// The second was made against an older version: the device is told its change was merged.
				expect(two.outcome.merged).toBe(true);
			})
		);
	});

	it('property: concurrent edits of the same free-text field keep both texts, in either server order', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...MERGE_TEXT_FIELDS),
				fc.string({ maxLength: 30 }),
				fc.string({ maxLength: 30 }),
				fc.boolean(),
				(field, textA, textB, aFirst) => {
					const base = initial();
					fc.pre(textA !== textB && textA !== base.values[field] && textB !== base.values[field]);
					const a: MergeChange = {
						fields: { [field]: textA },
						baseVersion: base.version,
						deviceId: 'device-a'
					};
					const b: MergeChange = {
						fields: { [field]: textB },
						baseVersion: base.version,
						deviceId: 'device-b'
					};
					const [first, second] = aFirst ? [a, b] : [b, a];
					const one = serve(base, first, 'op-first');
					const two = serve(one.record, second, 'op-second');

					// The first in server order is the value; the second is kept beside it, never dropped.
					expect(two.record.values[field]).toBe(first.fields[field]);
					expect(two.outcome.apply).toEqual({});
					expect(two.outcome.lost).toEqual([{ field, value: second.fields[field] }]);
					expect(two.outcome.merged).toBe(true);
					expect(two.record.conflicts).toEqual([
						{
							field,
							value: second.fields[field],
							authorId: second.deviceId,
							opId: 'op-second',
							version: two.record.version,
							at: 'now'
						}
					]);
					const texts = [two.record.values[field], ...two.record.conflicts.map((c) => c.value)];
					expect(texts.sort()).toEqual([textA, textB].sort());
				}
			)
		);
	});

	it("property: a device's own sequential edits never conflict, however stale their base version", () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fieldSet(FIELDS), fc.nat(1000)), { minLength: 1, maxLength: 8 }),
				fc.integer({ min: 0, max: 4 }),
				(edits, staleness) => {
					// Version 5; another device's edits are at version 1, which this device has seen.
					let record = initial(5, 1);
					// It last pulled some versions ago and never pulls in between its edits.
					const baseVersion = record.version - staleness;
					let expected = { ...record.values };
					for (const [fields, n] of edits) {
						const change: MergeChange = {
							fields: Object.fromEntries(fields.map((f) => [f, valueOf(f, n)])),
							baseVersion,
							deviceId: 'device-a'
						};
						const served = serve(record, change);
						expect(served.outcome.lost).toEqual([]);
						record = served.record;
						expected = { ...expected, ...change.fields };
					}
					expect(record.values).toEqual(expected);
					expect(record.conflicts).toEqual([]);
				}
			)
		);
	});

	it('property: concurrent edits of the same non-text field: the later in server order wins', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...OTHER_FIELDS),
				fc.nat(1000),
				fc.nat(1000),
				fc.boolean(),
				(field, m, n, aFirst) => {
					const base = initial();
					const a: MergeChange = {
						fields: { [field]: valueOf(field, m) },
						baseVersion: base.version,
						deviceId: 'device-a'
					};
					const b: MergeChange = {
						fields: { [field]: valueOf(field, n) },
						baseVersion: base.version,
						deviceId: 'device-b'
					};
					const [first, second] = aFirst ? [a, b] : [b, a];
					const two = serve(serve(base, first).record, second);
					expect(two.outcome.lost).toEqual([]);
					expect(two.record.values[field]).toEqual(second.fields[field]);
					expect(two.record.conflicts).toEqual([]);
				}
			)
		);
	});

	it('property: `resolves` clears only the conflicts of its fields at or below the base version', () => {
		const conflict = fc.record({
			field: fc.constantFrom(...MERGE_TEXT_FIELDS),
			value: fc.string({ maxLength: 5 }),
			authorId: fc.constant('advisor-2'),
			opId: fc.uuid(),
			version: fc.integer({ min: 1, max: 10 }),
			at: fc.constant('2025-03-10T08:00:00.000Z')
		});
		fc.assert(
			fc.property(
				fc.array(conflict, { maxLength: 6 }),
				fc.subarray([...MERGE_TEXT_FIELDS]),
				fc.integer({ min: 0, max: 10 }),
				(conflicts, resolves, baseVersion) => {
					const base = initial(10);
					const outcome = mergeChange(
						{ current: base.values, version: base.version, stamps: base.stamps, conflicts },
						{ fields: {}, baseVersion, deviceId: 'device-a', resolves }
					);
					const cleared = (c: FieldConflict) =>
						(resolves as string[]).includes(c.field) && c.version <= baseVersion;
					expect(outcome.conflicts).toEqual(conflicts.filter((c) => !cleared(c)));
					// A conflict that arose after what the user saw survives their resolution.
					for (const c of conflicts) if (c.version > baseVersion) expect(outcome.conflicts).toContain(c);
				}
			)
		);
	});

	it('a resolution of a text field takes effect even though another device changed it since', () => {
		const base = initial();
		const one = serve(base, { fields: { notes: 'B' }, baseVersion: base.version, deviceId: 'device-b' });
		const two = serve(one.record, {
			fields: { notes: 'A' },
			baseVersion: base.version,
			deviceId: 'device-a'
		});
		expect(two.record.conflicts).toMatchObject([{ field: 'notes', value: 'A' }]);
		const three = serve(two.record, {
			fields: { notes: 'A i B' },
			baseVersion: two.record.version,
			deviceId: 'device-a',
			resolves: ['notes']
		});
		expect(three.outcome.apply).toEqual({ notes: 'A i B' });
		expect(three.record.conflicts).toEqual([]);
	});

	it('a resolution never overwrites a text another device wrote after the version it was made at', () => {
		// Found while building the sync simulation: the combined text replaced a newer note and its words were lost.
		const base = initial();
		const one = serve(base, { fields: { notes: 'B' }, baseVersion: base.version, deviceId: 'device-b' });
		const two = serve(one.record, {
			fields: { notes: 'A' },
			baseVersion: base.version,
			deviceId: 'device-a'
		});
		const three = serve(two.record, {
			fields: { notes: 'B C' },
			baseVersion: two.record.version,
			deviceId: 'device-c'
		});
		const four = serve(three.record, {
			fields: { notes: 'A i B' },
			baseVersion: two.record.version,
			deviceId: 'device-a',
			resolves: ['notes']
		});
		expect(four.outcome.apply).toEqual({});
		expect(four.record.values.notes).toBe('B C');
		// The version it resolved (A) is cleared; the resolution itself waits beside the newer text.
		expect(four.record.conflicts).toMatchObject([{ field: 'notes', value: 'A i B' }]);
	});

	it('property: unchanged values are never applied, and every changed field is applied or kept as lost', () => {
		const value = fc.oneof(
			fc.string({ maxLength: 4 }),
			fc.integer({ min: 0, max: 3 }),
			fc.constantFrom(['law'], ['law', 'krs'], [], null)
		);
		fc.assert(
			fc.property(
				fc.dictionary(fc.constantFrom(...FIELDS), value),
				fc.dictionary(fc.constantFrom(...FIELDS), value),
				fc.dictionary(
					fc.constantFrom(...FIELDS),
					fc.record({ version: fc.integer({ min: 0, max: 6 }), deviceId: fc.constantFrom('a', 'b') })
				),
				fc.integer({ min: 0, max: 6 }),
				fc.constantFrom('a', 'b'),
				(current, fields, stamps, baseVersion, deviceId) => {
					const outcome = mergeChange(
						{ current, version: 6, stamps, conflicts: [] },
						{ fields, baseVersion, deviceId }
					);
					for (const [field, applied] of Object.entries(outcome.apply)) {
						expect(sameValue(current[field], applied)).toBe(false);
						expect(applied).toBe(fields[field]);
					}
					for (const [field, incoming] of Object.entries(fields)) {
						const kept =
							field in outcome.apply || outcome.lost.some((l) => l.field === field && l.value === incoming);
						expect(kept).toBe(!sameValue(current[field], incoming));
					}
					for (const lost of outcome.lost) expect(isText(lost.field)).toBe(true);
				}
			)
		);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Receipts

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_SYMBOLS = CROCKFORD + '*~$=U';
/** Letters a person may type for a digit that looks like them. */
const ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };
const seqs = fc.oneof(
	fc.integer({ min: 0, max: 100_000 }),
	fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })
);

describe('receipts', () => {
	it('look like "0009Z-4": at least five base-32 digits, a dash, a check symbol', () => {
		expect(receiptFor(0)).toBe('00000-0');
		expect(receiptFor(37)).toBe('00015-0');
		expect(receiptFor(36)).toBe('00014-U');
		expect(receiptFor(32 ** 5)).toBe('100000-' + CHECK_SYMBOLS[32 ** 5 % 37]);
	});

	it('property: seqOfReceipt(receiptFor(n)) === n for every safe n ≥ 0', () => {
		fc.assert(
			fc.property(seqs, (n) => {
				const receipt = receiptFor(n);
				expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{5,11}-[0-9A-HJKMNP-TV-Z*~$=U]$/);
				expect(seqOfReceipt(receipt)).toBe(n);
			})
		);
		expect(seqOfReceipt(receiptFor(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
	});

	it('property: forgives lower case, spaces, a missing dash, O for 0 and I or L for 1', () => {
		fc.assert(
			fc.property(seqs, fc.boolean(), (n, upperAliases) => {
				const receipt = receiptFor(n);
				expect(seqOfReceipt(receipt.toLowerCase())).toBe(n);
				expect(seqOfReceipt(` ${receipt.split('').join(' ')} `)).toBe(n);
				expect(seqOfReceipt(receipt.replace('-', ''))).toBe(n);
				const [digits = '', check = ''] = receipt.split('-');
				const typed = (s: string) =>
					s.replaceAll('0', upperAliases ? 'O' : 'o').replaceAll('1', upperAliases ? 'I' : 'l');
				expect(seqOfReceipt(`${typed(digits)}-${check}`)).toBe(n);
			})
		);
		expect(seqOfReceipt('0001L-1')).toBe(seqOfReceipt('00011-1'));
	});

	it('property: a single mistyped symbol is caught (mod 37 is prime and above 32, so every one is)', () => {
		// Replacing digit d by d' at weight 32^k moves the sequence by (d'-d)·32^k: 0 < |d'-d| < 37 and 37 ∤ 32^k,
		// so the check symbol never matches again. A changed check symbol names another residue. Either way: null.
		const symbols = [...new Set([...CHECK_SYMBOLS, ...Object.keys(ALIASES), 'I', '#', '-'])];
		fc.assert(
			fc.property(seqs, fc.nat(), fc.constantFrom(...symbols), (n, at, symbol) => {
				const receipt = receiptFor(n);
				const positions = [...receipt].flatMap((c, i) => (c === '-' ? [] : [i]));
				const index = positions[at % positions.length]!;
				const original = receipt[index]!;
				const typed = receipt.slice(0, index) + symbol + receipt.slice(index + 1);
				const sameSymbol = (ALIASES[symbol] ?? symbol) === original;
				expect(seqOfReceipt(typed)).toBe(sameSymbol ? n : null);
			})
		);
	});

	it('property: two swapped neighbouring digits are caught too ((b-a)·31·32^k is never a multiple of 37)', () => {
		fc.assert(
			fc.property(seqs, fc.nat(), (n, at) => {
				const [digits = '', check = ''] = receiptFor(n).split('-');
				const i = at % (digits.length - 1);
				fc.pre(digits[i] !== digits[i + 1]);
				const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
				expect(seqOfReceipt(`${swapped}-${check}`)).toBeNull();
			})
		);
	});

	it('rejects what is not a receipt', () => {
		for (const input of ['', '-', '0009Z-', '0009Z-44', '0009U-1', 'ABC!-1', '000000000000-0']) {
			expect(seqOfReceipt(input)).toBeNull();
		}
	});

	it('has no receipt for a negative, fractional, unsafe or missing sequence', () => {
		for (const seq of [-1, Number.NaN, 1.5, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
			expect(() => receiptFor(seq)).toThrow(RangeError);
		}
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const DEVICE = '0190a4d2-7c3e-7000-8000-000000000001';
const opId = (n: number) => `0190a4d2-7c3e-7000-8000-${String(n).padStart(12, '0')}`;

function operation(n = 1, overrides: Record<string, unknown> = {}) {
	return {
		opId: opId(n),
		entity: 'consultation',
		entityId: '0190a4d2-7c3e-7000-9000-000000000001',
		op: 'update',
		fields: { notes: 'Statut' },
		baseVersion: 3,
		...overrides
	};
}

describe('PushRequest', () => {
	it('accepts a batch of up to PUSH_MAX_OPS operations and lower-cases ids', () => {
		const ops = Array.from({ length: PUSH_MAX_OPS }, (_, i) => operation(i));
		const result = validate(PushRequest, { deviceId: DEVICE.toUpperCase(), ops });
		expect(result).toMatchObject({ ok: true, value: { deviceId: DEVICE } });
		expect(validate(PushRequest, { deviceId: DEVICE, ops: [operation(1, { resolves: ['notes'] })] }).ok).toBe(
			true
		);
	});

	it('rejects more than PUSH_MAX_OPS operations, and none', () => {
		const ops = Array.from({ length: PUSH_MAX_OPS + 1 }, (_, i) => operation(i));
		expect(validate(PushRequest, { deviceId: DEVICE, ops })).toEqual({
			ok: false,
			fieldErrors: { ops: 'sync.batchTooLarge' }
		});
		expect(validate(PushRequest, { deviceId: DEVICE, ops: [] })).toEqual({
			ok: false,
			fieldErrors: { ops: 'sync.emptyBatch' }
		});
	});

	it('rejects unknown keys, in the request and in an operation', () => {
		expect(validate(PushRequest, { deviceId: DEVICE, ops: [operation()], extra: 1 })).toMatchObject({
			ok: false,
			fieldErrors: { extra: 'validation.unknownField' }
		});
		expect(validate(PushRequest, { deviceId: DEVICE, ops: [operation(1, { seq: 4 })] })).toMatchObject({
			ok: false,
			fieldErrors: { 'ops.0.seq': 'validation.unknownField' }
		});
	});

	it.each([
		['deviceId', { deviceId: 'phone-1', ops: [operation()] }, 'deviceId'],
		['opId', { deviceId: DEVICE, ops: [operation(1, { opId: 'op-1' })] }, 'ops.0.opId'],
		['entityId', { deviceId: DEVICE, ops: [operation(1, { entityId: '1234' })] }, 'ops.0.entityId']
	])('rejects a bad uuid as %s', (_name, body, path) => {
		expect(validate(PushRequest, body)).toEqual({ ok: false, fieldErrors: { [path]: 'validation.id' } });
	});

	it('rejects an unknown entity, an unknown op, a negative base version and an unknown resolved field', () => {
		const errors = (overrides: Record<string, unknown>) =>
			validate(PushRequest, { deviceId: DEVICE, ops: [operation(1, overrides)] });
		expect(errors({ entity: 'user' })).toEqual({
			ok: false,
			fieldErrors: { 'ops.0.entity': 'sync.unknownEntity' }
		});
		expect(errors({ op: 'upsert' })).toEqual({ ok: false, fieldErrors: { 'ops.0.op': 'sync.unknownOp' } });
		expect(errors({ baseVersion: -1 }).ok).toBe(false);
		expect(errors({ resolves: ['status'] })).toEqual({
			ok: false,
			fieldErrors: { 'ops.0.resolves.0': 'validation.unknownField' }
		});
	});
});

describe('LifeboatFile', () => {
	const file = {
		format: LIFEBOAT_FORMAT,
		version: 1,
		userId: '0190a4d2-7c3e-7000-8000-00000000aaaa',
		deviceId: DEVICE,
		exportedAt: '2025-03-10T08:00:00.000Z',
		ops: [operation(1), operation(2, { entity: 'amendment', op: 'create', baseVersion: null })]
	};

	it('accepts a valid file', () => {
		expect(validate(LifeboatFile, file)).toEqual({ ok: true, value: file });
	});

	it('rejects another format, another version and unknown keys', () => {
		expect(validate(LifeboatFile, { ...file, format: 'backup' })).toEqual({
			ok: false,
			fieldErrors: { format: 'sync.lifeboat.notLifeboat' }
		});
		expect(validate(LifeboatFile, { ...file, version: 2 })).toEqual({
			ok: false,
			fieldErrors: { version: 'sync.lifeboat.version' }
		});
		expect(validate(LifeboatFile, { ...file, note: 'x' }).ok).toBe(false);
	});
});
