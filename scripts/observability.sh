#!/usr/bin/env bash
# Installs (when missing) the Prometheus tools the observability tests and CI use: promtool (Debian
# package prometheus) and prometheus-pushgateway. Idempotent: does nothing when both are present.
#
#   scripts/observability.sh install   apt-get -o DPkg::Lock::Timeout=600 install the missing packages (root)
#   scripts/observability.sh check     promtool check/test of deploy/prometheus (config, rules, rule tests)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '[observability] %s\n' "$*" >&2; }
die() { printf '[observability] error: %s\n' "$*" >&2; exit 1; }

missing_packages() {
  command -v promtool >/dev/null || echo prometheus
  command -v prometheus-pushgateway >/dev/null || echo prometheus-pushgateway
  return 0
}

install() {
  local missing
  missing="$(missing_packages | tr '\n' ' ')"
  if [[ -z "${missing// /}" ]]; then log "promtool and prometheus-pushgateway present"; return; fi
  [[ $(id -u) -eq 0 ]] || die "installing packages needs root; missing: $missing"
  log "apt-get install: $missing"
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
  command -v promtool >/dev/null || die "promtool still missing after installing prometheus"
  command -v prometheus-pushgateway >/dev/null || die "prometheus-pushgateway still missing after installing it"
}

check() {
  cd "$ROOT/deploy/prometheus"
  promtool check config prometheus.example.yml
  promtool check rules imageforge-alerts.yml
  promtool test rules imageforge-alerts.test.yml
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  *) sed -n '2,6p' "$0" >&2; exit 2 ;;
esac
