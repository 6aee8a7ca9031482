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
Needs valgrind, redis-server and redis-cli (the server is started by callgrind_redis.py, beside this script).

With --copied it also prints copy_cost_instructions_per_entry <instructions per entry>: what an event of a merchant
with a webhook costs on top of the shared group's read, i.e. its copy to the webhook stream (an XADD under the entry's
id, as webhooks.WebhookForwarder sends it) and the webhook group's read and acknowledgement of the copy.

Usage: load-tests/group-cost.py [--entries 2000] [--copied] 3 2
"""
import argparse
import json
import re
import subprocess
import uuid

from callgrind_redis import callgrind_redis

STREAM = "events:{p}:orders"
WEBHOOKS = "events:{p}:webhooks"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--copied", action="store_true")
    parser.add_argument("groups", type=int, nargs="*")
    options = parser.parse_args()
    for groups in options.groups:
        print(f"group_cost_instructions_per_entry {groups} {measure(groups, options.entries):.0f}", flush=True)
    if options.copied:
        print(f"copy_cost_instructions_per_entry {measure_copy(options.entries):.0f}", flush=True)


def measure(groups, entries):
    with callgrind_redis("group-cost-") as redis:
        subprocess.run(redis.cli, input="".join(order_placed() for _ in range(entries)).encode(), check=True,
                       capture_output=True)
        for group in range(groups):
            subprocess.run(redis.cli + ["XGROUP", "CREATE", STREAM, f"group-{group}", "0"], check=True,
                           capture_output=True)
        redis.zero()
        for group in range(groups):
            while True:
                read = subprocess.run(redis.cli + ["XREADGROUP", "GROUP", f"group-{group}", "consumer", "COUNT", "200",
                                                   "STREAMS", STREAM, ">"],
                                      check=True, capture_output=True, text=True).stdout
                ids = [line for line in read.splitlines() if re.fullmatch(r"\d+-\d+", line)]
                if not ids:
                    break
                subprocess.run(redis.cli + ["XACK", STREAM, f"group-{group}", *ids], check=True, capture_output=True)
        return redis.instructions() / entries


def measure_copy(entries):
    with callgrind_redis("copy-cost-") as redis:
        subprocess.run(redis.cli, input="".join(order_placed() for _ in range(entries)).encode(), check=True,
                       capture_output=True)
        copies = "".join(f"XADD {WEBHOOKS} {entry_id} {' '.join(json.dumps(field) for field in fields)}\n"
                         for entry_id, fields in stream_entries(redis))
        subprocess.run(redis.cli + ["XGROUP", "CREATE", WEBHOOKS, "webhooks", "0", "MKSTREAM"], check=True,
                       capture_output=True)
        redis.zero()
        subprocess.run(redis.cli, input=copies.encode(), check=True, capture_output=True)
        while True:
            read = subprocess.run(redis.cli + ["XREADGROUP", "GROUP", "webhooks", "consumer", "COUNT", "200",
                                               "STREAMS", WEBHOOKS, ">"],
                                  check=True, capture_output=True, text=True).stdout
            ids = [line for line in read.splitlines() if re.fullmatch(r"\d+-\d+", line)]
            if not ids:
                break
            subprocess.run(redis.cli + ["XACK", WEBHOOKS, "webhooks", *ids], check=True, capture_output=True)
        return redis.instructions() / entries


def stream_entries(redis):
    """Every entry of the order event stream as (id, [field, value, ...]), read before counting starts."""
    out = subprocess.run(redis.cli + ["--json", "XRANGE", STREAM, "-", "+"], check=True, capture_output=True,
                         text=True).stdout
    return [(entry[0], entry[1]) for entry in json.loads(out)]


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


if __name__ == "__main__":
    main()
