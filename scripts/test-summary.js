#!/usr/bin/env node
// One closing line over every runner (Vitest, Playwright, the sync simulation's runs) ("N passed, N failed"); fails when a runner left no report or ran no test.
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const vitest = read('reports/vitest.json');
const e2e = read('reports/e2e.json');
const sim = read('reports/sync-sim.json');
let passed = 0;
let failed = 0;
let skipped = 0;
if (vitest) {
	passed += vitest.numPassedTests;
	failed += vitest.numFailedTests;
	skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (e2e) {
	passed += e2e.stats.expected;
	failed += e2e.stats.unexpected + e2e.stats.flaky;
	skipped += e2e.stats.skipped;
}
if (sim) {
	passed += sim.passed;
	failed += sim.failed;
}
const missing = [!vitest && 'vitest', !e2e && 'playwright', !sim && 'sync-sim'].filter(Boolean);
if (missing.length) console.log(`missing test reports: ${missing.join(', ')}`);
console.log(
	`vitest ${vitest ? vitest.numPassedTests : 0} passed · playwright ${e2e ? e2e.stats.expected : 0} passed` +
		` · sync simulation ${sim ? sim.passed : 0} runs converged`
);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || skipped > 0 || missing.length || passed === 0 ? 1 : 0);
