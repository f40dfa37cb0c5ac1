/**
 * Reading and writing many rows at once without passing an engine's limit of bound values (SQLite 32,766,
 * PostgreSQL 65,535 per statement): ids go `in (…)` 500 at a time, inserts 200 rows at a time (up to ~15 columns).
 */
export const IDS_PER_QUERY = 500;
export const ROWS_PER_INSERT = 200;

/** The values in slices of at most `size`, in order. */
export function inChunks<T>(values: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}

/** The rows `load` finds for these ids (each id asked once), one query per IDS_PER_QUERY ids. */
export async function byIds<T>(
	ids: readonly string[],
	load: (chunk: string[]) => Promise<T[]>
): Promise<T[]> {
	const rows: T[] = [];
	for (const chunk of inChunks([...new Set(ids)], IDS_PER_QUERY)) rows.push(...(await load(chunk)));
	return rows;
}
