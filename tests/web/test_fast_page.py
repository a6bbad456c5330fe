"""The question page's fast path serves what the Flask view would, and its form posts."""

import gzip
import re

import pytest
from werkzeug.test import Client

from quiz.models import Answer
from quiz.pupil.fast_page import QuestionPage
from tests import factories
from tests import factories_pupils as fp
from tests.web.test_live_poll import layer

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
IGNORED = {"Date", "Server", "Content-Length", "X-Queries"}


@pytest.fixture
def pupil(app, client):
    """A pupil who started the fixture quiz through the site (a session with a CSRF token)."""
    klass = factories.klass(factories.user("teacher"), grade=6)
    _row, token = fp.pupil(klass, "Айгерім")
    client.set_cookie("pupil", token, domain="localhost")
    client.get("/kk/play/protect-your-data?band=5-9")  # a form: the session gets a CSRF token
    start = client.post("/kk/start", data={"quiz_id": fp.QUIZ})
    attempt_id = int(re.search(r"/attempt/(\d+)", start.location).group(1))
    return {"token": token, "attempt_id": attempt_id, "session": client.get_cookie("session").value}


def _get(wsgi, path, pupil, gzip_ok=True):
    cookie = f"pupil={pupil['token']}; session={pupil['session']}"
    headers = {"Cookie": cookie, "Accept-Encoding": "gzip" if gzip_ok else "identity"}
    return Client(wsgi, use_cookies=False).get(path, headers=headers)


def _html(response) -> str:
    data = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return TOKEN.sub('name="csrf_token" value="T"', data.decode())


def test_every_kind_of_item_is_the_same_page_on_both_paths(app, pupil):
    quiz = app.extensions["bank"].quiz(fp.QUIZ)
    for lang in ("kk", "ru"):
        for item in quiz.items:
            path = f"/{lang}/attempt/{pupil['attempt_id']}/item/{item.id}"
            fast = _get(app.wsgi_app, path, pupil)
            slow = _get(layer(app, QuestionPage).wsgi_app, path, pupil)
            assert fast.status_code == slow.status_code == 200, path
            assert fast.headers.get("X-Queries") in (None, "1")
            assert _html(fast) == _html(slow), path
            for name in {k for k, _ in fast.headers} | {k for k, _ in slow.headers}:
                if name not in IGNORED:
                    assert fast.headers.get(name) == slow.headers.get(name), (path, name)
    assert len(layer(app, QuestionPage).pages) == 2 * len(
        quiz.items
    )  # every page came from the cache
    plain = _get(app.wsgi_app, path, pupil, gzip_ok=False)
    assert "Content-Encoding" not in plain.headers and "<form" in plain.get_data(as_text=True)


def test_the_fast_pages_form_posts_and_the_answered_item_goes_to_flask(app, client, pupil):
    path = f"/ru/attempt/{pupil['attempt_id']}/item/share-password"
    page = _get(app.wsgi_app, path, pupil)
    assert (
        page.status_code == 200
        and ("ru", fp.QUIZ, "share-password") in layer(app, QuestionPage).pages
    )
    token = TOKEN.search(gzip.decompress(page.get_data()).decode()).group(1)
    app.config["WTF_CSRF_ENABLED"] = True  # the token the fast path made is checked by Flask
    try:
        answered = client.post(path, data={"csrf_token": token, "response": "refuse"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert answered.status_code == 302
    assert [(a.item_id, a.response) for a in Answer.query.all()] == [("share-password", "refuse")]
    feedback = _get(app.wsgi_app, path, pupil)
    assert "Верно" in gzip.decompress(feedback.get_data()).decode()  # Flask's feedback page


def test_strangers_and_odd_requests_get_flasks_answers(app, pupil):
    other_klass = factories.klass(factories.user("teacher"), grade=6, letter="Б")
    _stranger, stranger_token = fp.pupil(other_klass, "Бөтен")
    base = f"/kk/attempt/{pupil['attempt_id']}/item"
    stranger = dict(pupil, token=stranger_token)
    no_session = dict(pupil, session="")
    forged = dict(pupil, session=pupil["session"][:-3] + "abc")
    for path, who in (
        (f"{base}/share-password", stranger),  # another pupil's attempt
        (f"{base}/share-password", no_session),
        (f"{base}/share-password", forged),
        (f"{base}/no-such-item", pupil),
        (f"/kk/attempt/{pupil['attempt_id'] + 99}/item/share-password", pupil),
        ("/kk/attempt/2147483648/item/share-password", pupil),
        (f"{base}/photo-request?path=refuse", pupil),
    ):
        fast = _get(app.wsgi_app, path, who)
        slow = _get(layer(app, QuestionPage).wsgi_app, path, who)
        assert fast.status_code == slow.status_code, path
        assert _html(fast) == _html(slow), path


def test_the_cached_page_is_rendered_once_per_language_quiz_and_item(app, pupil):
    path = f"/kk/attempt/{pupil['attempt_id']}/item/twofa"
    for _ in range(3):
        assert _get(app.wsgi_app, path, pupil).status_code == 200
    assert [key for key in layer(app, QuestionPage).pages if key[2] == "twofa"] == [
        ("kk", fp.QUIZ, "twofa")
    ]
