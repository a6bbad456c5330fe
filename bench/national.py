"""The organizers' pages on a national data set in PostgreSQL (not part of `make test`).

Usage:
  BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/quiz_national \
    python -m bench.national generate     # creates or empties the database; minutes
  BENCH_DATABASE_URL=... python -m bench.national time   # medians of 3 of every page/export
  BENCH_DATABASE_URL=... python -m bench.national aggregates  # recreate/recount the dashboard's
  BENCH_DATABASE_URL=... python -m bench.national dashboard   # medians of the dashboard only

`time` calls the real pages through Flask's test client, signed in as a national and as a
regional organizer, and prints medians of 3 runs plus the worker's peak RSS.
"""

import os
import resource
import statistics
import sys
import time

from sqlalchemy import Index, text
from werkzeug.security import generate_password_hash

from bench import national_data
from quiz import create_app
from quiz.extensions import db
from quiz.models import User

PASSWORD = "bench-password-1"
REPEATS = 3


def make_app():
    """Return the app on the bench database, CSRF and rate limits off for the test client."""
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": os.environ["BENCH_DATABASE_URL"],
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "localhost",
        }
    )


def _step(label: str, sql: str) -> None:
    start = time.perf_counter()
    result = db.session.execute(text(sql))
    db.session.commit()
    rows = result.rowcount if result.rowcount is not None else -1
    print(f"  {label:<20} {rows:>11,} rows {time.perf_counter() - start:7.1f} s", flush=True)


def ensure_indexes() -> None:
    """Create the models' indexes that an older schema lacks (create_all skips them)."""
    with db.engine.begin() as conn:
        for table in db.metadata.sorted_tables:
            for index in table.indexes:
                if isinstance(index, Index):
                    index.create(conn, checkfirst=True)


def create_database(url: str) -> None:
    """Create the bench database on its server when it does not exist yet (a fresh machine)."""
    import psycopg
    from sqlalchemy.engine import make_url

    target = make_url(url)
    admin = target.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (target.database,)
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{target.database}"')
            print(f"created database {target.database}", flush=True)


def generate() -> None:
    """Drop everything, build the national data set, the roll-ups and the statistics."""
    total = time.perf_counter()
    db.drop_all()
    db.create_all()
    db.session.execute(text("SET synchronous_commit = off"))
    for label, sql in national_data.STATEMENTS:
        _step(label, sql)
    for table in national_data.SEQUENCES:
        sequence = f"pg_get_serial_sequence('{table}', 'id')"
        db.session.execute(text(f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))"))
    for role, region in (("national", None), ("regional", 3)):
        db.session.add(
            User(
                email=f"{role}@bench.kz",
                password_hash=generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"),
                role=role,
                region_id=region,
            )
        )
    db.session.commit()
    rebuild_rollups()
    rebuild_aggregates()
    start = time.perf_counter()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    print(f"  {'analyze':<20} {'':>16} {time.perf_counter() - start:7.1f} s")
    print(f"generated in {time.perf_counter() - total:.0f} s", flush=True)


def rebuild_rollups() -> None:
    """Recompute the roll-up tables from the data (what `flask stats rebuild` does)."""
    try:
        from quiz.services import rollups
    except ImportError:
        return
    start = time.perf_counter()
    counts = rollups.rebuild()
    print(
        f"  {'roll-ups':<20} {sum(counts.values()):>11,} rows {time.perf_counter() - start:7.1f} s"
    )


def rebuild_aggregates() -> None:
    """Recount the dashboard's aggregates of every school (part of `flask stats rebuild`)."""
    from quiz.services import aggregates

    start = time.perf_counter()
    counts = aggregates.rebuild()
    rows = sum(counts.values())
    print(f"  {'dashboard aggregates':<20} {rows:>11,} rows {time.perf_counter() - start:7.1f} s")


def _median(label: str, fn) -> float:
    times, value = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    med = statistics.median(times)
    shown = " ".join(f"{t:.2f}" for t in times)
    print(f"{label:<44} median {med:6.2f} s   (runs: {shown})", flush=True)
    return value


def _get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


PAGES = (
    ("report page (kk)", "/kk/organizer/report?{scope}"),
    ("report XLSX (kk)", "/kk/organizer/report.xlsx?{scope}"),
    ("report CSV (ru)", "/ru/organizer/report.csv?{scope}"),
    ("dashboard (kk)", "/kk/organizer/?{scope}"),
    ("dashboard, band 5-9", "/kk/organizer/?band=5-9&{scope}"),
    ("dashboard, 10-12 Oct", "/kk/organizer/?from=2025-10-10&to=2025-10-12&{scope}"),
)
DASHBOARDS = tuple(page for page in PAGES if "dashboard" in page[0]) + (
    ("dashboard, district 25", "/kk/organizer/?district=25&{scope}"),
)


def _time_scope(client, who: str, scope: str, pages=PAGES) -> None:
    for label, url in pages:
        response = _median(f"{who}: {label}", lambda url=url: _get(client, url.format(scope=scope)))
        size = f"{len(response.data) / 1e6:.2f} MB"
        if "report page" in label:
            size += f", {response.get_data(as_text=True).count('<tr') - 2:,} rows"
        print(f"{'':<44} {size}")


def time_pages(pages=PAGES) -> None:
    """Time every organizer page and export, national then regional, medians of 3."""
    app = make_app()
    with app.app_context():
        counts = {
            t: db.session.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("schools", "classes", "participants", "attempts", "answers")
        }
        print("data set:", ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    for who, scope in (("national", ""), ("regional", "region=3")):
        client = app.test_client()
        client.post("/kk/auth/login", data={"email": f"{who}@bench.kz", "password": PASSWORD})
        _time_scope(client, who, scope, pages)
    if pages is DASHBOARDS:
        _time_refresh(app)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (one worker's work): {peak:.0f} MB")


def _time_refresh(app) -> None:
    """Time a refresh with nothing new, then after a burst of answers by 200 schools' pupils."""
    from quiz.services import aggregates

    with app.app_context():
        _median("refresh, nothing new", aggregates.refresh)
        db.session.execute(text(BURST))
        db.session.commit()
        start = time.perf_counter()
        schools = aggregates.refresh()
        took = time.perf_counter() - start
        print(f"{'refresh after a burst of 200 answers':<44} {took:13.2f} s   {schools} schools")
        for sql in UNDO_BURST:  # Core deletes bypass the listener: queue the schools
            db.session.execute(text(sql))
        db.session.commit()
        aggregates.refresh(wait=True)


# New answers of one pupil in each of 200 schools: copies of existing answers under new item
# ids (a burst a refresh must read), removed again after timing.
BURST = """
INSERT INTO answers (attempt_id, item_id, quiz_version, score, max_score, correct, answered_at)
SELECT DISTINCT ON (p.school_id) a.id, 'bench-burst', 1, 0, 1, false, now()
FROM attempts a JOIN participants p ON p.id = a.participant_id
WHERE p.school_id <= 200 AND a.challenge_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM answers x WHERE x.attempt_id = a.id)
ORDER BY p.school_id, a.id
"""
UNDO_BURST = (
    "DELETE FROM answers WHERE item_id = 'bench-burst'",
    "INSERT INTO dash_dirty (school_id) SELECT id FROM schools WHERE id <= 200"
    " ON CONFLICT DO NOTHING",
)


def main() -> None:
    """Run `generate` or `time`."""
    command = sys.argv[1] if len(sys.argv) > 1 else "time"
    if command == "generate":
        create_database(os.environ["BENCH_DATABASE_URL"])
        app = make_app()
        with app.app_context():
            generate()
    elif command == "rollups":
        app = make_app()
        with app.app_context():
            db.create_all()
            ensure_indexes()
            rebuild_rollups()
            db.session.execute(text("ANALYZE"))
            db.session.commit()
    elif command == "aggregates":
        from quiz.services.aggregates import TABLES

        app = make_app()
        with app.app_context():  # the tables anew: an older schema's may lack columns
            db.metadata.drop_all(db.engine, tables=[m.__table__ for m in TABLES])
            db.create_all()
            rebuild_aggregates()
            db.session.execute(text("ANALYZE"))
            db.session.commit()
    elif command == "dashboard":
        time_pages(DASHBOARDS)
    else:
        time_pages()


if __name__ == "__main__":
    main()
