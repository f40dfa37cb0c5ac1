#!/usr/bin/env node
// `npm start`: build when the sources are newer than the build, then serve on PORT (default 3000) with the
// embedded SQLite database, migrated on start, and demo data seeded into an empty database (DEMO=1 by default),
// with two months of visits (DEMO_HISTORY=1 by default).
// `npm run start:prod`: the same without demo data (DEMO=0 unless set), NODE_ENV=production, ORIGIN required.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfNeeded, root } from './lib/build.js';

const production = process.argv.includes('--production');
const port = process.env.PORT ?? '3000';
// adapter-node assumes https unless told the public origin; a production start must say it (behind its proxy).
if (production && !process.env.ORIGIN) {
	console.error(
		'[doradca] ORIGIN is required for a production start, e.g. ORIGIN=https://doradca.example.pl'
	);
	process.exit(1);
}

buildIfNeeded();

const env = {
	...process.env,
	PORT: port,
	ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
	DEMO: process.env.DEMO ?? (production ? '0' : '1'),
	// Two months of the demo advisors' visits, so the first screens show figures (only with DEMO=1).
	DEMO_HISTORY: process.env.DEMO_HISTORY ?? '1',
	NODE_ENV: production ? 'production' : (process.env.NODE_ENV ?? 'development'),
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '40M'
};
console.log(
	`[doradca] ${env.ORIGIN} (DEMO=${env.DEMO}, database ${env.DATABASE_URL ?? './data/doradca.db'})`
);
const server = spawn(process.execPath, [join(root, 'build', 'index.js')], {
	cwd: root,
	env,
	stdio: 'inherit'
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
