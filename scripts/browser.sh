#!/usr/bin/env bash
# Provides the headless browser the HTML report and dashboard tests drive (Debian chromium through
# playwright-core, no downloaded browser builds). Idempotent: does nothing when chromium is there.
#
#   scripts/browser.sh install    apt-get -o DPkg::Lock::Timeout=600 install chromium when /usr/bin/chromium is missing (root)
#   scripts/browser.sh path       print the chromium executable path
set -euo pipefail

CHROMIUM="${IMAGEFORGE_CHROMIUM:-/usr/bin/chromium}"

log() { printf '[browser] %s\n' "$*" >&2; }
die() { printf '[browser] error: %s\n' "$*" >&2; exit 1; }

install() {
  if [[ -x "$CHROMIUM" ]]; then
    log "chromium present: $CHROMIUM"
    return 0
  fi
  command -v apt-get >/dev/null || die "$CHROMIUM is missing and apt-get is not available; install chromium"
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || die "$CHROMIUM is missing; run as root to install chromium"
    sudo=(sudo)
  fi
  log "installing chromium"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends chromium
  [[ -x "$CHROMIUM" ]] || die "chromium installed but $CHROMIUM does not exist"
}

case "${1:-}" in
  install) install ;;
  path) printf '%s\n' "$CHROMIUM" ;;
  *) die "usage: $0 install|path" ;;
esac
