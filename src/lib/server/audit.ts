import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AuditLogTable, DB } from './db/schema';

export interface AuditEntry {
	actorId: string | null;
	entity: string;
	entityId: string;
	action: string;
	before?: unknown;
	after?: unknown;
	reason?: string | null;
}

/** The row `recordAudit` appends, stamped now (for a caller that inserts several rows at once, in order). */
export function auditRow(entry: AuditEntry): Insertable<AuditLogTable> {
	return {
		at: new Date().toISOString(),
		actorId: entry.actorId,
		entity: entry.entity,
		entityId: entry.entityId,
		action: entry.action,
		before: entry.before === undefined ? null : JSON.stringify(entry.before),
		after: entry.after === undefined ? null : JSON.stringify(entry.after),
		reason: entry.reason ?? null
	};
}

/** Appends to the audit log; called inside the transaction of the change it describes. Never updated. */
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, entry: AuditEntry): Promise<void> {
	await db.insertInto('auditLog').values(auditRow(entry)).execute();
}
