#!/usr/bin/env python3
"""Splits an async-profiler CPU profile of place rounds (collapsed stacks, 1 sample = 1 ms, kernel frames included)
into what an order costs the service, per order: the JIT and GC threads, and on the event loops the request path
(HTTP in, authentication, binding, checkout, the reservation call, the 201) against the background work an order
causes (writer, announcer, event consumers, notices, PostgreSQL), plus the event loops' time in system calls.
JFR cannot give this split: it samples only threads running Java code, not the event loops inside the kernel.

With `alloc` after the order count the profile is async-profiler's alloc event dumped with `total` (each stack's
count is bytes of Java heap): the same split in KB allocated per order.

Usage: profile-split.py <collapsed file> <orders placed while it was recorded> [cpu|alloc]
"""
import collections
import sys

# A stack is background work when any of its frames is in these (first match names it), request work when one of
# REQUEST is; the rest of the event loops' time is socket I/O and scheduling that neither claims.
BACKGROUND = ('io/flashorder/order/writer', 'io/flashorder/events', 'io/flashorder/notification',
              'io/flashorder/analytics', 'io/flashorder/webhooks', 'pgclient', 'sqlclient', 'vertx/ext/mail',
              'quarkus/scheduler')
REQUEST = ('Http1xServer', 'io/flashorder/checkout', 'io/flashorder/platform/http', 'EventLoopTimeout', 'resteasy',
           'ReservationService', 'io/flashorder/security', 'vertx/ext/web', 'codec/http')


def kind(frames):
    if any('CompileBroker' in frame for frame in frames[:8]):
        return 'JIT compiler threads', None
    if not any('netty' in frame for frame in frames):
        return 'GC, VM and other threads', None
    for frame in frames:
        for marker in BACKGROUND:
            if marker in frame:
                return 'event loops: background', marker
    for frame in frames:
        for marker in REQUEST:
            if marker in frame:
                return 'event loops: request path', marker
    if any('epollWait' in frame for frame in frames):
        return 'event loops: waiting for events (epoll)', None
    return 'event loops: socket I/O and scheduling, unclaimed', None


def main(path, orders, unit):
    kinds, markers, kernel = collections.Counter(), collections.Counter(), collections.Counter()
    for line in open(path):
        stack, count = line.rsplit(' ', 1)
        frames, samples = stack.split(';'), int(count)
        name, marker = kind(frames)
        kinds[name] += samples
        if marker:
            markers[(name, marker)] += samples
        if unit == 'cpu' and frames[-1].endswith('_[k]'):  # in an alloc profile _[k] is an allocation outside a TLAB
            kernel[name] += samples
    total = sum(kinds.values())
    if unit == 'alloc':
        print(f"  {total / 2**20:.0f} MB of Java heap allocated over {orders:.0f} orders: {total / 1024 / orders:.1f} KB per order")
        for name, amount in kinds.most_common():
            print(f"    {name.replace('GC, VM and other', 'other'):52s} {amount / 1024 / orders:6.1f} KB  {100 * amount / total:5.1f} %")
        print("  first frame that claimed each event-loop allocation:")
        for (name, marker), amount in markers.most_common(12):
            print(f"    {name.split(': ')[1]:12s} {marker:32s} {amount / 1024 / orders:6.1f} KB")
        return
    print(f"  {total} samples of 1 ms over {orders:.0f} orders: {1000 * total / orders:.0f} µs per order"
          f" (of which in the kernel)")
    for name, samples in kinds.most_common():
        print(f"    {name:52s} {1000 * samples / orders:6.0f} µs  {100 * samples / total:5.1f} %"
              f"  ({1000 * kernel[name] / orders:.0f} µs)")
    print("  first frame that claimed each event-loop sample:")
    for (name, marker), samples in markers.most_common(12):
        print(f"    {name.split(': ')[1]:12s} {marker:32s} {1000 * samples / orders:6.1f} µs")


if __name__ == '__main__':
    main(sys.argv[1], max(1.0, float(sys.argv[2])), sys.argv[3] if len(sys.argv) > 3 else 'cpu')
