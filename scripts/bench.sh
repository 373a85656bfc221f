#!/usr/bin/env bash
# `npm run bench`: starts the separate "bench" engine (benchmarks prune its build cache, so they never
# run on the shared "main" engine), builds imageforge, then runs bench/run-bench.ts against it.
# Results: bench/results/<timestamp>.json, latest.json, latest.md. See bench/README.md for the knobs
# (BENCH_RUNS, BENCH_SECTIONS, BENCH_SCENARIOS, BENCH_SCALING_SIZES, ...); `BENCH_SMOKE=1 npm run bench`
# is a quick end-to-end check (one round, small sizes, results in bench/work/smoke-results). Leaves the
# bench engine running; stop it with `bash scripts/engine.sh down bench`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '[bench] %s\n' "$*" >&2; }

bash scripts/engine.sh up bench >/dev/null
eval "$(bash scripts/engine.sh env bench)"
export DOCKER_HOST IMAGEFORGE_REGISTRY

if [[ ! -d node_modules ]]; then
  log "node_modules missing: npm ci"
  # npm 11 here writes lock files that its own `npm ci` rejects (foreign-platform optional
  # packages go missing); `npm install` installs the same locked versions.
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
fi

# A broken imageforge build must not stop the other competitors: the harness records the CLI's
# failures and exits non-zero at the end.
if ! npm run --silent build >&2; then
  log "npm run build failed: imageforge runs will fail and be recorded as such"
  export BENCH_NOTE="npm run build failed before this benchmark; imageforge used whatever dist/ held"
fi

exec npx tsx bench/run-bench.ts
