/**
 * The verdict after the devices have gone quiet. Each check throws a CheckFailure naming the first thing that is
 * wrong, with enough detail (record, operation, device) to start debugging from the seed that reproduces it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '$lib/server/db/schema';
import { httpTransport } from '$lib/client/sync/transport';
import { DEVICE_ID } from '$lib/client/db/sync-apply';
import { monthIndexOf, type MonthIndexRow } from '$lib/client/db/month-index';
import type { SyncAmendment, SyncConsultation, SyncOrganisation } from '$lib/domain/sync';
import type { ColleagueVisit } from '$lib/domain/consultation';
import { tokensIn, type ActionLog } from './actions';
import type { SimDevice } from './devices';
import { describeAck, type Ledger } from './ledger';

export class CheckFailure extends Error {
	constructor(
		readonly check: string,
		message: string
	) {
		super(`${check}: ${message}`);
	}
}

interface ServerView {
	consultations: Map<string, SyncConsultation>;
	amendments: Map<string, SyncAmendment>;
	organisations: Map<string, SyncOrganisation>;
	/** Colleagues' visits (advisors only). */
	visits: Map<string, ColleagueVisit>;
}

/** JSON with sorted keys and undefined dropped, so two copies of a record compare by content only. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
			: v
	);
}

function fieldDiffs(device: Record<string, unknown>, server: Record<string, unknown>): string[] {
	const keys = [...new Set([...Object.keys(device), ...Object.keys(server)])].sort();
	return keys
		.filter((key) => canonical(device[key]) !== canonical(server[key]))
		.map((key) => `${key}: device ${short(device[key])} / server ${short(server[key])}`);
}

function short(value: unknown): string {
	const text = canonical(value) ?? 'undefined';
	return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** What the server shows this user from scratch: a pull from no cursor, every page. */
async function serverView(baseUrl: string, cookie: string | null): Promise<ServerView> {
	const transport = httpTransport({
		baseUrl,
		headers: () => ({ origin: baseUrl, ...(cookie ? { cookie: `doradca_session=${cookie}` } : {}) })
	});
	const view: ServerView = {
		consultations: new Map(),
		amendments: new Map(),
		organisations: new Map(),
		visits: new Map()
	};
	let cursor: string | null = null;
	for (let page = 0; page < 10_000; page++) {
		const result = await transport.pull(cursor, 1000);
		if (!result.ok) throw new CheckFailure('server view', `pull failed: ${JSON.stringify(result)}`);
		for (const change of result.data.changes) {
			if (change.deleted) {
				view.consultations.delete(change.id);
				view.amendments.delete(change.id);
				view.organisations.delete(change.id);
				view.visits.delete(change.id);
			} else if (change.entity === 'consultation') view.consultations.set(change.id, change.record);
			else if (change.entity === 'amendment') view.amendments.set(change.id, change.record);
			else if (change.entity === 'visit') view.visits.set(change.id, change.record);
			else view.organisations.set(change.id, change.record);
		}
		cursor = result.data.cursor;
		if (!result.data.more) return view;
	}
	throw new CheckFailure('server view', 'the pull never ended');
}

/**
 * 1. Every device holds exactly what the server shows its user, and its month index is what its records make.
 * Returns how many colleagues' visits the devices hold in all (the summary line shows it: the check compared some).
 * The one allowed difference: something the server refused and the device keeps, with the refusal, for the user
 * to read (never acknowledged as stored).
 */
export async function checkDevicesMatchServer(
	devices: readonly SimDevice[],
	baseUrl: string
): Promise<{ colleagueVisits: number }> {
	const views = new Map<string, ServerView>();
	let colleagueVisits = 0;
	for (const device of devices) {
		const name = `device ${device.name} (${device.account.email})`;
		const pending = await device.db.outbox.count();
		if (pending > 0)
			throw new CheckFailure('1 devices = server', `${name} still has ${pending} outbox entries`);
		let view = views.get(device.account.userId);
		if (!view) {
			view = await serverView(baseUrl, device.sessionCookie);
			views.set(device.account.userId, view);
		}
		const refused = new Set((await device.db.refusals.toArray()).map((r) => `${r.entity}:${r.entityId}`));

		const compare = async <T extends { id: string }>(
			entity: 'consultation' | 'amendment' | 'organisation' | 'visit',
			local: readonly T[],
			server: Map<string, unknown>,
			strip: (row: T) => Record<string, unknown>,
			onlyLocalAllowed: (row: T) => boolean
		) => {
			const seen = new Set<string>();
			for (const row of local) {
				seen.add(row.id);
				const remote = server.get(row.id) as Record<string, unknown> | undefined;
				if (!remote) {
					if (onlyLocalAllowed(row) && refused.has(`${entity}:${row.id}`)) continue;
					throw new CheckFailure(
						'1 devices = server',
						`${name} holds ${entity} ${row.id} which the server does not show: ${short(row)}`
					);
				}
				const diffs = fieldDiffs(strip(row), remote);
				if (diffs.length > 0) {
					throw new CheckFailure(
						'1 devices = server',
						`${name}: ${entity} ${row.id} differs from the server's copy:\n  ${diffs.slice(0, 8).join('\n  ')}`
					);
				}
			}
			for (const id of server.keys()) {
				if (!seen.has(id)) {
					throw new CheckFailure('1 devices = server', `${name} lacks ${entity} ${id} that the server shows`);
				}
			}
		};

		await compare(
			'consultation',
			await device.db.consultations.toArray(),
			view.consultations,
			(row) => ({ ...row }),
			(row) => row.version === 0
		);
		// The device's month index (what its month screen sums hours from) is what its records make.
		const index = (await device.db.monthIndex.toArray()).filter((row) => Object.keys(row.entries).length > 0);
		const expected = monthIndexOf(await device.db.consultations.toArray());
		const byDay = (row: MonthIndexRow) => [`${row.advisorId}|${row.date}`, row.entries] as const;
		const diffs = fieldDiffs(Object.fromEntries(index.map(byDay)), Object.fromEntries(expected.map(byDay)));
		if (diffs.length > 0) {
			throw new CheckFailure(
				'1 devices = server',
				`${name}: the month index differs from its records (device index / records):\n  ${diffs.slice(0, 8).join('\n  ')}`
			);
		}
		await compare(
			'amendment',
			await device.db.amendments.toArray(),
			view.amendments,
			(row) => ({ ...row }),
			(row) => row.receipt === null
		);
		await compare(
			'organisation',
			await device.db.organisations.toArray(),
			view.organisations,
			({ origin: _origin, ...row }) => row,
			(row) => row.origin === 'local'
		);
		// Colleagues' visits: read-only copies, so none may be held that the server does not show.
		const visits = await device.db.colleagueVisits.toArray();
		colleagueVisits += visits.length;
		await compare(
			'visit',
			visits,
			view.visits,
			(row) => ({ ...row }),
			() => false
		);
	}
	return { colleagueVisits };
}

/**
 * 2. The server holds every acknowledged operation exactly once, with the answer the device got, and applied it
 * once: a consultation's version counts its accepted changes, each amendment and organisation has one create.
 * 3. Nothing is missing either way: the operations the server recorded are exactly those the devices were
 * answered for, and every operation a device sent was answered in the end.
 */
export async function checkOperations(
	db: Kysely<DB>,
	devices: readonly SimDevice[],
	ledger: Ledger
): Promise<void> {
	const rows = await db.selectFrom('syncOps').selectAll().execute();
	const byOpId = new Map(rows.map((row) => [row.opId, row]));
	const deviceIds = new Map<string, string>();
	for (const device of devices) {
		deviceIds.set(device.name, String((await device.db.meta.get(DEVICE_ID))?.value));
	}

	if (ledger.disagreements.length > 0) {
		throw new CheckFailure('2 exactly once', `a replayed answer differs: ${ledger.disagreements[0]}`);
	}
	for (const ack of ledger.acks.values()) {
		const row = byOpId.get(ack.opId);
		if (!row) {
			throw new CheckFailure(
				'3 nothing missing',
				`op ${ack.opId} was acknowledged to ${ack.device} (${describeAck(ack)}) but is not in sync_ops`
			);
		}
		const seq = row.seq === null ? null : Number(row.seq);
		if (
			row.status !== ack.status ||
			seq !== ack.seq ||
			row.receipt !== ack.receipt ||
			(row.code ?? undefined) !== ack.code
		) {
			throw new CheckFailure(
				'2 exactly once',
				`op ${ack.opId}: device ${ack.device} was told ${describeAck(ack)}, sync_ops says ${row.status}${row.code ? `/${row.code}` : ''} seq=${seq ?? '-'} receipt=${row.receipt ?? '-'}`
			);
		}
		if (row.deviceId !== deviceIds.get(ack.device)) {
			throw new CheckFailure(
				'2 exactly once',
				`op ${ack.opId} is recorded for device ${row.deviceId}, sent by ${ack.device}`
			);
		}
	}
	for (const row of rows) {
		if (!ledger.acks.has(row.opId)) {
			const sent = ledger.sent.get(row.opId);
			throw new CheckFailure(
				'3 nothing missing',
				sent
					? `op ${row.opId} (${row.entity} ${row.op} from ${sent.device}) is in sync_ops as ${row.status} but its device never got an answer`
					: `op ${row.opId} is in sync_ops but no device sent it`
			);
		}
	}
	for (const sent of ledger.sent.values()) {
		if (!ledger.acks.has(sent.opId)) {
			throw new CheckFailure(
				'3 nothing missing',
				`op ${sent.opId} (${sent.entity} ${sent.op}) sent by ${sent.device} was never answered`
			);
		}
	}
	if (ledger.rejectedPushes.length > 0) {
		const [first] = ledger.rejectedPushes;
		throw new CheckFailure(
			'3 nothing missing',
			`a whole push of ${first!.device} was rejected (${first!.message}); its ${first!.opIds.length} ops became local refusals the server never recorded`
		);
	}

	const seqs = new Map<number, string>();
	for (const row of rows) {
		if (row.seq === null) continue;
		const other = seqs.get(Number(row.seq));
		if (other) throw new CheckFailure('2 exactly once', `ops ${other} and ${row.opId} share seq ${row.seq}`);
		seqs.set(Number(row.seq), row.opId);
	}

	const counted = rows.filter((row) => row.seq !== null && row.status !== 'refused');
	const amendments = await db.selectFrom('consultationAmendments').selectAll().execute();
	const amendmentOps = new Map(counted.filter((r) => r.entity === 'amendment').map((r) => [r.entityId, r]));
	for (const amendment of amendments) {
		const op = amendmentOps.get(amendment.id);
		if (!op || Number(op.seq) !== Number(amendment.seq)) {
			throw new CheckFailure(
				'2 exactly once',
				`amendment ${amendment.id} has no matching create op (seq ${amendment.seq})`
			);
		}
	}
	const consultations = await db.selectFrom('consultations').selectAll().execute();
	for (const consultation of consultations) {
		const ops = counted.filter((r) => r.entity === 'consultation' && r.entityId === consultation.id);
		const creates = ops.filter((r) => r.op === 'create').length;
		const changes = ops.filter((r) => r.op !== 'create').length;
		// An amendment whose values the record already had is kept as history without changing the record.
		const amended = amendments.filter(
			(a) => a.consultationId === consultation.id && a.changes !== '{}'
		).length;
		if (creates !== 1) {
			throw new CheckFailure(
				'2 exactly once',
				`consultation ${consultation.id} has ${creates} applied creates`
			);
		}
		if (consultation.version !== 1 + changes + amended) {
			throw new CheckFailure(
				'2 exactly once',
				`consultation ${consultation.id} is at version ${consultation.version}, but sync_ops holds 1 create, ${changes} changes and ${amended} amendments that changed it (expected version ${1 + changes + amended})`
			);
		}
		const deletes = ops.filter((r) => r.op === 'delete').length;
		if (deletes !== (consultation.deletedAt ? 1 : 0)) {
			throw new CheckFailure(
				'2 exactly once',
				`consultation ${consultation.id} (deleted: ${Boolean(consultation.deletedAt)}) has ${deletes} applied deletes`
			);
		}
	}
	const organisationOps = counted.filter((r) => r.entity === 'organisation');
	const organisations = new Map(
		(await db.selectFrom('organisations').select(['id', 'version']).execute()).map((o) => [o.id, o])
	);
	for (const op of organisationOps) {
		const organisation = organisations.get(op.entityId);
		if (!organisation || organisation.version !== 1) {
			throw new CheckFailure(
				'2 exactly once',
				`organisation ${op.entityId} created by op ${op.opId} is ${organisation ? `at version ${organisation.version}` : 'missing'}`
			);
		}
	}
	if (new Set(organisationOps.map((op) => op.entityId)).size !== organisationOps.length) {
		throw new CheckFailure('2 exactly once', 'an organisation was created by two operations');
	}
}

/**
 * 4. No text was dropped. Every token typed on a device went out in an operation (unless that device deleted
 * the draft); every token in an accepted operation is in the record's final text or its kept conflicts — or, for
 * a correction overtaken by a later one, in the amendment history — unless the record was deleted; every token
 * in a refused operation is in that device's refusals.
 */
export async function checkNoTextDropped(
	db: Kysely<DB>,
	devices: readonly SimDevice[],
	ledger: Ledger,
	log: ActionLog
): Promise<{ historyOnly: number; inDeleted: number }> {
	const consultations = new Map(
		(await db.selectFrom('consultations').selectAll().execute()).map((row) => [row.id, row])
	);
	const history = new Map<string, string>();
	for (const amendment of await db.selectFrom('consultationAmendments').selectAll().execute()) {
		history.set(amendment.consultationId, (history.get(amendment.consultationId) ?? '') + amendment.changes);
	}

	const sentTokens = new Map<string, string[]>(); // token → opIds carrying it
	const carried = (op: { entity: string; fields: Record<string, unknown> }) => {
		if (op.entity === 'consultation') return [...tokensIn(op.fields.notes), ...tokensIn(op.fields.followUps)];
		if (op.entity === 'amendment') {
			const changes = (op.fields.changes ?? {}) as Record<string, { after?: unknown }>;
			return [...tokensIn(changes.notes?.after), ...tokensIn(changes.followUps?.after)];
		}
		return [];
	};
	for (const op of ledger.sent.values()) {
		for (const token of carried(op)) sentTokens.set(token, [...(sentTokens.get(token) ?? []), op.opId]);
	}

	for (const typed of log.tokens) {
		if (sentTokens.has(typed.token)) continue;
		if (log.deleted.has(`${typed.device}:${typed.recordId}`)) continue;
		const row = consultations.get(typed.recordId);
		throw new CheckFailure(
			'4 no text dropped',
			`token ${typed.token} typed into ${typed.field} of ${typed.recordId} on ${typed.device} never left the device (server: ${row ? `version ${row.version}, notes ${short(row.notes)}` : 'no such record'})`
		);
	}

	let historyOnly = 0;
	let inDeleted = 0;
	const refusals = new Map<string, string>();
	for (const device of devices) {
		for (const refusal of await device.db.refusals.toArray())
			refusals.set(refusal.opId, canonical(refusal.fields));
	}
	for (const ack of ledger.acks.values()) {
		const op = ledger.sent.get(ack.opId);
		if (!op) continue;
		const tokens = carried(op);
		if (tokens.length === 0) continue;
		if (ack.status === 'refused') {
			const kept = refusals.get(ack.opId) ?? '';
			const missing = tokens.find((token) => !kept.includes(token));
			if (missing) {
				throw new CheckFailure(
					'4 no text dropped',
					`token ${missing} of refused op ${ack.opId} (${ack.code}) is not in ${ack.device}'s refusals`
				);
			}
			continue;
		}
		const recordId = op.entity === 'amendment' ? String(op.fields.consultationId) : op.entityId;
		const row = consultations.get(recordId);
		if (!row || row.deletedAt) {
			inDeleted += tokens.length;
			continue;
		}
		const kept = [row.notes, row.followUps, row.conflicts].join('\n');
		for (const token of tokens) {
			if (kept.includes(token)) continue;
			if ((history.get(recordId) ?? '').includes(token)) {
				historyOnly += 1;
				continue;
			}
			throw new CheckFailure(
				'4 no text dropped',
				`token ${token} of ${ack.status} op ${ack.opId} (${op.entity} ${op.op} from ${op.device}, base ${op.baseVersion}${op.resolves.length ? `, resolves ${op.resolves.join(',')}` : ''}) is gone from consultation ${recordId} (version ${row.version}):\n  notes ${short(row.notes)}\n  followUps ${short(row.followUps)}\n  conflicts ${short(row.conflicts)}\n${recordHistory(ledger, recordId)}\nwhat the devices did and saw:\n${ledger.story(recordId)}`
			);
		}
	}
	return { historyOnly, inDeleted };
}

/** The accepted and refused operations on one record in server order: what a failure report needs first. */
function recordHistory(ledger: Ledger, recordId: string): string {
	const lines: { seq: number; line: string }[] = [];
	for (const ack of ledger.acks.values()) {
		const op = ledger.sent.get(ack.opId);
		if (!op) continue;
		const target = op.entity === 'amendment' ? String(op.fields.consultationId) : op.entityId;
		if (target !== recordId) continue;
		const fields = Object.entries(op.fields)
			.filter(
				([field]) =>
					op.entity !== 'consultation' || op.op !== 'create' || field === 'notes' || field === 'followUps'
			)
			.map(([field, value]) => `${field}=${short(value)}`)
			.join(' ');
		lines.push({
			seq: ack.seq ?? Number.MAX_SAFE_INTEGER,
			line: `  seq ${ack.seq ?? '-'} ${op.device} ${op.entity} ${op.op} base ${op.baseVersion ?? '-'} → ${ack.status}${ack.code ? `/${ack.code}` : ''}${ack.conflicts.length ? ` (kept: ${ack.conflicts.join(',')})` : ''}${op.resolves.length ? ` resolves ${op.resolves.join(',')}` : ''}: ${fields}`
		});
	}
	return `history of ${recordId}:\n${lines
		.sort((a, b) => a.seq - b.seq)
		.map((l) => l.line)
		.join('\n')}`;
}
