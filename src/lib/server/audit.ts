import type { Kysely, Transaction } from 'kysely';
import type { DB } from './db/schema';

export interface AuditEntry {
	actorId: string | null;
	entity: string;
	entityId: string;
	action: string;
	before?: unknown;
	after?: unknown;
	reason?: string | null;
}

/** Appends to the audit log; called inside the transaction of the change it describes. Never updated. */
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('auditLog')
		.values({
			at: new Date().toISOString(),
			actorId: entry.actorId,
			entity: entry.entity,
			entityId: entry.entityId,
			action: entry.action,
			before: entry.before === undefined ? null : JSON.stringify(entry.before),
			after: entry.after === undefined ? null : JSON.stringify(entry.after),
			reason: entry.reason ?? null
		})
		.execute();
}
