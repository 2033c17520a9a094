#!/usr/bin/env bash
# `npm test`: everything CI runs — types, a production build, unit + integration + security (some
# of which run the built server), browser tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
export TZ=UTC
# Given DATABASE_URL, that PostgreSQL server hosts the second engine's run (each test file makes a
# database there, so its user needs CREATEDB); the SQLite run must not see it.
if [ -n "${DATABASE_URL:-}" ]; then
  export TEST_DATABASE_URL="${TEST_DATABASE_URL:-$DATABASE_URL}"
  unset DATABASE_URL
fi
# Each stage says when it starts (seconds into the run), so a slow one shows in the log.
stage() { echo "── $1 (at ${SECONDS} s)"; }
reports=$(mktemp -d)
trap 'if [ -n "${lint:-}" ]; then kill "$lint" 2>/dev/null || true; fi; rm -rf "$reports"' EXIT
export SECURITY_CASES_FILE="$reports/security-cases.jsonl"
: > "$SECURITY_CASES_FILE"
stage "format (Prettier; \`npm run format\` fixes it)"
npx prettier --check . --log-level warn
stage "route types (react-router typegen: lint and typecheck read them)"
npx react-router typegen
# Each of these uses one core: ESLint runs beside the typecheck and the build, and its report is
# printed when it is done (its own exit status decides).
stage "lint (ESLint: TypeScript, hooks, accessibility, import boundaries), beside typecheck and build"
npx eslint . --max-warnings 0 > "$reports/eslint.log" 2>&1 &
lint=$!
stage "typecheck"
npx tsc
stage "production build"
npx react-router build
lint_status=0
wait "$lint" || lint_status=$?
stage "lint report"
cat "$reports/eslint.log"
if [ "$lint_status" -ne 0 ]; then
  echo "ESLint found problems (above); \`npx eslint . --fix\` fixes some." >&2
  exit "$lint_status"
fi
stage "unit + integration + security (vitest, SQLite)"
npx vitest run --config tests/setup/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
stage "integration + security again on PostgreSQL (vitest; TEST_DATABASE_URL, or a throwaway cluster)"
TEST_ENGINE=pg npx vitest run --config tests/setup/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$reports/vitest-pg.json"
# The browser tests mostly wait (for the browser, for debounced saves), so they run in two lanes
# side by side: the SQLite run in three shards, each with its own server, port and database file,
# and the journeys again on PostgreSQL. Each lane's log is printed when both are done.
stage "browser (Playwright + Debian Chromium headless shell): SQLite in 3 shards, and the journeys tagged BOTH_ENGINES again on PostgreSQL (sign in, create, tree, autosave and merges, 409 in two tabs, comments, the meeting), in two lanes"
bash tests/setup/ensure-chromium.sh
playwright() { # <json report> <port> <args…>
  PLAYWRIGHT_JSON_OUTPUT_NAME="$1" E2E_PORT="$2" npx playwright test --config tests/e2e/playwright.config.ts --reporter=list,json "${@:3}"
}
shard() { # <n>: one third of the SQLite run, on a database file of its own
  E2E_DATABASE="data/e2e-shard$1.db" playwright "$reports/playwright-$1.json" "$((3210 + $1))" --shard="$1/3"
}
on_postgres() {
  npx tsx tests/setup/with-postgres.ts env PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright-pg.json" E2E_PORT=3220 \
    npx playwright test --config tests/e2e/playwright.config.ts --reporter=list,json
}
lane() { # runs each step even after one fails; fails if any did
  local status=0 step
  for step in "$@"; do $step || status=1; done
  return $status
}
lane "shard 1" on_postgres > "$reports/lane-1.log" 2>&1 &
lane1=$!
lane2_status=0
lane "shard 2" "shard 3" > "$reports/lane-2.log" 2>&1 || lane2_status=$?
lane1_status=0
wait "$lane1" || lane1_status=$?
cat "$reports/lane-1.log" "$reports/lane-2.log"
if [ "$lane1_status" -ne 0 ] || [ "$lane2_status" -ne 0 ]; then
  echo "browser tests failed (above)" >&2
  exit 1
fi
node tests/setup/summarize.mjs "$reports/vitest.json" "$reports/vitest-pg.json" "$reports/playwright-1.json,$reports/playwright-2.json,$reports/playwright-3.json" "$reports/playwright-pg.json" "$SECURITY_CASES_FILE"
