#!/usr/bin/env node
// Starts the built app for end-to-end tests on a fresh SQLite file with demo data.
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'tests', '.tmp');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'e2e.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

const server = spawn(process.execPath, [join(root, 'scripts', 'start.js')], {
	cwd: root,
	stdio: 'inherit',
	env: {
		...process.env,
		DATABASE_URL: file,
		DEMO: '1',
		// The tests start from the demo accounts alone; their own steps make every visit they check.
		DEMO_HISTORY: '0',
		BODY_SIZE_LIMIT: '40M',
		// Late in the evening the booking story's visit is tomorrow's, logged on a phone living tomorrow: the server's
		// future-date rule (tested on its own in tests/integration/sync-push.test.ts) lets a day's skew through here.
		CLOCK_SKEW_MIN: '1500',
		PORT: process.env.PORT ?? '4173'
	}
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
