"""Migrations build the same schema as the models, and go down and up again cleanly."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from quiz import create_app
from quiz.extensions import db
from tests.conftest import DATA

PG_URL = os.environ.get("TEST_DATABASE_URL", "")


@pytest.fixture
def empty_database(tmp_path):
    """A database with no tables: a fresh SQLite file, or a new PostgreSQL database."""
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'migrate.db'}"
        return
    import psycopg

    name = f"quiz_mig_{uuid.uuid4().hex[:8]}"
    admin = PG_URL.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _app(url):
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "t",
            "CONTENT_DIR": str(DATA / "app-bank"),
        }
    )


def test_upgrade_downgrade_upgrade_runs_clean(empty_database):
    app = _app(empty_database)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"answers", "attempts", "participants", "schools", "live_sessions"} <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert set(inspect(db.engine).get_table_names()) == tables
        db.engine.dispose()


def test_migrations_match_the_models(empty_database):
    app = _app(empty_database)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        db.engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"


def test_migrations_create_the_2025_challenge_of_the_rules(empty_database):
    app = _app(empty_database)
    with app.app_context():
        upgrade()
        row = db.session.execute(
            text("SELECT starts_on, ends_on, report_deadline FROM challenges")
        ).one()
        db.session.remove()
        db.engine.dispose()
    assert [str(v) for v in row] == ["2025-10-09", "2025-10-17", "2025-10-22"]


# Tables a downgrade has to drop with their rows (none so far): a step that creates a table
# and cannot refill it from other tables names it here. The dashboard's aggregates are
# recreated empty and rebuilt from the answers (`flask stats rebuild`), as after an upgrade.
RECREATED_EMPTY: set[str] = set()
# Work queues: empty once the aggregates are up to date
QUEUES = {"dash_dirty"}


def _rebuild_derived() -> None:
    from quiz.services import aggregates

    aggregates.rebuild()
    db.session.remove()


def _fill_every_table() -> None:
    """Rows in every table, referring to the 2025 challenge the migrations created."""
    from datetime import date

    from quiz.models import (
        Challenge,
        OfflineActivity,
        PaperSession,
        PaperTally,
        SocialLink,
    )
    from quiz.services import accounts, attempts, participants
    from tests import factories
    from tests import factories_pupils as pf

    challenge = db.session.scalar(select(Challenge))
    teacher = factories.user("teacher")
    klass = factories.klass(teacher)
    accounts.start_session(teacher)
    accounts.issue_token(factories.user("regional").email)
    assignment = pf.assignment(klass)
    live = pf.live_session(klass)
    solo, _ = pf.pupil(None)
    participants.choose_school(solo, klass.school_id)
    for pupil in [solo] + [pf.pupil(klass)[0] for _ in range(3)]:
        in_class = assignment.id if pupil.class_id else None
        attempt, _ = attempts.open_attempt(pupil, "every-kind", assignment_id=in_class)
        attempts.submit_answer(attempt.id, pupil, "share-password", "refuse")
        attempts.submit_answer(attempt.id, pupil, "twofa", True)
        attempts.finish_attempt(attempt.id, pupil)
    attempt.live_session_id, attempt.mode = live.id, "live"  # the last one was in class live
    where = {"challenge_id": challenge.id, "school_id": klass.school_id, "class_id": klass.id}
    activity = OfflineActivity(kind="debate", held_on=date(2025, 10, 10), participants=20, **where)
    paper = PaperSession(
        class_id=klass.id,
        challenge_id=challenge.id,
        quiz_id="every-kind",
        quiz_version=1,
        pupils=12,
        held_on=date(2025, 10, 11),
    )
    db.session.add_all([activity, paper])
    db.session.flush()
    db.session.add(PaperTally(paper_session_id=paper.id, item_id="twofa", choice="true", count=9))
    db.session.add(
        SocialLink(url="https://t.me/s/1", url_key="t.me/s/1", network="telegram", **where)
    )
    db.session.commit()


def _row_counts() -> dict:
    names = inspect(db.engine).get_table_names()
    with db.engine.connect() as conn:
        return {
            name: conn.execute(text(f'SELECT COUNT(*) FROM "{name}"')).scalar()
            for name in names
            if name != "alembic_version"
        }


def _dangling_references() -> list:
    """Rows whose foreign keys point nowhere (SQLite migrates with foreign keys off)."""
    if db.engine.dialect.name != "sqlite":
        return []  # PostgreSQL checks every reference as it migrates
    with db.engine.connect() as conn:
        return conn.execute(text("PRAGMA foreign_key_check")).fetchall()


def _revisions() -> list[tuple[str, str]]:
    """(revision, down_revision) from the head down to the first migration."""
    from alembic.script import ScriptDirectory
    from flask_migrate import Config

    from quiz.config import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", MIGRATIONS_DIR)
    scripts = ScriptDirectory.from_config(config)
    return [(s.revision, s.down_revision) for s in scripts.walk_revisions() if s.down_revision]


def test_every_step_down_and_up_again_keeps_the_rows_of_every_table(empty_database):
    app = _app(empty_database)
    with app.app_context():
        upgrade()
        _fill_every_table()
        _rebuild_derived()
        before = _row_counts()
        assert [name for name, count in before.items() if count == 0 and name not in QUEUES] == []
        for revision, down in _revisions():
            downgrade(revision=down)
            kept = _row_counts()
            lost = {t: (before[t], n) for t, n in kept.items() if n != before[t]}
            assert lost == {}, f"downgrading {revision} lost rows"
            upgrade()
            _rebuild_derived()
            after = _row_counts()
            changed = {t: (before[t], after.get(t)) for t in before if after.get(t) != before[t]}
            assert set(changed) <= RECREATED_EMPTY, f"{revision} down and up changed {changed}"
            assert _dangling_references() == [], f"{revision} down and up broke references"
        db.engine.dispose()
