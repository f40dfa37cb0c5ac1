#!/usr/bin/env node
// `npm start`: build when the sources are newer than the build, then serve on PORT (default 3000) with the
// embedded SQLite database, migrated on start, and demo data seeded into an empty database (DEMO=1 by default).
// `npm run start:prod`: the same without demo data (DEMO=0 unless set) and with NODE_ENV=production.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
const buildStamp = join(root, 'build', 'handler.js');

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const sources = ['src', 'static', 'package-lock.json', 'vite.config.ts', 'svelte.config.js'].map((p) =>
	join(root, p)
);
const needsBuild =
	!existsSync(buildStamp) || Math.max(...sources.map(newestMtime)) > statSync(buildStamp).mtimeMs;
if (needsBuild) {
	console.log('[doradca] building…');
	const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.PORT ?? '3000';
// adapter-node assumes https unless told the public origin; a production start must say it (behind its proxy).
if (production && !process.env.ORIGIN) {
	console.error(
		'[doradca] ORIGIN is required for a production start, e.g. ORIGIN=https://doradca.example.pl'
	);
	process.exit(1);
}
const env = {
	...process.env,
	PORT: port,
	ORIGIN: process.env.ORIGIN ?? `http://localhost:${port}`,
	DEMO: process.env.DEMO ?? (production ? '0' : '1'),
	NODE_ENV: production ? 'production' : (process.env.NODE_ENV ?? 'development'),
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '1M'
};
console.log(`[doradca] http://${env.HOST ?? 'localhost'}:${env.PORT} (DEMO=${env.DEMO})`);
const server = spawn(process.execPath, [join(root, 'build', 'index.js')], {
	cwd: root,
	env,
	stdio: 'inherit'
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
