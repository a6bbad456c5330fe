"""The pupils' JSON API: join, solo pupils, quizzes, attempts, items, answers and finish."""

import pytest

from quiz.extensions import db
from quiz.models import Answer
from tests import factories
from tests import factories_pupils as pf

QUIZ = "every-kind"


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def solo(client):
    response = client.post("/api/v1/participants", json={"lang": "kk", "band": "5-9"})
    assert response.status_code == 201
    return response.get_json()["participant_token"]


@pytest.fixture
def attempt(client, solo):
    response = client.post("/api/v1/attempts", json={"quiz_id": QUIZ}, headers=_auth(solo))
    assert response.status_code == 201
    return response.get_json()["attempt_id"], solo


def test_join_by_code_gives_token_nickname_and_open_assignments(client):
    klass = factories.klass()
    assignment = pf.assignment(klass)
    response = client.post(
        "/api/v1/join", json={"code": klass.join_code.lower(), "nickname": "Әлия", "lang": "kk"}
    )
    assert response.status_code == 201
    data = response.get_json()
    assert data["nickname"] == "Әлия" and data["class_id"] == klass.id
    assert data["live_session_id"] is None
    assert [a["id"] for a in data["assignments"]] == [assignment.id]
    assert data["assignments"][0]["title"] == "Барлық тапсырма түрі"
    assert len(data["participant_token"]) > 30


def test_join_without_nickname_generates_one_and_names_the_live_session(client):
    klass = factories.klass()
    live = pf.live_session(klass)
    data = client.post("/api/v1/join", json={"code": klass.join_code, "lang": "ru"}).get_json()
    assert len(data["nickname"].split()) == 3
    assert data["live_session_id"] == live.id


def test_join_with_unknown_code_is_404_in_both_languages(client):
    response = client.post("/api/v1/join", json={"code": "QQQQ7777", "lang": "kk"})
    assert response.status_code == 404
    error = response.get_json()["error"]
    assert error["code"] == "not_found" and set(error["message"]) == {"kk", "ru"}


def test_join_with_taken_or_rude_nickname_is_refused(client):
    klass = factories.klass()
    client.post("/api/v1/join", json={"code": klass.join_code, "nickname": "Әлия", "lang": "kk"})
    taken = client.post(
        "/api/v1/join", json={"code": klass.join_code, "nickname": "ӘЛИЯ", "lang": "kk"}
    )
    assert taken.status_code == 409
    assert taken.get_json()["error"]["code"] == "nickname_taken"
    rude = client.post(
        "/api/v1/join", json={"code": klass.join_code, "nickname": "дурак", "lang": "ru"}
    )
    assert rude.status_code == 422
    assert rude.get_json()["error"]["code"] == "nickname_rejected"


def test_solo_participant_needs_a_known_band_and_language(client):
    assert (
        client.post("/api/v1/participants", json={"lang": "en", "band": "5-9"}).status_code == 422
    )
    assert client.post("/api/v1/participants", json={"lang": "kk", "band": "7"}).status_code == 422
    bad_school = client.post(
        "/api/v1/participants", json={"lang": "kk", "band": "5-9", "school_id": 999}
    )
    assert bad_school.status_code == 422


def test_quizzes_are_listed_by_theme_and_band(client):
    data = client.get("/api/v1/quizzes?theme=protect-your-data&band=5-9&lang=ru").get_json()
    assert data["quizzes"] == [
        {
            "id": QUIZ,
            "theme": "protect-your-data",
            "band": "5-9",
            "title": "Все виды заданий",
            "items": 12,
        }
    ]
    assert client.get("/api/v1/quizzes?band=1-4").get_json()["quizzes"] == []
    assert client.get("/api/v1/quizzes?theme=nope").status_code == 404


def test_attempt_needs_a_token(client):
    response = client.post("/api/v1/attempts", json={"quiz_id": QUIZ})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_same_pupil_and_quiz_get_the_open_attempt_back(client, attempt):
    attempt_id, token = attempt
    again = client.post("/api/v1/attempts", json={"quiz_id": QUIZ}, headers=_auth(token))
    assert again.status_code == 200
    data = again.get_json()
    assert data["attempt_id"] == attempt_id and len(data["item_ids"]) == 12


def test_item_is_served_without_its_key(client, attempt):
    attempt_id, token = attempt
    url = f"/api/v1/attempts/{attempt_id}/items/share-password?lang=ru"
    data = client.get(url, headers=_auth(token)).get_json()
    assert data["item"]["kind"] == "single" and data["result"] is None
    text = str(data)
    assert "correct" not in text and "misconception" not in text
    assert "Пароль – только твой" not in text  # the explanation comes after answering


def test_answer_then_same_answer_again_then_a_different_one(client, attempt):
    attempt_id, token = attempt
    url = f"/api/v1/attempts/{attempt_id}/answers/share-password"
    first = client.put(
        url, json={"response": "give", "client_answer_id": "a1"}, headers=_auth(token)
    )
    assert first.status_code == 200
    body = first.get_json()
    assert body["correct"] is False and body["correct_response"] == "refuse"
    assert (body["attempt_id"], body["item_id"]) == (attempt_id, "share-password")  # which one
    assert body["explanation"] and body["max_score"] == 1
    again = client.put(
        url, json={"response": "give", "client_answer_id": "a1"}, headers=_auth(token)
    )
    assert again.status_code == 200 and again.get_json() == body
    other = client.put(url, json={"response": "refuse"}, headers=_auth(token))
    assert other.status_code == 409
    assert other.get_json()["error"]["code"] == "already_answered"
    assert other.get_json()["result"] == body
    assert db.session.query(Answer).count() == 1


def test_malformed_response_is_422_and_stores_nothing(client, attempt):
    attempt_id, token = attempt
    url = f"/api/v1/attempts/{attempt_id}/answers/steps"
    response = client.put(url, json={"response": ["stop"]}, headers=_auth(token))
    assert response.status_code == 422
    assert client.put(url, json={}, headers=_auth(token)).status_code == 422
    assert db.session.query(Answer).count() == 0


def test_another_pupils_token_gets_404_everywhere(client, attempt):
    attempt_id, _ = attempt
    other = client.post("/api/v1/participants", json={"lang": "ru", "band": "5-9"}).get_json()
    headers = _auth(other["participant_token"])
    base = f"/api/v1/attempts/{attempt_id}"
    assert client.get(base + "/items/twofa", headers=headers).status_code == 404
    assert (
        client.put(base + "/answers/twofa", json={"response": True}, headers=headers).status_code
        == 404
    )
    assert client.post(base + "/finish", headers=headers).status_code == 404


def test_answer_after_the_assignment_closed_is_409(client):
    klass = factories.klass()
    assignment = pf.assignment(klass)
    joined = client.post("/api/v1/join", json={"code": klass.join_code, "lang": "kk"}).get_json()
    headers = _auth(joined["participant_token"])
    opened = client.post(
        "/api/v1/attempts", json={"quiz_id": QUIZ, "assignment_id": assignment.id}, headers=headers
    ).get_json()
    assignment.closes_at = assignment.opens_at
    db.session.commit()
    url = f"/api/v1/attempts/{opened['attempt_id']}/answers/twofa"
    response = client.put(url, json={"response": True}, headers=headers)
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "closed"


def test_finish_returns_score_max_and_takeaways(client, attempt):
    attempt_id, token = attempt
    base = f"/api/v1/attempts/{attempt_id}"
    client.put(base + "/answers/twofa", json={"response": True}, headers=_auth(token))
    client.put(base + "/answers/lab", json={"response": {"strong": True}}, headers=_auth(token))
    data = client.post(base + "/finish", headers=_auth(token)).get_json()
    assert (data["score"], data["max_score"]) == (2, 2)
    assert data["takeaways"] == [
        "Құпиясөзіңді ешкімге айтпа.",
        "Күмәнді хабарламаны сенімді ересекке көрсет.",
    ]


def test_scenario_steps_follow_the_path(client, attempt):
    attempt_id, token = attempt
    url = f"/api/v1/attempts/{attempt_id}/items/photo-request?lang=ru&path=refuse"
    data = client.get(url, headers=_auth(token)).get_json()
    assert data["scenario"]["consequence"].startswith("Правильно!")
    assert data["scenario"]["step"]["id"] == "insist"
    bad = client.get(url.replace("path=refuse", "path=tell"), headers=_auth(token))
    assert bad.status_code == 422


def test_openapi_documents_every_pupil_path_and_every_kinds_response(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    for path in (
        "/join",
        "/participants",
        "/quizzes",
        "/attempts",
        "/attempts/{attempt_id}/items/{item_id}",
        "/attempts/{attempt_id}/answers/{item_id}",
        "/attempts/{attempt_id}/finish",
    ):
        assert path in doc["paths"]
    schemas = doc["components"]["schemas"]
    from quiz.bank import KINDS

    names = {kind.replace("_", "") for kind in KINDS}
    responses = {n.removesuffix("Response").lower() for n in schemas if n.endswith("Response")}
    items = {n.removesuffix("Item").lower() for n in schemas if n.endswith("Item")}
    assert names <= responses and names <= items
