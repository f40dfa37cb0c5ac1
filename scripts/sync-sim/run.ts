/**
 * The sync fault simulation (issue 4's proof that sync converges under a hostile network):
 *
 *   npm run sync:sim -- --seed 1 --devices 8 --ops 300 [--db sqlite|postgres] [--instances 1|2] [--kills 3]
 *
 * D devices running the real client code do K random user operations against the real built server, through a
 * proxy that drops, delays, duplicates, reorders and cuts requests, while the server is SIGKILLed and restarted.
 * Then the network heals, every device syncs until nothing moves, and the checks in checks.ts must all hold.
 * The last line is one summary ending in `converged` (exit 0); any failure explains itself and exits 1.
 *
 * The seed fixes every choice (who does what, which faults hit which request in arrival order, when the server
 * dies); concurrent network timing can still make a choice land on a different record, so a failing seed is
 * replayed by running it again, usually but not always to the same failure.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Actor, drawStep, newActionLog } from './actions';
import { CheckFailure, checkDevicesMatchServer, checkNoTextDropped, checkOperations } from './checks';
import { SimDevice, seededIds } from './devices';
import { DEFAULT_FAULTS, startFaultProxy, type FaultProxy } from './fault-proxy';
import { Ledger } from './ledger';
import { intBetween, mulberry32 } from './random';
import { serverProcess, type ServerProcess } from './server-process';
import {
	assignAccounts,
	freePort,
	prepareDatabase,
	snapshotBuild,
	type SimDatabase,
	type SimEngine
} from './setup';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Rounds of "everyone syncs" after the faults stop; a healthy run is quiet after two or three. */
const MAX_QUIET_ROUNDS = 25;
/** Share of steps after which some device starts a sync in the background (the app syncs while you type). */
const SYNC_CHANCE = 0.45;

interface Options {
	seed: number;
	devices: number;
	ops: number;
	db: SimEngine;
	instances: 1 | 2;
	kills: number;
	verbose: boolean;
}

function parseOptions(): Options {
	const { values } = parseArgs({
		options: {
			seed: { type: 'string', default: '1' },
			devices: { type: 'string', default: '8' },
			ops: { type: 'string', default: '300' },
			db: { type: 'string', default: 'sqlite' },
			instances: { type: 'string', default: '1' },
			kills: { type: 'string', default: '3' },
			verbose: { type: 'boolean', default: false }
		},
		strict: true
	});
	const int = (name: string, text: string | undefined, min: number) => {
		const n = Number(text);
		if (!Number.isInteger(n) || n < min)
			throw new Error(`--${name} must be an integer ≥ ${min}, got "${text}"`);
		return n;
	};
	const db = values.db;
	if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db must be sqlite or postgres, got "${db}"`);
	const instances = int('instances', values.instances, 1);
	if (instances !== 1 && instances !== 2) throw new Error('--instances must be 1 or 2');
	if (instances === 2 && db === 'sqlite') {
		throw new Error(
			'--instances 2 needs --db postgres: two app processes on one SQLite file is not a supported deployment'
		);
	}
	return {
		seed: int('seed', values.seed, 0),
		devices: int('devices', values.devices, 2),
		ops: int('ops', values.ops, 1),
		db,
		instances,
		kills: int('kills', values.kills, 0),
		verbose: values.verbose
	};
}

/** Independent streams from one seed, so e.g. the fault stream does not shift when an operation draws more. */
function stream(seed: number, salt: number): () => number {
	return mulberry32(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b));
}

async function main(): Promise<number> {
	const options = parseOptions();
	const build = snapshotBuild(ROOT);
	const started = Date.now();
	const say = (line: string) => {
		if (options.verbose) console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
	};

	let database: SimDatabase;
	try {
		database = await prepareDatabase(options.db, options.seed);
	} catch (error) {
		build.remove();
		throw error;
	}
	let proxy: FaultProxy | null = null;
	const servers: ServerProcess[] = [];
	const devices: SimDevice[] = [];
	try {
		say(`database ready (${database.where})`);
		const ports = [];
		for (let i = 0; i < options.instances; i++) ports.push(await freePort());
		proxy = await startFaultProxy({
			upstreams: () => servers.map((server) => server.url),
			random: stream(options.seed, 1),
			faults: null
		});
		for (const port of ports) {
			servers.push(
				serverProcess({
					root: build.root,
					port,
					databaseUrl: database.url,
					origin: proxy.url,
					// adapter-node's default 512 kB is too small for a push of signed cards.
					env: { BODY_SIZE_LIMIT: '40M' }
				})
			);
		}
		// One at a time: the first start migrates and finds the seed; the second finds both done.
		for (const server of servers) await server.start();
		say(`servers up: ${servers.map((s) => s.url).join(', ')}; proxy ${proxy.url}`);

		const ledger = new Ledger();
		const log = newActionLog();
		const accounts = assignAccounts(options.devices);
		for (const [i, account] of accounts.entries()) {
			const ids = seededIds(stream(options.seed, 100 + i), Date.UTC(2026, 0, 1) + i * 1e9);
			devices.push(await SimDevice.open(`d${i}${account.label}`, account, proxy.url, ledger, ids));
		}
		// Signing in before the faults start: five wrong answers would lock an account, and there are none here.
		// The first sync too, like a phone set up in the office: the organisations list arrives before the field.
		for (const device of devices) {
			await device.signIn();
			const first = await device.sync();
			if (!first.ok) throw new Error(`first sync of ${device.name} failed: ${JSON.stringify(first.failure)}`);
		}
		const advisors = devices.filter((device) => device.account.role === 'advisor');
		const actors = new Map(advisors.map((device) => [device, new Actor(device, log)]));

		// When the servers die: spread over the middle of the run, each down for a few steps.
		const schedule = stream(options.seed, 2);
		const kills = new Map<number, { instance: number; downFor: number }>();
		for (let k = 0; k < options.kills; k++) {
			const at = Math.floor((options.ops * (k + 1)) / (options.kills + 1)) + intBetween(schedule, -3, 3);
			kills.set(Math.max(1, at), {
				instance: intBetween(schedule, 0, options.instances - 1),
				downFor: intBetween(schedule, 2, 10)
			});
		}
		const restarts = new Map<number, number[]>();
		// A restart runs in the background while the devices carry on (and fail to reach it); a kill first waits
		// for that instance's start to finish, so it never hits a half-started server.
		const starting = new Map<number, Promise<void>>();
		const startErrors: unknown[] = [];
		let killCount = 0;

		proxy.setFaults(DEFAULT_FAULTS);
		const random = stream(options.seed, 3);
		const inFlight = new Set<Promise<unknown>>();
		// A sync that throws (rather than reporting a network failure) is a bug in the client code: fatal.
		const crashes: Error[] = [];
		for (let step = 0; step < options.ops; step++) {
			const kill = kills.get(step);
			if (kill) await starting.get(kill.instance);
			if (kill && servers[kill.instance]!.running) {
				await servers[kill.instance]!.kill('SIGKILL');
				killCount += 1;
				say(`step ${step}: killed server ${kill.instance}`);
				const at = step + kill.downFor;
				restarts.set(at, [...(restarts.get(at) ?? []), kill.instance]);
			}
			for (const instance of restarts.get(step) ?? []) {
				say(`step ${step}: restarting server ${instance}`);
				starting.set(
					instance,
					servers[instance]!.start().catch((error: unknown) => {
						startErrors.push(error);
					})
				);
			}

			// A fixed number of draws per step, whatever the step turns out to do.
			const actorIndex = random();
			const draws = drawStep(random);
			const syncRoll = random();
			const syncIndex = random();
			const pause = random();

			const device = advisors[Math.floor(actorIndex * advisors.length)]!;
			const before = draws.kind;
			const done = await actors.get(device)!.step(draws);
			say(`step ${step}: ${device.name} ${done} (${before.toFixed(3)})`);

			if (syncRoll < SYNC_CHANCE) {
				const syncer = devices[Math.floor(syncIndex * devices.length)]!;
				if (!syncer.syncing) {
					const syncStarted = Date.now();
					const run = syncer.sync().then(
						(outcome) =>
							say(
								`${syncer.name} sync ${outcome.ok ? 'ok' : JSON.stringify(outcome.failure)} pushed=${outcome.pushed} received=${outcome.received} in ${Date.now() - syncStarted} ms`
							),
						(error: unknown) => {
							crashes.push(new Error(`sync of ${syncer.name} crashed: ${String(error)}`, { cause: error }));
						}
					);
					inFlight.add(run);
					void run.finally(() => inFlight.delete(run));
				}
			}
			// Time for the background syncs to get somewhere between two taps.
			await new Promise((resolve) => setTimeout(resolve, 10 + Math.floor(pause * 80)));
		}

		// Heal: no more faults, every server up, all syncs in flight finished.
		await Promise.all([...inFlight]);
		if (crashes.length > 0) throw crashes[0]!;
		proxy.setFaults(null);
		await Promise.all(starting.values());
		if (startErrors.length > 0) throw startErrors[0];
		for (const server of servers) if (!server.running) await server.start();
		say('network healed; syncing until quiet');

		let rounds = 0;
		let quiet = false;
		let resolvedAtEnd = 0;
		while (!quiet) {
			rounds += 1;
			if (rounds > MAX_QUIET_ROUNDS) {
				throw new CheckFailure(
					'convergence',
					`devices still moving after ${MAX_QUIET_ROUNDS} rounds without faults`
				);
			}
			quiet = true;
			for (const device of devices) {
				const outcome = await device.sync();
				if (!outcome.ok) {
					quiet = false;
					if (outcome.failure.kind !== 'unauthorized') {
						throw new CheckFailure(
							'convergence',
							`${device.name}'s sync failed without faults: ${JSON.stringify(outcome.failure)}`
						);
					}
				} else if (outcome.pushed > 0 || outcome.received > 0) {
					quiet = false;
				}
			}
			// After the first clean round, one device per advisor settles what conflicts remain, like a person
			// reading the "two versions" banner; the next rounds carry that to everyone.
			if (rounds === 1) {
				const seen = new Set<string>();
				for (const device of advisors) {
					if (seen.has(device.account.userId)) continue;
					seen.add(device.account.userId);
					resolvedAtEnd += await actors.get(device)!.resolveAll();
				}
				if (resolvedAtEnd > 0) quiet = false;
			}
		}
		say(`quiet after ${rounds} rounds`);

		const check = database.open();
		let text: { historyOnly: number; inDeleted: number };
		let held: { colleagueVisits: number };
		try {
			held = await checkDevicesMatchServer(devices, proxy.url);
			await checkOperations(check.db, devices, ledger);
			text = await checkNoTextDropped(check.db, devices, ledger, log);
		} finally {
			await check.close();
		}

		const totals = ledger.totals();
		const faults = [
			'dropRequest',
			'dropResponse',
			'delay',
			'duplicate',
			'reorder',
			'cutRequestBody',
			'cutResponseBody',
			'upstreamDown'
		]
			.map((kind) => `${kind}:${proxy!.stats[kind] ?? 0}`)
			.join(',');
		const failures: Record<string, number> = {};
		for (const device of devices) {
			for (const [kind, n] of Object.entries(device.stats.failures))
				failures[kind] = (failures[kind] ?? 0) + n;
		}
		if (options.verbose) {
			console.log(`operations done: ${JSON.stringify(log.done)}`);
			console.log(`sync failures by kind: ${JSON.stringify(failures)}`);
			console.log(`refusals by code: ${JSON.stringify(totals.codes)}`);
		}
		console.log(
			[
				`seed=${options.seed}`,
				`devices=${options.devices}`,
				`ops=${options.ops}`,
				`db=${options.db}`,
				`instances=${options.instances}`,
				`pushed=${totals.pushed}`,
				`applied=${totals.applied}`,
				`merged=${totals.merged}`,
				`refused=${totals.refused}`,
				`conflicts=${totals.conflicts}`,
				`resolved=${totals.resolutions}`,
				`replays=${totals.replays}`,
				`blocked=${log.blocked}`,
				`tokens=${log.tokens.length}`,
				`historyOnly=${text.historyOnly}`,
				`colleagueVisits=${held.colleagueVisits}`,
				`kills=${killCount}`,
				`rounds=${rounds}`,
				`faults=${faults}`,
				`time=${((Date.now() - started) / 1000).toFixed(1)}s`,
				'converged'
			].join(' ')
		);
		return 0;
	} catch (error) {
		const title = error instanceof CheckFailure ? 'CHECK FAILED' : 'SIMULATION FAILED';
		console.error(
			`\n${title} (seed=${options.seed} devices=${options.devices} ops=${options.ops} db=${options.db} instances=${options.instances})`
		);
		console.error(
			error instanceof Error ? (error instanceof CheckFailure ? error.message : error.stack) : String(error)
		);
		for (const [i, server] of servers.entries()) {
			console.error(
				`\n--- server ${i} log (last lines) ---\n${server.logs().split('\n').slice(-25).join('\n')}`
			);
		}
		console.error(
			`\nReplay: npm run sync:sim -- --seed ${options.seed} --devices ${options.devices} --ops ${options.ops} --db ${options.db} --instances ${options.instances} --verbose`
		);
		return 1;
	} finally {
		for (const device of devices) {
			await device.idle();
			device.db.close();
		}
		for (const server of servers) await server.kill('SIGKILL');
		await proxy?.close();
		await database
			.drop()
			.catch((error: unknown) => console.error(`could not drop the database: ${String(error)}`));
		build.remove();
	}
}

// Bad arguments, a missing build, an unreachable PostgreSQL: one clear line, no stack.
process.exitCode = await main().catch((error: unknown) => {
	console.error(`sync-sim: ${error instanceof Error ? error.message : String(error)}`);
	return 1;
});
