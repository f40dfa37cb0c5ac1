/**
 * What every `bench/*-bench.ts` shares: its figures (one JSON line on stdout, which scripts/bench.js records;
 * progress on stderr), percentiles and medians, and the PostgreSQL it measures in, a throwaway schema at a time.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type Figure = { name: string; value: number; unit: string; better: 'lower' | 'higher' };

export const POSTGRES_URL =
	process.env.BENCH_POSTGRES_URL ||
	process.env.TEST_POSTGRES_URL ||
	'postgres://postgres:postgres@127.0.0.1:5432/doradca_test';

/** A bench's figures: `record` logs each as it comes, `print` writes them all as the one line on stdout. */
export function benchFigures(tag: string) {
	const figures: Figure[] = [];
	const log = (...parts: unknown[]) => console.error(`[${tag}]`, ...parts);
	const record = (name: string, value: number, unit: string, better: Figure['better']) => {
		figures.push({ name, value, unit, better });
		log(`${name} = ${Math.round(value * 100) / 100} ${unit}`);
	};
	const print = () => process.stdout.write(JSON.stringify({ figures }) + '\n');
	return { log, record, print };
}

/** The nearest-rank percentile (`p` of 100). */
export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One statement on its own connection to POSTGRES_URL (schemas are made and dropped outside the app's pools). */
export async function adminQuery(text: string): Promise<void> {
	const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/** Whether PostgreSQL answers at POSTGRES_URL; when not, says why (password hidden) so its figures are skipped. */
export async function postgresReachable(log: (...parts: unknown[]) => void): Promise<boolean> {
	try {
		await adminQuery('select 1');
		return true;
	} catch (error) {
		log(`PostgreSQL unreachable at ${POSTGRES_URL.replace(/\/\/[^@/]*@/, '//***@')}: ${String(error)}`);
		return false;
	}
}

/** A new, empty schema in POSTGRES_URL for one measurement; `drop` removes it with everything in it. */
export async function freshSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
	const schema = `bench_${randomBytes(6).toString('hex')}`;
	await adminQuery(`create schema ${schema}`);
	return { schema, drop: () => adminQuery(`drop schema if exists ${schema} cascade`) };
}
