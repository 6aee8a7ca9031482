#!/usr/bin/env bash
# The place-order benchmark. Starts the README's local services, runs Flashorder (prod mode, its own database
# flashorder_bench and Redis database 2, both wiped first), loads a campaign, then with wrk, in ROUNDS rounds:
#   ping     the trivial endpoint GET /api/v1/ping, same wrk script and headers (what this box can serve at all)
#   place    POST /api/v1/orders, unique buyers and Idempotency-Keys, on a campaign SKU with ample stock
#   refuse   POST /api/v1/orders on a campaign SKU that is already sold out
# and prints medians: requests/s, p50/p99, the ratios place/ping and refuse/ping, accepted orders against the
# stock of a SKU sold out under load (must be equal), and how long the order writer took to drain afterwards.
# Throughput is only meaningful as a ratio measured in the same run: the machine is small, shared and noisy.
#
# With FSYNC_MODES="everysec always" each round also places orders once per Redis appendfsync mode (CONFIG SET
# before each), and a last table compares them: what durability costs, measured in the same run.
#
# Usage: load-tests/place-order-bench.sh      env: ROUNDS=3 DURATION=10s WARMUP=30s CONNECTIONS=32 THREADS=2 USERS=10000
#                                                  FSYNC_MODES="everysec always" (optional)
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
WORK="$ROOT/build/bench"

source load-tests/service.sh
start_service bench flashorder_bench 2 "${BENCH_PORT:-8089}" "$WORK"
ORIGINAL_FSYNC=$($REDIS config get appendfsync | tail -1)
trap 'kill $APP 2>/dev/null || true; $REDIS config set appendfsync "$ORIGINAL_FSYNC" >/dev/null 2>&1 || true' EXIT

ADMIN=$(scripts/token.sh admin 2>/dev/null)
source load-tests/sale-setup.sh
echo "[bench] catalog: a merchant, a warehouse, two SKUs, a shipping template, a live campaign"
sale_setup 4000000 "$SOLD_OUT_STOCK"

echo "[bench] minting $USERS customer tokens"
"$JAVA_HOME/bin/java" load-tests/MintTokens.java build/keys/privateKey.pem https://flashorder.io "$USERS" "$WORK/tokens.txt"

# CPU seconds used so far by the service, Redis and PostgreSQL (with their reaped children: the AOF rewrite,
# autovacuum workers), so each run can say what one request cost each of them.
REDIS_PID=$($REDIS info server | awk -F: '/^process_id/ {print $2+0}')
cpu_seconds() { awk '{ticks += $14 + $15 + $16 + $17} END {printf "%.2f", ticks / 100}' "$@" 2>/dev/null; }
service_cpu() {
  echo "cpu_jvm_s $(cpu_seconds /proc/$APP/stat)"
  echo "cpu_redis_s $(cpu_seconds /proc/$REDIS_PID/stat)"
  echo "cpu_postgres_s $(cpu_seconds $(pgrep -x postgres | sed 's|.*|/proc/&/stat|'))"
}
run_wrk() { # name, script, extra env → writes $WORK/<name>.out (wrk's figures, then the CPU each process used)
  local name=$1 script=$2; shift 2
  service_cpu >"$WORK/$name.cpu-before"
  local TIMEFORMAT='cpu_wrk_s %U %S'
  { time env "$@" TOKENS="$WORK/tokens.txt" CAMPAIGN="$CAMPAIGN" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "load-tests/$script" "$BASE" >"$WORK/$name.out"; } \
    2>"$WORK/$name.wrk-cpu"
  service_cpu | paste - <(cut -d' ' -f2 "$WORK/$name.cpu-before") | awk '{printf "%s %.2f\n", $1, $2 - $3}' >>"$WORK/$name.out"
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$WORK/$name.wrk-cpu" >>"$WORK/$name.out"
}
value() { awk -v k="$1" '$1 == k {print $2}' "$2"; }
status_count() { awk -v s="$1" '$1 == "status" && $2 == s {print $3}' "$2" | head -1; }
backlog() { $REDIS xlen 'orders:{p}:placed'; } # the writer deletes what it acknowledges

echo "[bench] warm-up (${WARMUP:-30s}: the JIT compiles the hot paths first)"
DURATION=${WARMUP:-30s} run_wrk warmup place-order.lua SKU="$PLENTY"
DURATION=10s run_wrk warmup-ping place-order.lua TRIVIAL=1 SKU="$PLENTY"

echo "[bench] selling out $SOLD_OUT_STOCK units of the scarce SKU under load"
run_wrk sellout place-order.lua SKU="$SCARCE"
SOLD_OUT_ACCEPTED=$(status_count 201 "$WORK/sellout.out")
SOLD_OUT_ACCEPTED=${SOLD_OUT_ACCEPTED:-0}
SOLD_OUT_5XX=$(awk '$1 == "status" && $2 >= 500 {n += $3} END {print n+0}' "$WORK/sellout.out")

for round in $(seq 1 "$ROUNDS"); do
  echo "[bench] round $round/$ROUNDS"
  run_wrk "ping-$round" place-order.lua TRIVIAL=1 SKU="$PLENTY"
  run_wrk "place-$round" place-order.lua SKU="$PLENTY"
  load_ended=$(python3 -c "import time; print(time.time())")
  while [[ $(backlog) -gt 0 ]]; do sleep 0.05; done
  python3 -c "import time; print(time.time() - $load_ended)" >"$WORK/drain-$round.out"
  run_wrk "refuse-$round" place-order.lua SKU="$SCARCE"
  for mode in $FSYNC_MODES; do
    $REDIS config set appendfsync "$mode" >/dev/null
    run_wrk "fsync-$mode-$round" place-order.lua SKU="$PLENTY"
    while [[ $(backlog) -gt 0 ]]; do sleep 0.05; done
  done
  [[ -z $FSYNC_MODES ]] || $REDIS config set appendfsync "$ORIGINAL_FSYNC" >/dev/null
done

# Every accepted order holds one unit (nothing is paid here); wrk misses answers still in flight when it stops,
# so Redis, not wrk, tells how many orders were accepted.
ACCEPTED_TOTAL=0
for key in $($REDIS --scan --pattern 'stock:{p}:sku:*'); do
  ACCEPTED_TOTAL=$((ACCEPTED_TOTAL + $($REDIS hget "$key" held)))
done
for _ in $(seq 1 200); do [[ $(backlog) -eq 0 ]] && break; sleep 0.1; done
PERSISTED=$($PSQL -d flashorder_bench -c "SELECT count(*) FROM customer_order")

FSYNC_MODES="$FSYNC_MODES" python3 - "$WORK" "$ROUNDS" "$SOLD_OUT_STOCK" "$SOLD_OUT_ACCEPTED" "$SOLD_OUT_5XX" "$ACCEPTED_TOTAL" "$PERSISTED" <<'PY'
import os, statistics, sys
work, rounds, stock, sold, sold5xx, accepted, persisted = sys.argv[1], int(sys.argv[2]), *map(int, sys.argv[3:])
modes = os.environ.get("FSYNC_MODES", "").split()
def read(name):
    out = {}
    for line in open(f"{work}/{name}.out"):
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("latency_p50_ms", "latency_p99_ms", "requests_per_second", "requests",
                                            "cpu_jvm_s", "cpu_redis_s", "cpu_postgres_s", "cpu_wrk_s"):
            out[parts[0]] = float(parts[1])
        elif len(parts) == 3 and parts[0] == "status":
            out[f"status_{parts[1]}"] = float(parts[2])
    return out
runs = {phase: [read(f"{phase}-{r}") for r in range(1, rounds + 1)]
        for phase in ["ping", "place", "refuse"] + [f"fsync-{mode}" for mode in modes]}
med = lambda phase, key: statistics.median(r.get(key, 0.0) for r in runs[phase])
drain = statistics.median(float(open(f"{work}/drain-{r}.out").read()) for r in range(1, rounds + 1))
place_ratios = [p["requests_per_second"] / q["requests_per_second"] for p, q in zip(runs["place"], runs["ping"])]
refuse_ratios = [p["requests_per_second"] / q["requests_per_second"] for p, q in zip(runs["refuse"], runs["ping"])]
place_5xx = sum(v for r in runs["place"] + runs["refuse"] for k, v in r.items() if k.startswith("status_5"))
print()
print(f"Flashorder place-order benchmark — medians of {rounds} rounds")
print(f"  trivial endpoint      {med('ping','requests_per_second'):10.0f} req/s   p50 {med('ping','latency_p50_ms'):6.2f} ms   p99 {med('ping','latency_p99_ms'):6.2f} ms")
print(f"  place order           {med('place','requests_per_second'):10.0f} req/s   p50 {med('place','latency_p50_ms'):6.2f} ms   p99 {med('place','latency_p99_ms'):6.2f} ms")
print(f"  sold-out refusal      {med('refuse','requests_per_second'):10.0f} req/s   p50 {med('refuse','latency_p50_ms'):6.2f} ms   p99 {med('refuse','latency_p99_ms'):6.2f} ms")
print(f"  place / trivial       {statistics.median(place_ratios):10.2f}   (target >= 0.30; per round: {', '.join(f'{x:.2f}' for x in place_ratios)})")
print(f"  refusal / trivial     {statistics.median(refuse_ratios):10.2f}   (target >= 0.70; per round: {', '.join(f'{x:.2f}' for x in refuse_ratios)})")
print(f"  sold out under load   {sold} accepted for {stock} units ({'exact' if sold == stock else 'MISMATCH'}), {sold5xx} 5xx")
print(f"  5xx during rounds     {place_5xx:.0f}")
print(f"  writer drain          {drain:10.2f} s after the load stopped (target <= 10 s)")
print(f"  persisted             {persisted} orders in PostgreSQL for {accepted} accepted ({'all' if persisted == accepted else 'MISSING'})")
def cpu_per_request(phase, who):
    return statistics.median(1e6 * r.get(f"cpu_{who}_s", 0.0) / max(1.0, r.get("requests", 0.0)) for r in runs[phase])
print()
print("  CPU per request (µs)     service    Redis  PostgreSQL     wrk    all")
for phase, label in (("ping", "trivial endpoint"), ("place", "place order"), ("refuse", "sold-out refusal")):
    parts = [cpu_per_request(phase, who) for who in ("jvm", "redis", "postgres", "wrk")]
    print(f"  {label:22s} {parts[0]:8.0f} {parts[1]:8.0f} {parts[2]:10.0f} {parts[3]:8.0f} {sum(parts):6.0f}")
print("  (the machine has 2 cores: 2,000,000 µs of CPU per second; place/trivial >= 0.30 needs an order to cost at")
print("   most ~3.3 trivial requests of CPU in total)")
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
