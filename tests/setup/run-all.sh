#!/usr/bin/env bash
# `npm test`: everything CI runs — types, unit + integration, a production build, browser tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
export TZ=UTC
echo "── typecheck"; npx react-router typegen && npx tsc
echo "── unit + integration (vitest)"; npx vitest run --config tests/setup/vitest.config.ts
echo "── browser (Playwright + Debian Chromium)"
bash tests/setup/ensure-chromium.sh
npx react-router build
npx playwright test --config tests/e2e/playwright.config.ts
