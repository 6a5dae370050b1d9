#!/usr/bin/env bash
# The whole test suite: types and layering, build, domain + integration tests (vitest), end-to-end tests (Playwright).
# Integration tests also run on PostgreSQL when TEST_DATABASE_URL is set.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium is missing: install it with 'apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
  exit 1
fi
if ! "${MURMUR_PYTHON:-/usr/bin/python3}" -c "import socketio, requests, websocket" 2>/dev/null; then
  echo "The Python contract suite needs Debian's client libraries: apt-get install -y python3-socketio python3-requests python3-websocket (or set MURMUR_PYTHON)." >&2
  exit 1
fi

# The JSON reports go to reports/: Playwright empties its output folder (test-results/) when it starts.
mkdir -p reports
rm -f reports/vitest.json reports/playwright.json
# Types and layering first: they take seconds and say exactly what is wrong.
npm run check || exit 1
npm run build || exit 1

npx vitest run --reporter=default --reporter=json --outputFile=reports/vitest.json
vitest_status=$?

PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json
playwright_status=$?

node scripts/test-summary.mjs reports/vitest.json reports/playwright.json
summary_status=$?
if [ $vitest_status -ne 0 ] || [ $playwright_status -ne 0 ] || [ $summary_status -ne 0 ]; then exit 1; fi
