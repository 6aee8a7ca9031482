#!/usr/bin/env python3
"""What one reservation costs Redis, counted in CPU instructions rather than timed: reproducible to about 1 % on a
busy machine, where the CPU time of the same run moves by a quarter from one round to the next (the time is what the
hot-SKU ceiling reports, load-tests/shard-ceiling.py; this is for comparing two versions of reserve_order.lua).

Starts its own Redis server under valgrind's callgrind (AOF everysec, no rewrite), counting only what Redis does for
its clients: reading and running commands (readQueryFromClient) and writing replies and the AOF (beforeSleep), not its
timers, whose share would follow the wall-clock time of the run. Loads the working tree's reserve_order.lua, gives it
a trusted slot {p} (epoch, no fence) with ample SKU and campaign stock and 1,000 buyers' campaign counts, and calls it
--reservations times (redis-benchmark, 8 connections) as ReservationService does for a one-line campaign order of a
new buyer: a fresh order id, buyer and idempotency key each time, the real 1,148-byte order payload
(bucket-ceiling-payload.json). Every call must be accepted (a refusal costs less).

Prints script_cost_instructions (per reservation), script_cost_commands (run inside the script per reservation),
script_cost_accepted and the encoding of the campaign's buyers hash. --buyers sets how many buyers the campaign had
(1,000: a hash table, as in a flash sale; e.g. 100 with --reservations 300: a listpack all along) and
--listpack-entries the server's hash-max-listpack-entries, to compare the two encodings. The keys and arguments follow the script's layout as it is in this tree (as bucket-ceiling.py's
do): a change of the layout changes them here too. Two runs of the same tree agree to about 1 %.

Needs valgrind (apt-get install valgrind) and redis-server, redis-cli, redis-benchmark.
"""
import argparse
import hashlib
import pathlib
import re
import subprocess
import time
import uuid

from callgrind_redis import callgrind_redis

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "src/main/resources/lua/reserve_order.lua"
PAYLOAD = pathlib.Path(__file__).resolve().parent / "bucket-ceiling-payload.json"
PLENTY = 1_000_000_000
TAG = "{p}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reservations", type=int, default=500)
    parser.add_argument("--buyers", type=int, default=1000,
                        help="buyers the campaign had before; keep buyers + reservations under the hash's listpack "
                             "size to measure a campaign whose buyers are still a listpack")
    parser.add_argument("--listpack-entries", type=int, default=None,
                        help="hash-max-listpack-entries of the server (default: Redis's own)")
    options = parser.parse_args()
    listpack = ["--hash-max-listpack-entries", str(options.listpack_entries)] \
        if options.listpack_entries is not None else []
    with callgrind_redis("script-cost-", *listpack) as server:
        cli = server.cli
        sha, keys, args, campaign, sku = prepared(cli, options.buyers)
        server.zero()
        commands_before = inner_commands(cli)
        subprocess.run(["redis-benchmark", "-p", str(server.port), "-c", "8", "-n", str(options.reservations),
                        "-r", "1000000000", "-q", "EVALSHA", sha, str(len(keys)), *keys, *args],
                       check=True, capture_output=True)
        commands = inner_commands(cli) - commands_before
        instructions = server.instructions()
        accepted = int(redis(cli, "HGET", f"stock:{TAG}:campaign:{campaign}", f"{sku}:held"))
        if accepted != options.reservations:
            raise SystemExit(f"{accepted} of {options.reservations} calls accepted: the figure would flatter the script")
        print(f"script_cost_instructions {instructions / options.reservations:.0f}")
        print(f"script_cost_commands {commands / options.reservations:.2f}")
        print(f"script_cost_accepted {accepted}")
        print(f"script_cost_buyers_encoding {redis(cli, 'OBJECT', 'ENCODING', f'stock:{TAG}:campaign-buyers:{campaign}')}")


def prepared(cli, buyers):
    """The script loaded, the slot's keys set up, and the KEYS and ARGV of a call as ReservationService.reserve builds
    them (every __rand_int__ is drawn anew by redis-benchmark)."""
    sha = redis(cli, "SCRIPT", "LOAD", SCRIPT.read_text())
    campaign, sku, warehouse = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    redis(cli, "SET", f"stock:{TAG}:epoch", "1")
    redis(cli, "HSET", f"stock:{TAG}:sku:{sku}", f"wh:{warehouse}", PLENTY, "available", PLENTY, "held", 0)
    redis(cli, "HSET", f"stock:{TAG}:campaign:{campaign}", f"{sku}:available", PLENTY, f"{sku}:held", 0)
    # By default past the listpack size: a campaign's buyers are a hash table, as in a flash sale.
    redis(cli, "HSET", f"stock:{TAG}:campaign-buyers:{campaign}",
          *[value for i in range(buyers) for value in (f"earlier-buyer-{i}", 1)])
    buyer, order = "buyer-__rand_int__", "0190dddd-0000-7000-8000-__rand_int__"
    keys = [f"idem:{TAG}:{buyer}:__rand_int__", f"order:{TAG}:hold:{order}", f"order:{TAG}:deadlines",
            f"orders:{TAG}:placed", f"events:{TAG}:stock", f"risk:{TAG}:blacklist",
            f"risk:{TAG}:placements:{buyer}:{int(time.time()) // 60}", f"stock:{TAG}:campaign:{campaign}",
            f"stock:{TAG}:campaign-buyers:{campaign}", f"stock:{TAG}:sku:{sku}",
            f"stock:{TAG}:recovery-fence", f"stock:{TAG}:epoch"]
    args = [order, buyer, hashlib.sha256(b"body").hexdigest(), "86400", str(int(time.time() * 1000) + 300_000),
            hashlib.sha256(b"phone").hexdigest(), hashlib.sha256(b"address").hexdigest(), "20", "60", campaign,
            str(PLENTY), PAYLOAD.read_text().strip(), "1", "0", "", "0", sku, "1", "1", "10", "1", warehouse, "0"]
    return sha, keys, args, campaign, sku


def inner_commands(cli):
    """Calls of every command but those a client sends here (the script itself, the benchmark's and ours)."""
    sent = {"evalsha", "info", "config", "select", "ping", "command", "hello", "client", "script"}
    return sum(int(calls) for command, calls in re.findall(r"cmdstat_([a-z_|]+):calls=(\d+)",
                                                         redis(cli, "INFO", "commandstats"))
               if command.split("|")[0] not in sent)


def redis(cli, *args):
    return subprocess.run(cli + [str(arg) for arg in args], check=True, capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
