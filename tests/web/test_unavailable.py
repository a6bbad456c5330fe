"""When the database does not answer, pages and the API say so (503) and recover by themselves."""

import pytest
from sqlalchemy.pool import NullPool

from quiz.extensions import db
from tests import factories


@pytest.fixture
def database_down(app):
    """Make every new database connection fail until the test ends."""
    db.session.remove()
    engine = db.engine
    original = engine.pool

    engine.pool = NullPool(_refuse(engine), dialect=engine.dialect)
    yield
    engine.pool = original


def _refuse(engine):
    """A connection factory that fails as the database driver does when the server is gone."""

    def refuse():
        raise engine.dialect.dbapi.OperationalError("the database does not answer")

    return refuse


def test_page_answers_503_in_the_users_language_while_database_is_down(client, database_down):
    response = client.get("/ru/")
    assert response.status_code == 503
    assert "Сервис занят" in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "5"


def test_api_answers_json_503_while_database_is_down(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200  # needs no database


def test_app_recovers_when_database_returns(app, client):
    factories.challenge()
    engine = db.engine
    original = engine.pool
    db.session.remove()

    engine.pool = NullPool(_refuse(engine), dialect=engine.dialect)
    assert client.get("/kk/").status_code == 503
    engine.pool = original
    response = client.get("/kk/")
    assert response.status_code == 200
    assert "челленджі" in response.get_data(as_text=True)
