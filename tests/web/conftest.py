"""Fixtures of the web tests."""

import pytest

from quiz import create_app
from quiz.extensions import db


@pytest.fixture
def other(app_config):
    """A second app on the test database, counting statements, with no context of its own
    pushed: its requests reach the fast paths in front of Flask as under gunicorn (the `app`
    fixture's pushed context sends the test client's requests to Flask)."""
    served = create_app({**app_config, "COUNT_QUERIES": True})
    yield served
    with served.app_context():
        db.engine.dispose()
