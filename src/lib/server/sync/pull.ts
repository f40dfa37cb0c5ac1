/**
 * Pull: every change the user may see since their cursor, in server order, a page at a time. One snapshot per
 * page (repeatable read on PostgreSQL), so the page and its cursor agree even while pushes commit meanwhile.
 */
import type { Kysely } from 'kysely';
import type { Identity } from '$lib/domain/roles';
import {
	PULL_DEFAULT_LIMIT,
	SYNC_PROTOCOL_KEPT_SIGNATURES,
	SYNC_PROTOCOL_VERSION,
	SYNC_PROTOCOL_VISITS,
	type PullResponse,
	type SyncChange
} from '$lib/domain/sync';
import { withTransaction } from '../db/database';
import type { DB } from '../db/schema';
import { canReadOrganisation } from '../permissions';
import { ApiError } from '../http/api-error';
import {
	COLLEAGUE_VISIT_COLUMNS,
	scopeKey,
	toColleagueVisit,
	toSyncAmendment,
	toSyncConsultation,
	toSyncOrganisation
} from './records';
import { currentSeq } from './sequence';

const CURSOR = /^v1\.(\d{1,15})\.([0-9a-f]{12})$/;

/** A page stops at `limit` changes or about PULL_PAGE_BYTES of JSON (signatures are large), whichever comes first. */
const PULL_PAGE_BYTES = 2 * 1024 * 1024;

function firstPage(changes: SyncChange[], limit: number): SyncChange[] {
	let bytes = 0;
	let count = 0;
	for (const change of changes) {
		if (count >= limit) break;
		bytes += JSON.stringify(change).length;
		if (count > 0 && bytes > PULL_PAGE_BYTES) break;
		count += 1;
	}
	return changes.slice(0, count);
}

export function formatCursor(seq: number, scope: string): string {
	return `v1.${seq}.${scope}`;
}

/** A cursor's sequence number and scope; null on a first pull. A malformed cursor is refused with `bad_cursor`. */
export function parseCursor(cursor: string | undefined): { seq: number; scope: string } | null {
	if (cursor === undefined) return null;
	const match = CURSOR.exec(cursor);
	if (!match) throw new ApiError(400, 'bad_cursor', 'sync.badCursor');
	return { seq: Number(match[1]), scope: match[2]! };
}

/**
 * Where to start, and whether the device must replace what it holds: from the start with a reset on the first pull,
 * after a change of scope, and when the cursor is ahead of `current`, the server's last sequence number. No pull
 * ever gave such a cursor: the database was restored from an older backup (or replaced), and the numbers up to the
 * cursor now name other changes, which the device would otherwise never receive — as a push treats a baseVersion
 * from the future as 0.
 */
export function readCursor(
	cursor: { seq: number; scope: string } | null,
	scope: string,
	current: number
): { from: number; reset: boolean } {
	if (cursor === null || cursor.scope !== scope || cursor.seq > current) return { from: 0, reset: true };
	return { from: cursor.seq, reset: false };
}

export async function pullChanges(
	db: Kysely<DB>,
	user: Identity,
	cursor: string | undefined,
	limit = PULL_DEFAULT_LIMIT,
	/** The client's protocol version (`checkProtocol`): older clients are not sent what they cannot store. */
	protocol = SYNC_PROTOCOL_VERSION
): Promise<PullResponse> {
	const visits = user.role === 'advisor' && protocol >= SYNC_PROTOCOL_VISITS;
	const keepsSignatures = protocol >= SYNC_PROTOCOL_KEPT_SIGNATURES;
	const scope = scopeKey(user, { visits });
	const parsed = parseCursor(cursor);
	return withTransaction(
		db,
		async (trx) => {
			// Read first, so on PostgreSQL the page's snapshot is the one this number belongs to.
			const current = await currentSeq(trx);
			const { from, reset } = readCursor(parsed, scope, current);
			const take = limit + 1;
			const consultationScope =
				user.role === 'advisor'
					? { column: 'advisorId' as const, values: [user.userId] }
					: user.role === 'coordinator'
						? { column: 'centreId' as const, values: user.centreIds.length ? user.centreIds : [''] }
						: null;

			const changes: SyncChange[] = [];
			// A query that returned `take` rows ends the page before its last one: later queries need not read past it.
			let bound = Number.MAX_SAFE_INTEGER;
			const cut = (rows: readonly { seq: number | string | bigint }[]) => {
				if (rows.length === take) bound = Math.min(bound, Number(rows[rows.length - 1]!.seq));
			};
			if (consultationScope) {
				const rows = await trx
					.selectFrom('consultations')
					.selectAll()
					.where('seq', '>', from)
					.where(consultationScope.column, 'in', consultationScope.values)
					.orderBy('seq')
					.limit(take)
					.execute();
				cut(rows);
				for (const row of rows) {
					const seq = Number(row.seq);
					if (row.deletedAt) {
						changes.push({ seq, id: row.id, entity: 'consultation', deleted: true });
						continue;
					}
					const record = toSyncConsultation(row);
					// Signed at or before the cursor, the device has the image (after a reset `from` is 0: never).
					const kept = keepsSignatures && row.signedSeq !== null && Number(row.signedSeq) <= from;
					changes.push(
						kept
							? {
									seq,
									id: row.id,
									entity: 'consultation',
									deleted: false,
									record: { ...record, signature: null },
									signatureKept: true
								}
							: { seq, id: row.id, entity: 'consultation', deleted: false, record }
					);
				}
				// Amendments are few: read them by sequence and look each one's record up, not the other way round
				// (a join lets the planner walk all of the user's records for every page).
				const amendments = await trx
					.selectFrom('consultationAmendments as a')
					.selectAll('a')
					.where('a.seq', '>', from)
					.where('a.seq', '<=', bound)
					.where(({ exists, selectFrom }) =>
						exists(
							selectFrom('consultations as c')
								.select('c.id')
								.whereRef('c.id', '=', 'a.consultationId')
								.where(`c.${consultationScope.column}`, 'in', consultationScope.values)
								.where('c.deletedAt', 'is', null)
						)
					)
					.orderBy('a.seq')
					.limit(take)
					.execute();
				cut(amendments);
				for (const row of amendments) {
					changes.push({
						seq: Number(row.seq),
						id: row.id,
						entity: 'amendment',
						deleted: false,
						record: toSyncAmendment(row)
					});
				}
			}

			// An advisor's colleagues in the same centres: their finished visits as summaries, each change of one as a
			// new copy. Drafts stay their author's: a record never returns to draft and only drafts are deleted, so
			// leaving them out leaves no summary behind (a tombstone still covers a deleted one, should that change).
			if (visits && user.centreIds.length > 0) {
				const rows = await trx
					.selectFrom('consultations as c')
					.innerJoin('users as u', 'u.id', 'c.advisorId')
					.select([...COLLEAGUE_VISIT_COLUMNS, 'u.name as advisorName'])
					.where('c.seq', '>', from)
					.where('c.seq', '<=', bound)
					.where('c.centreId', 'in', user.centreIds)
					.where('c.advisorId', '!=', user.userId)
					.where('c.status', '!=', 'draft')
					.orderBy('c.seq')
					.limit(take)
					.execute();
				for (const row of rows) {
					const seq = Number(row.seq);
					const record = toColleagueVisit(row);
					changes.push(
						record
							? { seq, id: row.id, entity: 'visit', deleted: false, record }
							: { seq, id: row.id, entity: 'visit', deleted: true }
					);
				}
			}

			// Organisations are few and their visibility depends on their status: every changed one is sent, as a
			// record when the user may read it and as a tombstone otherwise (so a rejected one leaves the device).
			let organisations = trx.selectFrom('organisations').selectAll().where('seq', '>', from);
			if (user.role === 'ngo') organisations = organisations.where('id', '=', user.organisationId ?? '');
			for (const row of await organisations.orderBy('seq').limit(take).execute()) {
				const seq = Number(row.seq);
				changes.push(
					canReadOrganisation(user, row)
						? { seq, id: row.id, entity: 'organisation', deleted: false, record: toSyncOrganisation(row) }
						: { seq, id: row.id, entity: 'organisation', deleted: true }
				);
			}

			changes.sort((a, b) => a.seq - b.seq);
			const page = firstPage(changes, limit);
			const more = changes.length > page.length;
			// With nothing more to send, the cursor moves to the newest number in this snapshot: later pulls skip
			// the changes this user may not see instead of scanning them again.
			const last = more ? page[page.length - 1]!.seq : current;
			return { changes: page, cursor: formatCursor(last, scope), more, reset };
		},
		{ isolation: 'repeatable read' }
	);
}
