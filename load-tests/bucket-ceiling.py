#!/usr/bin/env python3
"""Hot-SKU buckets on a Redis Cluster: how many reservations per second one campaign SKU sustains with its stock in
1 bucket and in 3 buckets (each bucket in its own hash slot, on its own primary), and the Redis CPU one reservation
costs, with no service in front: the reservation script alone, as the bucket layer calls it in the buyer's home
bucket (lua/bucket_reserve.lua: idempotency, per-buyer limit, stock, hold).

The cluster: the one FLASHORDER_REDIS_MODE=cluster starts (scripts/services.sh, ports given with --ports), or, with
--start-cluster, three primaries this script starts itself under build/bucket-ceiling (AOF, the given appendfsync)
and stops at the end. Each round loads plenty of stock into every bucket (split evenly, as the bucket layer does),
then runs one redis-benchmark per bucket at the same time, straight at the primary that owns the bucket's slot, the
connections split evenly over the buckets; every call has a fresh order id, buyer and idempotency key
(redis-benchmark's __rand_int__), so each one is a new accepted reservation. Accepted must equal calls (a refusal is
cheaper and would flatter the figure).

Prints per bucket count: reservations/s (all buckets together), Redis CPU µs per reservation (all primaries), and the
ratio 3 buckets : 1 bucket; also the machine's cores, since on a box with fewer cores than primaries + load
generators the primaries share cores and the ratio shows the box, not the design.
"""
import argparse
import hashlib
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "src/main/resources/lua/bucket_reserve.lua"
# StockBuckets.TAGS: bucket 0 is {p}; the next ones fall on other thirds of the slot space.
TAGS = ["p", "p3", "p6"]
PLENTY = 1_000_000_000


def main():
    options = parse_options()
    ports = options.ports
    started = start_cluster(options) if options.start_cluster else []
    try:
        source = SCRIPT.read_bytes()
        sha = hashlib.sha1(source).hexdigest()
        for port in ports:
            cli(port, "SCRIPT", "LOAD", source.decode())
        owner = {tag: owner_of(ports, tag) for tag in TAGS}
        print(f"bucket_owners {' '.join(f'{{{tag}}}:{owner[tag]}' for tag in TAGS)}")
        print(f"cores {os.cpu_count()}")
        print(f"appendfsync {cli(ports[0], 'CONFIG', 'GET', 'appendfsync').split()[-1]}")
        results = {}
        for buckets in (1, 3):
            rounds = [bench_round(options, sha, owner, buckets) for _ in range(options.rounds)]
            rate = statistics.median(r for r, _ in rounds)
            cpu = statistics.median(c for _, c in rounds)
            results[buckets] = (rate, cpu)
            print(f"buckets_{buckets}_reservations_per_s {rate:.0f}", flush=True)
            print(f"buckets_{buckets}_redis_us {cpu:.1f}")
            print(f"buckets_{buckets}_rounds {' '.join(f'{r:.0f}' for r, _ in rounds)}")
        print(f"ratio_3_to_1 {results[3][0] / results[1][0]:.2f}")
    finally:
        for process, _ in started:
            process.terminate()  # SIGTERM: redis-server shuts down cleanly
        for process, _ in started:
            process.wait(timeout=30)


def parse_options():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ports", type=lambda text: [int(p) for p in text.split(",")], default=[56440, 56441, 56442])
    parser.add_argument("--start-cluster", action="store_true")
    parser.add_argument("--appendfsync", default="everysec")
    for name, default in (("--connections", 48), ("--reservations", 30000), ("--rounds", 3)):
        parser.add_argument(name, type=int, default=default)
    return parser.parse_args()


def cli(port, *args):
    return subprocess.run(["redis-cli", "-p", str(port), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def start_cluster(options):
    base = ROOT / "build/bucket-ceiling"
    shutil.rmtree(base, ignore_errors=True)
    started = []
    for port in options.ports:
        folder = base / str(port)
        folder.mkdir(parents=True)
        process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
                                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                                    # the bus port is port + 10000 by default, past 65535 for these ports
                                    "--cluster-port", str(port - 10000),
                                    "--appendonly", "yes", "--appendfsync", options.appendfsync, "--save", ""],
                                   stdout=subprocess.DEVNULL)
        started.append((process, port))
    for port in options.ports:
        wait_for(lambda: subprocess.run(["redis-cli", "-p", str(port), "PING"], capture_output=True).returncode == 0)
    subprocess.run(["redis-cli", "--cluster", "create", *[f"127.0.0.1:{port}" for port in options.ports],
                    "--cluster-replicas", "0", "--cluster-yes"], check=True, capture_output=True, timeout=120)
    wait_for(lambda: all("cluster_state:ok" in cli(port, "CLUSTER", "INFO") for port in options.ports), 120)
    return started


def wait_for(condition, seconds=60):
    deadline = time.time() + seconds
    while not condition():
        if time.time() > deadline:
            raise SystemExit("the cluster did not come up")
        time.sleep(0.2)


def owner_of(ports, tag):
    """The primary serving the hash slot of {tag}."""
    slot = int(cli(ports[0], "CLUSTER", "KEYSLOT", f"{{{tag}}}"))
    for line in cli(ports[0], "CLUSTER", "NODES").splitlines():
        fields = line.split()
        if "master" not in fields[2]:
            continue
        for span in fields[8:]:
            low, _, high = span.partition("-")
            if int(low) <= slot <= int(high or low):
                return int(fields[1].split("@")[0].rsplit(":", 1)[1])
    raise SystemExit(f"no primary serves slot {slot}")


def bench_round(options, sha, owner, buckets):
    """One round: fresh stock, one redis-benchmark per bucket at once; emits (reservations/s, Redis µs each)."""
    campaign, sku = uuid.uuid4(), uuid.uuid4()
    per_bucket = options.reservations // buckets
    for tag in TAGS[:buckets]:
        cli(owner[tag], "HSET", f"stock:{{{tag}}}:campaign:{campaign}", f"{sku}:available", str(PLENTY),
            f"{sku}:loaded", str(PLENTY))
    nodes = sorted(set(owner.values()))
    pids = {port: int(re.search(r"process_id:(\d+)", cli(port, "INFO", "server")).group(1)) for port in nodes}
    cpu_before = sum(cpu_seconds(pid) for pid in pids.values())
    began = time.monotonic()
    runs = []
    for bucket, tag in enumerate(TAGS[:buckets]):
        keys = [f"stock:{{{tag}}}:campaign:{campaign}", f"stock:{{{tag}}}:campaign-buyers:{campaign}",
                f"stock:{{{tag}}}:bucket-idem:bench-__rand_int__:__rand_int__",
                f"stock:{{{tag}}}:bucket-hold:order-__rand_int__"]
        args = ["order-__rand_int__", "buyer-__rand_int__", "request", "600", "1000", str(bucket), "1", str(sku), "1"]
        runs.append(subprocess.Popen(["redis-benchmark", "-p", str(owner[tag]), "-c",
                                      str(max(1, options.connections // buckets)), "-n", str(per_bucket),
                                      "-r", "1000000000", "-q", "EVALSHA", sha, "4", *keys, *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    for run in runs:
        if run.wait() != 0:
            raise SystemExit(run.stderr.read().decode())
    elapsed = time.monotonic() - began
    cpu = sum(cpu_seconds(pid) for pid in pids.values()) - cpu_before
    calls = per_bucket * buckets
    held = sum(int(cli(owner[tag], "HGET", f"stock:{{{tag}}}:campaign:{campaign}", f"{sku}:held") or 0)
               for tag in TAGS[:buckets])
    if held != calls:
        raise SystemExit(f"{held} of {calls} reservations were accepted: the figure would not be a ceiling")
    for tag in TAGS[:buckets]:  # the round's holds and idempotency records go (UNLINK in batches via SCAN)
        drop(owner[tag], f"stock:{{{tag}}}:*")
    return calls / elapsed, 1e6 * cpu / calls


def drop(port, pattern):
    cursor = "0"
    while True:
        reply = cli(port, "SCAN", cursor, "MATCH", pattern, "COUNT", "5000").splitlines()
        cursor, keys = reply[0], reply[1:]
        if keys:
            cli(port, "UNLINK", *keys)
        if cursor == "0":
            return


def cpu_seconds(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / 100


if __name__ == "__main__":
    main()
