"""Throughput of the real app as ratios to a bare Flask app served the same way, in one run.

    .venv/bin/python -m bench.run [--seconds 10] [--repeats 3] [--connections 50] [--no-pg]
                                  [--only "report page" ...]

Starts gunicorn (4 sync workers each) serving (a) bench/bare_app.py, (b) the app on SQLite,
(c) the app on PostgreSQL; loads each with wrk on 127.0.0.1, alternating the ceiling and the
app, and prints medians, ratios to the ceiling, worker peak memory and SQL queries per request.
"""

import argparse
import json
import os
import tempfile
from pathlib import Path

from bench.harness import ROOT, Server, flask, median_result, query_count, wrk
from bench.scenarios import SCENARIOS, answer_rows, prepare

PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_database(name: str) -> str:
    import psycopg

    admin = PG_ADMIN.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def _app_server(name: str, database_url: str) -> tuple[Server, dict]:
    env = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench",
        "QUIZ_COUNT_QUERIES": "1",
        "RATELIMIT_ENABLED": "0",
        # One pupil polls here as fast as wrk can: each worker's half-second copy of the state
        # would answer nearly every poll. Measured without it, every poll reads the database;
        # the capacity run measures the copy with a class's real mix of pupils.
        "LIVE_POLL_CACHE_SECONDS": "0",
    }
    flask(env, "db", "upgrade")
    data = prepare(env)
    return Server(name, "wsgi:app", env).start(), data


def main(argv=None) -> dict:
    """Run the benchmark and print its table; return the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument(
        "--only", action="append", help="run the scenarios whose name contains this (repeatable)"
    )
    args = parser.parse_args(argv)
    args.scenarios = [s for s in SCENARIOS if not args.only or any(o in s.name for o in args.only)]

    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    bare = Server("bare", "bench.bare_app:app", {}).start()
    apps = {"sqlite": _app_server("sqlite", f"sqlite:///{tmp / 'bench.db'}")}
    if not args.no_pg:
        apps["postgresql"] = _app_server("postgresql", _pg_database("quiz_bench"))
    try:
        figures = _measure(bare, apps, args)
    finally:
        bare.stop()
        for server, _data in apps.values():
            server.stop()
    _print(figures)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(figures, indent=1))
    return figures


def _answer_rows(database_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM answers")).scalar()
    engine.dispose()
    return count


def _measure(bare, apps, args) -> dict:
    ceiling_runs, runs = [], {}
    before = {name: _answer_rows(server.env["DATABASE_URL"]) for name, (server, _) in apps.items()}
    for repeat in range(args.repeats):
        for db_name, (server, data) in apps.items():
            ceiling_runs.append(wrk(bare.url + "/", args.seconds, args.connections))
            for scenario in args.scenarios:
                url, script = scenario.wrk(server.url, data, (repeat, args.repeats))
                key = (db_name, scenario.name)
                runs.setdefault(key, []).append(wrk(url, args.seconds, args.connections, script))
    ceiling = median_result(ceiling_runs)
    figures = {"ceiling_rps": ceiling.rps, "ceiling_p99_ms": ceiling.p99_ms, "apps": {}}
    for db_name, (server, data) in apps.items():
        # Every answer request must have stored a new row: counted before the probe runs.
        stored = _answer_rows(server.env["DATABASE_URL"]) - before[db_name]
        rows = {}
        for scenario in args.scenarios:
            result = median_result(runs[(db_name, scenario.name)])
            method, url, body, headers = scenario.probe(server.url, data)
            rows[scenario.name] = {
                "fresh_rows": len(answer_rows(data, (0, args.repeats))),
                "max_requests": max(r.requests for r in runs[(db_name, scenario.name)]),
                "requests": sum(r.requests for r in runs[(db_name, scenario.name)]),
                "stored_rows": stored,
                "rps": round(result.rps, 1),
                "ratio": round(result.rps / ceiling.rps, 3),
                "p50_ms": round(result.p50_ms, 1),
                "p99_ms": round(result.p99_ms, 1),
                "errors": result.errors,
                "queries": query_count(url, method, body, headers),
            }
        figures["apps"][db_name] = {
            "scenarios": rows,
            "worker_peak_mb": round(server.peak_worker_memory_mb(), 1),
        }
    return figures


def _print(figures: dict) -> None:
    print(
        f"ceiling (bare Flask GET /): {figures['ceiling_rps']:.0f} req/s, "
        f"p99 {figures['ceiling_p99_ms']:.1f} ms"
    )
    header = f"{'database':<11}{'scenario':<28}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}"
    print(header + f"{'p99 ms':>9}{'errors':>8}{'SQL':>5}")
    for db_name, app in figures["apps"].items():
        for name, row in app["scenarios"].items():
            print(
                f"{db_name:<11}{name:<28}{row['rps']:>9.0f}{row['ratio']:>8.0%}"
                f"{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['errors']:>8}{row['queries']:>5}"
            )
        print(f"{db_name:<11}worker peak memory: {app['worker_peak_mb']} MB")
        answer = app["scenarios"].get("answer (API PUT)")
        if answer is None:
            continue
        wrapped = answer["max_requests"] > answer["fresh_rows"]
        print(
            f"{db_name:<11}answers: {answer['fresh_rows']} new (attempt, item) rows per repeat, "
            f"at most {answer['max_requests']} requests in a repeat: "
            + ("SOME WERE RESENDS (seed more pupils)" if wrapped else "every request a new row")
        )
        stored_all = answer["stored_rows"] >= answer["requests"] - answer["errors"]
        print(
            f"{db_name:<11}answers: {answer['requests']} requests, {answer['errors']} errors, "
            f"{answer['stored_rows']} rows stored: "
            + ("every answered request stored" if stored_all else "ANSWERS MISSING (not stored)")
        )


if __name__ == "__main__":
    main()
