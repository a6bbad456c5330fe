"""A backup taken while pupils keep answering holds every answer acknowledged before it."""

import os
import subprocess
import threading
import time

import pytest
from sqlalchemy import create_engine, func, select, text

from quiz.extensions import db
from quiz.models import Answer, Attempt
from quiz.services.backup import backup, sqlite_integrity
from tests import factories


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


def test_backup_during_writes_keeps_every_acknowledged_answer(app, tmp_path):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgresql") and not _has_pg_tools():
        pytest.skip("pg_dump/pg_restore missing")
    attempt_id = _attempt()
    stop, acknowledged = threading.Event(), []
    writer = threading.Thread(target=_writer, args=(url, attempt_id, stop, acknowledged))
    writer.start()
    time.sleep(0.3)
    before = list(acknowledged)
    out = backup(url, tmp_path / "copy.db")
    time.sleep(0.1)
    stop.set()
    writer.join()
    assert len(before) > 5
    restored = _restored_item_ids(url, out, tmp_path)
    assert set(before) <= restored
    assert len(restored) <= len(acknowledged)


def _has_pg_tools():
    from shutil import which

    return which("pg_dump") and which("pg_restore")


def _restored_item_ids(url, out, tmp_path):
    if url.startswith("sqlite"):
        assert sqlite_integrity(out) == "ok"
        engine = create_engine(f"sqlite:///{out}")
    else:
        name = "quiz_restore_" + os.urandom(4).hex()
        admin = url.replace("postgresql+psycopg", "postgresql")
        import psycopg

        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        target = admin.rsplit("/", 1)[0] + "/" + name
        subprocess.run(["pg_restore", "--no-owner", "-d", target, str(out)], check=True)
        engine = create_engine(url.rsplit("/", 1)[0] + "/" + name)
    with engine.connect() as conn:
        ids = set(conn.scalars(select(Answer.item_id)))
        assert conn.scalar(select(func.count()).select_from(Answer)) == len(ids)
    engine.dispose()
    return ids
