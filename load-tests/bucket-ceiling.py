#!/usr/bin/env python3
"""Hot-SKU buckets on a Redis Cluster: how many reservations per second one campaign SKU sustains with its stock in
1 bucket and in 3 buckets (each bucket in its own hash slot, on its own primary), and the Redis CPU one reservation
costs, with no service in front: checkout's own reservation script (lua/reserve_order.lua, role 'H' in the buyer's
home bucket slot, with every key and argument ReservationService passes: idempotency record, hold, payment deadline,
placed-orders stream entry with a real order payload, blacklists, placement counter, campaign limit, SKU and campaign
stock, recovery fence and epoch). Then the tail of a sale: how often a buyer's home bucket is empty while another
still has units, and what such a fallback costs (role 'D' donors, lua/settle_fallback.lua at home).

The cluster: the one FLASHORDER_REDIS_MODE=cluster starts (scripts/services.sh: FLASHORDER_REDIS_PORT + 1..3, or
--ports), or, with --start-cluster, three primaries this script starts itself under build/bucket-ceiling (AOF) and
stops at the end. AOF fsync is --appendfsync (default everysec; set on a running cluster for the run, then restored):
with 'always' all primaries fsync to one shared disk and the figure measures the disk.

Ceiling rounds: plenty of stock in every bucket, then one redis-benchmark per bucket at the same time, straight at
the primary that owns the bucket's slot, the connections split evenly over the buckets; every call has a fresh order
id, buyer and idempotency key (redis-benchmark's __rand_int__), so each one is a new accepted reservation. Accepted
(campaign units held, placed-stream entries) must equal calls: a refusal is cheaper and would flatter the figure.

Tail: --tail-buyers buyers (ids hashed to a home bucket as StockBuckets.homeOf does: CRC-32 mod B) arrive in random
order for --tail-units units split over 3 buckets, one unit each, limit 1, one at a time; each runs checkout's walk
(home 'H'; on FALLBACK each other bucket 'D' in ring order; settle_fallback at home, HELD or REFUSED). Once a walk
found the SKU gone everywhere, later buyers are refused without a call (the service's sold-out cache). Redis time per
call from INFO commandstats (the script's own time, no I/O).

Prints per bucket count: reservations/s (all buckets together), Redis CPU µs per reservation (all primaries, from
/proc), the ratio 3 buckets : 1 bucket, the machine's cores (on a box with fewer cores than primaries + load
generators the primaries share cores and the ratio shows the box, not the design); then the tail's counts and costs.
"""
import argparse
import hashlib
import json
import os
import pathlib
import random
import re
import shutil
import socket
import statistics
import subprocess
import time
import uuid
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESERVE = ROOT / "src/main/resources/lua/reserve_order.lua"
SETTLE = ROOT / "src/main/resources/lua/settle_fallback.lua"
PAYLOAD = pathlib.Path(__file__).resolve().parent / "bucket-ceiling-payload.json"
# SlotTags.ALL: bucket i is order slot i; the first three fall on the three primaries redis-cli --cluster create makes.
TAGS = ["{p}", "{p3}", "{p6}"]
PLENTY = 1_000_000_000
IDEMPOTENCY_TTL = "86400"          # ReservationService.IDEMPOTENCY_TTL_SECONDS
PLACEMENTS_PER_WINDOW = "20"       # flashorder.risk.placements-per-window default
WINDOW_SECONDS = "60"              # flashorder.risk.placement-window default
LOW_STOCK_THRESHOLD = "10"
BENCH = "0190bbbb-0000-7000-8000"  # prefix of every order id the ceiling rounds make (dropped after each round)
TAIL = "0190cccc"                  # prefix of the tail's order ids
DEADLINE = 4102444800000           # the payment deadline of every order made here (2100-01-01): removed by score


def main():
    options = parse_options()
    started = start_cluster(options) if options.start_cluster else []
    try:
        nodes = {port: Redis(port) for port in options.ports}
        # a running cluster's fsync policy for the run (services.sh's is 'always'; the shared disk would be measured)
        fsync_before = {port: node.call("CONFIG", "GET", "appendfsync")[-1] for port, node in nodes.items()}
        for node in nodes.values():
            node.call("CONFIG", "SET", "appendfsync", options.appendfsync)
        reserve_sha = load_script(nodes, RESERVE)
        settle_sha = load_script(nodes, SETTLE)
        owner = {tag: owner_of(nodes[options.ports[0]], tag) for tag in TAGS}
        print(f"bucket_owners {' '.join(f'{tag}:{owner[tag]}' for tag in TAGS)}")
        print(f"cores {os.cpu_count()} load_average {os.getloadavg()[0]:.1f}")
        print(f"appendfsync {nodes[options.ports[0]].call('CONFIG', 'GET', 'appendfsync')[-1]}")
        payload = PAYLOAD.read_text().strip()
        print(f"payload_bytes {len(payload.encode())}")
        results = {}
        for buckets in (1, 3):
            rounds = [ceiling_round(options, nodes, owner, reserve_sha, payload, buckets) for _ in range(options.rounds)]
            rate = statistics.median(r for r, _ in rounds)
            cpu = statistics.median(c for _, c in rounds)
            results[buckets] = (rate, cpu)
            print(f"buckets_{buckets}_reservations_per_s {rate:.0f}", flush=True)
            print(f"buckets_{buckets}_redis_us {cpu:.1f}")
            print(f"buckets_{buckets}_rounds {' '.join(f'{r:.0f}/s {c:.1f}us' for r, c in rounds)}")
        print(f"ratio_3_to_1 {results[3][0] / results[1][0]:.2f} load_average {os.getloadavg()[0]:.1f}")
        if options.tail_buyers > 0:
            tail(options, nodes, owner, reserve_sha, settle_sha, payload)
        for port, node in nodes.items():
            node.call("CONFIG", "SET", "appendfsync", fsync_before[port])
    finally:
        for process in started:
            process.terminate()  # SIGTERM: redis-server shuts down cleanly
        for process in started:
            process.wait(timeout=30)


def parse_options():
    parser = argparse.ArgumentParser()
    base = int(os.environ.get("FLASHORDER_REDIS_PORT", "56379"))
    parser.add_argument("--ports", type=lambda text: [int(p) for p in text.split(",")])
    parser.add_argument("--start-cluster", action="store_true")
    parser.add_argument("--appendfsync", default="everysec")
    for name, default in (("--connections", 48), ("--reservations", 30000), ("--rounds", 3),
                          ("--tail-buyers", 2000), ("--tail-units", 500)):
        parser.add_argument(name, type=int, default=default)
    options = parser.parse_args()
    if options.ports is None:
        options.ports = [56440, 56441, 56442] if options.start_cluster else [base + 1, base + 2, base + 3]
    return options


class Redis:
    """A minimal RESP2 client: one connection, one command at a time."""

    def __init__(self, port):
        self.port = port
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.file = self.sock.makefile("rb")

    def call(self, *args):
        parts = [f"*{len(args)}\r\n".encode()]
        for arg in args:
            data = arg if isinstance(arg, bytes) else str(arg).encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
        self.sock.sendall(b"".join(parts))
        return self.read()

    def read(self):
        line = self.file.readline()[:-2]
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RuntimeError(f"redis {self.port}: {rest.decode()}")
        if kind == b":":
            return int(rest)
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            data = self.file.read(size + 2)[:-2]
            return data.decode()
        if kind == b"*":
            size = int(rest)
            return None if size < 0 else [self.read() for _ in range(size)]
        raise RuntimeError(f"unexpected reply {line!r}")


def load_script(nodes, path):
    source = path.read_text()
    for node in nodes.values():
        node.call("SCRIPT", "LOAD", source)
    return hashlib.sha1(source.encode()).hexdigest()


def start_cluster(options):
    base = ROOT / "build/bucket-ceiling"
    shutil.rmtree(base, ignore_errors=True)
    started = []
    for port in options.ports:
        folder = base / str(port)
        folder.mkdir(parents=True)
        started.append(subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
                                         "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                         # the bus port is port + 10000 by default, past 65535 for these ports
                                         "--cluster-port", str(port - 10000), "--appendonly", "yes",
                                         "--appendfsync", options.appendfsync, "--save", ""],
                                        stdout=subprocess.DEVNULL))
    for port in options.ports:
        wait_for(lambda: subprocess.run(["redis-cli", "-p", str(port), "PING"], capture_output=True).returncode == 0)
    subprocess.run(["redis-cli", "--cluster", "create", *[f"127.0.0.1:{port}" for port in options.ports],
                    "--cluster-replicas", "0", "--cluster-yes"], check=True, capture_output=True, timeout=120)
    wait_for(lambda: all("cluster_state:ok" in Redis(port).call("CLUSTER", "INFO") for port in options.ports), 120)
    return started


def wait_for(condition, seconds=60):
    deadline = time.time() + seconds
    while not condition():
        if time.time() > deadline:
            raise SystemExit("the cluster did not come up")
        time.sleep(0.2)


def owner_of(node, tag):
    """The port of the primary serving the hash slot of tag."""
    slot = node.call("CLUSTER", "KEYSLOT", tag)
    for line in node.call("CLUSTER", "NODES").splitlines():
        fields = line.split()
        if "master" not in fields[2]:
            continue
        for span in fields[8:]:
            low, _, high = span.partition("-")
            if int(low) <= slot <= int(high or low):
                return int(fields[1].split("@")[0].rsplit(":", 1)[1])
    raise SystemExit(f"no primary serves slot {slot}")


def stock_up(node, tag, campaign, sku, warehouse, units):
    """A bucket's slot as a load leaves it: trusted (epoch, no fence), the SKU's and the campaign's units."""
    node.call("SET", f"stock:{tag}:epoch", "1")
    node.call("HSET", f"stock:{tag}:sku:{sku}", f"wh:{warehouse}", units, "available", units, "held", 0, "sold", 0,
              "loaded", units)
    node.call("HSET", f"stock:{tag}:campaign:{campaign}", f"{sku}:available", units, f"{sku}:held", 0,
              f"{sku}:sold", 0, f"{sku}:loaded", units)


def reservation(tag, role, home, campaign, sku, warehouse, order_id, buyer, key_digest, request_hash, payload,
                limit="1"):
    """KEYS and ARGV of reserve_order.lua for a one-line campaign order, as ReservationService.reserve builds them."""
    window = int(time.time()) // int(WINDOW_SECONDS)
    keys = [f"idem:{tag}:{buyer}:{key_digest}", f"order:{tag}:hold:{order_id}", f"order:{tag}:deadlines",
            f"orders:{tag}:placed", f"events:{tag}:stock", f"risk:{tag}:blacklist",
            f"risk:{tag}:placements:{buyer}:{window}", f"stock:{tag}:campaign:{campaign}",
            f"stock:{tag}:campaign-buyers:{campaign}", f"stock:{tag}:sku:{sku}",
            f"stock:{tag}:recovery-fence", f"stock:{tag}:epoch"]
    args = [order_id, buyer, request_hash, IDEMPOTENCY_TTL, str(DEADLINE),
            hashlib.sha256(b"phone").hexdigest(), hashlib.sha256(b"address").hexdigest(),
            "0" if role == "D" else PLACEMENTS_PER_WINDOW, WINDOW_SECONDS, campaign, limit, payload, "1", "0", role,
            str(home), sku, "1", "1", LOW_STOCK_THRESHOLD, "1", warehouse, "0"]
    return keys, args


def ceiling_round(options, nodes, owner, sha, payload, buckets):
    """Fresh stock, one redis-benchmark per bucket at once; emits (reservations/s, Redis µs each)."""
    campaign, sku, warehouse = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    per_bucket = options.reservations // buckets
    for tag in TAGS[:buckets]:
        stock_up(nodes[owner[tag]], tag, campaign, sku, warehouse, PLENTY)
    streams = {tag: nodes[owner[tag]].call("XLEN", f"orders:{tag}:placed") for tag in TAGS[:buckets]}
    last_ids = {tag: last_id(nodes[owner[tag]], f"orders:{tag}:placed") for tag in TAGS[:buckets]}
    pids = {port: int(re.search(r"process_id:(\d+)", nodes[port].call("INFO", "server")).group(1)) for port in nodes}
    cpu_before = sum(cpu_seconds(pid) for pid in pids.values())
    began = time.monotonic()
    runs = []
    for bucket, tag in enumerate(TAGS[:buckets]):
        keys, args = reservation(tag, "H", bucket, campaign, sku, warehouse, f"{BENCH}-__rand_int__",
                                 "bench-__rand_int__", "__rand_int__", hashlib.sha256(b"body").hexdigest(), payload,
                                 # random buyers may repeat in a round: no limit, so every call is accepted
                                 limit=str(PLENTY))
        runs.append(subprocess.Popen(["redis-benchmark", "-p", str(owner[tag]), "-c",
                                      str(max(1, options.connections // buckets)), "-n", str(per_bucket),
                                      "-r", "1000000000", "-q", "EVALSHA", sha, str(len(keys)), *keys, *args],
                                     # its progress lines would fill a pipe nobody reads while it runs
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    for run in runs:
        _, errors = run.communicate()
        if run.returncode != 0:
            raise SystemExit(errors.decode())
    elapsed = time.monotonic() - began
    cpu = sum(cpu_seconds(pid) for pid in pids.values()) - cpu_before
    calls = per_bucket * buckets
    held = sum(int(nodes[owner[tag]].call("HGET", f"stock:{tag}:campaign:{campaign}", f"{sku}:held") or 0)
               for tag in TAGS[:buckets])
    placed = sum(nodes[owner[tag]].call("XLEN", f"orders:{tag}:placed") - streams[tag] for tag in TAGS[:buckets])
    if held != calls or placed != calls:
        raise SystemExit(f"{held} held, {placed} placed of {calls} calls: the figure would not be a ceiling")
    for tag in TAGS[:buckets]:
        clean(nodes[owner[tag]], tag, "bench-", BENCH, last_ids[tag], campaign, sku)
    return calls / elapsed, 1e6 * cpu / calls


def last_id(node, stream):
    newest = node.call("XREVRANGE", stream, "+", "-", "COUNT", 1)
    return newest[0][0] if newest else "0-0"


def clean(node, tag, buyer_prefix, order_prefix, stream_last_id, campaign, sku):
    """Everything a round or the tail wrote in a slot: records, holds, counters, stream entries, deadlines, stock."""
    for pattern in (f"idem:{tag}:{buyer_prefix}*", f"order:{tag}:hold:{order_prefix}*",
                    f"risk:{tag}:placements:{buyer_prefix}*"):
        drop(node, pattern)
    stream = f"orders:{tag}:placed"
    while True:
        entries = node.call("XRANGE", stream, f"({stream_last_id}", "+", "COUNT", 1000)
        if not entries:
            break
        node.call("XDEL", stream, *[entry[0] for entry in entries])
    node.call("ZREMRANGEBYSCORE", f"order:{tag}:deadlines", DEADLINE, DEADLINE)
    node.call("UNLINK", f"stock:{tag}:sku:{sku}", f"stock:{tag}:campaign:{campaign}",
              f"stock:{tag}:campaign-buyers:{campaign}")


def tail(options, nodes, owner, reserve_sha, settle_sha, payload):
    """A whole small sale, buyer by buyer, over 3 buckets: how often a fallback happens and what it costs."""
    buckets = 3
    campaign, sku, warehouse = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    shares = [options.tail_units // buckets + (1 if b < options.tail_units % buckets else 0) for b in range(buckets)]
    for bucket, tag in enumerate(TAGS):
        stock_up(nodes[owner[tag]], tag, campaign, sku, warehouse, shares[bucket])
    buyers = [f"tail-{uuid.uuid4()}" for _ in range(options.tail_buyers)]
    last_ids = {tag: last_id(nodes[owner[tag]], f"orders:{tag}:placed") for tag in TAGS}
    random.shuffle(buyers)
    costs = {kind: [] for kind in ("home_ok", "fallback_held", "fallback_refused")}
    counts = {kind: 0 for kind in ("home_ok", "fallback_held", "fallback_refused", "refused_by_cache")}
    round_trips = {kind: [] for kind in costs}
    sold_out = False
    for buyer in buyers:
        if sold_out:
            counts["refused_by_cache"] += 1
            continue
        home = zlib.crc32(buyer.encode()) % buckets
        order_id = f"{TAIL}{str(uuid.uuid4())[8:]}"
        digest, request_hash = uuid.uuid4().hex, hashlib.sha256(buyer.encode()).hexdigest()
        spent, trips = 0.0, 1
        keys, args = reservation(TAGS[home], "H", home, campaign, sku, warehouse, order_id, buyer, digest,
                                 request_hash, payload)
        answer, took = timed(nodes[owner[TAGS[home]]], "EVALSHA", reserve_sha, len(keys), *keys, *args)
        spent += took
        if answer[0] == "OK":
            kind = "home_ok"
        elif answer[0] == "FALLBACK":
            units_seen, verdict = int(answer[3]), "REFUSED"
            for step in range(1, buckets):
                donor = (home + step) % buckets
                keys, args = reservation(TAGS[donor], "D", home, campaign, sku, warehouse, order_id, buyer, digest,
                                         request_hash, payload)
                answer, took = timed(nodes[owner[TAGS[donor]]], "EVALSHA", reserve_sha, len(keys), *keys, *args)
                spent, trips = spent + took, trips + 1
                if answer[0] == "OK":
                    verdict = "HELD"
                    break
                units_seen += int(answer[3])
            home_tag = TAGS[home]
            answer, took = timed(nodes[owner[home_tag]], "EVALSHA", settle_sha, 2,
                                 f"idem:{home_tag}:{buyer}:{digest}", f"stock:{home_tag}:campaign-buyers:{campaign}",
                                 request_hash, order_id, verdict, buyer, "1")
            spent, trips = spent + took, trips + 1
            if answer[0] != verdict:
                raise SystemExit(f"settle_fallback answered {answer} for {verdict}")
            kind = "fallback_held" if verdict == "HELD" else "fallback_refused"
            sold_out = verdict == "REFUSED" and units_seen == 0
        else:
            raise SystemExit(f"the home call answered {answer}")
        counts[kind] += 1
        costs[kind].append(spent)
        round_trips[kind].append(trips)
    levels = [nodes[owner[tag]].call("HMGET", f"stock:{tag}:campaign:{campaign}", f"{sku}:available", f"{sku}:held")
              for tag in TAGS]
    held = sum(int(h) for _, h in levels)
    accepted = counts["home_ok"] + counts["fallback_held"]
    print(f"tail_buyers {options.tail_buyers} tail_units {options.tail_units} shares {shares}")
    print(f"tail_accepted {accepted} held {held} available_left {sum(int(a) for a, _ in levels)}")
    for kind in costs:
        spent = costs[kind]
        mean = statistics.mean(spent) if spent else 0.0
        trips = statistics.mean(round_trips[kind]) if spent else 0.0
        print(f"tail_{kind} {counts[kind]} redis_us_each {mean:.1f} round_trips_each {trips:.1f}")
    print(f"tail_refused_by_cache {counts['refused_by_cache']}")
    for tag in TAGS:
        clean(nodes[owner[tag]], tag, "tail-", TAIL, last_ids[tag], campaign, sku)
    if accepted != options.tail_units or held != options.tail_units:
        raise SystemExit("the tail did not sell exactly its units")


def timed(node, *command):
    """The answer and the Redis time (µs) the command took, from INFO commandstats around it."""
    before = evalsha_usec(node)
    answer = node.call(*command)
    return answer, evalsha_usec(node) - before


def evalsha_usec(node):
    return int(re.search(r"cmdstat_evalsha:calls=\d+,usec=(\d+)", node.call("INFO", "commandstats")).group(1))


def drop(node, pattern):
    cursor = "0"
    while True:
        cursor, keys = node.call("SCAN", cursor, "MATCH", pattern, "COUNT", "5000")
        if keys:
            node.call("UNLINK", *keys)
        if cursor == "0":
            return


def cpu_seconds(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / 100


if __name__ == "__main__":
    main()
