#!/usr/bin/env python3
"""Top frames of a JFR recording's CPU samples: self (top frame) and total (anywhere on the stack, once per sample).

Usage: jfr print --stack-depth 96 --events jdk.ExecutionSample rec.jfr | load-tests/jfr-top.py [--from ISO --to ISO]...
       [--top 25] [--by method|class|package] [--each-thread]
Several --from/--to pairs keep samples in any of those windows (e.g. the place rounds of place-order-bench.sh).
"""
import argparse, collections, datetime, re, sys

parser = argparse.ArgumentParser()
parser.add_argument("--from", dest="starts", action="append", default=[])
parser.add_argument("--to", dest="ends", action="append", default=[])
parser.add_argument("--top", type=int, default=25)
parser.add_argument("--under", help="only samples with this frame (a substring of it) on the stack, counted above it")
parser.add_argument("--by", choices=("method", "class", "package"), default="method")
parser.add_argument("--each-thread", action="store_true",
                    help="count threads by their full names (vert.x-eventloop-thread-0 and -1 apart): how loops share work")
args = parser.parse_args()
def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
windows = [(instant(a), instant(b)) for a, b in zip(args.starts, args.ends)]

def sample_time(text):  # jfr print writes "00:33:56.079 (2026-12-02)", in the recording JVM's zone (UTC here)
    m = re.match(r"(\d\d:\d\d:\d\d(?:\.\d+)?)(?: \((\d{4}-\d\d-\d\d)\))?", text or "")
    if not m:
        return None
    # Some JDKs (25) print the time of day alone for a recording of today: take the date of the first window.
    day = m.group(2) or (windows[0][0].date().isoformat() if windows else None)
    return instant(f"{day}T{m.group(1)}Z") if day else None

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
def key(frame):
    if args.by == "method":
        return frame
    owner = frame.rsplit(".", 1)[0]
    return owner if args.by == "class" else owner.rsplit(".", 1)[0]

selfs, totals, samples, threads = collections.Counter(), collections.Counter(), 0, collections.Counter()
stack, start, thread, inside = [], None, None, False
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        stack, start, thread, inside = [], None, None, True
    elif inside and line.strip().startswith("startTime ="):
        start = line.split("=", 1)[1].strip()
    elif inside and line.strip().startswith("sampledThread ="):
        thread = line.split("=", 1)[1].strip().split(" (")[0].strip('"')
        thread = thread if args.each_thread else re.sub(r"-\d+", "-N", thread)
    elif inside and (m := FRAME.match(line)):
        stack.append(m.group(1))
    elif inside and line.startswith("}"):
        inside = False
        if not stack:
            continue
        if windows:
            when = sample_time(start)
            if when is None or not any(a <= when <= b for a, b in windows):
                continue
        if args.under:
            deepest = max((i for i, f in enumerate(stack) if args.under in f), default=None)
            if deepest is None:
                continue
            stack = stack[:deepest + 1]
        samples += 1
        threads[thread] += 1
        selfs[key(stack[0])] += 1
        for frame in set(key(f) for f in stack):
            totals[frame] += 1

print(f"{samples} samples")
print("threads:", ", ".join(f"{t} {100 * n / max(samples, 1):.1f}%" for t, n in threads.most_common(8)))
print(f"\nself (top frame), top {args.top}:")
for frame, n in selfs.most_common(args.top):
    print(f"  {100 * n / max(samples, 1):5.1f}%  {frame}")
print(f"\ntotal (on the stack), top {args.top}:")
for frame, n in totals.most_common(args.top):
    print(f"  {100 * n / max(samples, 1):5.1f}%  {frame}")
