"""When the database does not answer or stays locked, pages say so in the pupil's language and
the API in JSON (503), what was saved is kept, and the app recovers by itself within 10 s.

The outages are real where they can be: on SQLite another connection holds the write lock
longer than the busy timeout; on PostgreSQL the app reaches the server through a TCP gate that
is closed (connections refused, open ones cut) and opened again.
"""

import time
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from werkzeug.test import Client

from quiz import create_app
from quiz.extensions import db
from quiz.i18n import LOCALES
from quiz.models import Answer
from quiz.services import attempts
from tests import factories
from tests import factories_pupils as pf
from tests.web.outage import Gate, sqlite_write_lock

BUSY_MS = 300  # the test app's SQLite busy timeout: a held lock fails a writer fast
RECOVERY_S = 10
TITLE = {"kk": "Қызмет бос емес", "ru": "Сервис занят"}
KEPT = {"kk": "Сақталғанның бәрі орнында", "ru": "Всё сохранённое на месте"}
UNAVAILABLE = {
    "code": "unavailable",
    "message": {
        "kk": "Қызмет қазір бос емес. Қайталап көріңіз.",
        "ru": "Сервис сейчас занят. Попробуйте ещё раз.",
    },
}


@pytest.fixture
def app_config(app_config):
    """The test settings with a short SQLite busy timeout."""
    return {**app_config, "SQLITE_BUSY_TIMEOUT_MS": BUSY_MS}


@pytest.fixture
def database_down(app):
    """Make every new database connection of the test app fail until the test ends."""
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


@pytest.fixture
def gate(app_config):
    """On PostgreSQL, a gate between the served app and the server; None on SQLite."""
    url = make_url(app_config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "postgresql":
        yield None
        return
    gate = Gate(url.host or "127.0.0.1", url.port or 5432)
    yield gate
    gate.close()


@pytest.fixture
def served(app, app_config, gate):
    """The app as gunicorn serves it: fast paths in front, no app context pushed; on
    PostgreSQL it reaches the database through the gate."""
    url = app_config["SQLALCHEMY_DATABASE_URI"]
    if gate is not None:
        url = make_url(url).set(port=gate.port).render_as_string(hide_password=False)
    served = create_app({**app_config, "SQLALCHEMY_DATABASE_URI": url})
    yield served
    with served.app_context():
        db.engine.dispose()
    for name in ("fast_read_engine", "fast_write_engine"):
        if name in served.extensions:
            served.extensions[name].dispose()


@pytest.fixture
def pupil(app, served):
    """A pupil of a class in a live class hour, with a solo attempt and a browser session."""
    factories.challenge()
    klass = factories.klass()
    live = pf.live_session(klass, state="question", current_index=0)
    row, token = pf.pupil(klass, "Дария")
    attempt, _ = attempts.open_attempt(row, pf.QUIZ)
    signed = served.session_interface.get_signing_serializer(served)
    found = {
        "token": token,
        "attempt_id": attempt.id,
        "live_id": live.id,
        "cookie": f"pupil={token}; session={signed.dumps({'csrf_token': 'c' * 40})}",
    }
    db.session.commit()
    db.session.remove()  # nothing of the test's own holds a connection or a lock
    return found


def _put_answer(wsgi, pupil, item_id="share-password", response="refuse"):
    url = f"/api/v1/attempts/{pupil['attempt_id']}/answers/{item_id}"
    body = {"response": response, "client_answer_id": f"{item_id}-1"}
    headers = {"Authorization": f"Bearer {pupil['token']}"}
    return Client(wsgi, use_cookies=False).put(url, json=body, headers=headers)


def _poll(wsgi, pupil):
    url = f"/api/v1/live/{pupil['live_id']}/state"
    headers = {"Authorization": f"Bearer {pupil['token']}"}
    return Client(wsgi, use_cookies=False).get(url, headers=headers)


def _question_page(wsgi, pupil, lang, item_id="twofa"):
    url = f"/{lang}/attempt/{pupil['attempt_id']}/item/{item_id}"
    return Client(wsgi, use_cookies=False).get(url, headers={"Cookie": pupil["cookie"]})


def _answer_form(wsgi, pupil, lang, item_id="twofa", response="true"):
    url = f"/{lang}/attempt/{pupil['attempt_id']}/item/{item_id}"
    return Client(wsgi, use_cookies=False).post(
        url, data={"response": response}, headers={"Cookie": pupil["cookie"]}
    )


def _assert_busy_page(response, lang):
    page = response.get_data(as_text=True)
    other = next(code for code in LOCALES if code != lang)
    assert response.status_code == 503, page[:300]
    assert response.headers["Retry-After"] == "5"
    assert TITLE[lang] in page and KEPT[lang] in page
    assert KEPT[other] not in page


def _assert_busy_json(response):
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.get_json()["error"] == UNAVAILABLE


def _stored(app_config, attempt_id) -> dict:
    engine = create_engine(app_config["SQLALCHEMY_DATABASE_URI"])
    with engine.connect() as conn:
        rows = conn.execute(
            select(Answer.item_id, Answer.response).where(Answer.attempt_id == attempt_id)
        ).all()
    engine.dispose()
    return dict(rows)


def _recovers(request, ok) -> tuple[float, int]:
    """Send the request until `ok`; (seconds by the clock, requests sent). Fails after 10 s."""
    start, sent = time.monotonic(), 0
    while True:
        response = request()
        sent += 1
        if ok(response):
            return time.monotonic() - start, sent
        elapsed = time.monotonic() - start
        assert elapsed < RECOVERY_S, f"still {response.status_code} after {elapsed:.1f} s"
        time.sleep(0.1)


def test_page_answers_503_in_kazakh_and_russian_while_database_is_down(client, database_down):
    for lang in LOCALES:
        _assert_busy_page(client.get(f"/{lang}/"), lang)


def test_api_answers_json_503_while_database_is_down(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}
    _assert_busy_json(client.post("/api/v1/participants", json={"band": "5-9", "lang": "kk"}))
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200  # needs no database


@contextmanager
def _away(served, gate):
    """The served app's database is away: on PostgreSQL the gate is closed; on SQLite every
    connection of the served app's engine (the fast paths use it too) fails."""
    if gate is not None:
        gate.close()
        try:
            yield
        finally:
            gate.open()
        return
    with served.app_context():
        engine = db.engine
    original = engine.pool
    engine.pool = NullPool(_refuse(engine), dialect=engine.dialect)
    try:
        yield
    finally:
        engine.pool = original


def test_fast_paths_answer_503_while_the_database_is_away_and_recover(
    app_config, served, gate, pupil
):
    wsgi = served.wsgi_app
    assert _put_answer(wsgi, pupil, "private-data", ["address", "phone"]).status_code == 200
    with _away(served, gate):
        _assert_busy_json(_put_answer(wsgi, pupil))
        _assert_busy_json(_poll(wsgi, pupil))
        for lang in LOCALES:
            _assert_busy_page(_question_page(wsgi, pupil, lang), lang)
    seconds, _ = _recovers(lambda: _put_answer(wsgi, pupil), lambda r: r.status_code == 200)
    assert seconds < RECOVERY_S
    poll = _poll(wsgi, pupil)
    assert poll.status_code == 200 and poll.get_json()["item_id"] == "intro"
    for lang in LOCALES:
        assert _question_page(wsgi, pupil, lang).status_code == 200
    stored = _stored(app_config, pupil["attempt_id"])
    assert stored == {"private-data": ["address", "phone"], "share-password": "refuse"}


def test_a_real_outage_is_503_in_kazakh_and_russian_and_recovers_within_ten_seconds(
    app_config, served, gate, pupil
):
    wsgi = served.wsgi_app
    assert _put_answer(wsgi, pupil, "private-data", ["address", "phone"]).status_code == 200
    if gate is None:  # SQLite: another connection holds the write lock
        path = make_url(app_config["SQLALCHEMY_DATABASE_URI"]).database
        outage = sqlite_write_lock(path)
    else:  # PostgreSQL: connections refused, open ones cut
        outage = _away(served, gate)
    with outage:
        started = time.monotonic()
        _assert_busy_json(_put_answer(wsgi, pupil))
        if gate is None:  # the answer waited for the lock, then gave up
            assert time.monotonic() - started >= BUSY_MS / 1000
        for lang in LOCALES:
            _assert_busy_page(_answer_form(wsgi, pupil, lang), lang)
    seconds, sent = _recovers(lambda: _put_answer(wsgi, pupil), lambda r: r.status_code == 200)
    assert seconds < RECOVERY_S
    if gate is None:
        assert sent == 1  # the lock released, the very next request succeeds
    seconds, _ = _recovers(lambda: _answer_form(wsgi, pupil, "kk"), lambda r: r.status_code == 302)
    assert seconds < RECOVERY_S
    assert _stored(app_config, pupil["attempt_id"]) == {
        "private-data": ["address", "phone"],  # saved before the outage, kept
        "share-password": "refuse",
        "twofa": True,
    }
