#!/usr/bin/env python3
"""The hot-SKU ceiling of one Redis shard: how many reservations per second the reservation script alone sustains
on one SKU, and the Redis CPU one costs, with no service in front of it.

Called by place-order-bench.sh once its rounds are over. It places one real order through the running service while
watching Redis with MONITOR, so the script call it replays is exactly what the service sends (every key and argument
of reserve_order.lua as it is today, whatever its layout). It copies the keys that call reads (SKU stock, campaign,
blacklists, epoch, streams) from the service's Redis database into a scratch database, then replays the call with
redis-benchmark at the given concurrency, each call with a fresh order id, buyer and idempotency key
(redis-benchmark's __rand_int__), so every call is a new, accepted reservation of the same SKU. Each round starts
from a fresh copy; the scratch database is emptied at the end.

Prints: ceiling_reservations_per_s, ceiling_redis_us (CPU of the Redis process per reservation), ceiling_accepted,
ceiling_calls (accepted must equal calls: a refusal costs less and would flatter the ceiling), ceiling_script_commands
(the commands one reservation runs inside the script, from INFO commandstats) and ceiling_appendfsync.
"""
import argparse
import base64
import hashlib
import json
import pathlib
import re
import statistics
import subprocess
import time
import urllib.request
import uuid

SCRIPT = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/lua/reserve_order.lua"
PLACED_STREAM = b"orders:{p}:placed"


def main():
    options = parse_options()
    cli = ["redis-cli", "-h", "127.0.0.1", "-p", str(options.redis_port)]
    call = captured_reservation(options, cli)
    replay = randomised(call, buyer_of(options.token))
    results = [replay_round(options, cli, replay) for _ in range(options.rounds)]
    redis(cli, options.scratch_db, "FLUSHDB")
    rates = [rate for rate, _, _, _ in results]
    print(f"ceiling_reservations_per_s {statistics.median(rates):.0f}")
    print(f"ceiling_redis_us {statistics.median(us for _, us, _, _ in results):.1f}")
    print(f"ceiling_accepted {sum(accepted for _, _, accepted, _ in results)}")
    print(f"ceiling_script_commands {statistics.median(inner for _, _, _, inner in results):.2f}")
    print(f"ceiling_calls {options.reservations * options.rounds}")
    print(f"ceiling_rounds {' '.join(f'{rate:.0f}' for rate in rates)}")
    print(f"ceiling_appendfsync {redis(cli, 0, 'CONFIG', 'GET', 'appendfsync').split()[-1].decode()}")


def parse_options():
    parser = argparse.ArgumentParser()
    for name in ("--base", "--token", "--sku", "--campaign"):
        parser.add_argument(name, required=True)
    for name, default in (("--redis-port", 56379), ("--source-db", 2), ("--scratch-db", 3), ("--connections", 32),
                          ("--reservations", 60000), ("--rounds", 3)):
        parser.add_argument(name, type=int, default=default)
    return parser.parse_args()


def redis(cli, db, *args):
    return subprocess.run(cli + ["-n", str(db), *args], check=True, capture_output=True).stdout


def buyer_of(token):
    claims = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))["sub"].encode()


def captured_reservation(options, cli):
    """The EVALSHA of reserve_order.lua the service sent for one order placed while MONITOR listened."""
    sha = hashlib.sha1(SCRIPT.read_bytes()).hexdigest().encode()
    monitor = subprocess.Popen(cli + ["monitor"], stdout=subprocess.PIPE)
    time.sleep(0.5)
    body = {"items": [{"skuId": options.sku, "quantity": 1}], "campaignId": options.campaign, "paymentMethod": "ONLINE",
            "address": {"recipient": "Ceiling Probe", "phone": "+49 30 1234567", "regionCode": "NORTH",
                        "detail": "1 Load Test Avenue"}}
    request = urllib.request.Request(f"{options.base}/api/v1/orders", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {options.token}",
                                              "Idempotency-Key": f"ceiling-probe-{uuid.uuid4()}"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        if answer.status != 201:
            raise SystemExit(f"the probe order was answered {answer.status}")
    time.sleep(0.5)
    monitor.terminate()
    output = monitor.communicate()[0]
    # Only a call in the service's database: a test run or another service on the same Redis server runs the same
    # script on its own keys, and replaying that call would measure something else.
    database = f"[{options.source_db} ".encode()
    for line in output.splitlines():
        if b"] " not in line or b" lua]" in line or database not in line.split(b"] ", 1)[0] + b"] ":
            continue
        args = monitor_args(line.split(b"] ", 1)[1])
        if len(args) > 2 and args[0].upper() == b"EVALSHA" and args[1] == sha:
            return args
    raise SystemExit("no EVALSHA of reserve_order.lua seen while the probe order was placed")


def monitor_args(text):
    """The arguments of a MONITOR line: double-quoted, escaped as Redis's sdscatrepr does."""
    args, i = [], 0
    escapes = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("a"): b"\a", ord("b"): b"\b",
               ord("\\"): b"\\", ord('"'): b'"'}
    while i < len(text):
        if text[i] != ord('"'):
            i += 1
            continue
        i += 1
        arg = bytearray()
        while text[i] != ord('"'):
            if text[i] == ord("\\"):
                if text[i + 1] == ord("x"):
                    arg += bytes([int(text[i + 2:i + 4], 16)])
                    i += 4
                else:
                    arg += escapes[text[i + 1]]
                    i += 2
            else:
                arg.append(text[i])
                i += 1
        args.append(bytes(arg))
        i += 1
    return args


def randomised(call, buyer):
    """The call with a new order id, buyer and idempotency key each time (each __rand_int__ is drawn anew)."""
    keys = int(call[2])
    order_id = call[3 + keys]
    fresh_order = b"0190aaaa-0000-7000-8000-__rand_int__"
    fresh_buyer = b"buyer-__rand_int__"
    replay = [re.sub(re.escape(buyer) + rb"(?![0-9])", fresh_buyer, arg.replace(order_id, fresh_order))
              for arg in call]
    replay[3] = b"idem:{p}:bench:__rand_int__:__rand_int__"
    return replay


def replay_round(options, cli, replay):
    """Fresh copies of the keys the call reads, then the replay; emits (calls/s, Redis µs per call, accepted,
    commands run inside the script per call)."""
    redis(cli, options.scratch_db, "FLUSHDB")
    keys = replay[3:3 + int(replay[2])]
    for key in keys:
        if b"__rand_int__" not in key:
            subprocess.run(cli + ["-n", str(options.source_db), "COPY", key, key, "DB", str(options.scratch_db),
                                  "REPLACE"], check=True, capture_output=True)
    before_len = int(redis(cli, options.scratch_db, "XLEN", PLACED_STREAM) or 0)
    pid = int(re.search(rb"process_id:(\d+)", redis(cli, 0, "INFO", "server")).group(1))
    commands_before = inner_commands(cli)
    cpu_before = cpu_seconds(pid)
    output = subprocess.run(["redis-benchmark", "-h", "127.0.0.1", "-p", str(options.redis_port),
                             "--dbnum", str(options.scratch_db), "-c", str(options.connections),
                             "-n", str(options.reservations), "-r", "1000000000", "-q", *replay],
                            check=True, capture_output=True).stdout
    cpu = cpu_seconds(pid) - cpu_before
    rate = float(re.findall(rb"([0-9.]+) requests per second", output)[-1])
    inner = inner_commands(cli) - commands_before
    accepted = int(redis(cli, options.scratch_db, "XLEN", PLACED_STREAM)) - before_len
    return rate, 1e6 * cpu / options.reservations, accepted, inner / options.reservations


def inner_commands(cli):
    """Calls of every command but those a client sends here (the script itself, the benchmark's and ours)."""
    sent = {b"evalsha", b"info", b"config", b"select", b"xlen", b"copy", b"flushdb", b"ping", b"command", b"hello",
            b"client"}
    return sum(int(calls) for command, calls in re.findall(rb"cmdstat_([a-z_|]+):calls=(\d+)",
                                                         redis(cli, 0, "INFO", "commandstats"))
               if command.split(b"|")[0] not in sent)


def cpu_seconds(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / 100


if __name__ == "__main__":
    main()
