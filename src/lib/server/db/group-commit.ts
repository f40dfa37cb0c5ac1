/**
 * Group commit for sync pushes. Every push takes the sequence lock, so pushes run one after another anyway, and
 * each paid for its own commit: a disk flush (about 8 ms on the benchmark machine), which bounded the whole
 * server at some 100 pushes a second however small they were. Here, pushes that arrive while a transaction is
 * running wait for it and then share the next one, each inside its own savepoint: N waiting pushes cost one
 * commit. A push that arrives alone starts at once (no added delay).
 *
 * Nothing changes for a push's own outcome: its answer is given only after the shared commit (so nothing is
 * acknowledged that is not durable); a push that throws is rolled back to its savepoint and fails alone; a commit
 * that fails fails every push of the group, none of whose writes then exist. Per process and per database handle;
 * several instances on one PostgreSQL still order their pushes through the sequence lock.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { isRetryable, withTransaction } from './database';
import type { DB } from './schema';

/**
 * At most this much work (a push's weight is its number of operations) shares one transaction; a heavier push
 * runs alone. Measured with 50 devices pushing batches of 50 on SQLite: 250 kept the throughput of larger groups
 * (3,494 ops/s; 3,639 with 2,000) and the slowest push under a second (5 s with 2,000: a long transaction blocks
 * the event loop, and requests still being read wait behind it), and pulls meanwhile answered in ~0.1 s.
 */
export const GROUP_MAX_WEIGHT = 250;

/**
 * Event-loop turns between two groups. A request on a new connection needs several turns (accept, headers, body,
 * session) to reach the queue, and a group's transaction holds the loop meanwhile (~65 ms on SQLite). With one
 * turn, when 50 devices connected at once, each group took in only the few requests that were ready, and the last
 * of that first wave waited 1.2–3.5 s. Five turns, measured with 50 devices on SQLite (3 runs each): first wave
 * 1.1–1.2 s, throughput 4,300–4,470 ops/s (3,300–4,300 with one turn), later pushes unchanged (p99 ~0.6 s); on
 * PostgreSQL 2,357 ops/s (1,480–1,740). Three turns gave a first wave of 0.9–1.5 s.
 */
export const GATHER_TURNS = 5;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Job {
	work: (trx: Transaction<DB>) => Promise<unknown>;
	weight: number;
	settle: (outcome: Settled<unknown>) => void;
}

class GroupCommitter {
	readonly #db: Kysely<DB>;
	#queue: Job[] = [];
	#running = false;

	constructor(db: Kysely<DB>) {
		this.#db = db;
	}

	run<T>(work: (trx: Transaction<DB>) => Promise<T>, weight: number): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.#queue.push({
				work,
				weight,
				settle: (outcome) => (outcome.ok ? resolve(outcome.value as T) : reject(outcome.error))
			});
			if (!this.#running) void this.#drain();
		});
	}

	async #drain(): Promise<void> {
		this.#running = true;
		try {
			while (this.#queue.length > 0) {
				// A few turns of the event loop first: on SQLite every statement completes synchronously, so a
				// transaction never lets a request that arrived meanwhile reach this queue (with no turn, 50 devices at
				// once made 486 commits for their 500 pushes). See GATHER_TURNS. A lone push waits well under 1 ms.
				for (let turn = 0; turn < GATHER_TURNS; turn++) await new Promise((resolve) => setImmediate(resolve));
				await this.#commit(this.#nextGroup());
			}
		} finally {
			this.#running = false;
		}
	}

	/** The oldest waiting jobs up to GROUP_MAX_WEIGHT (always at least one). */
	#nextGroup(): Job[] {
		let weight = 0;
		let count = 0;
		for (const job of this.#queue) {
			if (count > 0 && weight + job.weight > GROUP_MAX_WEIGHT) break;
			weight += job.weight;
			count += 1;
		}
		return this.#queue.splice(0, count);
	}

	async #commit(group: Job[]): Promise<void> {
		let outcomes: Settled<unknown>[] = [];
		try {
			await withTransaction(this.#db, async (trx) => {
				// A retried transaction (PostgreSQL serialization failure) runs every job again.
				outcomes = [];
				for (const job of group) outcomes.push(await inSavepoint(trx, job.work));
			});
		} catch (error) {
			for (const job of group) job.settle({ ok: false, error });
			return;
		}
		group.forEach((job, i) => job.settle(outcomes[i]!));
	}
}

async function inSavepoint(
	trx: Transaction<DB>,
	work: (trx: Transaction<DB>) => Promise<unknown>
): Promise<Settled<unknown>> {
	await sql`savepoint group_job`.execute(trx);
	try {
		const value = await work(trx);
		await sql`release savepoint group_job`.execute(trx);
		return { ok: true, value };
	} catch (error) {
		// A serialization failure or deadlock is the whole transaction's: withTransaction runs the group again.
		if (isRetryable(error)) throw error;
		await sql`rollback to savepoint group_job`.execute(trx);
		await sql`release savepoint group_job`.execute(trx);
		return { ok: false, error };
	}
}

const committers = new WeakMap<Kysely<DB>, GroupCommitter>();

/**
 * Runs `work` in a transaction shared with the other work waiting at that moment (see above), and resolves with
 * its result once that transaction has committed. Inside a transaction already, it joins that one.
 */
export function inGroupCommit<T>(
	db: Kysely<DB>,
	work: (trx: Transaction<DB>) => Promise<T>,
	weight = 1
): Promise<T> {
	if (db.isTransaction) return work(db as Transaction<DB>);
	let committer = committers.get(db);
	if (!committer) committers.set(db, (committer = new GroupCommitter(db)));
	return committer.run(work, weight);
}
