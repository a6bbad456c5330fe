"""Assignment times are the school's wall clock (Asia/Almaty, UTC+5), stored and compared in UTC.

A teacher types 08:00–18:00; pupils find the assignment closed at 07:59 and open at 08:00 local
time (03:00 UTC) on their pages, through the API and through the answer's fast path.
"""

from datetime import datetime

import pytest
from werkzeug.test import Client

from quiz.api import answer_fast
from quiz.api.answer_fast import AnswerPut
from quiz.extensions import db
from quiz.models import Assignment
from quiz.services import attempts, participants
from tests import factories
from tests import factories_pupils as pf
from tests.web.test_live_poll import layer

QUIZ = "every-kind"
DAY = "2026-03-02"
# 08:00 and 18:00 in Almaty are 03:00 and 13:00 UTC; the clock is UTC, as utcnow() returns
LOCAL_0759, LOCAL_0800 = datetime(2026, 3, 2, 2, 59), datetime(2026, 3, 2, 3, 0)
LOCAL_1759, LOCAL_1800 = datetime(2026, 3, 2, 12, 59), datetime(2026, 3, 2, 13, 0)


@pytest.fixture
def clock(monkeypatch):
    """Set the pupils' clock (UTC, as utcnow returns it): clock(datetime(...))."""

    def set_to(moment: datetime):
        for module in (participants, attempts, answer_fast):
            monkeypatch.setattr(module, "utcnow", lambda: moment)

    return set_to


@pytest.fixture
def assignment(client):
    """An assignment the teacher set through the form for 08:00–18:00 local time."""
    teacher = factories.user("teacher")
    factories.login(client, teacher)
    klass = factories.klass(teacher, grade=6)
    data = {"quiz": QUIZ, "opens_at": f"{DAY}T08:00", "closes_at": f"{DAY}T18:00"}
    response = client.post(f"/kk/teacher/classes/{klass.id}/assignments/new", data=data)
    assert response.status_code == 302
    return Assignment.query.one()


def test_times_typed_in_almaty_are_stored_in_utc_and_shown_as_typed(client, assignment):
    assert (assignment.opens_at, assignment.closes_at) == (LOCAL_0800, LOCAL_1800)
    page = client.get(f"/ru/teacher/assignments/{assignment.id}").get_data(as_text=True)
    assert "08:00" in page and "18:00" in page
    assert "03:00" not in page and "13:00" not in page
    page = client.get(f"/kk/teacher/classes/{assignment.class_id}").get_data(as_text=True)
    assert "08:00" in page and "18:00" in page and "13:00" not in page


def test_pupil_pages_open_the_assignment_at_eight_local_time(client, assignment, clock):
    _, token = pf.pupil(assignment.klass, "Дана")
    client.set_cookie("pupil", token)
    start = {"quiz_id": QUIZ, "assignment_id": assignment.id}
    clock(LOCAL_0759)
    assert 'value="every-kind"' not in client.get("/ru/class").get_data(as_text=True)
    refused = client.post("/ru/start", data=start)
    assert "/ru/class" in refused.headers["Location"]
    clock(LOCAL_0800)
    page = client.get("/ru/class").get_data(as_text=True)
    assert 'value="every-kind"' in page and "18:00" in page  # open until 18:00, local time
    opened = client.post("/ru/start", data=start)
    assert "/ru/attempt/" in opened.headers["Location"]


def test_api_lists_and_opens_the_assignment_from_eight_local_time(client, assignment, clock):
    code = assignment.klass.join_code
    clock(LOCAL_0759)
    early = client.post("/api/v1/join", json={"code": code, "lang": "kk"}).get_json()
    assert early["assignments"] == []
    headers = {"Authorization": f"Bearer {early['participant_token']}"}
    body = {"quiz_id": QUIZ, "assignment_id": assignment.id}
    assert client.post("/api/v1/attempts", json=body, headers=headers).status_code == 409
    clock(LOCAL_0800)
    joined = client.post("/api/v1/join", json={"code": code, "lang": "ru"}).get_json()
    [listed] = joined["assignments"]
    assert listed["closes_at"] == "2026-03-02T13:00:00Z"  # 18:00 in Almaty
    assert client.post("/api/v1/attempts", json=body, headers=headers).status_code == 201


def _put(wsgi, token, attempt_id, item_id, response):
    url = f"/api/v1/attempts/{attempt_id}/answers/{item_id}"
    headers = {"Authorization": f"Bearer {token}"}
    return Client(wsgi, use_cookies=False).put(url, json={"response": response}, headers=headers)


def test_answer_fast_path_takes_answers_from_eight_to_six_local_time(app, assignment, clock, other):
    pupil, token = pf.pupil(assignment.klass, "Ерлан")
    attempt, _ = attempts.open_attempt(pupil, QUIZ, assignment_id=assignment.id, now=LOCAL_0800)
    attempt_id = attempt.id
    db.session.commit()  # nothing more in this session: on SQLite it would hold the lock
    fast_path = layer(other, AnswerPut)
    stored = []
    store = fast_path._store

    def spy(*args):
        found = store(*args)
        stored.append(found is not None)
        return found

    fast_path._store = spy
    clock(LOCAL_0759)
    assert _put(other.wsgi_app, token, attempt_id, "twofa", True).status_code == 409
    assert stored == [False]  # the fast path found it closed; Flask said 409 too
    clock(LOCAL_0800)
    assert _put(other.wsgi_app, token, attempt_id, "twofa", True).status_code == 200
    assert stored == [False, True]  # stored by the fast path
    clock(LOCAL_1759)
    assert _put(other.wsgi_app, token, attempt_id, "share-password", "refuse").status_code == 200
    clock(LOCAL_1800)
    assert _put(other.wsgi_app, token, attempt_id, "private-data", ["phone"]).status_code == 409
    assert stored == [False, True, True, False]


def test_editing_shows_the_local_times_and_stores_the_new_ones_in_utc(client, assignment):
    url = f"/kk/teacher/assignments/{assignment.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert f'value="{DAY}T08:00"' in page and f'value="{DAY}T18:00"' in page
    moved = {"opens_at": f"{DAY}T08:00", "closes_at": f"{DAY}T20:30"}
    assert client.post(url, data=moved).status_code == 302
    assert assignment.closes_at == datetime(2026, 3, 2, 15, 30)  # 20:30 in Almaty
    backwards = {"opens_at": f"{DAY}T08:00", "closes_at": f"{DAY}T07:00"}
    refused = client.post(url.replace("/kk/", "/ru/"), data=backwards)
    assert refused.status_code == 422
    assert "Задание должно закрываться после того, как откроется." in refused.get_data(as_text=True)
    assert assignment.closes_at == datetime(2026, 3, 2, 15, 30)


def test_another_teacher_cannot_change_the_times(client, assignment):
    factories.login(client, factories.user("teacher"))
    url = f"/kk/teacher/assignments/{assignment.id}/edit"
    assert client.get(url).status_code == 404
    assert (
        client.post(url, data={"opens_at": f"{DAY}T01:00", "closes_at": f"{DAY}T02:00"}).status_code
        == 404
    )
