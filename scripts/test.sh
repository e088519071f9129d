#!/usr/bin/env bash
# Every test: checks (format, lint, types), then unit + database + HTTP tests on embedded PGlite,
# then the browser journeys in Chromium. Run through `npm test`, so `node` is the pinned Node 24.
# With DATABASE_URL set, the database-backed tests run on that PostgreSQL server instead.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Checks: format, lint, types"
npm run --silent check
echo "== Unit, database and HTTP tests ($([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo PGlite))"
node --import tsx --test --test-concurrency=2 "src/**/*.test.ts" "src/**/*.test.tsx"
echo "== Browser tests (Chromium)"
bash scripts/ensure-chromium.sh
node --import tsx --test --test-concurrency=1 "test/e2e/**/*.test.ts"
