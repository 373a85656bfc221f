#!/usr/bin/env bash
# Installs (when missing) and runs a private PostgreSQL cluster for the history store's integration
# tests: loopback only, its own port, trust auth for one test role. Never touches any other cluster.
#
#   scripts/postgres.sh install   install Debian's postgresql when pg_ctl is missing (root)
#   scripts/postgres.sh up        start the cluster (reused when running), create the test database
#   scripts/postgres.sh down      stop this cluster (pg_ctl -D <its data dir> stop)
#   scripts/postgres.sh env       print `export IMAGEFORGE_TEST_POSTGRES_URL=...`
#   scripts/postgres.sh status    show whether it runs
#
# Environment: IMAGEFORGE_POSTGRES_DIR (default: <repo>/.services/postgres), IMAGEFORGE_POSTGRES_PORT (55432).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_DIR="${IMAGEFORGE_POSTGRES_DIR:-$ROOT/.services/postgres}"
PORT="${IMAGEFORGE_POSTGRES_PORT:-55432}"
DATA_DIR="$BASE_DIR/data"
SOCKET_DIR="$BASE_DIR/run"
LOG_FILE="$BASE_DIR/postgres.log"
ROLE=imageforge
DATABASE=imageforge_test

log() { printf '[postgres] %s\n' "$*" >&2; }
die() { printf '[postgres] error: %s\n' "$*" >&2; exit 1; }

# Debian keeps the server binaries out of PATH; the newest installed major wins.
bin_dir() {
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return
  fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [[ -n "$dir" && -x "$dir/pg_ctl" ]] || return 1
  printf '%s' "$dir"
}

# PostgreSQL refuses to run as root: as root, run the server tools as the `postgres` OS user.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install() {
  if bin_dir >/dev/null; then log "postgresql present ($(bin_dir))"; return; fi
  [[ $(id -u) -eq 0 ]] || die "installing postgresql needs root"
  log "apt-get install postgresql"
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends postgresql >/dev/null
  bin_dir >/dev/null || die "postgresql installed but pg_ctl not found under /usr/lib/postgresql/*/bin"
}

is_running() {
  [[ -f "$DATA_DIR/postmaster.pid" ]] && as_owner "$(bin_dir)/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1
}

init_cluster() {
  mkdir -p "$BASE_DIR" "$SOCKET_DIR"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$BASE_DIR" "$SOCKET_DIR"
  [[ -f "$DATA_DIR/PG_VERSION" ]] && return
  log "initdb $DATA_DIR"
  as_owner "$(bin_dir)/initdb" -D "$DATA_DIR" -U postgres -A peer --encoding=UTF8 --no-instructions >/dev/null
  # A throwaway test cluster: durability traded for speed, reachable only from this machine.
  cat >> "$DATA_DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCKET_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF
  cat > "$DATA_DIR/pg_hba.conf" <<HBA
local all postgres peer
host  all $ROLE 127.0.0.1/32 trust
HBA
}

start_cluster() {
  if is_running; then log "cluster already running on 127.0.0.1:$PORT"; return; fi
  log "starting cluster on 127.0.0.1:$PORT"
  # setsid: the server must not die with the shell that started it (CI steps, test runners)
  as_owner setsid -w "$(bin_dir)/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 start >/dev/null \
    || { tail -20 "$LOG_FILE" >&2 || true; die "cluster did not start (log: $LOG_FILE)"; }
  for _ in $(seq 1 120); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && { log "cluster ready"; return; }
    sleep 0.5
  done
  die "cluster did not accept connections in 60s (log: $LOG_FILE)"
}

admin_sql() { as_owner psql -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 -c "$1"; }

create_test_database() {
  [[ "$(admin_sql "select 1 from pg_roles where rolname = '$ROLE'")" == 1 ]] \
    || admin_sql "create role $ROLE login createdb" >/dev/null
  [[ "$(admin_sql "select 1 from pg_database where datname = '$DATABASE'")" == 1 ]] \
    || admin_sql "create database $DATABASE owner $ROLE" >/dev/null
}

up() {
  install
  init_cluster
  start_cluster
  create_test_database
  env_of
}

down() {
  if is_running; then
    log "stopping cluster ($DATA_DIR)"
    as_owner "$(bin_dir)/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
  else
    log "cluster not running"
  fi
}

env_of() {
  printf 'export IMAGEFORGE_TEST_POSTGRES_URL=postgres://%s@127.0.0.1:%s/%s\n' "$ROLE" "$PORT" "$DATABASE"
}

status() {
  if bin_dir >/dev/null && is_running; then echo "postgres: running 127.0.0.1:$PORT ($DATA_DIR)"; else echo "postgres: stopped"; fi
}

case "${1:-}" in
  install) install ;;
  up) up ;;
  down) down ;;
  env) env_of ;;
  status) status ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
