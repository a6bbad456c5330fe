"""How a request's transaction ends: reads in a COMMIT on PostgreSQL, anything written as before.

psycopg forgets its prepared statements on ROLLBACK, so a request that wrote nothing ends in a
COMMIT there (`quiz.db._end_reads_with_commit`). These tests make sure that never commits what
a request changed without committing it, and that the statements do stay prepared.
"""

import pytest
from sqlalchemy import create_engine, select, text, update

from quiz import create_app
from quiz.extensions import db
from quiz.models import Region
from tests import factories
from tests.conftest import PG_URL


def _app_with_routes(config: dict):
    """A second app on the same database: each request has its own app context and session,
    as in production (the `app` fixture keeps one context open for the whole test)."""
    app = create_app(config)

    @app.post("/_t/flush/<int:region_id>")
    def flush(region_id):
        db.session.get(Region, region_id).name_ru = "изменено, не сохранено"
        db.session.flush()
        return "ok"

    @app.post("/_t/update/<int:region_id>")
    def core_update(region_id):
        db.session.execute(update(Region).where(Region.id == region_id).values(name_kk="өзгерді"))
        return "ok"

    @app.post("/_t/pending/<int:region_id>")
    def pending(region_id):
        db.session.get(Region, region_id).name_ru = "в сессии, не сохранено"
        return "ok"

    @app.get("/_t/read/<int:region_id>")
    def read(region_id):
        return db.session.scalar(select(Region.name_ru).where(Region.id == region_id))

    @app.get("/_t/prepared")
    def prepared():
        rows = db.session.execute(text("SELECT statement FROM pg_prepared_statements"))
        return "\n".join(row.statement for row in rows)

    return app


def _committed_names(url: str, region_id: int) -> tuple:
    engine = create_engine(url)
    with engine.connect() as conn:
        names = conn.execute(
            select(Region.name_kk, Region.name_ru).where(Region.id == region_id)
        ).one()
    engine.dispose()
    return tuple(names)


def test_a_request_that_changed_rows_without_committing_changes_nothing(app, app_config):
    region_id = factories.region(name_ru="Абайская область", name_kk="Абай облысы").id
    db.session.commit()  # and nothing more in this session: on SQLite it would hold the lock
    other = _app_with_routes(app_config)
    client = other.test_client()
    for path in ("flush", "update", "pending"):
        assert client.post(f"/_t/{path}/{region_id}").status_code == 200
    with other.app_context():
        assert _committed_names(str(db.engine.url), region_id) == (
            "Абай облысы",
            "Абайская область",
        )
        db.engine.dispose()


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL only: prepared statements of psycopg")
def test_read_requests_keep_their_prepared_statements_on_postgresql(app, app_config):
    region = factories.region(name_ru="Абайская область")
    db.session.commit()
    other = _app_with_routes(app_config)
    client = other.test_client()
    for _ in range(8):  # psycopg prepares a statement on its 5th run
        assert client.get(f"/_t/read/{region.id}").text == "Абайская область"
    prepared = client.get("/_t/prepared").text
    assert "FROM regions" in prepared
    with other.app_context():
        db.engine.dispose()
