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

    @app.get("/_t/plans")
    def plans():
        rows = db.session.execute(
            text("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
        )
        return {"plans": [list(row) for row in rows]}

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


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL only: plans of prepared statements")
def test_prepared_statements_are_planned_for_their_values_on_postgresql(app, app_config):
    """A generic plan of an organizer's counting statement ran for minutes on the national data
    set; every run of the app's statements is planned for its own values."""
    region = factories.region(name_ru="Абайская область")
    db.session.commit()
    other = _app_with_routes(app_config)
    client = other.test_client()
    for _ in range(15):  # prepared on the 5th run; generic plans would start on the 11th
        assert client.get(f"/_t/read/{region.id}").text == "Абайская область"
    plans = [p for p in client.get("/_t/plans").json["plans"] if "FROM regions" in p[0]]
    assert plans and all(generic == 0 and custom >= 10 for _s, generic, custom in plans), plans
    with other.app_context():
        db.engine.dispose()
