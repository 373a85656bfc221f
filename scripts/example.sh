#!/usr/bin/env bash
# The README's "main job": starts the engine + local registry, builds imageforge, and builds the
# examples/jenkins-ha image set with it. Safe to run again: every step skips what is already done.
#
#   bash scripts/example.sh [extra imageforge build args...]     (npm run example)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIG="examples/jenkins-ha/imageforge.yaml"
cd "$ROOT"

log() { printf '[example] %s\n' "$*" >&2; }

log "engine: bash scripts/engine.sh up"
bash scripts/engine.sh up >/dev/null
eval "$(bash scripts/engine.sh env)"
export DOCKER_HOST IMAGEFORGE_REGISTRY

if [[ ! -d node_modules ]]; then
  log "node_modules missing: npm ci"
  # npm 11 here writes lock files that its own `npm ci` rejects (foreign-platform optional
  # packages go missing); `npm install` installs the same locked versions.
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
fi

log "npm run build"
npm run --silent build

log "imageforge build -f $CONFIG (DOCKER_HOST=$DOCKER_HOST)"
status=0
node bin/imageforge.js build -f "$CONFIG" "$@" || status=$?

# runBuild writes <config dir>/.imageforge/runs/<run id>/{report.json,report.yaml,junit.xml} and
# points runs/latest at the newest run.
latest="$ROOT/examples/jenkins-ha/.imageforge/runs/latest"
if [[ -e "$latest/report.json" ]]; then
  log "report: $(cd "$latest" && pwd -P)/report.json (also report.yaml, junit.xml; link: $latest)"
else
  log "report: none at $latest (see imageforge's output above)"
fi
[[ $status -eq 0 ]] || log "imageforge build failed (exit $status)"
exit "$status"
