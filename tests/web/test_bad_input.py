"""Oversized bodies and out-of-range numbers: refused quickly, never a server error."""

import time

import pytest

from quiz.extensions import db
from quiz.models import Klass
from tests import factories
from tests import factories_pupils as pf

TOO_BIG = 3 * 1024 * 1024  # the limit (MAX_CONTENT_LENGTH) is 2 MB


@pytest.fixture
def pupil_auth(app):
    klass = factories.klass()
    _pupil, token = pf.pupil(klass)
    return {"Authorization": f"Bearer {token}"}


def _timed(call):
    start = time.perf_counter()
    response = call()
    return response, time.perf_counter() - start


def test_oversized_form_is_refused_with_413_in_the_users_language_quickly(client):
    body = {"email": "x" * TOO_BIG, "password": "y"}
    response, seconds = _timed(lambda: client.post("/ru/auth/login", data=body))
    assert response.status_code == 413
    assert "Слишком много данных" in response.get_data(as_text=True)
    assert seconds < 1.0


def test_oversized_json_answer_is_refused_with_json_413_quickly(client, pupil_auth):
    body = '{"response": "' + "x" * TOO_BIG + '"}'
    response, seconds = _timed(
        lambda: client.put(
            "/api/v1/attempts/1/answers/twofa",
            data=body,
            content_type="application/json",
            headers=pupil_auth,
        )
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    assert seconds < 1.0


def test_oversized_join_is_refused_before_anything_is_read(client):
    body = '{"code": "' + "A" * TOO_BIG + '"}'
    response = client.post("/api/v1/join", data=body, content_type="application/json")
    assert response.status_code == 413


@pytest.mark.parametrize(
    "url",
    [
        "/kk/teacher/classes/99999999999999999999",
        "/kk/attempt/99999999999999999999/results",
        "/api/v1/attempts/99999999999999999999/items/twofa",
        "/api/v1/live/2147483648/state",
    ],
)
def test_an_id_too_large_for_the_database_names_nothing(app, client, url):
    factories.login(client, factories.user("teacher"))
    assert client.get(url).status_code in (401, 404)


def test_out_of_range_numbers_in_queries_and_bodies_are_ignored_or_refused(client, pupil_auth):
    assert client.get("/kk/school?region=99999999999999999999999").status_code == 200
    solo = client.post("/api/v1/participants", json={"band": "5-9", "school_id": 10**30})
    assert solo.status_code == 422
    attempt = client.post(
        "/api/v1/attempts",
        json={"quiz_id": "every-kind", "assignment_id": -(2**63)},
        headers=pupil_auth,
    )
    assert attempt.status_code in (404, 422)


def test_nul_characters_are_refused_at_the_door_and_nothing_changes(app, client):
    teacher = factories.user("teacher")
    klass = factories.klass(teacher)
    factories.login(client, teacher)
    edit = client.post(
        f"/ru/teacher/classes/{klass.id}/edit",
        data={"grade": "5", "letter": "\x00", "language": "kk"},
    )
    assert edit.status_code == 400
    assert "Форму не удалось отправить" in edit.get_data(as_text=True)
    assert client.get("/kk/join/A%00B").status_code == 400
    joined = client.post("/api/v1/join", json={"code": "\u0000", "nickname": "a\u0000"})
    assert joined.status_code == 400 and joined.get_json()["error"]["code"] == "invalid"
    db.session.expire_all()
    assert db.session.get(Klass, klass.id).letter == "А"


def test_superscript_digits_are_refused_not_a_server_error(client):
    """'²' passes str.isdigit() but not int(): found by the 1,000-input fuzz run."""
    from quiz.errors import Invalid
    from quiz.pupil.forms import read_response
    from quiz.services.report import sort_key

    item = {"kind": "ordering", "options": [{"id": "a"}, {"id": "b"}]}
    try:
        read_response(item, {"pos-a": "²", "pos-b": "1"})
    except Invalid:
        pass
    else:
        raise AssertionError("a superscript position was accepted")
    assert sort_key("Школа №²") and sort_key("Школа № 12") > sort_key("Школа № 2")
