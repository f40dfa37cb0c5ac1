// Bundles a benchmark module of bench/browser/ for Chromium (one IIFE exposing its exports as window[name]), with
// the app's `$lib` alias: the benchmarks inject it into a page and call it through page.evaluate.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { root } from './build.js';

/** Builds bench/browser/`file` into `dir` and returns the bundle's source. */
export async function browserBundle(file, name, dir) {
	const outDir = join(dir, `bundle-${name}`);
	await build({
		configFile: false,
		logLevel: 'warn',
		resolve: { alias: { $lib: join(root, 'src', 'lib') } },
		build: {
			outDir,
			emptyOutDir: true,
			minify: true,
			lib: {
				entry: join(root, 'bench', 'browser', file),
				name,
				formats: ['iife'],
				fileName: () => 'bundle.js'
			}
		}
	});
	return readFileSync(join(outDir, 'bundle.js'), 'utf8');
}
