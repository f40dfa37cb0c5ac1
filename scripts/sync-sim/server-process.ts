/**
 * Starts and kills the built app (`build/index.js`, the adapter-node output) as a child process, so the sync
 * simulation can crash the server at any moment (SIGKILL by default: no graceful shutdown, no last flush) and
 * bring it back on the same database.
 *
 * The child runs in its own process group and the whole group is signalled, so nothing it spawned survives.
 * A child still running when this process exits (or is stopped by SIGINT/SIGTERM) is killed too: being in its
 * own group, it would not get the terminal's Ctrl-C. Callers should still kill() what they start(): a running
 * child keeps this process alive.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ServerProcess {
	/** http://127.0.0.1:<port>, no trailing slash. */
	url: string;
	port: number;
	/** Spawns the server and resolves once GET /api/health answers 200; rejects (with the logs) otherwise. */
	start(): Promise<void>;
	/** Signals the whole process group (SIGKILL unless told otherwise); resolves once the child has exited. */
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** kill() with SIGKILL, then start(). */
	restart(): Promise<void>;
	readonly running: boolean;
	/** The last ~200 lines of stdout and stderr (stderr lines marked), plus start and exit notes. */
	logs(): string;
}

const LOG_LINES = 200;
const HEALTH_POLL_MS = 20;
const START_TIMEOUT_MS = 30_000;
/** A gentle signal the server ignores is followed by SIGKILL after this long, so kill() always resolves. */
const KILL_GRACE_MS = 10_000;

/** Children alive right now, across all ServerProcess instances: what the exit handlers must kill. */
const live = new Set<ChildProcess>();
/** Children that exited or never spawned ('error' may come without 'exit', leaving exitCode null). */
const ended = new WeakSet<ChildProcess>();
let exitHandlersInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal); // negative pid: the whole process group
	} catch {
		// ESRCH: the group is already gone. Fall back to the child itself in case it left its group.
		try {
			child.kill(signal);
		} catch {
			// Already dead.
		}
	}
}

function installExitHandlers() {
	if (exitHandlersInstalled) return;
	exitHandlersInstalled = true;
	// 'exit' handlers must be synchronous: a signal is all we can do, and all we need.
	process.on('exit', () => {
		for (const child of live) killGroup(child, 'SIGKILL');
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		const onSignal = () => {
			for (const child of live) killGroup(child, 'SIGKILL');
			process.off(signal, onSignal);
			// Listening to a signal replaces Node's default "exit on it"; if nobody else handles it, restore
			// that behaviour by raising it again now that our listener is gone.
			if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
		};
		process.on(signal, onSignal);
	}
}

export function serverProcess(options: {
	root: string;
	port: number;
	databaseUrl: string;
	origin: string;
	env?: Record<string, string>;
}): ServerProcess {
	const { root, port } = options;
	const url = `http://127.0.0.1:${port}`;
	let child: ChildProcess | null = null;
	let exited: Promise<void> = Promise.resolve();

	// Ring buffer of log lines; `partial` holds an unfinished last line per stream.
	const lines: string[] = [];
	const partial = { out: '', err: '' };
	const log = (line: string) => {
		lines.push(line);
		if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
	};
	const collect = (stream: 'out' | 'err') => (chunk: Buffer) => {
		const text = partial[stream] + chunk.toString('utf8');
		const parts = text.split('\n');
		partial[stream] = parts.pop() ?? '';
		for (const part of parts) log(stream === 'err' ? `[stderr] ${part}` : part);
	};
	const flushPartial = () => {
		for (const stream of ['out', 'err'] as const) {
			if (partial[stream]) log(stream === 'err' ? `[stderr] ${partial[stream]}` : partial[stream]);
			partial[stream] = '';
		}
	};

	const isRunning = () => child !== null && !ended.has(child);

	async function waitUntilHealthy(current: ChildProcess) {
		const deadline = Date.now() + START_TIMEOUT_MS;
		while (Date.now() < deadline) {
			if (ended.has(current)) {
				throw new Error(`server on port ${port} exited during start\n${snapshot()}`);
			}
			try {
				const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
				await response.arrayBuffer(); // free the connection
				if (response.status === 200) return;
			} catch {
				// Not listening yet (ECONNREFUSED) or too slow: poll again.
			}
			await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
		}
		throw new Error(`server on port ${port} not healthy after ${START_TIMEOUT_MS / 1000} s\n${snapshot()}`);
	}

	function snapshot() {
		flushPartial();
		return lines.join('\n');
	}

	async function kill(signal: NodeJS.Signals = 'SIGKILL') {
		const current = child;
		if (current === null || !isRunning()) {
			await exited;
			return;
		}
		killGroup(current, signal);
		if (signal !== 'SIGKILL') {
			const escalate = setTimeout(() => killGroup(current, 'SIGKILL'), KILL_GRACE_MS);
			await exited;
			clearTimeout(escalate);
		} else {
			await exited;
		}
	}

	async function start() {
		if (isRunning()) throw new Error(`server on port ${port} is already running`);
		await exited; // a previous child must be fully gone before its port is reused
		installExitHandlers();
		log(`[server-process] starting on ${url} (database ${options.databaseUrl})`);
		const current = spawn(process.execPath, [join(root, 'build', 'index.js')], {
			cwd: root,
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: options.origin,
				DATABASE_URL: options.databaseUrl,
				DEMO: '1',
				...options.env
			},
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true // own process group, so kill() can take down the whole group
		});
		child = current;
		live.add(current);
		current.stdout?.on('data', collect('out'));
		current.stderr?.on('data', collect('err'));
		exited = new Promise((resolve) => {
			// 'error' (e.g. the node binary could not be spawned) may come without 'exit'.
			const done = () => {
				ended.add(current);
				live.delete(current);
				resolve();
			};
			// 'close' comes after 'exit' once stdout and stderr are drained too, so logs() is complete by then.
			current.once('close', (code, signal) => {
				flushPartial();
				log(`[server-process] exited (code ${code ?? '-'}, signal ${signal ?? '-'})`);
				done();
			});
			current.once('error', (error) => {
				log(`[server-process] spawn error: ${error.message}`);
				done();
			});
		});

		try {
			await waitUntilHealthy(current);
		} catch (error) {
			await kill('SIGKILL'); // never leave a half-started server behind
			throw error;
		}
	}

	return {
		url,
		port,
		start,
		kill,
		async restart() {
			await kill('SIGKILL');
			await start();
		},
		get running() {
			return isRunning();
		},
		logs: snapshot
	};
}
