#!/usr/bin/env bash
# An older engine side by side with the current one, for compatibility runs (docs/compatibility.md):
# Debian trixie's dockerd 26.1.5, docker CLI 26.1.5 and buildx 0.13.1, extracted from their .debs
# (never installed, so the machine's engine and anything using it are untouched), running as engine
# "compat" of scripts/engine.sh and sharing its registry on 127.0.0.1:5000.
#
#   scripts/compat.sh install     add the trixie source (pinned to priority 40), download + extract (root)
#   scripts/compat.sh up          install when missing, start engine "compat", print its env
#   scripts/compat.sh down        stop engine "compat" (never the registry or other engines)
#   scripts/compat.sh env         print exports: DOCKER_HOST, DOCKER_CONFIG, PATH (compat bin first)
#   scripts/compat.sh run -- CMD  run CMD with that env, and (as root) the old buildx bind-mounted over
#                                 the system plugin in a private mount namespace
#   scripts/compat.sh versions    print the versions of the extracted binaries
#
# `eval "$(bash scripts/compat.sh env)"` makes docker, dockerd (also in managed engines imageforge
# spawns) and `docker buildx` the old ones in this shell. The DOCKER_CONFIG gets a copy of the user's
# config.json (logins) unless IMAGEFORGE_COMPAT_FRESH_CONFIG=1 (the test suite uses a fresh one).
# A command that sets its own DOCKER_CONFIG would find the system buildx again; `run` closes that gap
# for CMD and its children only (nothing outside the namespace sees the bind mount).
# Environment: IMAGEFORGE_ENGINE_DIR (default <repo>/.engine), IMAGEFORGE_REGISTRY_PORT (5000).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_DIR="${IMAGEFORGE_ENGINE_DIR:-$ROOT/.engine}"
NAME=compat
SUITE=trixie
PACKAGES=(docker.io docker-cli docker-buildx)
TREE="$BASE_DIR/compat-bin"          # extracted .debs (tree/) and the PATH dir (bin/)
CONFIG_DIR="$BASE_DIR/$NAME/docker-config"

log() { printf '[compat] %s\n' "$*" >&2; }
die() { printf '[compat] error: %s\n' "$*" >&2; exit 1; }

extracted() { [[ -x "$TREE/bin/dockerd" && -x "$TREE/bin/docker" && -x "$TREE/bin/docker-buildx" ]]; }

add_source() {
  [[ -f /etc/apt/sources.list.d/$SUITE.sources ]] && return
  [[ $(id -u) -eq 0 ]] || die "adding the $SUITE source needs root"
  log "adding Debian $SUITE source (pinned to priority 40: nothing installs or upgrades from it)"
  cat > "/etc/apt/sources.list.d/$SUITE.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: $SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  printf 'Package: *\nPin: release n=%s\nPin-Priority: 40\n' "$SUITE" > "/etc/apt/preferences.d/$SUITE-pin"
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
}

install() {
  if extracted; then log "binaries present in $TREE"; return; fi
  add_source
  local tmp; tmp="$(mktemp -d)"; chown _apt "$tmp" 2>/dev/null || true   # apt downloads as _apt
  local wanted=(); for p in "${PACKAGES[@]}"; do wanted+=("$p/$SUITE"); done
  log "apt-get download ${wanted[*]}"
  download() { (cd "$tmp" && apt-get -o DPkg::Lock::Timeout=600 download -qq "${wanted[@]}" >/dev/null); }
  # the package lists may be missing or stale (apt lists cleaned, a new trixie point release)
  download || { apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null && download; } \
    || { rm -rf "$tmp"; die "apt-get download failed (is the $SUITE source reachable?)"; }
  rm -rf "$TREE"; mkdir -p "$TREE/tree" "$TREE/bin"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$TREE/tree"; done
  rm -rf "$tmp"
  ln -s ../tree/usr/sbin/dockerd "$TREE/bin/dockerd"
  ln -s ../tree/usr/sbin/docker-proxy "$TREE/bin/docker-proxy"
  ln -s ../tree/usr/bin/docker "$TREE/bin/docker"
  ln -s ../tree/usr/libexec/docker/cli-plugins/docker-buildx "$TREE/bin/docker-buildx"
  extracted || die "the extracted packages lack dockerd, docker or docker-buildx"
  log "extracted into $TREE: $(versions | tr '\n' ' ')"
}

# A DOCKER_CONFIG whose cli-plugins/docker-buildx is the old plugin (it wins over the system one).
prepare_config() {
  # a fresh config also drops the docker contexts and buildx builders earlier runs registered
  [[ "${IMAGEFORGE_COMPAT_FRESH_CONFIG:-0}" == 1 ]] && rm -rf "$CONFIG_DIR"
  mkdir -p "$CONFIG_DIR/cli-plugins"
  cp -f "$TREE/bin/docker-buildx" "$CONFIG_DIR/cli-plugins/docker-buildx"
  local user_config="${DOCKER_CONFIG:-$HOME/.docker}/config.json"
  if [[ "${IMAGEFORGE_COMPAT_FRESH_CONFIG:-0}" == 1 || ! -f "$user_config" ]]; then
    rm -f "$CONFIG_DIR/config.json"
  elif [[ "$user_config" != "$CONFIG_DIR/config.json" ]]; then
    cp -f "$user_config" "$CONFIG_DIR/config.json"
  fi
}

compat_path() { printf '%s:%s' "$TREE/bin" "$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$TREE/bin" | paste -sd:)"; }

# Runs scripts/engine.sh with the old binaries first on PATH: it starts engine "compat" with
# dockerd 26, reuses the registry that already answers on the port, and pulls the base image.
engine_sh() { PATH="$(compat_path)" DOCKER_CONFIG="$CONFIG_DIR" bash "$ROOT/scripts/engine.sh" "$@"; }

up() {
  install
  prepare_config
  engine_sh up "$NAME" >/dev/null
  env_of
}

down() { engine_sh down "$NAME"; }

env_of() {
  engine_sh env "$NAME"
  printf 'export DOCKER_CONFIG=%q\n' "$CONFIG_DIR"
  printf 'export PATH=%q\n' "$(compat_path)"
}

# The system plugin dirs the docker CLI searches after $DOCKER_CONFIG/cli-plugins (docker/cli).
SYSTEM_PLUGIN_DIRS=(/usr/local/lib/docker/cli-plugins /usr/local/libexec/docker/cli-plugins
  /usr/lib/docker/cli-plugins /usr/libexec/docker/cli-plugins)

run_cmd() {
  [[ $# -gt 0 ]] || die "usage: scripts/compat.sh run -- CMD [ARGS...]"
  extracted || die "not installed: run scripts/compat.sh up first"
  eval "$(env_of)"
  local plugin targets=() dir
  plugin="$(readlink -f "$TREE/bin/docker-buildx")"
  for dir in "${SYSTEM_PLUGIN_DIRS[@]}"; do [[ -e "$dir/docker-buildx" ]] && targets+=("$dir/docker-buildx"); done
  if [[ ${#targets[@]} -eq 0 ]]; then exec "$@"; fi
  if [[ $(id -u) -ne 0 ]] || ! command -v unshare >/dev/null; then
    log "warning: not root (or no unshare): a command with its own DOCKER_CONFIG finds ${targets[*]}"
    exec "$@"
  fi
  # shellcheck disable=SC2016
  exec unshare --mount --propagation private bash -c '
    plugin="$1"; shift; n="$1"; shift
    for _ in $(seq 1 "$n"); do mount --bind "$plugin" "$1" || exit 125; shift; done
    exec "$@"' compat-run "$plugin" "${#targets[@]}" "${targets[@]}" "$@"
}

versions() {
  printf 'dockerd %s\n' "$("$TREE/bin/dockerd" --version | sed -E 's/^Docker version ([^,]+).*/\1/')"
  printf 'docker %s\n' "$("$TREE/bin/docker" --version | sed -E 's/^Docker version ([^,]+).*/\1/')"
  printf 'buildx %s\n' "$("$TREE/bin/docker-buildx" version | awk '{print $2}')"
}

case "${1:-}" in
  install) install ;;
  up) up ;;
  down) down ;;
  env) env_of ;;
  run) shift; [[ "${1:-}" == -- ]] && shift; run_cmd "$@" ;;
  versions) extracted || die "not installed: run scripts/compat.sh install"; versions ;;
  *) sed -n '2,21p' "$0" >&2; exit 2 ;;
esac
