"""Load with faults: simulated pupils answer through the JSON API while a worker is killed.

    .venv/bin/python -m bench.faults [--pupils 300] [--seconds 60] [--pg] [--dup 0.1] [--kills 1]

Starts gunicorn (4 sync workers) on a fresh SQLite database (or PostgreSQL with --pg, in a
database of its own made from BENCH_PG_URL), then runs one thread per pupil on 127.0.0.1:
create a solo pupil, open an attempt, answer every item with a fresh client answer id (10 %
of answers are posted twice), finish, go on to the next quiz. Halfway through, during a
burst (twice as many requests in flight as workers, so every worker is serving one), a
worker gets SIGKILL (gunicorn starts a new one; --kills N spreads N kills); while no request
has been cut, another is killed each second in the same way (at most 10 more). A request
that dies with its connection is sent again, unchanged. At the end the database is compared
with what the server acknowledged: every acknowledged answer stored exactly once with its
response, no duplicate rows, the attempts' totals equal to the sums of their answers, no
5xx, and at least one cut request whose resend succeeded (every resend must succeed). Exits
1 when any fails.
"""

import argparse
import http.client
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import Server, flask

PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
RETRIES = 20
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, TimeoutError, OSError)


@dataclass
class Tally:
    """What the clients saw, shared by all threads (under a lock)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter = field(default_factory=Counter)
    acked: dict = field(default_factory=dict)  # (attempt_id, item_id) -> response
    latencies: list = field(default_factory=list)
    duplicates_sent: int = 0
    connection_errors: int = 0
    retried_ok: int = 0
    retried_failed: int = 0
    in_flight: int = 0  # requests sent and not yet answered
    gave_up: int = 0

    def add(self, **counts) -> None:
        """Add to counters, thread-safely."""
        with self.lock:
            for name, value in counts.items():
                setattr(self, name, getattr(self, name) + value)


class Client:
    """One pupil's HTTP client: JSON in and out, retries when the connection dies."""

    def __init__(self, port: int, tally: Tally):
        self.port, self.tally, self.token = port, tally, None

    def call(self, method: str, path: str, body=None) -> tuple[int, dict]:
        """Send a request until it gets an answer (the same request each time)."""
        for attempt in range(RETRIES):
            try:
                status, data = self._once(method, path, body)
            except CONNECTION_ERRORS:
                self.tally.add(connection_errors=1)
                time.sleep(0.05 * (attempt + 1))
                continue
            if attempt:  # the resend of a request cut with its connection
                self.tally.add(**{"retried_ok" if status < 400 else "retried_failed": 1})
            return status, data
        self.tally.add(gave_up=1)
        return 0, {}

    def _once(self, method, path, body):
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        start = time.perf_counter()
        self.tally.add(in_flight=1)
        try:
            payload = json.dumps(body) if body is not None else None
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
            self.tally.add(in_flight=-1)
        with self.tally.lock:
            self.tally.statuses[response.status] += 1
            self.tally.latencies.append(time.perf_counter() - start)
        return response.status, json.loads(raw or b"{}")


def _answers(quiz) -> list[tuple[str, object]]:
    """A full-marks response for every item of a quiz (a poll's first option, None for info)."""
    return [
        (item.id, item.ids[0] if item.kind == "poll" else item.correct_response("kk"))
        for item in quiz.items
    ]


def pupil(port: int, quizzes: list, tally: Tally, deadline: float, dup: float, seed: int):
    """One simulated pupil: quizzes one after another until the deadline."""
    rng = random.Random(seed)
    client = Client(port, tally)
    status, data = client.call("POST", "/api/v1/participants", {"band": "5-9", "lang": "kk"})
    if status != 201:
        return
    client.token = data["participant_token"]
    for quiz_id, answers in rng.sample(quizzes, len(quizzes)):
        status, data = client.call("POST", "/api/v1/attempts", {"quiz_id": quiz_id})
        if status not in (200, 201):
            return
        for item_id, response in answers:
            if time.monotonic() > deadline:
                return
            _answer(client, data["attempt_id"], item_id, response, rng, dup)
            time.sleep(rng.uniform(0.2, 1.2))  # reading the question
        client.call("POST", f"/api/v1/attempts/{data['attempt_id']}/finish")


def _answer(client, attempt_id, item_id, response, rng, dup) -> None:
    body = {"response": response, "client_answer_id": uuid.uuid4().hex}
    path = f"/api/v1/attempts/{attempt_id}/answers/{item_id}"
    sends = 2 if rng.random() < dup else 1
    client.tally.add(duplicates_sent=sends - 1)
    for _ in range(sends):
        status, _data = client.call("PUT", path, body)
        if status == 200:
            with client.tally.lock:
                client.tally.acked[(attempt_id, item_id)] = response


EXTRA_KILLS = 10


def kill_workers(server: Server, tally: Tally, start: float, seconds: float, kills: int) -> dict:
    """SIGKILL a worker during a burst `kills` times, evenly over the middle of the run; then,
    while no request has been cut (a kill can still land between two requests), one more
    each second."""
    times, in_flight = [], []
    for n in range(kills):
        at = seconds * (n + 1) / (kills + 1)
        time.sleep(max(0.0, start + at - time.monotonic()))
        in_flight.append(_kill_in_burst(server, tally))
        times.append(round(time.monotonic() - start, 1))
    for _ in range(EXTRA_KILLS if kills else 0):
        time.sleep(1)  # the cut request's client notices at once
        if tally.connection_errors or time.monotonic() > start + seconds - 2:
            break
        in_flight.append(_kill_in_burst(server, tally))
        times.append(round(time.monotonic() - start, 1))
    return {"workers_killed_at_s": times, "requests_in_flight_at_kills": in_flight}


def _kill_in_burst(server: Server, tally: Tally) -> int:
    """SIGKILL a worker once the clients have twice as many requests in flight as there are
    workers (every sync worker is then serving one, the rest wait in the backlog), or after
    2 s; return the requests in flight at the kill."""
    pids = server.worker_pids()
    deadline = time.monotonic() + 2
    while tally.in_flight < 2 * len(pids) and time.monotonic() < deadline:
        time.sleep(0.001)
    in_flight = tally.in_flight
    with suppress(ProcessLookupError):  # it ended meanwhile
        os.kill(random.choice(pids), signal.SIGKILL)
    return in_flight


def check_database(database_url: str, acked: dict) -> dict:
    """Compare the stored answers with the acknowledged ones."""
    from sqlalchemy import JSON, create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(text(_ANSWERS).columns(response=JSON))
        stored = {(a, i): r for a, i, r in rows}
        duplicates = conn.execute(text(_DUPLICATES)).scalar()
        wrong_totals = conn.execute(text(_TOTALS)).scalar()
    engine.dispose()
    lost = [key for key in acked if key not in stored]
    changed = [key for key in acked if key in stored and not _same(stored[key], acked[key])]
    return {
        "answers_stored": len(stored),
        "acknowledged_lost": len(lost),
        "acknowledged_changed": len(changed),
        "duplicate_rows": duplicates,
        "attempts_with_wrong_totals": wrong_totals,
    }


_ANSWERS = "SELECT attempt_id, item_id, response FROM answers"
_DUPLICATES = (
    "SELECT COUNT(*) FROM (SELECT attempt_id, item_id FROM answers "
    "GROUP BY attempt_id, item_id HAVING COUNT(*) > 1) d"
)
_TOTALS = (
    "SELECT COUNT(*) FROM attempts t WHERE t.score <> "
    "(SELECT COALESCE(SUM(a.score), 0) FROM answers a WHERE a.attempt_id = t.id)"
)


def _same(stored, sent) -> bool:
    """Whether a stored response is the one sent (lists of unordered kinds are stored sorted)."""
    if isinstance(stored, list) and isinstance(sent, list):
        return sorted(map(str, stored)) == sorted(map(str, sent))
    return stored == sent


def _pg_database() -> tuple[str, callable]:
    import psycopg

    name = f"quiz_faults_{os.getpid()}"
    admin = PG_ADMIN.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name, drop


def run(args) -> dict:
    """Run the load with faults and return the figures."""
    from quiz.bank import load_bank
    from quiz.config import CONTENT_DIR

    bank = load_bank(CONTENT_DIR)
    quizzes = [(q.id, _answers(q)) for q in bank.quizzes() if q.band == "5-9"]
    if args.pg:
        url, drop = _pg_database()
    else:
        url, drop = f"sqlite:///{Path(tempfile.mkdtemp()) / 'faults.db'}", lambda: None
    env = {"DATABASE_URL": url, "SECRET_KEY": "bench-faults"}
    flask(env, "db", "upgrade")
    server = Server("faults", "wsgi:app", env, workers=args.workers).start()
    tally = Tally()
    try:
        figures = _load(server, quizzes, tally, args)
        server.stop()
        return figures | check_database(url, tally.acked)
    finally:
        server.stop()
        drop()


def _load(server, quizzes, tally, args) -> dict:
    start = time.monotonic()
    deadline = start + args.seconds
    threads = [
        threading.Thread(
            target=pupil, args=(server.port, quizzes, tally, deadline, args.dup, n), daemon=True
        )
        for n in range(args.pupils)
    ]
    for thread in threads:
        thread.start()
        time.sleep(2 / args.pupils)  # pupils arrive over two seconds
    kill = kill_workers(server, tally, start, args.seconds, args.kills)
    for thread in threads:
        thread.join(timeout=max(1, deadline + 60 - time.monotonic()))
    elapsed = time.monotonic() - start
    latencies = sorted(tally.latencies) or [0]
    return {
        "database": "postgresql" if args.pg else "sqlite",
        "pupils": args.pupils,
        "seconds": round(elapsed, 1),
        "requests": sum(tally.statuses.values()),
        "requests_per_s": round(sum(tally.statuses.values()) / elapsed),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000),
        "p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000),
        "statuses": dict(sorted(tally.statuses.items())),
        "server_errors": sum(n for s, n in tally.statuses.items() if s >= 500),
        "answers_acknowledged": len(tally.acked),
        "duplicate_posts": tally.duplicates_sent,
        "connection_errors": tally.connection_errors,
        "retries_succeeded": tally.retried_ok,
        "retries_failed": tally.retried_failed,
        "requests_given_up": tally.gave_up,
        "threads_still_running": sum(t.is_alive() for t in threads),
    } | kill


FAILURES = (
    "server_errors",
    "acknowledged_lost",
    "acknowledged_changed",
    "duplicate_rows",
    "attempts_with_wrong_totals",
    "requests_given_up",
    "retries_failed",
)


def main(argv=None) -> int:
    """Parse the arguments, run, print the figures; 1 when a rule is broken."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--dup", type=float, default=0.1, help="share of answers posted twice")
    parser.add_argument("--pg", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--kills", type=int, default=1, help="workers to SIGKILL during the run")
    args = parser.parse_args(argv)
    figures = run(args)
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")
    broken = [name for name in FAILURES if figures.get(name)]
    if args.kills and not figures["retries_succeeded"]:
        broken.append("retries_succeeded (no request was cut by a kill and sent again)")
    print("FAILED: " + ", ".join(broken) if broken else "OK: nothing acknowledged was lost")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
