"""A form opened at the start of a long class hour (90 minutes) still submits at its end.

The CSRF token's lifetime (WTF_CSRF_TIME_LIMIT, 4 hours) covers it; the signer's clock is
moved forward between opening the page and sending the form.
"""

import re
import time

import pytest
from itsdangerous.timed import TimestampSigner
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import Answer, Klass
from quiz.services import attempts
from tests import factories
from tests import factories_pupils as pf
from tests.web.world import send

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def later(monkeypatch):
    """Move the CSRF signer's clock forward by some minutes: later(90)."""

    def move(minutes: int):
        then = int(time.time()) + minutes * 60
        monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: then)

    return move


def _token(response) -> str:
    assert response.status_code == 200
    return TOKEN.search(response.get_data(as_text=True)).group(1)


def _pupil_on_an_item(app):
    klass = factories.klass()
    pupil, token = pf.pupil(klass)
    attempt, _ = attempts.open_attempt(pupil, "every-kind")
    client = app.test_client()
    client.set_cookie(app.config["PARTICIPANT_COOKIE"], token, domain="localhost")
    return client, f"/kk/attempt/{attempt.id}/item/share-password"


def _answers() -> int:
    return db.session.scalar(select(func.count(Answer.id)))


def test_pupil_answer_form_open_for_90_minutes_still_submits(csrf_app, later):
    client, url = _pupil_on_an_item(csrf_app)
    form_token = _token(send(csrf_app, client, "GET", url))
    later(90)
    response = send(
        csrf_app, client, "POST", url, data={"response": "refuse", "csrf_token": form_token}
    )
    assert response.status_code == 302
    assert _answers() == 1


def test_pupil_answer_form_older_than_the_token_lifetime_is_refused_and_nothing_stored(
    csrf_app, later
):
    client, url = _pupil_on_an_item(csrf_app)
    form_token = _token(send(csrf_app, client, "GET", url))
    later(4 * 60 + 1)
    response = send(
        csrf_app, client, "POST", url, data={"response": "refuse", "csrf_token": form_token}
    )
    assert response.status_code == 400
    assert _answers() == 0


def test_teacher_form_open_for_90_minutes_still_submits(csrf_app, later):
    teacher = factories.user("teacher")
    client = csrf_app.test_client()
    data = {"email": teacher.email, "password": factories.PASSWORD}
    login_token = _token(send(csrf_app, client, "GET", "/kk/auth/login"))
    send(csrf_app, client, "POST", "/kk/auth/login", data=data | {"csrf_token": login_token})
    form_token = _token(send(csrf_app, client, "GET", "/kk/teacher/classes/new"))
    later(90)
    form = {"grade": "7", "letter": "Ә", "language": "kk", "csrf_token": form_token}
    response = send(csrf_app, client, "POST", "/kk/teacher/classes/new", data=form)
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(Klass.id)).where(Klass.letter == "Ә")) == 1
