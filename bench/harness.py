"""Harness pieces: start gunicorn servers, run wrk, read memory and query counts."""

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A gunicorn process serving one app on 127.0.0.1."""

    name: str
    target: str
    env: dict
    workers: int = 4
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Return the base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        """Start gunicorn and wait until it answers."""
        gunicorn = shutil.which("gunicorn", path=str(VENV_BIN)) or "gunicorn"
        args = [gunicorn, "-w", str(self.workers), "-b", f"127.0.0.1:{self.port}"]
        args += ["--log-level", "error", "--backlog", "2048"]
        # another server configuration to compare (the same for every server of a run), e.g.
        # BENCH_GUNICORN_ARGS="--worker-class gthread --threads 8 --keep-alive 5"
        args += os.environ.get("BENCH_GUNICORN_ARGS", "").split() + [self.target]
        self.proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **self.env})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=1)
                return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start")

    def stop(self) -> None:
        """Stop gunicorn."""
        if self.proc:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=20)

    def worker_pids(self) -> list[int]:
        """Return the pids of the gunicorn workers."""
        out = subprocess.run(
            ["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def peak_worker_memory_mb(self) -> float:
        """Return the largest peak resident memory (VmHWM) of the workers, in MB."""
        peaks = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return max(peaks, default=0.0)


@dataclass
class Result:
    """One wrk run."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int


def _ms(value: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m|h)", value)
    if match is None:
        return float("nan")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3.6e6}[unit]


def wrk(url: str, seconds: int, connections: int, script: str | None = None) -> Result:
    """Run wrk against url (2 threads) and parse its report."""
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script or "")
    if script:
        args += ["-s", lua.name]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    # the latency distribution's lines ("    50%   13.10ms"), not "77.50%" of the thread stats
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: .*?timeout (\d+)"):
        match = re.search(pattern, out)
        errors += int(match.group(1)) if match else 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+)", out)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Result(rps, p50, p99, errors, requests)


def median_result(results: list[Result]) -> Result:
    """Return the medians of several runs (errors are summed)."""
    return Result(
        statistics.median(r.rps for r in results),
        statistics.median(r.p50_ms for r in results),
        statistics.median(r.p99_ms for r in results),
        sum(r.errors for r in results),
        sum(r.requests for r in results),
    )


def query_count(url: str, method: str = "GET", body: dict | None = None, headers=None) -> int:
    """Return the X-Queries header of one request (the app runs with QUIZ_COUNT_QUERIES=1)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.headers.get("X-Queries", -1))
    except urllib.error.HTTPError as error:
        return int(error.headers.get("X-Queries", -1))


def flask(env: dict, *args: str) -> str:
    """Run a flask command for the app with the given environment."""
    result = subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "quiz", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout
