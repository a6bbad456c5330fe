"""Staff sessions end after 2 idle hours and 12 hours in all; cookies are Secure in production."""

from datetime import timedelta

import pytest

from quiz.models import StaffSession
from quiz.models.base import utcnow
from quiz.services import accounts
from tests import factories
from tests.conftest import running_app
from tests.web.world import send


@pytest.fixture
def clock(monkeypatch):
    """Move the sessions' clock forward: clock(hours=3)."""
    start = utcnow()
    moved = {"by": timedelta()}

    def advance(**delta):
        moved["by"] += timedelta(**delta)

    monkeypatch.setattr(accounts, "utcnow", lambda: start + moved["by"])
    return advance


def _signed_in(client) -> bool:
    response = send(client.application, client, "GET", "/kk/teacher/")
    return response.status_code == 200


def test_staff_session_ends_after_two_idle_hours(app, client, clock):
    factories.login(client, factories.user("teacher"))
    clock(hours=1, minutes=59)
    assert _signed_in(client)
    clock(hours=2, minutes=1)
    assert not _signed_in(client)
    assert "/auth/login" in send(app, client, "GET", "/kk/teacher/").location
    assert StaffSession.query.count() == 0


def test_a_working_teacher_stays_signed_in_until_twelve_hours(app, client, clock):
    factories.login(client, factories.user("teacher"))
    for _hour in range(11):
        clock(hours=1)
        assert _signed_in(client)
    clock(minutes=59)
    assert _signed_in(client)
    clock(minutes=2)
    assert not _signed_in(client)


def test_timeouts_come_from_the_settings(app_config, clock):
    config = {**app_config, "STAFF_IDLE_TIMEOUT": timedelta(minutes=15)}
    with running_app(config) as app:
        client = app.test_client()
        factories.login(client, factories.user("teacher"))
        clock(minutes=16)
        assert not _signed_in(client)


def test_cookies_are_secure_httponly_and_samesite_in_production(app_config, monkeypatch):
    monkeypatch.setenv("QUIZ_ENV", "production")
    with running_app(app_config) as app:
        client = app.test_client()
        cookie = factories.login(client, factories.user("teacher")).headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
        klass = factories.klass()
        join = client.post(f"/kk/join/{klass.join_code}", data={"suggested": "Бүркіт 7"})
        pupil = [c for c in join.headers.getlist("Set-Cookie") if c.startswith("pupil=")]
        assert pupil and "Secure" in pupil[0] and "HttpOnly" in pupil[0]


def test_cookies_are_not_secure_outside_production(client):
    cookie = factories.login(client, factories.user("teacher")).headers["Set-Cookie"]
    assert "Secure" not in cookie
