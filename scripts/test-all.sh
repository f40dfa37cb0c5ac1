#!/usr/bin/env bash
# `npm test`: every gate and every test — types, lint, unit + integration (SQLite and PostgreSQL), a production
# build, end-to-end in Chromium, the sync fault simulation. Needs PostgreSQL at TEST_POSTGRES_URL (`.ci/run`
# installs and starts it).
set -uo pipefail
cd "$(dirname "$0")/.."
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432/doradca_test}"
mkdir -p reports
rm -f reports/vitest.json reports/e2e.json reports/sync-sim.json
status=0
step() {
	echo "::: $*"
	"$@" || status=1
}
step npm run -s check
step npm run -s lint
step npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
step npx vite build --logLevel warn
step npx playwright test
# The sync fault simulation (docs/sync-protocol.md): seeds on SQLite, PostgreSQL and two instances on one PostgreSQL.
step bash scripts/sync-sim/ci.sh
node scripts/test-summary.js || status=1
exit $status
