#!/usr/bin/env bash
# The whole test suite: build, domain + integration tests (vitest), end-to-end tests (Playwright).
# Integration tests also run on PostgreSQL when TEST_DATABASE_URL is set.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium is missing: install it with 'apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
  exit 1
fi

mkdir -p test-results
npm run build || exit 1

npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json
vitest_status=$?

PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json
playwright_status=$?

node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json
if [ $vitest_status -ne 0 ] || [ $playwright_status -ne 0 ]; then exit 1; fi
