#!/usr/bin/env bash
# The place-order benchmark. Starts the README's local services, runs Flashorder (prod mode, its own database
# flashorder_bench and Redis database 2, both wiped first), loads a campaign, then with wrk, in ROUNDS rounds:
#   ping     the trivial endpoint GET /api/v1/ping, same wrk script and headers (what this box can serve at all)
#   place    POST /api/v1/orders, unique buyers and Idempotency-Keys, on a campaign SKU with ample stock
#   refuse   POST /api/v1/orders on a campaign SKU that is already sold out
# and prints medians: requests/s, p50/p99, the ratios place/ping and refuse/ping, accepted orders against the
# stock of a SKU sold out under load (must be equal), and how long the order writer took to drain afterwards.
# Throughput is only meaningful as a ratio measured in the same run: the machine is small, shared and noisy, so
# the CPU figures are also given in units of T, the service CPU of one trivial request in the same run.
# A place round is measured until its orders are settled (written, their events relayed, every consumer group of
# the order event streams caught up), so the background work an order causes counts for the orders, not for the
# round that happens to run next; the Redis commands per order come from INFO commandstats over the same window.
# At the end: the hot-SKU ceiling of one Redis shard (load-tests/shard-ceiling.py: the reservation script alone,
# replayed with redis-benchmark at 32 connections) and the service's resident memory.
#
# With PROFILE=1 one more place round, after the measured ones and not in their medians (the profiler costs CPU),
# runs under async-profiler (CPU with kernel frames; Maven Central's tools.profiler:async-profiler, loaded into the
# running service) until its orders settled, and load-tests/profile-split.py prints what an order cost by kind of work:
# request path, background, system calls, JIT, GC. The stacks stay in build/bench/place-profile.collapsed.
# PROFILE=alloc profiles the Java heap allocated instead (async-profiler's alloc event, bytes), split the same way.
#
# With FSYNC_MODES="everysec always" each round also places orders once per Redis appendfsync mode (CONFIG SET
# before each), and a last table compares them: what durability costs, measured in the same run.
# AOF_REWRITE_PERCENTAGE=100 runs with Redis rewriting its AOF at that growth instead of redis.conf's (400), restored
# at the end: what the rewrites cost an order at each.
#
# Usage: load-tests/place-order-bench.sh      env: ROUNDS=3 DURATION=10s WARMUP=30s CONNECTIONS=32 THREADS=2 USERS=10000
#                                                  FSYNC_MODES="everysec always" (optional) SETTLE_MAX=120
#                                                  CEILING_RESERVATIONS=60000 CEILING_ROUNDS=3 PROFILE=1|alloc (optional)
#                                                  PG_STATEMENTS=1 AOF_REWRITE_PERCENTAGE=100 (optional)
#
# With PG_STATEMENTS=1 each place round also writes build/bench/place-<round>.pg-statements: what PostgreSQL spent per
# order written, statement by statement (pg_stat_statements: execution time, WAL records and bytes, blocks dirtied),
# and in total (pg_stat_wal, pg_stat_bgwriter), counted from a reset before the round until its orders settled.
set -euo pipefail
source "$(dirname "$0")/../scripts/prepare.sh" >/dev/null
command -v wrk >/dev/null || { echo "[bench] installing wrk"; apt-get install -y -qq wrk >/dev/null; }

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
USERS=${USERS:-10000}
SOLD_OUT_STOCK=${SOLD_OUT_STOCK:-2000}
FSYNC_MODES=${FSYNC_MODES:-}
SETTLE_MAX=${SETTLE_MAX:-120}
WORK="$ROOT/build/bench"

source load-tests/service.sh
start_service bench flashorder_bench 2 "${BENCH_PORT:-8089}" "$WORK"
ORIGINAL_FSYNC=$($REDIS config get appendfsync | tail -1)
ORIGINAL_REWRITE_PERCENTAGE=$($REDIS config get auto-aof-rewrite-percentage | tail -1)
trap 'kill $APP 2>/dev/null || true; $REDIS config set appendfsync "$ORIGINAL_FSYNC" >/dev/null 2>&1 || true
      $REDIS config set auto-aof-rewrite-percentage "$ORIGINAL_REWRITE_PERCENTAGE" >/dev/null 2>&1 || true' EXIT
[[ -z ${AOF_REWRITE_PERCENTAGE:-} ]] || $REDIS config set auto-aof-rewrite-percentage "$AOF_REWRITE_PERCENTAGE" >/dev/null

# Every run starts from a freshly rewritten AOF, so the rewrites its rounds pay follow from its own orders (Redis
# rewrites once the AOF has grown by auto-aof-rewrite-percentage of its size after the last rewrite), not from how
# large an AOF the previous run left behind.
aof_field() { $REDIS info persistence | tr -d '\r' | awk -F: -v name="$1" '$1 == name {print $2}'; }
aof_idle() { [[ $(aof_field aof_rewrite_in_progress) == 0 && $(aof_field aof_rewrite_scheduled) == 0 ]]; }
# Asked again while none has happened, and waited for 2 minutes at most: once a run waited for its rewrite forever.
REWRITES_BEFORE=$(aof_field aof_rewrites)
for _ in $(seq 1 600); do
  if aof_idle; then
    [[ $(aof_field aof_rewrites) -gt $REWRITES_BEFORE ]] && break
    $REDIS bgrewriteaof >/dev/null
  fi
  sleep 0.2
done
[[ $(aof_field aof_rewrites) -gt $REWRITES_BEFORE ]] && aof_idle \
  || echo "[bench] the AOF rewrite at the start did not happen or finish within 2 minutes; going on"
$REDIS config get auto-aof-rewrite-percentage | tail -1 >"$WORK/rewrite-percentage.out"

ADMIN=$(scripts/token.sh admin 2>/dev/null)
source load-tests/sale-setup.sh
echo "[bench] catalog: a merchant, a warehouse, two SKUs, a shipping template, a live campaign"
sale_setup 4000000 "$SOLD_OUT_STOCK"

echo "[bench] minting $USERS customer tokens"
"$JAVA_HOME/bin/java" load-tests/MintTokens.java build/keys/privateKey.pem https://flashorder.io "$USERS" "$WORK/tokens.txt"

# CPU seconds used so far by the service, Redis and PostgreSQL (with their reaped children: the AOF rewrite,
# autovacuum workers and closed connections), so each run can say what one request cost each of them. PostgreSQL
# is this checkout's server only (its postmaster and children): other checkouts on the machine run their own.
REDIS_PID=$($REDIS info server | awk -F: '/^process_id/ {print $2+0}')
# The AOF rewrites of the run so far: their count, and the CPU of the rewriting children that ended (Redis's reaped
# children: cutime and cstime).
rewrites_so_far() {
  echo "rewrites $(aof_field aof_rewrites)"
  awk '{printf "rewrite_cpu_s %.2f\n", ($16 + $17) / 100}' "/proc/$REDIS_PID/stat"
}
rewrites_so_far >"$WORK/rewrites-start.out"
PG_PID=$(head -1 "${FLASHORDER_SERVICES_DIR:-$ROOT/build/services}/postgres/postmaster.pid")
cpu_seconds() { awk '{ticks += $14 + $15 + $16 + $17} END {printf "%.2f", ticks / 100}' "$@" 2>/dev/null; }
service_cpu() {
  echo "cpu_jvm_s $(cpu_seconds /proc/$APP/stat)"
  echo "cpu_redis_s $(cpu_seconds /proc/$REDIS_PID/stat)"
  echo "cpu_redisrewrites_s $(rewrites_so_far | awk '/^rewrite_cpu_s/ {print $2}')"
  echo "cpu_postgres_s $(cpu_seconds $(echo "$PG_PID" $(pgrep -P "$PG_PID") | tr ' ' '\n' | sed 's|.*|/proc/&/stat|'))"
}
pg_statements_reset() {
  $PSQL -d flashorder_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" \
    -c "SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal'), pg_stat_reset_shared('bgwriter'), pg_stat_reset()" \
    -c "SELECT count(*) FROM customer_order" >"$1"
}
pg_statements_per_order() { # file with the order count at the reset → what each statement cost per order written
  local orders=$(( $($PSQL -d flashorder_bench -c "SELECT count(*) FROM customer_order") - $(tail -1 "$1") ))
  echo "orders written: $orders"
  psql -h 127.0.0.1 -p "${FLASHORDER_PG_PORT:-55432}" -U flashorder -d flashorder_bench -P pager=off -c "
    SELECT round((total_exec_time * 1000 / $orders)::numeric, 1) AS exec_us, round(calls::numeric / $orders, 3) AS calls,
           round(rows::numeric / $orders, 2) AS rows, round(wal_records::numeric / $orders, 2) AS wal_rec,
           round(wal_bytes::numeric / $orders) AS wal_bytes, round(shared_blks_dirtied::numeric / $orders, 3) AS dirtied,
           left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'flashorder_bench')
     ORDER BY total_exec_time DESC LIMIT 30" \
    -c "SELECT round(sum(total_exec_time)::numeric * 1000 / $orders, 1) AS exec_us_all, round(sum(calls)::numeric / $orders, 2) AS calls_all,
               round(sum(wal_records)::numeric / $orders, 2) AS wal_rec_all FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'flashorder_bench')" \
    -c "SELECT round(wal_records::numeric / $orders, 2) AS wal_records, round(wal_fpi::numeric / $orders, 3) AS wal_fpi,
               round(wal_bytes::numeric / $orders) AS wal_bytes, wal_write, wal_sync, round(wal_write_time) AS write_ms, round(wal_sync_time) AS sync_ms
          FROM pg_stat_wal" \
    -c "SELECT checkpoints_timed, checkpoints_req, buffers_checkpoint, buffers_clean, buffers_backend, buffers_backend_fsync FROM pg_stat_bgwriter" \
    -c "SELECT xact_commit, round(xact_commit::numeric / $orders, 3) AS commits_per_order, xact_rollback FROM pg_stat_database WHERE datname = 'flashorder_bench'" \
    -c "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, n_dead_tup, autovacuum_count, autoanalyze_count
          FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY n_tup_ins + n_tup_upd + n_tup_del DESC"
}
# Java heap the service allocated so far (Micrometer's young-generation growth between collections, so it moves
# one collection at a time: ~1 % of a round).
allocated_bytes() { curl -fs "$BASE/q/metrics" | awk '/^jvm_gc_memory_allocated_bytes_total/ {printf "%.0f\n", $2}'; }
# The order writer's batches so far: how many, and the stream entries they held (one PostgreSQL transaction each).
writer_batches() { curl -fs "$BASE/q/metrics" | awk '/^flashorder_order_writer_batch_entries_(count|sum)/ {printf "%s %.0f\n", $1, $2}'; }
commandstats() { $REDIS info commandstats | tr -d '\r' | grep '^cmdstat_'; }
# What Redis wrote to disk: every byte it wrote (/proc io, which counts the AOF rewrite children once reaped) less what
# it sent to clients; the AOF's own size; and its rewrites so far. And the memory it holds: in all, and in the order
# event stream (kept flashorder.events.retention, 24 h), so a round tells what its settled orders left in Redis.
aof_stats() {
  echo "wchar $(awk '/^wchar/ {print $2}' /proc/$REDIS_PID/io)"
  $REDIS info stats | tr -d '\r' | awk -F: '/^total_net_output_bytes/ {print "net_output", $2}
                                            /^total_(reads|writes)_processed/ {print $1, $2}'
  $REDIS info persistence | tr -d '\r' | awk -F: '/^(aof_current_size|aof_rewrites):/ {print $1, $2}'
  $REDIS info memory | tr -d '\r' | awk -F: '/^used_memory:/ {print $1, $2}'
  echo "events_memory $($REDIS memory usage 'events:{p}:orders' samples 0 | grep . || echo 0)"
}
run_wrk() { # name, script, extra env → writes $WORK/<name>.out (wrk's figures); the CPU follows with finish_cpu
  local name=$1 script=$2; shift 2
  service_cpu >"$WORK/$name.cpu-before"
  local TIMEFORMAT='cpu_wrk_s %U %S'
  { time env "$@" TOKENS="$WORK/tokens.txt" CAMPAIGN="$CAMPAIGN" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "load-tests/$script" "$BASE" >"$WORK/$name.out"; } \
    2>"$WORK/$name.wrk-cpu"
}
finish_cpu() { # name → appends the CPU each process used since run_wrk started, and wrk's own
  local name=$1
  service_cpu | paste - <(cut -d' ' -f2 "$WORK/$name.cpu-before") | awk '{printf "%s %.2f\n", $1, $2 - $3}' >>"$WORK/$name.out"
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$WORK/$name.wrk-cpu" >>"$WORK/$name.out"
}
measure() { run_wrk "$@"; finish_cpu "$1"; }
value() { awk -v k="$1" '$1 == k {print $2}' "$2"; }
status_count() { awk -v s="$1" '$1 == "status" && $2 == s {print $3}' "$2" | head -1; }
backlog() { $REDIS xlen 'orders:{p}:placed'; } # the writer deletes what it acknowledges
unrelayed() { $PSQL -d flashorder_bench -c "SELECT count(*) FROM outbox_event WHERE published_at IS NULL"; }
groups_behind() { # consumer groups of the order event streams with entries not yet delivered or not acknowledged
  echo $(( $(stream_groups_behind 'events:{p}:orders') + $(stream_groups_behind 'events:{p}:webhooks') ))
}
stream_groups_behind() { # stream
  local last
  last=$($REDIS xinfo stream "$1" 2>/dev/null | awk 'previous == "last-generated-id" {print; exit} {previous = $0}')
  [[ -n $last ]] || { echo 0; return; }
  $REDIS xinfo groups "$1" | awk -v last="$last" '
    function judge() { if (seen && (fields["pending"] != 0 || fields["last-delivered-id"] != last)) behind++ }
    NR % 2 == 1 {key = $0; next}
    key == "name" {judge(); seen = 1; delete fields}
    {fields[key] = $0}
    END {judge(); print behind + 0}'
}
since() { awk -v from="$1" -v now="$(date +%s.%N)" 'BEGIN {printf "%.3f\n", now - from}'; }
settle() { # waits until the orders are written, their events relayed and consumed; emits the seconds it took
  local started; started=$(date +%s.%N)
  for _ in $(seq 1 $((SETTLE_MAX * 5))); do
    [[ $(backlog) -eq 0 && $(unrelayed) -eq 0 && $(groups_behind) -eq 0 ]] && break
    sleep 0.2
  done
  since "$started"
}

echo "[bench] warm-up (${WARMUP:-30s}: the JIT compiles the hot paths first)"
DURATION=${WARMUP:-30s} measure warmup place-order.lua SKU="$PLENTY"
settle >/dev/null
DURATION=10s measure warmup-ping place-order.lua TRIVIAL=1 SKU="$PLENTY"

echo "[bench] selling out $SOLD_OUT_STOCK units of the scarce SKU under load"
# Until the first refusal (a loaded machine may need more than one DURATION), so the rounds refuse a sold-out SKU.
SOLD_OUT_ACCEPTED=0
SOLD_OUT_5XX=0
for attempt in $(seq 1 20); do
  measure "sellout-$attempt" place-order.lua SKU="$SCARCE"
  SOLD_OUT_ACCEPTED=$((SOLD_OUT_ACCEPTED + $(status_count 201 "$WORK/sellout-$attempt.out" | grep . || echo 0)))
  SOLD_OUT_5XX=$((SOLD_OUT_5XX + $(awk '$1 == "status" && $2 >= 500 {n += $3} END {print n+0}' "$WORK/sellout-$attempt.out")))
  [[ -z $(status_count 409 "$WORK/sellout-$attempt.out") ]] || break
done
settle >/dev/null

# The service's garbage collections over the rounds (jstat), so a memory bound that costs CPU or pauses shows.
gc_counters() { "$JAVA_HOME/bin/jstat" -gc "$APP" | awk 'NR == 1 {for (i = 1; i <= NF; i++) name[i] = $i}
                                                     NR == 2 {for (i = 1; i <= NF; i++) print name[i], $i}'; }
# And the service's CPU by kind of thread over the rounds (/proc/<pid>/task): what the collector and the JIT cost
# beside the event loops and worker threads that serve requests. A thread that ends between the glob and the read is
# skipped (under pipefail its failed read would end the benchmark).
thread_cpu() { for task in /proc/"$APP"/task/*; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1\t\2/' "$task/stat" 2>/dev/null || true; done | awk -F'\t' '
  { split($2, f, " "); ticks = f[11] + f[12]; name = $1
    kind = name ~ /^(GC Thread|G1 |VM Thread)/ ? "gc" : name ~ /^C[12] CompilerThre/ ? "jit" \
         : name ~ /^vert\.x-eventloo/ ? "event-loops" : name ~ /^executor-thread/ ? "workers" : "other"
    cpu[kind] += ticks }
  END { for (k in cpu) printf "%s %.2f\n", k, cpu[k] / 100 }'; }
gc_counters >"$WORK/gc-before.out"
thread_cpu >"$WORK/threads-before.out"
ROUNDS_STARTED=$(date +%s.%N)
for round in $(seq 1 "$ROUNDS"); do
  echo "[bench] round $round/$ROUNDS"
  measure "ping-$round" place-order.lua TRIVIAL=1 SKU="$PLENTY"
  commandstats >"$WORK/place-$round.commands-before"
  aof_stats >"$WORK/place-$round.aof-before"
  thread_cpu >"$WORK/place-$round.threads-before"
  allocated_bytes >"$WORK/place-$round.allocated-before"
  writer_batches >"$WORK/place-$round.batches-before"
  [[ -z ${PG_STATEMENTS:-} ]] || pg_statements_reset "$WORK/place-$round.pg-reset"
  run_wrk "place-$round" place-order.lua SKU="$PLENTY"
  load_ended=$(date +%s.%N)
  while [[ $(backlog) -gt 0 ]]; do sleep 0.05; done
  since "$load_ended" >"$WORK/drain-$round.out"
  settle >"$WORK/settle-$round.out"
  finish_cpu "place-$round"
  thread_cpu >"$WORK/place-$round.threads-after"
  allocated_bytes >"$WORK/place-$round.allocated-after"
  writer_batches >"$WORK/place-$round.batches-after"
  commandstats >"$WORK/place-$round.commands-after"
  aof_stats >"$WORK/place-$round.aof-after"
  [[ -z ${PG_STATEMENTS:-} ]] || pg_statements_per_order "$WORK/place-$round.pg-reset" >"$WORK/place-$round.pg-statements"
  measure "refuse-$round" place-order.lua SKU="$SCARCE"
  for mode in $FSYNC_MODES; do
    $REDIS config set appendfsync "$mode" >/dev/null
    run_wrk "fsync-$mode-$round" place-order.lua SKU="$PLENTY"
    settle >/dev/null
    finish_cpu "fsync-$mode-$round"
  done
  [[ -z $FSYNC_MODES ]] || $REDIS config set appendfsync "$ORIGINAL_FSYNC" >/dev/null
done

gc_counters >"$WORK/gc-after.out"
thread_cpu >"$WORK/threads-after.out"
since "$ROUNDS_STARTED" >"$WORK/rounds-seconds.out"

rm -f "$WORK/profile-split.out"
if [[ -n ${PROFILE:-} ]]; then
  echo "[bench] a place round under async-profiler (${PROFILE/#1/cpu}; not in the medians)"
  PROFILER_VERSION=4.2
  PROFILER_JAR="$HOME/.m2/repository/tools/profiler/async-profiler/$PROFILER_VERSION/async-profiler-$PROFILER_VERSION-linux-x64.jar"
  [[ -f $PROFILER_JAR ]] || ./mvnw -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION:jar:linux-x64" >/dev/null
  unzip -q -o "$PROFILER_JAR" 'linux-x64/*' -d "$WORK/async-profiler"
  profiler() { "$JAVA_HOME/bin/jcmd" "$APP" JVMTI.agent_load "$WORK/async-profiler/linux-x64/libasyncProfiler.so" "\"$1\"" >/dev/null; }
  if [[ $PROFILE == alloc ]]; then
    profiler start,event=alloc
    run_wrk profile place-order.lua SKU="$PLENTY"
    settle >/dev/null
    profiler "stop,file=$WORK/place-profile.collapsed,collapsed,total" # total: bytes, not samples
  else
    profiler start,event=cpu,interval=1ms
    run_wrk profile place-order.lua SKU="$PLENTY"
    settle >/dev/null
    profiler "stop,file=$WORK/place-profile.collapsed,collapsed"
  fi
  python3 load-tests/profile-split.py "$WORK/place-profile.collapsed" "$(status_count 201 "$WORK/profile.out")" \
    ${PROFILE/#1/cpu} >"$WORK/profile-split.out"
fi

# Every accepted order holds one unit (nothing is paid here); wrk misses answers still in flight when it stops,
# so Redis, not wrk, tells how many orders were accepted.
ACCEPTED_TOTAL=0
for key in $($REDIS --scan --pattern 'stock:{p}:sku:*'); do
  ACCEPTED_TOTAL=$((ACCEPTED_TOTAL + $($REDIS hget "$key" held)))
done
for _ in $(seq 1 200); do [[ $(backlog) -eq 0 ]] && break; sleep 0.1; done
PERSISTED=$($PSQL -d flashorder_bench -c "SELECT count(*) FROM customer_order")
rewrites_so_far >"$WORK/rewrites-end.out"

echo "[bench] hot-SKU ceiling of one Redis shard: the reservation script alone, at concurrency $CONNECTIONS"
python3 load-tests/shard-ceiling.py --redis-port "${FLASHORDER_REDIS_PORT:-56379}" --source-db 2 --scratch-db 3 \
  --base "$BASE" --token "$(head -1 "$WORK/tokens.txt")" --sku "$PLENTY" --campaign "$CAMPAIGN" \
  --connections "$CONNECTIONS" --reservations "${CEILING_RESERVATIONS:-60000}" --rounds "${CEILING_ROUNDS:-3}" \
  >"$WORK/ceiling.out"
awk '/^VmRSS/ {printf "%.0f\n", $2 / 1024}' /proc/$APP/status >"$WORK/rss.out"
awk '/^VmHWM/ {printf "%.0f\n", $2 / 1024}' /proc/$APP/status >"$WORK/rss-peak.out"

PROFILE="${PROFILE:-}" FSYNC_MODES="$FSYNC_MODES" CONNECTIONS="$CONNECTIONS" python3 - "$WORK" "$ROUNDS" "$SOLD_OUT_STOCK" "$SOLD_OUT_ACCEPTED" "$SOLD_OUT_5XX" "$ACCEPTED_TOTAL" "$PERSISTED" <<'PY'
import os, statistics, sys
work, rounds, stock, sold, sold5xx, accepted, persisted = sys.argv[1], int(sys.argv[2]), *map(int, sys.argv[3:])
modes = os.environ.get("FSYNC_MODES", "").split()
def read(name):
    out = {}
    for line in open(f"{work}/{name}.out"):
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("latency_p50_ms", "latency_p99_ms", "requests_per_second", "requests",
                                            "cpu_jvm_s", "cpu_redis_s", "cpu_redisrewrites_s", "cpu_postgres_s",
                                            "cpu_wrk_s"):
            out[parts[0]] = float(parts[1])
        elif len(parts) == 3 and parts[0] == "status":
            out[f"status_{parts[1]}"] = float(parts[2])
    return out
def number(name):
    return float(open(f"{work}/{name}.out").read())
def commands(name):
    stats = {}
    for line in open(f"{work}/{name}"):
        command, values = line.strip()[len("cmdstat_"):].split(":", 1)
        fields = dict(pair.split("=") for pair in values.split(","))
        stats[command] = (int(fields["calls"]), int(fields["usec"]))
    return stats
runs = {phase: [read(f"{phase}-{r}") for r in range(1, rounds + 1)]
        for phase in ["ping", "place", "refuse"] + [f"fsync-{mode}" for mode in modes]}
med = lambda phase, key: statistics.median(r.get(key, 0.0) for r in runs[phase])
drain = statistics.median(number(f"drain-{r}") for r in range(1, rounds + 1))
settled = statistics.median(number(f"settle-{r}") for r in range(1, rounds + 1))
place_ratios = [p["requests_per_second"] / q["requests_per_second"] for p, q in zip(runs["place"], runs["ping"])]
refuse_ratios = [p["requests_per_second"] / q["requests_per_second"] for p, q in zip(runs["refuse"], runs["ping"])]
place_5xx = sum(v for r in runs["place"] + runs["refuse"] for k, v in r.items() if k.startswith("status_5"))
def served(phase, run):  # what a round's CPU is divided by: the orders a place round placed, else the requests
    placing = phase == "place" or phase.startswith("fsync-")
    return max(1.0, run.get("status_201", 0.0) if placing else run.get("requests", 0.0))
def cpu_per_request(phase, who):
    return statistics.median(1e6 * r.get(f"cpu_{who}_s", 0.0) / served(phase, r) for r in runs[phase])
T = cpu_per_request("ping", "jvm")
print()
print(f"Flashorder place-order benchmark — medians of {rounds} rounds; service JVM options: {os.environ.get('SERVICE_STARTED_WITH') or 'none'}")
print(f"  trivial endpoint      {med('ping','requests_per_second'):10.0f} req/s   p50 {med('ping','latency_p50_ms'):6.2f} ms   p99 {med('ping','latency_p99_ms'):6.2f} ms")
print(f"  place order           {med('place','requests_per_second'):10.0f} req/s   p50 {med('place','latency_p50_ms'):6.2f} ms   p99 {med('place','latency_p99_ms'):6.2f} ms")
print(f"  sold-out refusal      {med('refuse','requests_per_second'):10.0f} req/s   p50 {med('refuse','latency_p50_ms'):6.2f} ms   p99 {med('refuse','latency_p99_ms'):6.2f} ms")
print(f"  sold out under load   {sold} accepted for {stock} units ({'exact' if sold == stock else 'MISMATCH'}), {sold5xx} 5xx")
print(f"  5xx during rounds     {place_5xx:.0f}")
print(f"  writer drain          {drain:10.2f} s after the load stopped; everything settled {settled:.2f} s after it (events relayed and consumed)")
print(f"  persisted             {persisted} orders in PostgreSQL for {accepted} accepted ({'all' if persisted == accepted else 'MISSING'})")
print()
print(f"  CPU per request, µs and in units of T = {T:.0f} µs (the service CPU of one trivial request, this run)")
print(f"  (a place round counts until its orders settled, background work included, per order placed)")
print("                           service    Redis  PostgreSQL     wrk    all")
for phase, label in (("ping", "trivial endpoint"), ("place", "place order"), ("refuse", "sold-out refusal")):
    parts = [cpu_per_request(phase, who) for who in ("jvm", "redis", "postgres", "wrk")]
    print(f"  {label:22s} {parts[0]:8.0f} {parts[1]:8.0f} {parts[2]:10.0f} {parts[3]:8.0f} {sum(parts):6.0f}   µs")
    print(f"  {'':22s} {parts[0] / T:7.1f}T {parts[1] / T:7.1f}T {parts[2] / T:9.1f}T {parts[3] / T:7.1f}T {sum(parts) / T:5.1f}T")

per_order = {}
for r in range(1, rounds + 1):
    before, after = commands(f"place-{r}.commands-before"), commands(f"place-{r}.commands-after")
    orders = served("place", runs["place"][r - 1])
    for command, (calls, usec) in after.items():
        was = before.get(command, (0, 0))
        if command != "info":
            per_order.setdefault(command, []).append(((calls - was[0]) / orders, (usec - was[1]) / orders))
# Commands a script runs are counted too (and their time is inside the script's own): split them out.
SCRIPTS = ("evalsha", "eval", "evalsha_ro", "eval_ro", "fcall", "fcall_ro")
rows = sorted(((c, statistics.median(x for x, _ in v), statistics.median(u for _, u in v)) for c, v in per_order.items()),
              key=lambda row: -row[1])
scripts_calls = sum(calls for command, calls, _ in rows if command in SCRIPTS)
all_calls = sum(calls for _, calls, _ in rows)
ceiling = {line.split()[0]: line.split(None, 1)[1].strip() for line in open(f"{work}/ceiling.out")}
redis_us = cpu_per_request("place", "redis")
rss = number("rss")
ceiling_us = float(ceiling["ceiling_redis_us"])

print()
print("  figure (issue 18)                     this run             target")
print(f"  service CPU per order                 {cpu_per_request('place','jvm') / T:5.1f} T               <= 5.5 T")
print(f"  Redis CPU per order                   {redis_us / T:5.1f} T               <= 2.5 T")
print(f"  PostgreSQL CPU per order              {cpu_per_request('place','postgres') / T:5.1f} T               <= 2 T")
print(f"  place / trivial throughput            {statistics.median(place_ratios):5.2f}                 >= 0.15   (per round: {', '.join(f'{x:.2f}' for x in place_ratios)})")
print(f"  sold-out refusal / trivial            {statistics.median(refuse_ratios):5.2f}                 >= 0.90   (per round: {', '.join(f'{x:.2f}' for x in refuse_ratios)})")
print(f"  p99 of place at {int(os.environ.get('CONNECTIONS', '32'))} connections        {med('place','latency_p99_ms'):6.1f} ms             <= 20 ms")
print(f"  writer drain after load               {drain:6.2f} s              <= 2 s")
print(f"  service RSS at the end                {rss:6.0f} MB             <= 400 MB   (peak {number('rss-peak'):.0f} MB)")
gc = {}
def counters(name):  # jstat prints "-" for what a collector does not have (concurrent cycles of Parallel/Serial)
    return {key: float(value) if value != "-" else 0.0 for key, value in (line.split() for line in open(f"{work}/{name}"))}
after, before = counters("gc-after.out"), counters("gc-before.out")
gc = {key: value - before.get(key, 0.0) for key, value in after.items()}
span = number("rounds-seconds")
young, young_s = gc.get("YGC", 0), gc.get("YGCT", 0)
print(f"  service GC over the rounds            {young:.0f} young pauses ({1000 * young_s / max(young, 1):.1f} ms each,"
      f" {100 * young_s / span:.1f} % of {span:.0f} s), {gc.get('FGC', 0):.0f} full,"
      f" {gc.get('CGC', 0):.0f} concurrent cycles ({1000 * gc.get('CGCT', 0):.0f} ms of pauses)")
threads_after, threads_before = counters("threads-after.out"), counters("threads-before.out")
by_kind = {kind: seconds - threads_before.get(kind, 0.0) for kind, seconds in threads_after.items()}
threads_total = max(sum(by_kind.values()), 1e-9)
print(f"  service CPU by thread over the rounds   {threads_total:.1f} s: "
      + ", ".join(f"{kind} {100 * by_kind.get(kind, 0.0) / threads_total:.1f} %"
                  for kind in ("event-loops", "workers", "gc", "jit", "other")))
# The same split for the place rounds alone, per order: how much of the service's figure is the JIT still compiling
# (the writer's and consumers' code runs once per batch and gets hot minutes after the request path does).
per_order_kind = {}
for r in range(1, rounds + 1):
    after_r, before_r = counters(f"place-{r}.threads-after"), counters(f"place-{r}.threads-before")
    for kind in ("event-loops", "workers", "gc", "jit", "other"):
        per_order_kind.setdefault(kind, []).append(
            1e6 * (after_r.get(kind, 0.0) - before_r.get(kind, 0.0)) / served("place", runs["place"][r - 1]))
jit_rounds = per_order_kind["jit"]
allocated = [(float(open(f"{work}/place-{r}.allocated-after").read()) - float(open(f"{work}/place-{r}.allocated-before").read()))
             / served("place", runs["place"][r - 1])
             for r in range(1, rounds + 1)]
print(f"  service CPU per order by thread       " + ", ".join(
    f"{kind} {statistics.median(per_order_kind[kind]):.0f} µs = {statistics.median(per_order_kind[kind]) / T:.1f} T"
    for kind in ("event-loops", "gc", "jit", "other")) + f"   (JIT per round: {', '.join(f'{x:.0f}' for x in jit_rounds)} µs)")
print(f"  Java heap allocated per order         {statistics.median(allocated) / 1024:6.1f} KB   (per round: {', '.join(f'{x / 1024:.1f}' for x in allocated)} KB;"
      f" request path and background, until the orders settled)")
batch_sizes = []
for r in range(1, rounds + 1):
    before, after = (counters(f"place-{r}.batches-{when}") for when in ("before", "after"))
    batches = after.get("flashorder_order_writer_batch_entries_count", 0) - before.get("flashorder_order_writer_batch_entries_count", 0)
    entries = after.get("flashorder_order_writer_batch_entries_sum", 0) - before.get("flashorder_order_writer_batch_entries_sum", 0)
    batch_sizes.append(entries / batches if batches else 0.0)
print(f"  orders per writer transaction         {statistics.median(batch_sizes):6.1f}  (per round: {', '.join(f'{x:.1f}' for x in batch_sizes)};"
      f" flashorder_order_writer_batch_entries)")
inside = scripts_calls * float(ceiling["ceiling_script_commands"])
print(f"  Redis commands per order              {all_calls:6.1f}  ({all_calls - inside:.1f} sent by the service, {inside:.1f} run inside the reservation script)")
written, appended, rewrites, socket_reads, socket_writes, kept, kept_events = [], [], 0, [], [], [], []
for r in range(1, rounds + 1):
    before, after = (dict(line.split() for line in open(f"{work}/place-{r}.aof-{when}")) for when in ("before", "after"))
    orders = served("place", runs["place"][r - 1])
    delta = lambda key: int(after[key]) - int(before[key])
    written.append((delta("wchar") - delta("net_output")) / orders)
    socket_reads.append(delta("total_reads_processed") / orders)
    socket_writes.append(delta("total_writes_processed") / orders)
    rewrites += delta("aof_rewrites")
    kept.append(delta("used_memory") / orders)
    kept_events.append(delta("events_memory") / orders)
    if delta("aof_rewrites") == 0:
        appended.append(delta("aof_current_size") / orders)
print(f"  Redis disk bytes per order            {statistics.median(written):6.0f}  (AOF and its rewrites, {rewrites} in the place rounds;"
      f" appended to the AOF: {f'{statistics.median(appended):.0f}' if appended else 'n/a, every round rewrote it'})")
print(f"  Redis memory kept per order           {statistics.median(kept):6.0f} bytes  (per round: {', '.join(f'{x:.0f}' for x in kept)};"
      f" once the round's orders settled, unpaid; of which the order event stream, kept 24 h: {statistics.median(kept_events):.0f})")
# Few rewrites end in a round, and which rounds they land in is luck: the rewriting CPU of the whole run (from an
# AOF rewritten at its start) over all the orders it placed, and of the place rounds together over theirs.
run_rewrites = [{k: float(v) for k, v in (line.split() for line in open(f"{work}/rewrites-{when}.out"))} for when in ("start", "end")]
run_rewrite_count = run_rewrites[1]["rewrites"] - run_rewrites[0]["rewrites"]
run_rewrite_us = 1e6 * (run_rewrites[1]["rewrite_cpu_s"] - run_rewrites[0]["rewrite_cpu_s"]) / max(1, accepted)
rounds_rewrite_us = 1e6 * sum(r.get("cpu_redisrewrites_s", 0.0) for r in runs["place"]) / sum(served("place", r) for r in runs["place"])
print(f"  Redis CPU per order in AOF rewrites   {run_rewrite_us:6.0f} µs  (the rewriting child processes, counted when they end: over the"
      f" whole run, {run_rewrite_count:.0f} rewrite{'' if run_rewrite_count == 1 else 's'} for its {accepted} orders;"
      f" {rounds_rewrite_us:.0f} µs over the place rounds together; auto-aof-rewrite-percentage {number('rewrite-percentage'):.0f})")
print(f"  Redis socket reads / writes per order {statistics.median(socket_reads):6.2f} / {statistics.median(socket_writes):.2f}"
      f"  (each read takes what a client sent since the last, each write what Redis answered a client since the last)")
print(f"    by command (calls / µs of Redis time per order; a script's time includes its commands):")
for command, calls, usec in rows:
    if calls >= 0.005:
        print(f"      {command:28s} {calls:6.2f} {usec:8.1f}")
print(f"  hot-SKU ceiling of one Redis shard    {float(ceiling['ceiling_reservations_per_s']):8.0f} reservations/s, {ceiling_us:.1f} µs Redis CPU each"
      f" (the script alone, {ceiling['ceiling_accepted']} accepted of {ceiling['ceiling_calls']}, per round {ceiling['ceiling_rounds']}, appendfsync {ceiling['ceiling_appendfsync']})")
print(f"    through the service an order costs Redis {redis_us:.0f} µs: one shard takes at most ~{1e6 / redis_us:,.0f} orders/s"
      f" of one hot SKU that way, {1e6 / ceiling_us:,.0f}/s if Redis did nothing but the reservation")
if os.path.exists(f"{work}/profile-split.out"):
    print()
    print(f"  A place round under async-profiler (PROFILE={os.environ.get('PROFILE')}; not in the medians above), per order:")
    print(open(f"{work}/profile-split.out").read().rstrip())
if modes:
    print()
    print("  Redis appendfsync     place req/s    p50 ms    p99 ms   / trivial   / first mode   Redis µs/order")
    first = [r["requests_per_second"] for r in runs[f"fsync-{modes[0]}"]]
    for mode in modes:
        phase = f"fsync-{mode}"
        to_ping = [p["requests_per_second"] / q["requests_per_second"] for p, q in zip(runs[phase], runs["ping"])]
        to_first = [p["requests_per_second"] / f for p, f in zip(runs[phase], first)]
        print(f"  {mode:18s} {med(phase,'requests_per_second'):12.0f} {med(phase,'latency_p50_ms'):9.2f} "
              f"{med(phase,'latency_p99_ms'):9.2f} {statistics.median(to_ping):11.2f} {statistics.median(to_first):14.2f} "
              f"{cpu_per_request(phase, 'redis'):16.0f}")
    print(f"  (each round runs every mode back to back; ratios are per round, then the median; per round vs {modes[0]}:")
    for mode in modes[1:]:
        per_round = [p["requests_per_second"] / f for p, f in zip(runs[f"fsync-{mode}"], first)]
        print(f"   {mode}: {', '.join(f'{x:.2f}' for x in per_round)})")
PY
