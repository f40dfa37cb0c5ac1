#!/usr/bin/env bash
# The sync fault simulation as a CI step: three seeds on SQLite, two on PostgreSQL, and one run of two app
# instances on one PostgreSQL. Every run must end in `converged`; a failing run prints its replay command.
# Sizes: SYNC_SIM_DEVICES (default 6) and SYNC_SIM_OPS (default 200). Writes reports/sync-sim.json.
set -uo pipefail
cd "$(dirname "$0")/../.."
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432/doradca_test}"
devices="${SYNC_SIM_DEVICES:-6}"
ops="${SYNC_SIM_OPS:-200}"

# The simulation runs the built server: build when there is none or the sources changed since.
if [ ! -f build/index.js ] || [ -n "$(find src -newer build/index.js -type f -print -quit)" ]; then
	echo "::: sync-sim: building the server"
	flock /tmp/doradca-build.lock npx vite build --logLevel warn || exit 1
fi

runs=(
	"--seed 1 --db sqlite"
	"--seed 2 --db sqlite"
	"--seed 3 --db sqlite"
	"--seed 1 --db postgres"
	"--seed 2 --db postgres"
	"--seed 3 --db postgres --instances 2"
)
passed=0
failed=0
results=()
for args in "${runs[@]}"; do
	echo "::: sync-sim $args --devices $devices --ops $ops"
	started=$(date +%s)
	# shellcheck disable=SC2086 # the arguments are meant to split
	if npx tsx scripts/sync-sim/run.ts $args --devices "$devices" --ops "$ops"; then
		passed=$((passed + 1))
		outcome=passed
	else
		failed=$((failed + 1))
		outcome=failed
	fi
	results+=("{\"args\":\"$args --devices $devices --ops $ops\",\"outcome\":\"$outcome\",\"seconds\":$(($(date +%s) - started))}")
done

mkdir -p reports
(
	IFS=,
	echo "{\"passed\":$passed,\"failed\":$failed,\"runs\":[${results[*]}]}"
) >reports/sync-sim.json
echo "sync-sim: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
