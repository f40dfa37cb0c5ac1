// Builds the app when any source is newer than the last build (shared by `npm start` and `npm run bench`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const buildStamp = join(root, 'build', 'handler.js');
const SOURCES = ['src', 'static', 'package-lock.json', 'vite.config.ts', 'svelte.config.js'];

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export function buildIfNeeded() {
	const newest = Math.max(...SOURCES.map((p) => newestMtime(join(root, p))));
	if (existsSync(buildStamp) && newest <= statSync(buildStamp).mtimeMs) return;
	console.log('[doradca] building…');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}
