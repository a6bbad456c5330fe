"""The documented backup command, run while pupils keep answering, writes a copy that passes an
integrity check and holds every answer acknowledged before it started (a restore drill)."""

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from shutil import which

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from quiz.extensions import db
from quiz.models import Answer, Attempt
from quiz.services.backup import sqlite_integrity
from tests import factories
from tests.conftest import DATA, ROOT


def _attempt():
    pupil = factories.participant()
    attempt = Attempt(
        participant_id=pupil.id,
        quiz_id="every-kind",
        quiz_version=1,
        theme="protect-your-data",
        band="5-9",
    )
    db.session.add(attempt)
    db.session.commit()
    attempt_id = attempt.id
    # end the test's own transaction: outside requests, SQLite transactions hold the write lock
    db.session.remove()
    return attempt_id


def _writer(url, attempt_id, stop, acknowledged):
    """Insert answers one by one, recording each committed (acknowledged) item id."""
    engine = create_engine(url)
    n = 0
    while not stop.is_set():
        n += 1
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO answers (attempt_id, item_id, quiz_version, response, score, "
                    "max_score, answered_at) VALUES (:a, :i, 1, 'null', 0, 0, CURRENT_TIMESTAMP)"
                ),
                {"a": attempt_id, "i": f"item-{n}"},
            )
        acknowledged.append(f"item-{n}")
    engine.dispose()


def _backup_command(url: str, out) -> subprocess.CompletedProcess:
    """`flask --app quiz backup --out FILE`, as the README documents it."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "backup-test",
        "CONTENT_DIR": str(DATA / "app-bank"),
    }
    command = [sys.executable, "-m", "flask", "--app", "quiz", "backup", "--out", str(out)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_backup_command_during_writes_keeps_every_acknowledged_answer(app, tmp_path):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgresql") and not (which("pg_dump") and which("pg_restore")):
        message = "pg_dump/pg_restore missing (Debian: postgresql-client)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    attempt_id = _attempt()
    stop, acknowledged = threading.Event(), []
    writer = threading.Thread(target=_writer, args=(url, attempt_id, stop, acknowledged))
    writer.start()
    try:
        deadline = time.monotonic() + 10  # a few answers first, even on a busy machine
        while len(acknowledged) <= 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        before = list(acknowledged)  # acknowledged before the command started
        out = tmp_path / "copy.db"
        done = _backup_command(url, out)
        time.sleep(0.1)
    finally:
        stop.set()
        writer.join()
    assert done.returncode == 0, done.stderr
    assert f"backup written to {out}" in done.stdout
    assert len(before) > 5 and len(acknowledged) > len(before)  # writes went on meanwhile
    with _restored(url, out) as engine, engine.connect() as conn:
        restored = set(conn.scalars(select(Answer.item_id)))
        assert conn.scalar(select(func.count()).select_from(Answer)) == len(restored)
        assert conn.scalar(select(func.count()).select_from(Attempt)) == 1
    assert set(before) <= restored
    assert restored <= set(acknowledged)  # nothing half-written


@contextmanager
def _restored(url: str, out):
    """An engine on the restored copy: the SQLite file after its integrity check, or a new
    PostgreSQL database filled by pg_restore (dropped afterwards)."""
    if url.startswith("sqlite"):
        assert sqlite_integrity(out) == "ok"
        engine = create_engine(f"sqlite:///{out}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    import psycopg

    name = "quiz_restore_" + os.urandom(4).hex()
    admin = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    target = make_url(url).set(database=name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    engine = create_engine(target)
    try:
        plain = target.set(drivername="postgresql").render_as_string(hide_password=False)
        restore = ["pg_restore", "--no-owner", "--exit-on-error", "-d", plain, str(out)]
        subprocess.run(restore, check=True, capture_output=True, timeout=120)
        yield engine
    finally:
        engine.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
