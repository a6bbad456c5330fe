"""Several processes writing at once never fail with "database is locked"; the app's SQLite
connections use WAL, a busy timeout, synchronous=NORMAL and BEGIN IMMEDIATE for writers."""

import multiprocessing
import sqlite3

import pytest
from sqlalchemy import func, select

from quiz import create_app
from quiz.db import fast_read_engine, fast_write_engine
from quiz.extensions import db
from quiz.models import Region
from tests.conftest import DATA

PROCESSES, TRANSACTIONS = 8, 150


def _worker(config: dict, worker: int, errors) -> None:
    """Run read-then-write transactions through the app's own engine set-up."""
    from quiz import create_app

    app = create_app(config)
    with app.app_context():
        for n in range(TRANSACTIONS):
            try:
                count = db.session.scalar(select(func.count()).select_from(Region))
                key = f"w{worker}-{n}-{count}"
                db.session.add(Region(name_kk=key, name_ru=key, name_key=key))
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - counted and reported by the test
                db.session.rollback()
                errors.put(repr(error))
        db.engine.dispose()


def test_eight_processes_write_1200_transactions_without_lock_errors(app, app_config):
    db.session.remove()
    ctx = multiprocessing.get_context("spawn")
    errors = ctx.Queue()
    workers = [ctx.Process(target=_worker, args=(app_config, n, errors)) for n in range(PROCESSES)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    found = []
    while not errors.empty():
        found.append(errors.get())
    assert found == []
    assert db.session.scalar(select(func.count()).select_from(Region)) == PROCESSES * TRANSACTIONS


@pytest.fixture
def sqlite_app(tmp_path):
    """An app on a SQLite file, whichever database the run uses (these are SQLite's rules)."""
    path = tmp_path / "pragmas.db"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "CONTENT_DIR": str(DATA / "app-bank"),
        }
    )
    yield app, path
    with app.app_context():
        db.engine.dispose()


def test_sqlite_connections_use_wal_a_busy_timeout_and_synchronous_normal(sqlite_app):
    app, _path = sqlite_app
    busy_ms = app.config["SQLITE_BUSY_TIMEOUT_MS"]
    assert busy_ms >= 1000  # writers wait for each other instead of failing at once
    with app.app_context():
        engines = [db.engine, fast_write_engine(app), fast_read_engine(app)]
        for engine in engines:
            pooled = [engine.raw_connection() for _ in range(2)]  # two of the pool's own
            for conn in pooled:
                assert _pragma(conn, "journal_mode") == "wal"
                assert _pragma(conn, "busy_timeout") == busy_ms
                assert _pragma(conn, "synchronous") == 1  # NORMAL
                assert _pragma(conn, "foreign_keys") == 1
            for conn in pooled:
                conn.close()


def _pragma(conn, name: str):
    cursor = conn.cursor()
    try:
        return cursor.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        cursor.close()


def _write_lock_free(path) -> bool:
    """Whether another connection can take the write lock at once."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return False
    finally:
        other.close()


@pytest.mark.parametrize("method, takes_write_lock", [("POST", True), ("GET", False)])
def test_a_writing_request_holds_the_write_lock_from_its_first_statement(
    sqlite_app, method, takes_write_lock
):
    app, path = sqlite_app
    with app.test_request_context("/kk/", method=method):
        db.session.execute(select(1))  # a read first, as a read-then-write use case begins
        assert _write_lock_free(path) is not takes_write_lock  # BEGIN IMMEDIATE, or BEGIN
        db.session.rollback()
        assert _write_lock_free(path)
        db.session.remove()
