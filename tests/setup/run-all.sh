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
trap 'rm -rf "$reports"' EXIT
export SECURITY_CASES_FILE="$reports/security-cases.jsonl"
: > "$SECURITY_CASES_FILE"
stage "format (Prettier; \`npm run format\` fixes it)"
npx prettier --check . --log-level warn
stage "lint (ESLint: TypeScript, hooks, accessibility, import boundaries)"
npx eslint . --max-warnings 0
stage "typecheck"
# Two commands, not `a && b`: under `set -e` a failing `a` in an && list would not stop the script.
npx react-router typegen
npx tsc
stage "production build"
npx react-router build
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
