"""The item load's fast path answers exactly as the Flask view behind it would."""

import random

from werkzeug.test import Client

from quiz.api.item_fast import ItemGet
from quiz.services.content import bank
from tests.web.test_answer_fast import QUIZ, _pupils, _put
from tests.web.test_live_poll import layer
from tests.web.test_score_integrity import RANDOM

IGNORED = {"Date", "Server", "Content-Length", "X-Queries"}


def _get(wsgi, token, attempt_id, item_id, query="", accept=""):
    headers = {"Authorization": f"Bearer {token}"}
    if accept:
        headers["Accept-Encoding"] = accept
    url = f"/api/v1/attempts/{attempt_id}/items/{item_id}" + query
    return Client(wsgi, use_cookies=False).get(url, headers=headers)


def _same(fast, slow):
    assert fast.status_code == slow.status_code
    assert fast.get_data() == slow.get_data()
    names = {k for k, _ in fast.headers} | {k for k, _ in slow.headers}
    for name in names - IGNORED:
        assert fast.headers.get(name) == slow.headers.get(name), name


def test_every_item_before_and_after_its_answer_is_the_same_on_both_paths(app, other):
    [(token, attempt_id)] = _pupils(1)
    flask_only = layer(other, ItemGet).wsgi_app
    rng = random.Random(3)
    for item in bank().quiz(QUIZ).items:
        for query, accept in (("", ""), ("?lang=ru", "gzip")):
            fast = _get(other.wsgi_app, token, attempt_id, item.id, query, accept)
            slow = _get(flask_only, token, attempt_id, item.id, query, accept)
            _same(fast, slow)
            assert fast.status_code == 200 and fast.headers["X-Queries"] == "1"
        if item.kind in RANDOM:
            body = {"response": RANDOM[item.kind](item, rng)}
            assert _put(other.wsgi_app, token, attempt_id, item.id, body).status_code == 200
            fast = _get(other.wsgi_app, token, attempt_id, item.id)
            _same(fast, _get(flask_only, token, attempt_id, item.id))
            assert fast.get_json()["result"] is not None  # the result once answered


def test_strangers_unknown_items_and_story_paths_go_to_flask(app, other):
    (token, attempt_id), (stranger, _) = _pupils(2)
    flask_only = layer(other, ItemGet).wsgi_app
    cases = [
        (stranger, attempt_id, "twofa", ""),
        ("no-such-token", attempt_id, "twofa", ""),
        (token, attempt_id, "no-such-item", ""),
        (token, attempt_id + 99, "twofa", ""),
        (token, attempt_id, "twofa", "?lang=xx"),
    ]
    for who, attempt, item_id, query in cases:
        fast = _get(other.wsgi_app, who, attempt, item_id, query)
        slow = _get(flask_only, who, attempt, item_id, query)
        assert fast.status_code == slow.status_code != 200
        assert fast.get_json() == slow.get_json()
