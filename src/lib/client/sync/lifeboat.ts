/**
 * The lifeboat: every change still waiting in the outbox, saved to a file the user gives to their coordinator
 * when the phone cannot sync (no signal for weeks, a broken phone). The coordinator imports it through the same
 * path as a push (`/api/sync/import`), so a change that did arrive after all is not applied twice.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { TIME_ZONE } from '$lib/domain/dates';
import { LIFEBOAT_FORMAT, type LifeboatFile } from '$lib/domain/sync';
import type { LocalDb, OutboxEntry } from '../db/local-db';
import { markSentThrough } from '../db/outbox';
import { deviceIdOf, toOperation } from './engine';

/** Pure: the file's content from the outbox entries, oldest first (the order the server must apply them in). */
export function lifeboatOf(input: {
	userId: string;
	deviceId: string;
	entries: readonly OutboxEntry[];
	now: Date;
}): LifeboatFile {
	const entries = [...input.entries].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
	return {
		format: LIFEBOAT_FORMAT,
		version: 1,
		userId: input.userId,
		deviceId: input.deviceId,
		exportedAt: input.now.toISOString(),
		ops: entries.map(toOperation)
	};
}

/** "doradca-zmiany-2025-03-10.json", dated in Warsaw. */
export function lifeboatFileName(now: Date): string {
	return `doradca-zmiany-${format(new TZDate(now, TIME_ZONE), 'yyyy-MM-dd')}.json`;
}

/**
 * Reads the outbox and the device id (made now if the device never synced). What goes into the file counts as sent
 * (SENT_THROUGH), as in a push: the coordinator may import it before the phone syncs, and the server then knows
 * those operation ids — a later edit folded into one of them would be acknowledged as already applied and lost.
 * Later edits become new entries; the exported ones still leave in the next push, and the server answers them once.
 */
export async function exportLifeboat(
	db: LocalDb,
	options: { userId: string; now: () => Date; newId: () => string }
): Promise<LifeboatFile> {
	const deviceId = await deviceIdOf(db, options.newId);
	const entries = await db.transaction('rw', [db.outbox, db.meta], async () => {
		const all = await db.outbox.orderBy('seq').toArray();
		await markSentThrough(db, all.at(-1)?.seq);
		return all;
	});
	return lifeboatOf({ userId: options.userId, deviceId, entries, now: options.now() });
}
