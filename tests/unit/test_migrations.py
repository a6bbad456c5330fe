"""Migrations build the same schema as the models, and go down and up again cleanly."""

import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

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
