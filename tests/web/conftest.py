"""Fixtures of the web tests."""

import pytest

from quiz import create_app
from quiz.extensions import db
from tests import factories


@pytest.fixture
def other(app_config):
    """A second app on the test database, counting statements, with no context of its own
    pushed: its requests reach the fast paths in front of Flask as under gunicorn (the `app`
    fixture's pushed context sends the test client's requests to Flask)."""
    served = create_app({**app_config, "COUNT_QUERIES": True})
    yield served
    with served.app_context():
        db.engine.dispose()


@pytest.fixture
def teacher(client):
    """A teacher of a new school, logged in on `client`."""
    row = factories.user("teacher")
    factories.login(client, row)
    return row
