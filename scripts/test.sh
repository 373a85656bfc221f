#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need, starts the real engine and
# registry, then runs lint, format check, typecheck, unit tests and integration tests.
# Usage: bash scripts/test.sh [unit|itg|all]   (default all)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
what="${1:-all}"

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  # npm 11 here writes lock files that its own `npm ci` rejects (foreign-platform optional
  # packages go missing); `npm install` installs the same locked versions.
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
fi

step() { printf '\n== %s\n' "$*" >&2; }

step "lint";       npx eslint --max-warnings 0 .
step "format";     npx prettier --check . >/dev/null
step "typecheck";  npx tsc -p tsconfig.json --noEmit
step "build";      npm run --silent build
# packages first (Docker Engine, buildx, registry, qemu): some unit tests read the real docker CLI plugins
step "packages";   bash scripts/engine.sh install >/dev/null

mkdir -p test-artifacts
results=()
if [[ "$what" == all || "$what" == unit ]]; then
  step "unit tests"
  npx vitest run --config vitest.config.ts --reporter=default --reporter=json --outputFile=test-artifacts/unit.json
  results+=(test-artifacts/unit.json)
fi
if [[ "$what" == all || "$what" == itg ]]; then
  step "engine";  bash scripts/engine.sh up >/dev/null
  eval "$(bash scripts/engine.sh env)"
  # PostgreSQL (history), Prometheus + Pushgateway (metrics), Chromium (HTML report, dashboard)
  step "services"
  bash scripts/postgres.sh install >/dev/null && bash scripts/postgres.sh up >/dev/null
  eval "$(bash scripts/postgres.sh env)"
  bash scripts/observability.sh install >/dev/null
  bash scripts/browser.sh install >/dev/null
  bash scripts/ansible.sh install >/dev/null
  step "integration tests (real engine at $DOCKER_HOST)"
  npx vitest run --config vitest.itg.config.ts --reporter=default --reporter=json --outputFile=test-artifacts/itg.json
  results+=(test-artifacts/itg.json)
  step "integration tests on the older engine: dockerd 26.1.5 + buildx 0.13.1 (docs/compatibility.md)"
  bash scripts/compat.sh up >/dev/null
  bash scripts/compat.sh run -- npx vitest run --config vitest.compat.config.ts --reporter=default --reporter=json --outputFile=test-artifacts/itg-compat.json
  results+=(test-artifacts/itg-compat.json)
fi

node -e '
let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(1)) {
  const r = JSON.parse(require("fs").readFileSync(file, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0) process.exit(1);
' "${results[@]}"
