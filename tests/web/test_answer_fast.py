"""The answer's fast path stores and answers exactly as the Flask view behind it would.

The requests go to a second app on the test database, with no app context of its own pushed
(as under gunicorn): the `app` fixture's pushed context would send them to Flask.
"""

import random
import threading

from sqlalchemy import create_engine, select
from werkzeug.test import Client

from quiz.api.answer_fast import AnswerPut
from quiz.extensions import db
from quiz.models import Answer, Attempt, RollupTaker
from quiz.services import attempts
from quiz.services.content import bank
from tests import factories
from tests import factories_pupils as pf
from tests.web.test_live_poll import layer
from tests.web.test_score_integrity import RANDOM

QUIZ = "every-kind"
IGNORED = {"Date", "Server"}


def _pupils(n: int, challenge: bool = True) -> list[tuple[str, int]]:
    """n pupils of one class, each with an attempt at the quiz: (token, attempt id)."""
    if challenge:
        factories.challenge()
    klass = factories.klass()
    out = []
    for i in range(n):
        pupil, token = pf.pupil(klass, f"Оқушы {i}")
        attempt, _ = attempts.open_attempt(pupil, QUIZ)
        out.append((token, attempt.id))
    db.session.commit()  # and nothing more in this session: on SQLite it would hold the lock
    return out


def _put(wsgi, token, attempt_id, item_id, body, query=""):
    url = f"/api/v1/attempts/{attempt_id}/answers/{item_id}" + query
    headers = {"Authorization": f"Bearer {token}"}
    return Client(wsgi, use_cookies=False).put(url, json=body, headers=headers)


def _rows(url: str, attempt_id: int) -> list:
    engine = create_engine(url)
    with engine.connect() as conn:
        columns = (Answer.item_id, Answer.response, Answer.score, Answer.max_score, Answer.correct)
        rows = conn.execute(
            select(*columns).where(Answer.attempt_id == attempt_id).order_by(Answer.item_id)
        ).all()
        totals = conn.execute(
            select(Attempt.score, Attempt.max_score).where(Attempt.id == attempt_id)
        ).one()
        takers = conn.execute(select(RollupTaker.participant_id)).scalars().all()
    engine.dispose()
    return [tuple(r) for r in rows], tuple(totals), len(takers)


def test_every_kind_is_stored_and_answered_as_by_the_flask_view(app, app_config, other):
    (fast_token, fast_attempt), (slow_token, slow_attempt) = _pupils(2)
    flask_only = layer(other, AnswerPut).wsgi_app
    rng = random.Random(7)
    for item in bank().quiz(QUIZ).items:
        if item.kind not in RANDOM:
            continue
        body = {"response": RANDOM[item.kind](item, rng), "client_answer_id": item.id}
        for query in ("", "?lang=ru"):
            fast = _put(other.wsgi_app, fast_token, fast_attempt, item.id, body, query)
            slow = _put(flask_only, slow_token, slow_attempt, item.id, body, query)
            assert fast.status_code == slow.status_code == 200, (item.kind, slow.get_json())
            fast_json, slow_json = fast.get_json(), slow.get_json()
            assert fast_json.pop("attempt_id") == fast_attempt
            assert slow_json.pop("attempt_id") == slow_attempt
            assert fast_json == slow_json, item.kind
            names = {k for k, _ in fast.headers} | {k for k, _ in slow.headers}
            for name in names - IGNORED - {"Content-Length", "X-Queries"}:
                assert fast.headers.get(name) == slow.headers.get(name), (item.kind, name)
            if query == "":  # stored by the fast path; the resend is its first result again
                assert int(fast.headers["X-Queries"]) <= 5
    url = app_config["SQLALCHEMY_DATABASE_URI"]
    fast_rows, fast_totals, takers = _rows(url, fast_attempt)
    slow_rows, slow_totals, _ = _rows(url, slow_attempt)
    assert fast_rows == slow_rows and len(fast_rows) >= 10
    assert fast_totals == slow_totals and fast_totals[1] > 0
    assert takers == 2  # both pupils counted once as takers of the challenge


def test_a_different_answer_to_an_answered_item_is_409_with_the_first_result(app, other):
    [(token, attempt_id)] = _pupils(1)
    first = _put(other.wsgi_app, token, attempt_id, "share-password", {"response": "give"})
    assert first.status_code == 200 and first.get_json()["correct"] is False
    again = _put(other.wsgi_app, token, attempt_id, "share-password", {"response": "give"})
    assert again.status_code == 200 and again.get_json() == first.get_json()
    other_answer = {"response": "refuse"}
    changed = _put(other.wsgi_app, token, attempt_id, "share-password", other_answer)
    assert changed.status_code == 409
    assert changed.get_json()["result"] == first.get_json()


def test_refused_unknown_and_closed_go_to_flask_and_store_nothing(app, app_config, other):
    [(token, attempt_id)] = _pupils(1)
    wrong = _put(other.wsgi_app, token, attempt_id, "steps", {"response": ["stop"]})
    assert wrong.status_code == 422 and set(wrong.get_json()["error"]["message"]) == {"kk", "ru"}
    assert (
        _put(other.wsgi_app, "no-such-token", attempt_id, "steps", {"response": []}).status_code
        == 401
    )
    assert (
        _put(other.wsgi_app, token, attempt_id + 99, "twofa", {"response": True}).status_code == 404
    )
    assert (
        _put(other.wsgi_app, token, attempt_id, "no-such-item", {"response": 1}).status_code == 404
    )
    finish = Client(other.wsgi_app).post(
        f"/api/v1/attempts/{attempt_id}/finish", headers={"Authorization": f"Bearer {token}"}
    )
    assert finish.status_code == 200
    closed = _put(other.wsgi_app, token, attempt_id, "twofa", {"response": True})
    assert closed.status_code == 409
    rows, totals, _ = _rows(app_config["SQLALCHEMY_DATABASE_URI"], attempt_id)
    assert rows == [] and totals == (0, 0)


def test_a_live_answer_counts_only_for_the_current_item(app, app_config, other):
    factories.challenge()
    klass = factories.klass()
    session = pf.live_session(klass, state="question", current_index=1)
    pupil, token = pf.pupil(klass, "Асан")
    attempt, _ = attempts.open_attempt(pupil, QUIZ, live_session_id=session.id)
    later = next(i for i in bank().quiz(QUIZ).items[2:] if i.kind in RANDOM)
    response = RANDOM[later.kind](later, random.Random(1))
    attempt_id = attempt.id
    db.session.commit()
    not_now = _put(other.wsgi_app, token, attempt_id, later.id, {"response": response})
    assert not_now.status_code == 409
    rows, _, _ = _rows(app_config["SQLALCHEMY_DATABASE_URI"], attempt_id)
    assert rows == []


RACERS = 20


def test_twenty_simultaneous_identical_answers_store_one_row_and_score_once(app, app_config, other):
    [(token, attempt_id)] = _pupils(1)
    fast_path = layer(other, AnswerPut)
    answered_in_front_of_flask = []
    store = fast_path._store

    def spy(*args):
        found = None
        try:
            found = store(*args)
            return found
        finally:
            answered_in_front_of_flask.append(found is not None)

    fast_path._store = spy
    barrier = threading.Barrier(RACERS)
    statuses, bodies = [], []

    def put():
        body = {"response": ["address", "phone"], "client_answer_id": "same-answer"}
        barrier.wait(timeout=30)  # all twenty are released at the same instant
        response = _put(other.wsgi_app, token, attempt_id, "private-data", body)
        statuses.append(response.status_code)
        bodies.append(response.get_json())

    threads = [threading.Thread(target=put) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [200] * RACERS
    assert all(body == bodies[0] for body in bodies) and bodies[0]["score"] == 2
    assert len(answered_in_front_of_flask) == RACERS and any(answered_in_front_of_flask)
    rows, totals, takers = _rows(app_config["SQLALCHEMY_DATABASE_URI"], attempt_id)
    assert len(rows) == 1 and rows[0][1] == ["address", "phone"]
    assert totals == (2, 3)  # the attempt's score and maximum counted once, not 20 times
    assert takers == 1  # the pupil counted once as a taker of the challenge
    finish = Client(other.wsgi_app).post(
        f"/api/v1/attempts/{attempt_id}/finish", headers={"Authorization": f"Bearer {token}"}
    )
    summary = finish.get_json()
    assert (summary["score"], summary["max_score"], summary["answered"]) == (2, 3, 1)


def test_a_later_answer_records_the_pupils_visit_every_ten_minutes(app, app_config, other):
    from datetime import timedelta

    from quiz.models import Participant
    from quiz.models.base import utcnow

    [(token, attempt_id)] = _pupils(1)
    hour_ago = utcnow() - timedelta(hours=1)
    engine = create_engine(app_config["SQLALCHEMY_DATABASE_URI"])
    with engine.begin() as conn:
        conn.execute(Participant.__table__.update().values(last_seen_at=hour_ago))
    first = _put(other.wsgi_app, token, attempt_id, "share-password", {"response": "give"})
    second = _put(other.wsgi_app, token, attempt_id, "twofa", {"response": True})
    assert first.status_code == second.status_code == 200
    assert int(first.headers["X-Queries"]) <= 5 and int(second.headers["X-Queries"]) <= 5
    with engine.connect() as conn:
        seen = conn.execute(select(Participant.last_seen_at)).scalar()
    engine.dispose()
    assert seen > hour_ago + timedelta(minutes=50)


def test_an_assignment_takes_answers_only_while_it_is_open(app, app_config, other):
    factories.challenge()
    klass = factories.klass()
    open_now = pf.assignment(klass, opens=-1, closes=24)
    closed = pf.assignment(klass, opens=-1, closes=24)
    pupil, token = pf.pupil(klass, "Дана")
    ids = [attempts.open_attempt(pupil, QUIZ, assignment_id=a.id)[0].id for a in (open_now, closed)]
    closed.closes_at = closed.opens_at  # the teacher closed it after the pupil started
    db.session.commit()
    body = {"response": "refuse"}
    assert _put(other.wsgi_app, token, ids[0], "share-password", body).status_code == 200
    assert _put(other.wsgi_app, token, ids[1], "share-password", body).status_code == 409
    url = app_config["SQLALCHEMY_DATABASE_URI"]
    assert len(_rows(url, ids[0])[0]) == 1 and _rows(url, ids[1])[0] == []
