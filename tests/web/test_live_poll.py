"""The live poll's fast path answers exactly as the Flask view behind it would."""

import pytest
from sqlalchemy.exc import OperationalError
from werkzeug.test import Client

from quiz.api.live_poll import LivePoll
from quiz.extensions import db
from quiz.services import live
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
