"""A private Redis server under valgrind's callgrind, for the scripts that count what Redis does in CPU instructions
(script-cost.py, group-cost.py): reproducible to about 1 % on a busy machine, where CPU time moves by a quarter.
It counts only what Redis does for its clients: reading and running commands (readQueryFromClient) and writing
replies and the AOF (beforeSleep), not its timers. AOF everysec without rewrites, no snapshots, as production runs.
"""
import contextlib
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time


class CallgrindRedis:
    """The running server on `port`; `cli` is the redis-cli command line for it."""

    def __init__(self, server, work, port):
        self.server = server
        self.work = work
        self.port = port
        self.cli = ["redis-cli", "-p", str(port)]

    def zero(self):
        """Counts from here."""
        subprocess.run(["callgrind_control", "--zero", str(self.server.pid)], check=True, capture_output=True)

    def instructions(self):
        """Instructions counted since zero()."""
        subprocess.run(["callgrind_control", "--dump", str(self.server.pid)], check=True, capture_output=True)
        dumps = sorted(self.work.glob("callgrind.out*"), key=lambda path: path.stat().st_mtime)
        return int(re.search(r"^(?:summary|totals): (\d+)", dumps[-1].read_text(), re.M).group(1))


@contextlib.contextmanager
def callgrind_redis(prefix, *server_options):
    """Starts the server (extra redis-server options as given), yields it once it answers, and removes it after."""
    work = pathlib.Path(tempfile.mkdtemp(prefix=prefix))
    port = _free_port()
    server = subprocess.Popen(["valgrind", "--tool=callgrind", "--toggle-collect=readQueryFromClient",
                               "--toggle-collect=beforeSleep", f"--callgrind-out-file={work}/callgrind.out",
                               "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(work),
                               "--appendonly", "yes", "--appendfsync", "everysec",
                               "--auto-aof-rewrite-percentage", "0", "--save", "", *server_options],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        redis = CallgrindRedis(server, work, port)
        _wait_for(lambda: subprocess.run(redis.cli + ["PING"], capture_output=True).stdout.strip() == b"PONG")
        yield redis
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition, seconds=120):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("Redis under valgrind did not answer")
        time.sleep(0.5)
