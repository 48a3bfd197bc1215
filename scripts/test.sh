#!/usr/bin/env bash
# The whole test suite: static checks, unit + integration tests against real media workers,
# then multi-browser tests in headless Chromium. Installs whatever is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '\n\033[1;35m[test]\033[0m %s\n' "$*"; }

bash scripts/setup.sh --with-tests
log "typecheck"; npx tsc --noEmit
log "lint"; npx eslint . && npx prettier --check . >/dev/null
log "unit + integration (vitest)"; npx vitest run
log "integration with the server on PostgreSQL"; IC_TEST_SERVER_ENGINE=postgres npx vitest run tests/integration
log "browser (playwright)"; npx playwright test
log "all tests passed"
