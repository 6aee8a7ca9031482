#!/usr/bin/env bash
# Makes sure Flashorder's private PostgreSQL 15 and Redis 7 run on loopback, with data under build/services.
#   scripts/services.sh start   install what is missing (apt), initialise on first use, start; idempotent
#   scripts/services.sh stop    stop both
#   scripts/services.sh status  say what runs
# Ports: PostgreSQL 55432, Redis 56379 (override with FLASHORDER_PG_PORT / FLASHORDER_REDIS_PORT).
# Redis runs from k8s/overlays/local/redis.conf, the file the local Kubernetes overlay uses too (AOF, noeviction,
# no FLUSHALL); here only its address, port and data folder are added, and appendfsync (always; override with
# FLASHORDER_REDIS_APPENDFSYNC=everysec): see the README's "Order durability" for what each can lose and costs.
# Also installs the tools the test suite calls: promtool (package prometheus) and kubectl (kustomize rendering),
# and the CJK font documents embed (package fonts-droid-fallback).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${FLASHORDER_SERVICES_DIR:-$ROOT/build/services}"
PG_PORT="${FLASHORDER_PG_PORT:-55432}"
REDIS_PORT="${FLASHORDER_REDIS_PORT:-56379}"
REDIS_APPENDFSYNC="${FLASHORDER_REDIS_APPENDFSYNC:-always}"
PG_BIN="${FLASHORDER_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$DATA/postgres"
PG_RUN="$DATA/postgres-run"
REDIS_DIR="$DATA/redis"
REDIS_CONF="$ROOT/k8s/overlays/local/redis.conf"
DB_USER=flashorder
DB_PASSWORD=flashorder
DATABASES=(flashorder flashorder_test)

log() { echo "[services] $*"; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

apt_updated=false
apt_install() { # extra apt-get options may come first (e.g. --no-install-recommends)
  if [[ $apt_updated == false ]]; then
    log "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=true
  fi
  log "installing ${*/--no-install-recommends/}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_installed() {
  local missing=()
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || missing+=(postgresql-15)
  command -v psql >/dev/null 2>&1 || missing+=(postgresql-client-15)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
  if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
  # The suite checks the alert rules with promtool and renders the Kubernetes overlays with `kubectl kustomize`
  # (only the tools: without recommends, the prometheus package brings no exporters).
  local tools=()
  command -v promtool >/dev/null 2>&1 || tools+=(prometheus)
  command -v kubectl >/dev/null 2>&1 || tools+=(kubernetes-client)
  # Documents print CJK names in Droid Sans Fallback (flashorder.logistics.documents.cjk-font points at it).
  [[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ]] || tools+=(fonts-droid-fallback)
  if ((${#tools[@]})); then apt_install --no-install-recommends "${tools[@]}"; fi
  # The Debian package starts its own cluster and Redis on the default ports; ours are private, leave theirs alone.
}

# PostgreSQL refuses to run as root: the data belongs to the postgres user (or the caller when not root).
pg_user() { if [[ $(id -u) -eq 0 ]]; then echo postgres; else id -un; fi; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
# Another checkout of the project may already serve the port: reuse it rather than fail on a taken port.
pg_answering() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1; }
pg_sql() { PGPASSWORD="$DB_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres -tAq "$@"; }

start_postgres() {
  mkdir -p "$DATA"
  if ! pg_running && pg_answering; then
    log "PostgreSQL already answering on 127.0.0.1:$PG_PORT (started elsewhere); using it"
    create_databases
    return
  fi
  if [[ ! -s "$PG_DATA/PG_VERSION" ]]; then
    log "initialising PostgreSQL in $PG_DATA"
    mkdir -p "$PG_DATA" "$PG_RUN"
    chown "$(pg_user)" "$PG_DATA" "$PG_RUN"
    chmod 700 "$PG_DATA"
    local pwfile
    pwfile=$(mktemp); echo "$DB_PASSWORD" >"$pwfile"; chown "$(pg_user)" "$pwfile"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$DB_USER" --pwfile="$pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    cat >>"$PG_DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_RUN'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
CONF
  fi
  mkdir -p "$PG_RUN"; chown "$(pg_user)" "$PG_RUN"
  if pg_running; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_RUN/postgres.log" -w -t 60 start >/dev/null
  fi
  create_databases
}

create_databases() {
  local db
  for db in "${DATABASES[@]}"; do
    if ! pg_sql -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
      log "creating database $db"
      pg_sql -c "CREATE DATABASE $db" >/dev/null
    fi
  done
}

redis_running() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

# A Redis that was started before (from an older checkout, or by hand) gets the invariants of redis.conf applied at
# run time: AOF, no eviction, no snapshots, the ACL. appendfsync is left as it runs (it may be set on purpose), and
# what cannot change at run time (tcp-backlog, maxclients) waits for its next start.
apply_redis_settings() {
  local key rest words
  while read -r key rest; do
    read -r -a words <<<"$rest" # an array, so ~* and &* reach Redis as written, never globbed
    case "$key" in
      ""|\#*|appendfsync|tcp-backlog|maxclients) ;;
      user) redis-cli -h 127.0.0.1 -p "$REDIS_PORT" acl setuser "${words[@]}" >/dev/null ;;
      *) redis-cli -h 127.0.0.1 -p "$REDIS_PORT" config set "$key" "${rest//\"/}" >/dev/null ;;
    esac
  done <"$REDIS_CONF"
}

start_redis() {
  mkdir -p "$REDIS_DIR"
  if redis_running; then
    log "Redis already running on 127.0.0.1:$REDIS_PORT"
    apply_redis_settings
    return
  fi
  log "starting Redis on 127.0.0.1:$REDIS_PORT (AOF, appendfsync $REDIS_APPENDFSYNC)"
  redis-server "$REDIS_CONF" --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" \
    --appendfsync "$REDIS_APPENDFSYNC" --protected-mode yes \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
  local i
  for i in $(seq 1 50); do redis_running && return; sleep 0.1; done
  log "Redis did not answer; see $REDIS_DIR/redis.log" >&2
  exit 1
}

stop_all() {
  if redis_running; then
    log "stopping Redis"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  fi
  if [[ -s "$PG_DATA/PG_VERSION" ]] && pg_running; then
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
}

status() {
  if [[ -s "$PG_DATA/PG_VERSION" ]] && pg_running; then log "PostgreSQL: running on 127.0.0.1:$PG_PORT"
  elif pg_answering; then log "PostgreSQL: answering on 127.0.0.1:$PG_PORT (data folder of another checkout)"
  else log "PostgreSQL: stopped"; fi
  if command -v redis-cli >/dev/null 2>&1 && redis_running; then log "Redis: running on 127.0.0.1:$REDIS_PORT"; else log "Redis: stopped"; fi
}

case "${1:-start}" in
  start) ensure_installed; start_postgres; start_redis ;;
  stop) stop_all ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
