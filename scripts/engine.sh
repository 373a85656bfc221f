#!/usr/bin/env bash
# Installs (when missing) and runs an isolated Docker Engine + local registry for imageforge
# development, tests and CI. Recipe: shared/ENGINE.md. Only ever stops what it started (by pidfile).
#
#   scripts/engine.sh install         install Debian packages when missing (root)
#   scripts/engine.sh up [NAME]       start engine NAME (default "main") + registry, seed base images
#   scripts/engine.sh down [NAME]     stop engine NAME (and the registry when NAME is main)
#   scripts/engine.sh env [NAME]      print `export DOCKER_HOST=...` lines for NAME
#   scripts/engine.sh status          show what is running
#
# Environment: IMAGEFORGE_ENGINE_DIR (default: <repo>/.engine), IMAGEFORGE_REGISTRY_PORT (5000).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_DIR="${IMAGEFORGE_ENGINE_DIR:-$ROOT/.engine}"
REGISTRY_PORT="${IMAGEFORGE_REGISTRY_PORT:-5000}"
REGISTRY_DIR="$BASE_DIR/registry"
SEED_DIR="$BASE_DIR/seed"

log() { printf '[engine] %s\n' "$*" >&2; }
die() { printf '[engine] error: %s\n' "$*" >&2; exit 1; }

engine_dir() { printf '%s/%s' "$BASE_DIR" "${1:-main}"; }
sock_of() { printf 'unix://%s/docker.sock' "$(engine_dir "$1")"; }

is_running() { # pidfile
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

need_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io/sid)
  [[ -x /usr/libexec/docker/cli-plugins/docker-buildx ]] || missing+=(docker-buildx/sid)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  [[ -x /bin/busybox ]] || missing+=(busybox-static)
  command -v qemu-aarch64-static >/dev/null || missing+=(qemu-user-static)
  command -v update-binfmts >/dev/null || missing+=(binfmt-support)
  command -v containerd >/dev/null || missing+=(containerd)
  command -v runc >/dev/null || missing+=(runc)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  command -v cosign >/dev/null || missing+=(cosign/sid)
  printf '%s\n' "${missing[@]}"
}

install() {
  local missing
  missing="$(need_packages)"
  if [[ -z "$missing" ]]; then log "packages present"; else
    [[ $(id -u) -eq 0 ]] || die "installing packages needs root; missing: $missing"
    if [[ ! -f /etc/apt/sources.list.d/sid.sources ]]; then
      log "adding Debian sid source (pinned to priority 50)"
      cat > /etc/apt/sources.list.d/sid.sources <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
      printf 'Package: *\nPin: release n=sid\nPin-Priority: 50\n' > /etc/apt/preferences.d/sid-pin
    fi
    log "apt-get install: $(echo $missing | tr '\n' ' ')"
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
      containerd runc docker.io/sid docker-cli/sid docker-buildx/sid docker-registry \
      busybox-static qemu-user-static binfmt-support apache2-utils cosign/sid >/dev/null
  fi
  fetch_arm64_busybox
}

fetch_arm64_busybox() {
  mkdir -p "$SEED_DIR"
  [[ -f "$SEED_DIR/busybox-amd64" ]] || cp /bin/busybox "$SEED_DIR/busybox-amd64"
  if [[ ! -f "$SEED_DIR/busybox-arm64" ]]; then
    dpkg --print-foreign-architectures | grep -qx arm64 || { dpkg --add-architecture arm64; apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null; }
    local tmp; tmp="$(mktemp -d)"
    (cd "$tmp" && apt-get -o DPkg::Lock::Timeout=600 download -qq busybox-static:arm64 >/dev/null && dpkg-deb -x ./busybox-static_*_arm64.deb x)
    cp "$tmp/x/bin/busybox" "$SEED_DIR/busybox-arm64"
    rm -rf "$tmp"
  fi
}

enable_binfmt() {
  [[ -d /proc/sys/fs/binfmt_misc ]] || return 0
  mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true
  [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || update-binfmts --enable qemu-aarch64 2>/dev/null || true
}

start_engine() { # name
  local name="$1" dir; dir="$(engine_dir "$name")"
  mkdir -p "$dir/data" "$dir/exec"
  if is_running "$dir/docker.pid"; then log "engine $name already running ($(sock_of "$name"))"; return; fi
  [[ -f "$dir/daemon.json" ]] || cat > "$dir/daemon.json" <<JSON
{"features":{"containerd-snapshotter":true},"iptables":false,"ip-forward":false}
JSON
  log "starting engine $name"
  # setsid: the daemon must not die with the shell that started it (CI steps, npm scripts)
  setsid dockerd --config-file "$dir/daemon.json" --data-root "$dir/data" --exec-root "$dir/exec" \
    --host "$(sock_of "$name")" --pidfile "$dir/docker.pid" >"$dir/dockerd.log" 2>&1 < /dev/null &
  for _ in $(seq 1 120); do
    docker -H "$(sock_of "$name")" version >/dev/null 2>&1 && { log "engine $name ready"; return; }
    sleep 0.5
  done
  tail -20 "$dir/dockerd.log" >&2
  die "engine $name did not become ready in 60s (log: $dir/dockerd.log)"
}

start_registry() {
  mkdir -p "$REGISTRY_DIR/data"
  if is_running "$REGISTRY_DIR/registry.pid"; then log "registry already running on 127.0.0.1:$REGISTRY_PORT"; return; fi
  if curl -fsS "http://127.0.0.1:$REGISTRY_PORT/v2/" >/dev/null 2>&1; then
    log "a registry (not started by this script) already answers on 127.0.0.1:$REGISTRY_PORT; using it"; return
  fi
  cat > "$REGISTRY_DIR/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
YML
  setsid docker-registry serve "$REGISTRY_DIR/config.yml" >"$REGISTRY_DIR/registry.log" 2>&1 < /dev/null &
  echo $! > "$REGISTRY_DIR/registry.pid"
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$REGISTRY_PORT/v2/" >/dev/null 2>&1 && { log "registry ready on 127.0.0.1:$REGISTRY_PORT"; return; }
    sleep 0.25
  done
  die "registry did not start (log: $REGISTRY_DIR/registry.log)"
}

seed_base() { # name
  local host; host="$(sock_of "$1")"
  if curl -fsS "http://127.0.0.1:$REGISTRY_PORT/v2/base/busybox/manifests/latest" \
      -H 'Accept: application/vnd.oci.image.index.v1+json' >/dev/null 2>&1; then
    log "base image localhost:$REGISTRY_PORT/base/busybox:latest present"
  else
    log "seeding multi-arch busybox into localhost:$REGISTRY_PORT/base/busybox:latest"
    cat > "$SEED_DIR/Dockerfile" <<'DF'
FROM scratch
ARG TARGETARCH
COPY busybox-${TARGETARCH} /bin/busybox
RUN ["/bin/busybox","--install","-s","/bin"]
ENV PATH=/bin
DF
    DOCKER_HOST="$host" docker buildx build --progress=quiet --platform linux/amd64,linux/arm64 \
      -t "localhost:$REGISTRY_PORT/base/busybox:latest" --push "$SEED_DIR" >/dev/null
  fi
  # the legacy builder cannot pull OCI indexes from plain-HTTP registries reliably: keep a local copy too
  DOCKER_HOST="$host" docker image inspect "localhost:$REGISTRY_PORT/base/busybox:latest" >/dev/null 2>&1 \
    || DOCKER_HOST="$host" docker pull -q "localhost:$REGISTRY_PORT/base/busybox:latest" >/dev/null
}

up() {
  local name="${1:-main}"
  install
  enable_binfmt
  start_registry
  start_engine "$name"
  seed_base "$name"
  env_of "$name"
}

down() {
  local name="${1:-main}" dir; dir="$(engine_dir "$name")"
  if is_running "$dir/docker.pid"; then
    local pid; pid="$(cat "$dir/docker.pid")"
    log "stopping engine $name (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  if [[ "$name" == main ]] && is_running "$REGISTRY_DIR/registry.pid"; then
    log "stopping registry (pid $(cat "$REGISTRY_DIR/registry.pid"))"
    kill "$(cat "$REGISTRY_DIR/registry.pid")"; rm -f "$REGISTRY_DIR/registry.pid"
  fi
}

env_of() {
  printf 'export DOCKER_HOST=%s\n' "$(sock_of "${1:-main}")"
  printf 'export IMAGEFORGE_REGISTRY=localhost:%s\n' "$REGISTRY_PORT"
}

status() {
  for d in "$BASE_DIR"/*/; do
    [[ -f "$d/docker.pid" ]] || continue
    local n; n="$(basename "$d")"
    if is_running "$d/docker.pid"; then echo "engine $n: running $(sock_of "$n")"; else echo "engine $n: stopped"; fi
  done
  if is_running "$REGISTRY_DIR/registry.pid"; then echo "registry: running 127.0.0.1:$REGISTRY_PORT"; else echo "registry: stopped"; fi
}

case "${1:-}" in
  install) install ;;
  up) up "${2:-main}" ;;
  down) down "${2:-main}" ;;
  env) env_of "${2:-main}" ;;
  status) status ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
