#!/usr/bin/env bash
# Makes sure Flashorder's private PostgreSQL 15, Redis 7 and SMTP server run on loopback, with data under
# build/services.
#   scripts/services.sh start   install what is missing (apt), initialise on first use, start; idempotent
#   scripts/services.sh stop    stop them
#   scripts/services.sh status  say what runs
# Ports: PostgreSQL 55432, Redis 56379, SMTP 2525 (override with FLASHORDER_PG_PORT / FLASHORDER_REDIS_PORT /
# FLASHORDER_SMTP_PORT).
# SMTP: Debian's aiosmtpd accepts every message and writes it to the maildir build/services/mail (new/ holds one
# file per message): the buyer notices of dev and of the tests leave through real SMTP and can be read there.
# Redis runs from k8s/overlays/local/redis.conf, the file the local Kubernetes overlay uses too (AOF, noeviction,
# no FLUSHALL); here only its address, port and data folder are added, and appendfsync (always; override with
# FLASHORDER_REDIS_APPENDFSYNC=everysec): see the README's "Order durability" for what each can lose and costs.
# FLASHORDER_REDIS_MODE=cluster: a local Redis Cluster of 3 primaries instead, on ports FLASHORDER_REDIS_PORT+1..+3
# (same redis.conf, AOF, loopback, cluster bus on the port +10000, or -10000 above 55535; data under build/services/redis-cluster/<port>), created once with
# `redis-cli --cluster create`; a second call finds it running (scripts/prepare.sh points the service and the tests at it).
# Also installs the tools the test suite calls: promtool (package prometheus) and kubectl (kustomize rendering),
# and the CJK font documents embed (package fonts-droid-fallback).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${FLASHORDER_SERVICES_DIR:-$ROOT/build/services}"
PG_PORT="${FLASHORDER_PG_PORT:-55432}"
REDIS_PORT="${FLASHORDER_REDIS_PORT:-56379}"
SMTP_PORT="${FLASHORDER_SMTP_PORT:-2525}"
REDIS_APPENDFSYNC="${FLASHORDER_REDIS_APPENDFSYNC:-always}"
REDIS_MODE="${FLASHORDER_REDIS_MODE:-standalone}"
CLUSTER_PORTS=("$((REDIS_PORT + 1))" "$((REDIS_PORT + 2))" "$((REDIS_PORT + 3))")
PG_BIN="${FLASHORDER_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$DATA/postgres"
PG_RUN="$DATA/postgres-run"
REDIS_DIR="$DATA/redis"
REDIS_CLUSTER_DIR="$DATA/redis-cluster"
REDIS_CONF="$ROOT/k8s/overlays/local/redis.conf"
MAIL_DIR="$DATA/mail"
SMTP_RUN="$DATA/smtp"
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
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
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
  # pg_stat_statements, so the benchmark (and anyone profiling) can read what each statement costs PostgreSQL;
  # a server started before this line was added picks it up at its next start.
  if ! grep -q "^shared_preload_libraries = 'pg_stat_statements'" "$PG_DATA/postgresql.conf"; then
    echo "shared_preload_libraries = 'pg_stat_statements'" >>"$PG_DATA/postgresql.conf"
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

redis_running() { redis_answering "$REDIS_PORT"; }
redis_answering() { redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG; }

# A Redis that was started before (from an older checkout, or by hand) gets the invariants of redis.conf applied at
# run time: AOF, no eviction, no snapshots, the ACL. appendfsync is left as it runs (it may be set on purpose), and
# what cannot change at run time (tcp-backlog, maxclients) waits for its next start.
apply_redis_settings() {
  local port="${1:-$REDIS_PORT}" key rest words
  while read -r key rest; do
    read -r -a words <<<"$rest" # an array, so ~* and &* reach Redis as written, never globbed
    case "$key" in
      ""|\#*|appendfsync|tcp-backlog|maxclients) ;;
      user) redis-cli -h 127.0.0.1 -p "$port" acl setuser "${words[@]}" >/dev/null ;;
      *) redis-cli -h 127.0.0.1 -p "$port" config set "$key" "${rest//\"/}" >/dev/null ;;
    esac
  done <"$REDIS_CONF"
  # The local Redis has no memory limit (the Kubernetes overlay gives its own on the command line). Tests that fill it
  # for a moment (RedisFullTest) restore that themselves; this undoes a limit a killed test run left behind.
  redis-cli -h 127.0.0.1 -p "$port" config set maxmemory 0 >/dev/null
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

cluster_cli() { local port=$1; shift; redis-cli -h 127.0.0.1 -p "$port" "$@"; }
cluster_state_ok() { cluster_cli "$1" cluster info 2>/dev/null | grep -q '^cluster_state:ok'; }

# One cluster node: the single instance's redis.conf plus cluster mode; its AOF and nodes.conf live in its own folder.
# The cluster bus listens on a second port, by default the node's +10000; above 55535 that does not exist, so it is
# the node's -10000 there.
start_cluster_node() {
  local port=$1 dir="$REDIS_CLUSTER_DIR/$1" bus=$(($1 + 10000))
  ((bus <= 65535)) || bus=$((port - 10000))
  mkdir -p "$dir"
  if redis_answering "$port"; then
    apply_redis_settings "$port"
    return
  fi
  redis-server "$REDIS_CONF" --bind 127.0.0.1 --port "$port" --dir "$dir" \
    --appendfsync "$REDIS_APPENDFSYNC" --protected-mode yes \
    --cluster-enabled yes --cluster-port "$bus" --cluster-config-file nodes.conf --cluster-node-timeout 5000 \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  local i
  for i in $(seq 1 50); do redis_answering "$port" && return; sleep 0.1; done
  log "Redis cluster node $port did not answer; see $dir/redis.log" >&2
  exit 1
}

start_redis_cluster() {
  local port
  for port in "${CLUSTER_PORTS[@]}"; do start_cluster_node "$port"; done
  if cluster_state_ok "${CLUSTER_PORTS[0]}" \
      && [[ $(cluster_cli "${CLUSTER_PORTS[0]}" cluster info | tr -d '\r' | sed -n 's/^cluster_known_nodes://p') == 3 ]]; then
    log "Redis Cluster already running on 127.0.0.1:${CLUSTER_PORTS[*]} (3 primaries, AOF, appendfsync as it runs)"
    return
  fi
  # Nodes restarted from their nodes.conf find each other again by themselves; only brand-new nodes need creating.
  if [[ $(cluster_cli "${CLUSTER_PORTS[0]}" cluster info | tr -d '\r' | sed -n 's/^cluster_known_nodes://p') == 1 ]]; then
    log "creating the Redis Cluster on 127.0.0.1:${CLUSTER_PORTS[*]} (3 primaries, no replicas)"
    local nodes=()
    for port in "${CLUSTER_PORTS[@]}"; do nodes+=("127.0.0.1:$port"); done
    redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >"$REDIS_CLUSTER_DIR/create.log" 2>&1 \
      || { log "redis-cli --cluster create failed; see $REDIS_CLUSTER_DIR/create.log" >&2; exit 1; }
  fi
  local i
  for i in $(seq 1 100); do
    if cluster_state_ok "${CLUSTER_PORTS[0]}" && cluster_state_ok "${CLUSTER_PORTS[1]}" && cluster_state_ok "${CLUSTER_PORTS[2]}"; then
      log "Redis Cluster running on 127.0.0.1:${CLUSTER_PORTS[*]} (AOF, appendfsync $REDIS_APPENDFSYNC)"
      return
    fi
    sleep 0.1
  done
  log "the Redis Cluster did not reach cluster_state:ok; see $REDIS_CLUSTER_DIR/*/redis.log" >&2
  exit 1
}

stop_redis_cluster() {
  local port
  for port in "${CLUSTER_PORTS[@]}"; do
    if redis_answering "$port" && [[ -d "$REDIS_CLUSTER_DIR/$port" ]]; then
      log "stopping Redis cluster node $port"
      cluster_cli "$port" shutdown >/dev/null 2>&1 || true
    fi
  done
}

smtp_answering() { (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null; }

start_smtp() {
  mkdir -p "$MAIL_DIR"/{new,cur,tmp} "$SMTP_RUN"
  if smtp_answering; then
    log "SMTP already answering on 127.0.0.1:$SMTP_PORT (mail in $(smtp_mail_dir))"
    return
  fi
  log "starting SMTP on 127.0.0.1:$SMTP_PORT (mail in $MAIL_DIR)"
  echo "$MAIL_DIR" >"$SMTP_RUN/maildir"
  # Debian's python (the package's), not whichever python3 comes first on PATH. -n: keep the caller's user;
  # the Mailbox handler writes each message as a file of the maildir.
  setsid nohup /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MAIL_DIR" \
    >"$SMTP_RUN/smtp.log" 2>&1 </dev/null &
  echo $! >"$SMTP_RUN/smtp.pid"
  local i
  for i in $(seq 1 50); do smtp_answering && return; sleep 0.1; done
  log "SMTP did not answer; see $SMTP_RUN/smtp.log" >&2
  exit 1
}

# Where the server on the port writes (it may have been started from another checkout).
smtp_mail_dir() { cat "$SMTP_RUN/maildir" 2>/dev/null || echo "the maildir of the checkout that started it"; }

stop_smtp() {
  if [[ -s "$SMTP_RUN/smtp.pid" ]] && kill -0 "$(cat "$SMTP_RUN/smtp.pid")" 2>/dev/null; then
    log "stopping SMTP"
    kill "$(cat "$SMTP_RUN/smtp.pid")"
    rm -f "$SMTP_RUN/smtp.pid"
  fi
}

stop_all() {
  stop_smtp
  stop_redis_cluster
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
  if command -v redis-cli >/dev/null 2>&1 && cluster_state_ok "${CLUSTER_PORTS[0]}"; then
    log "Redis Cluster: running on 127.0.0.1:${CLUSTER_PORTS[*]}"
  elif [[ $REDIS_MODE == cluster ]]; then log "Redis Cluster: stopped"; fi
  if smtp_answering; then log "SMTP: answering on 127.0.0.1:$SMTP_PORT (mail in $(smtp_mail_dir))"; else log "SMTP: stopped"; fi
}

case "${1:-start}" in
  start)
    ensure_installed; start_postgres
    if [[ $REDIS_MODE == cluster ]]; then start_redis_cluster; else start_redis; fi
    start_smtp ;;
  stop) stop_all ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
