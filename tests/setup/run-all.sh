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
stage "browser (Playwright + Debian Chromium headless shell)"
bash tests/setup/ensure-chromium.sh
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --config tests/e2e/playwright.config.ts --reporter=list,json
stage "browser journeys again on PostgreSQL (tagged BOTH_ENGINES: sign in, create, tree, autosave and merges, 409 in two tabs, comments, the meeting)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright-pg.json" npx tsx tests/setup/with-postgres.ts npx playwright test --config tests/e2e/playwright.config.ts --reporter=list,json
node tests/setup/summarize.mjs "$reports/vitest.json" "$reports/vitest-pg.json" "$reports/playwright.json" "$reports/playwright-pg.json" "$SECURITY_CASES_FILE"
