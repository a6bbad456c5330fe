"""The live poll's fast path answers exactly as the Flask view behind it would."""

import pytest
from sqlalchemy.exc import OperationalError
from werkzeug.test import Client

from quiz.api.live_poll import LivePoll
from quiz.extensions import db
from quiz.services import classes, live
from tests import factories
from tests import factories_pupils as fp

IGNORED = {"Date", "Server", "Vary"}


@pytest.fixture
def world(app):
    teacher = factories.user("teacher")
    klass = factories.klass(teacher, grade=6)
    session = fp.live_session(klass)
    _pupil, token = fp.pupil(klass, "Айгерім")
    return {"teacher": teacher, "session": session, "token": token, "klass": klass}


def layer(app, kind):
    """The app's WSGI middleware of this kind (Flask is what it wraps)."""
    found = app.wsgi_app
    while not isinstance(found, kind):
        found = found.wsgi_app
    return found


def _both(app, path, headers):
    """(fast path response, Flask response) to the same request."""
    fast = Client(app.wsgi_app, use_cookies=False).get(path, headers=headers)
    slow = Client(layer(app, LivePoll).wsgi_app, use_cookies=False).get(path, headers=headers)
    return fast, slow


def _same(fast, slow):
    assert fast.status_code == slow.status_code
    assert fast.get_data() == slow.get_data() or fast.get_json() == slow.get_json()
    names = {k for k, _ in fast.headers} | {k for k, _ in slow.headers}
    for name in names - IGNORED:
        assert fast.headers.get(name) == slow.headers.get(name), name


def test_state_and_not_modified_are_the_same_on_both_paths(app, world):
    session, token = world["session"], world["token"]
    live.start(world["teacher"], session.id)
    url = f"/api/v1/live/{session.id}/state"
    for headers in ({"Authorization": f"Bearer {token}"}, {"Cookie": f"pupil={token}"}):
        fast, slow = _both(app, url, headers)
        _same(fast, slow)
        assert fast.status_code == 200 and fast.get_json()["state"] == "question"
        assert fast.get_json()["item_id"] == "intro" and fast.headers["ETag"]
        seen = fast.headers["ETag"]
        fast, slow = _both(app, url, {**headers, "If-None-Match": seen})
        _same(fast, slow)
        assert fast.status_code == 304 and fast.get_data() == b""
    live.next_item(world["teacher"], session.id)  # the teacher moves on: a new version
    fast, slow = _both(app, url, {"Authorization": f"Bearer {token}", "If-None-Match": seen})
    _same(fast, slow)
    assert fast.status_code == 200 and fast.get_json()["item_id"] == "share-password"


def test_strangers_and_odd_requests_get_flasks_answers(app, world):
    session, token = world["session"], world["token"]
    other = factories.klass(world["teacher"], grade=7, letter="Б")
    _stranger, stranger_token = fp.pupil(other, "Бөтен")
    url = f"/api/v1/live/{session.id}/state"
    for path, headers in (
        (url, {"Authorization": f"Bearer {stranger_token}"}),  # a pupil of another class
        (url, {"Authorization": "Bearer not-a-token"}),
        (url, {}),
        (f"/api/v1/live/{session.id + 999}/state", {"Authorization": f"Bearer {token}"}),
        ("/api/v1/live/2147483648/state", {"Authorization": f"Bearer {token}"}),
        (url + "?x=%00", {"Authorization": f"Bearer {token}"}),
    ):
        fast, slow = _both(app, path, headers)
        _same(fast, slow)
        assert fast.status_code in (400, 404), path


def test_a_database_error_is_left_to_flask_for_its_503(app, world, monkeypatch):
    token = world["token"]
    url = f"/api/v1/live/{world['session'].id}/state"

    def broken(*_args):
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(LivePoll, "_row", broken)
    monkeypatch.setattr(live, "pupil_state", broken)
    response = Client(app.wsgi_app, use_cookies=False).get(
        url, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 503 and response.get_json()["error"]
    db.session.rollback()


class Clock:
    """A worker's clock that a test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def cached(app_config):
    """An app whose workers answer polls from their copy for half a second, as in production."""
    app_config["LIVE_POLL_CACHE_SECONDS"] = 0.5
    return app_config


def _poller(app, monkeypatch):
    """(poll(token, etag=None) -> response, statements run, clock) of the app's fast path."""
    poll_layer, clock, statements = layer(app, LivePoll), Clock(), []
    poll_layer.clock = clock
    read = poll_layer._row
    monkeypatch.setattr(poll_layer, "_row", lambda *a: statements.append(a) or read(*a))
    client = Client(app.wsgi_app, use_cookies=False)

    def poll(session_id, token, etag=None):
        headers = {"Authorization": f"Bearer {token}"}
        if etag:
            headers["If-None-Match"] = etag
        return client.get(f"/api/v1/live/{session_id}/state", headers=headers)

    return poll, statements, clock


@pytest.mark.usefixtures("cached")
def test_a_class_polling_costs_a_worker_one_statement_per_pupil_then_follows_the_teacher(
    app, world, monkeypatch
):
    session, teacher = world["session"], world["teacher"]
    _second, second_token = fp.pupil(world["klass"], "Дана")
    live.start(teacher, session.id)
    poll, statements, clock = _poller(app, monkeypatch)
    first = poll(session.id, world["token"])
    assert first.status_code == 200 and first.get_json()["item_id"] == "intro"
    assert poll(session.id, second_token).status_code == 200
    assert len(statements) == 2  # each pupil is looked up once
    for _ in range(5):
        clock.now += 0.05
        assert poll(session.id, world["token"], first.headers["ETag"]).status_code == 304
        assert poll(session.id, second_token, first.headers["ETag"]).status_code == 304
    assert len(statements) == 2  # ten polls within half a second: no statement

    live.next_item(teacher, session.id)
    clock.now += 0.5  # the copy is half a second old: the next poll reads the database
    moved = poll(session.id, second_token, first.headers["ETag"])
    assert moved.status_code == 200 and moved.get_json()["item_id"] == "share-password"
    # the first pupil was found at the old version only: looked up again, not served the copy
    again = poll(session.id, world["token"], first.headers["ETag"])
    assert again.status_code == 200 and again.get_json()["item_id"] == "share-password"
    assert len(statements) == 4


@pytest.mark.usefixtures("cached")
def test_strangers_removed_pupils_and_deleted_sessions_never_get_the_copy(app, world, monkeypatch):
    session_id, teacher, klass = world["session"].id, world["teacher"], world["klass"]
    pupil, token = fp.pupil(klass, "Ерлан")
    live.start(teacher, session_id)
    poll, _statements, clock = _poller(app, monkeypatch)
    assert poll(session_id, world["token"]).status_code == 200  # the session is in the copy
    _stranger, stranger_token = fp.pupil(factories.klass(teacher, grade=7, letter="Б"), "Бөтен")
    assert poll(session_id, stranger_token).status_code == 404
    assert poll(session_id, "not-a-token").status_code == 404
    assert poll(session_id, token).status_code == 200

    live.remove_pupil(teacher, session_id, pupil.id)
    clock.now += 0.5
    assert poll(session_id, token).status_code == 404  # removed: the device stops following
    assert poll(session_id, world["token"]).status_code == 200

    classes.delete_class(teacher, klass.id)
    clock.now += 0.5
    assert poll(session_id, world["token"]).status_code == 404
