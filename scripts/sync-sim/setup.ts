/**
 * The world the simulation runs in: a fresh database (a temp SQLite file, or a PostgreSQL schema of its own,
 * dropped at the end) with the demo data and one more advisor, written before any server starts — so the
 * accounts exist without going through the admin screens, and every run starts from the same state.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '$lib/server/db/database';
import { seedDemo } from '$lib/server/db/seed';
import { hashPassword } from '$lib/server/auth/password';
import { DEMO_CENTRE_IDS, DEMO_PASSWORD, DEMO_USER_IDS } from '$lib/server/db/demo-data';

export type SimEngine = 'sqlite' | 'postgres';

export const TEST_POSTGRES_URL =
	process.env.TEST_POSTGRES_URL || 'postgres://postgres:postgres@127.0.0.1:5432/doradca_test';

export interface Account {
	label: string;
	email: string;
	password: string;
	userId: string;
	centreId: string;
	role: 'advisor' | 'coordinator';
}

/** A third advisor, in Słupsk like the first, so the coordinator there sees two advisors' records. */
const EXTRA_ADVISOR = {
	id: '0190a000-0000-7000-8000-000000000399',
	membershipId: '0190a000-0000-7000-8000-000000000499',
	email: 'doradca3@demo.pl',
	name: 'Szymon Symulacyjny'
};

export const ADVISORS: readonly Account[] = [
	{
		label: 'a1',
		email: 'doradca@demo.pl',
		password: DEMO_PASSWORD,
		userId: DEMO_USER_IDS.advisor,
		centreId: DEMO_CENTRE_IDS.slupsk,
		role: 'advisor'
	},
	{
		label: 'a2',
		email: 'doradca2@demo.pl',
		password: DEMO_PASSWORD,
		userId: DEMO_USER_IDS.advisor2,
		centreId: DEMO_CENTRE_IDS.lebork,
		role: 'advisor'
	},
	{
		label: 'a3',
		email: EXTRA_ADVISOR.email,
		password: DEMO_PASSWORD,
		userId: EXTRA_ADVISOR.id,
		centreId: DEMO_CENTRE_IDS.slupsk,
		role: 'advisor'
	}
];

export const COORDINATOR: Account = {
	label: 'k',
	email: 'koordynator@demo.pl',
	password: DEMO_PASSWORD,
	userId: DEMO_USER_IDS.coordinator,
	centreId: DEMO_CENTRE_IDS.slupsk,
	role: 'coordinator'
};

/**
 * Which account each device belongs to: about a quarter of the devices are the coordinator's (they only pull),
 * the rest are advisors' phones and tablets, two or more per advisor where there are enough, so the same
 * account edits the same records from several devices.
 */
export function assignAccounts(devices: number): Account[] {
	if (devices < 2) throw new Error('--devices must be at least 2 (one advisor, one coordinator)');
	const coordinators = Math.max(1, Math.floor(devices / 4));
	const advisorDevices = devices - coordinators;
	const advisorCount = Math.min(ADVISORS.length, Math.max(1, Math.ceil(advisorDevices / 2)));
	const accounts: Account[] = [];
	for (let i = 0; i < advisorDevices; i++) accounts.push(ADVISORS[i % advisorCount]!);
	for (let i = 0; i < coordinators; i++) accounts.push(COORDINATOR);
	return accounts;
}

export interface SimDatabase {
	engine: SimEngine;
	/** DATABASE_URL for the server processes. */
	url: string;
	/** Where it lives, for messages. */
	where: string;
	/** A connection of the simulation's own (the checks read the tables directly). */
	open(): DatabaseHandle;
	/** Removes the file or drops the schema. */
	drop(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
	const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
	try {
		await client.connect();
	} catch (error) {
		throw new Error(
			`PostgreSQL is unreachable at ${TEST_POSTGRES_URL.replace(/\/\/[^@/]*@/, '//***@')} (set TEST_POSTGRES_URL): ${String(error)}`,
			{ cause: error }
		);
	}
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/** The app reads only DATABASE_URL, so the schema travels in it as a libpq `options` parameter. */
function withSearchPath(url: string, schema: string): string {
	const parsed = new URL(url);
	parsed.searchParams.set('options', `-c search_path=${schema}`);
	return parsed.toString();
}

export async function prepareDatabase(engine: SimEngine, seed: number): Promise<SimDatabase> {
	let database: SimDatabase;
	if (engine === 'sqlite') {
		const dir = mkdtempSync(join(tmpdir(), 'doradca-sim-'));
		const file = join(dir, 'sim.db');
		database = {
			engine,
			url: file,
			where: file,
			open: () => openDatabase(file),
			drop: async () => rmSync(dir, { recursive: true, force: true })
		};
	} else {
		const schema = `sim_${seed}_${process.pid}`;
		await adminQuery(`drop schema if exists ${schema} cascade`);
		await adminQuery(`create schema ${schema}`);
		database = {
			engine,
			url: withSearchPath(TEST_POSTGRES_URL, schema),
			where: `schema ${schema}`,
			open: () => openDatabase(TEST_POSTGRES_URL, { searchPath: schema, poolMax: 2 }),
			drop: () => adminQuery(`drop schema if exists ${schema} cascade`)
		};
	}

	const handle = database.open();
	try {
		await migrateToLatest(handle.db);
		await seedDemo(handle.db);
		const at = new Date().toISOString();
		await handle.db
			.insertInto('users')
			.values({
				id: EXTRA_ADVISOR.id,
				email: EXTRA_ADVISOR.email,
				name: EXTRA_ADVISOR.name,
				passwordHash: await hashPassword(DEMO_PASSWORD),
				status: 'active',
				mustChangePassword: 0,
				locale: 'pl',
				createdAt: at,
				updatedAt: at
			})
			.execute();
		await handle.db
			.insertInto('memberships')
			.values({
				id: EXTRA_ADVISOR.membershipId,
				userId: EXTRA_ADVISOR.id,
				role: 'advisor',
				centreId: DEMO_CENTRE_IDS.slupsk,
				organisationId: null,
				createdAt: at
			})
			.execute();
	} catch (error) {
		await handle.close();
		await database.drop();
		throw error;
	}
	await handle.close();
	return database;
}

/** A port nobody listens on right now (the OS picks it; a tiny race with other processes is acceptable). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export function requireBuild(root: string): void {
	if (!existsSync(join(root, 'build', 'index.js'))) {
		throw new Error(
			`${join(root, 'build', 'index.js')} is missing: the simulation runs the built server. ` +
				'Build it first: flock /tmp/doradca-build.lock npx vite build'
		);
	}
}

const BUILD_LOCK = '/tmp/doradca-build.lock';

/**
 * A private copy of build/ to run the servers from: a rebuild in the work tree while the simulation restarts its
 * servers must not pull the ground from under it. Copied under a shared hold of the build lock (so never half
 * written), beside a link to node_modules and the package.json that makes the build an ES module.
 */
export function snapshotBuild(root: string): { root: string; remove(): void } {
	const dir = mkdtempSync(join(tmpdir(), 'doradca-sim-build-'));
	const remove = () => rmSync(dir, { recursive: true, force: true });
	try {
		// Checked and copied inside the lock: a build running right now first empties build/.
		const copy = spawnSync(
			'flock',
			[
				'-s',
				BUILD_LOCK,
				'sh',
				'-c',
				'test -f "$1/build/index.js" && cp -r "$1/build" "$2/build"',
				'sh',
				root,
				dir
			],
			{ stdio: 'inherit' }
		);
		if (copy.error) {
			requireBuild(root); // no flock on this machine: copy without the lock
			cpSync(join(root, 'build'), join(dir, 'build'), { recursive: true });
		} else if (copy.status !== 0) {
			requireBuild(root);
			throw new Error(`could not copy ${join(root, 'build')} (exit ${copy.status})`);
		}
		copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
		symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
		requireBuild(dir);
	} catch (error) {
		remove();
		throw error;
	}
	return { root: dir, remove };
}
