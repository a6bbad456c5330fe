"""Capacity run: 2,000 pupils answering and 60 live classes of 30 polling, for 60 s.

    .venv/bin/python -m bench.capacity [--seconds 60] [--no-pg | --no-sqlite] [--direct]
                                       [--devices 2200] [--poll-cache SECONDS] [--warmup 10]

One machine as in production (deploy/nginx.conf): nginx (Debian's package) in front of one
gunicorn with 4 sync workers, first on SQLite, then on PostgreSQL. wrk keeps 2,200 connections,
each a device that sends a request and waits about a second: 9 % answers (each a new
(attempt, item)), 9 % item loads, 82 % live-state polls (304 when unchanged). Afterwards the
database must hold every acknowledged answer exactly once: wrk's threads write each
(attempt, item) acknowledged by a 200 to a file, and the run looks each one up.

The measured minute follows a 10 s warm-up of the same devices that only poll and load items
(no answer: every seeded answer is left for the measured run). It opens the workers' database
connections and fills their copies of the live states, as on a server that has been running;
without it (`--warmup 0`) the first second is a cold start: the 2,200 devices' first requests
arrive within 0.6 s on workers without connections, and those requests set the p99.

Why the proxy: a sync worker serves one connection at a time and closes it after the response,
so each device reconnects and then thinks for a second *on an open connection* that the
worker has already accepted and waits on. gunicorn's documentation asks for a buffering proxy
in front of sync workers for this reason; nginx keeps the devices' connections alive and hands
the workers complete requests only. `--direct` loads gunicorn without it, for comparison.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text

from bench.harness import ROOT, VENV_BIN, Server, flask, free_port
from bench.run import _pg_database

CONNECTIONS, ANSWER_SHARE, ITEM_SHARE = 2200, 0.091, 0.091


def _lua(data: dict, acked_file: str, answer_share: float = ANSWER_SHARE) -> str:
    def table(rows):
        return (
            "{\n" + ",\n".join("{" + ",".join(json.dumps(v) for v in r) + "}" for r in rows) + "\n}"
        )

    answers = [[t, a, i, json.dumps(r)] for t, a, i, r in data["rows"]]
    script = (ROOT / "bench" / "lua" / "capacity.lua").read_text()
    values = {
        "__ROWS__": table(answers),
        "__TOKENS__": table(data["loads"]),
        "__POLLS__": table(data["polls"]),
        "__ANSWER_SHARE__": str(answer_share),
        "__ITEM_SHARE__": str(ITEM_SHARE),
        "__THREADS__": "2",
        "__ACKED_FILE__": acked_file,
    }
    for name, value in values.items():
        script = script.replace(name, value)
    return script


# The production proxy's settings that matter here (deploy/nginx.conf), without TLS.
NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    keepalive_timeout 65s;
    keepalive_requests 100000;
    client_max_body_size 2m;
    upstream quiz_app {{
        server 127.0.0.1:{upstream};
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        location / {{
            proxy_pass http://quiz_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""


class Proxy:
    """nginx in front of one app server, on 127.0.0.1."""

    def __init__(self, upstream_port: int):
        self.port = free_port()
        self.tmp = Path(tempfile.mkdtemp(prefix="capacity-nginx-"))
        conf = NGINX_CONF.format(tmp=self.tmp, upstream=upstream_port, port=self.port)
        (self.tmp / "nginx.conf").write_text(conf)
        self.proc = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Proxy":
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise SystemExit("nginx is missing: apt-get install -y nginx (or run with --direct)")
        args = [nginx, "-c", str(self.tmp / "nginx.conf"), "-g", "daemon off;"]
        self.proc = subprocess.Popen(args)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        shutil.rmtree(self.tmp, ignore_errors=True)


def _run(name: str, database_url: str, args) -> dict:
    seconds, direct, devices = args.seconds, args.direct, args.devices
    env = {"DATABASE_URL": database_url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": "0"}
    if args.poll_cache is not None:
        env["LIVE_POLL_CACHE_SECONDS"] = str(args.poll_cache)
    flask(env, "db", "upgrade")
    seeded = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "bench.seed_capacity"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(seeded.stdout)
    server = Server(name, "wsgi:app", env).start()
    proxy = None if direct else Proxy(server.port).start()
    acked_file = tempfile.mktemp(prefix="acked-")  # wrk's threads append to acked-…1, …2
    url = (proxy or server).url
    try:
        if args.warmup:  # polls and item loads only: every seeded answer is left for the run
            _wrk(url, devices, args.warmup, _lua(data, acked_file + "-warmup", 0.0))
        out = _wrk(url, devices, seconds, _lua(data, acked_file))
        memory = server.peak_worker_memory_mb()
    finally:
        if proxy:
            proxy.stop()
        server.stop()
    figures = {k.lower(): float(v) for k, v in re.findall(r"^([A-Z0-9]+) ([\d.]+)$", out, re.M)}
    figures["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    figures["worker_peak_mb"] = round(memory, 1)
    figures.update(_stored(database_url, _acked(acked_file)))
    return figures


def _wrk(url: str, devices: int, seconds: int, script: str) -> str:
    """Run wrk's 2 threads with `devices` connections and the Lua script; return its output."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    try:
        args = ["wrk", "-t2", f"-c{devices}", f"-d{seconds}s", "--timeout", "10s", "-s", lua.name]
        return subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(lua.name)


def _acked(prefix: str) -> set[tuple[int, str]]:
    """The (attempt, item) pairs wrk saw acknowledged, from its threads' files."""
    keys = set()
    for path in Path(prefix).parent.glob(Path(prefix).name + "*"):
        for line in path.read_text().splitlines():
            attempt, item = line.split(" ", 1)
            keys.add((int(attempt), item))
        path.unlink()
    return keys


def _stored(database_url: str, acked: set) -> dict:
    """Every acknowledged answer must be stored, once (duplicates are counted too)."""
    engine = create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT count(*) FROM answers")).scalar()
        stored = set(conn.execute(text("SELECT attempt_id, item_id FROM answers")).tuples())
        doubles = conn.execute(
            text(
                "SELECT count(*) FROM (SELECT attempt_id, item_id FROM answers "
                "GROUP BY attempt_id, item_id HAVING count(*) > 1) d"
            )
        ).scalar()
    engine.dispose()
    return {
        "answer_rows": rows,
        "duplicate_rows": doubles,
        "acked_distinct": len(acked),
        "lost": len(acked - stored),
    }


def main(argv=None) -> None:
    """Run the capacity scenario on SQLite and PostgreSQL and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument(
        "--warmup", type=int, default=10, help="seconds of polls and item loads first (0: cold)"
    )
    parser.add_argument(
        "--poll-cache", type=float, help="LIVE_POLL_CACHE_SECONDS (default: the app's, 0.5)"
    )
    parser.add_argument("--direct", action="store_true", help="load gunicorn without nginx")
    parser.add_argument(
        "--devices", type=int, default=CONNECTIONS, help="more than 2,200 to find the limit"
    )
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="capacity-"))
    targets = {} if args.no_sqlite else {"sqlite": f"sqlite:///{tmp / 'capacity.db'}"}
    if not args.no_pg:
        targets["postgresql"] = _pg_database("quiz_capacity")
    for name, url in targets.items():
        f = _run(name, url, args)
        verdict = (
            "OK"
            if (
                f["errors"] == 0
                and f["p99ms"] <= 300
                and f["lost"] == 0
                and f["acked_distinct"] > 0
                and f["duplicate_rows"] == 0
            )
            else "MISSED"
        )
        print(
            f"{name:<11}{' direct' if args.direct else ' via nginx'}, {args.devices} devices"
            + (f", poll cache {args.poll_cache} s" if args.poll_cache is not None else "")
            + (f", after a {args.warmup} s warm-up" if args.warmup else ", cold start")
            + ": "
            f"{f['requests']:.0f} requests in {args.seconds} s ({f['rps']:.0f}/s), "
            f"errors {f['errors']:.0f}, p50 {f['p50ms']:.1f} ms, p99 {f['p99ms']:.1f} ms, "
            f"answers acknowledged {f['acked_distinct']}, stored {f['answer_rows']}, "
            f"acknowledged but not stored {f['lost']}, duplicate rows {f['duplicate_rows']}, "
            f"worker peak {f['worker_peak_mb']} MB: {verdict}"
        )


if __name__ == "__main__":
    main()
