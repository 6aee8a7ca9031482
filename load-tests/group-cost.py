#!/usr/bin/env python3
"""What the consumer groups of the order event stream cost Redis per event, counted in CPU instructions (callgrind,
as load-tests/script-cost.py counts the reservation): every group reads each entry once (XREADGROUP, 200 at a time,
which also records it in the group's pending list and writes an XCLAIM for it to the AOF) and acknowledges it (one
XACK per read). Compares numbers of groups, e.g. three (webhooks, notifications, analytics) against two (webhooks and
the shared analytics-notifications group).

Starts its own Redis server under valgrind's callgrind (AOF everysec, no rewrite), counting only what Redis does for
its clients (readQueryFromClient, beforeSleep), adds --entries ORDER_PLACED-shaped entries (the fields
EventStreams.orderEvent writes, a payload of OrderPlacedEvent's shape with one line), then for each number of groups
given prints group_cost_instructions_per_entry <groups> <instructions per entry for all groups' reads and acks>.
Needs valgrind, redis-server and redis-cli.

Usage: load-tests/group-cost.py [--entries 2000] 3 2
"""
import argparse
import json
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

STREAM = "events:{p}:orders"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("groups", type=int, nargs="+")
    options = parser.parse_args()
    for groups in options.groups:
        print(f"group_cost_instructions_per_entry {groups} {measure(groups, options.entries):.0f}", flush=True)


def measure(groups, entries):
    work = pathlib.Path(tempfile.mkdtemp(prefix="group-cost-"))
    port = free_port()
    server = subprocess.Popen(["valgrind", "--tool=callgrind", "--toggle-collect=readQueryFromClient",
                               "--toggle-collect=beforeSleep", f"--callgrind-out-file={work}/callgrind.out",
                               "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(work),
                               "--appendonly", "yes", "--appendfsync", "everysec",
                               "--auto-aof-rewrite-percentage", "0", "--save", ""],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cli = ["redis-cli", "-p", str(port)]
    try:
        wait_for(lambda: subprocess.run(cli + ["PING"], capture_output=True).stdout.strip() == b"PONG")
        subprocess.run(cli, input="".join(order_placed() for _ in range(entries)).encode(), check=True,
                       capture_output=True)
        for group in range(groups):
            subprocess.run(cli + ["XGROUP", "CREATE", STREAM, f"group-{group}", "0"], check=True, capture_output=True)
        subprocess.run(["callgrind_control", "--zero", str(server.pid)], check=True, capture_output=True)
        for group in range(groups):
            while True:
                read = subprocess.run(cli + ["XREADGROUP", "GROUP", f"group-{group}", "consumer", "COUNT", "200",
                                             "STREAMS", STREAM, ">"], check=True, capture_output=True, text=True).stdout
                ids = [line for line in read.splitlines() if re.fullmatch(r"\d+-\d+", line)]
                if not ids:
                    break
                subprocess.run(cli + ["XACK", STREAM, f"group-{group}", *ids], check=True, capture_output=True)
        subprocess.run(["callgrind_control", "--dump", str(server.pid)], check=True, capture_output=True)
        dumps = sorted(work.glob("callgrind.out*"), key=lambda path: path.stat().st_mtime)
        return int(re.search(r"^(?:summary|totals): (\d+)", dumps[-1].read_text(), re.M).group(1)) / entries
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


def order_placed():
    """One XADD as the order writer announces a merchant order (redis-cli's quoting for the JSON payload)."""
    payload = json.dumps({
        "orderId": str(uuid.uuid4()), "merchantOrderId": str(uuid.uuid4()), "merchantId": str(uuid.uuid4()),
        "paymentMethod": "ALIPAY", "currency": "CNY", "subtotal": 12900, "discountTotal": 1000, "shippingFee": 800,
        "payable": 12700, "placedAt": "2026-12-02T13:00:00.123456Z", "paymentDeadline": "2026-12-02T13:30:00.123456Z",
        "lines": [{"skuId": str(uuid.uuid4()), "title": "A flash-sale item with a title of some length",
                   "quantity": 1, "unitPrice": 12900, "payable": 12700}],
        "campaignId": str(uuid.uuid4()), "warehouseIds": [str(uuid.uuid4())]})
    return (f"XADD {STREAM} * eventId {uuid.uuid4()} type ORDER_PLACED occurredAt 2026-12-02T13:00:00.123456Z "
            f"orderId {uuid.uuid4()} merchantId {uuid.uuid4()} payload {json.dumps(payload)}\n")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds=120):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("Redis under valgrind did not answer")
        time.sleep(0.5)


if __name__ == "__main__":
    main()
