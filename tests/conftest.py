"""Test fixtures: an app with a fresh database per test, on SQLite or on PostgreSQL.

`make test` runs on SQLite. Set TEST_DATABASE_URL (for example
postgresql+psycopg://postgres@127.0.0.1:5432/test) to run the same suite on PostgreSQL.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from quiz import create_app
from quiz.extensions import db

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
PG_URL = os.environ.get("TEST_DATABASE_URL", "")


def pytest_report_header(config):
    """Say which database this run uses."""
    return f"database: {'PostgreSQL ' + PG_URL if PG_URL else 'SQLite (temporary files)'}"


@pytest.fixture(scope="session")
def _pg_schema_ready():
    """On PostgreSQL, create the tables once per run (each test then empties them)."""
    if not PG_URL:
        yield None
        return
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": PG_URL, "SECRET_KEY": "t"})
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield PG_URL
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _truncate_all(url: str) -> None:
    engine = create_engine(url)
    names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def app_config(tmp_path, _pg_schema_ready):
    """The settings of the test app; a test may change them before asking for `app`."""
    url = _pg_schema_ready or f"sqlite:///{tmp_path / 'test.db'}"
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": "localhost",
        "CONTENT_DIR": str(DATA / "app-bank"),
        # every poll reads the database, so a test sees a change at once
        # (tests/web/test_live_poll.py checks the workers' copies with their clock moved)
        "LIVE_POLL_CACHE_SECONDS": 0,
    }


@contextmanager
def running_app(config: dict):
    """Yield an app with empty tables, inside its app context."""
    app = create_app(config)
    with app.app_context():
        if _uses_pg(config):
            _truncate_all(config["SQLALCHEMY_DATABASE_URI"])
        else:
            db.create_all()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(app_config):
    """A fresh app with empty tables."""
    with running_app(app_config) as app:
        yield app


def _uses_pg(config) -> bool:
    return config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")


@pytest.fixture
def client(app):
    """A browser-like test client."""
    return app.test_client()


@pytest.fixture
def csrf_app(app_config):
    """A fresh app with CSRF protection on, as in production."""
    with running_app({**app_config, "WTF_CSRF_ENABLED": True}) as app:
        yield app
