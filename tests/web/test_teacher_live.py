"""The live class hour, teacher's side, and the state pupils' devices poll."""

import re

from quiz.models import LiveSession
from quiz.services.participants import hash_token
from tests import factories
from tests import factories_teachers as ft


def _pupil(klass, token="tok-1", nickname="Айгерім"):
    pupil = factories.participant(klass, nickname=nickname, token_hash=hash_token(token))
    return pupil


def _open(client, klass, **extra):
    data = {"quiz": "every-kind", "projector_lang": "both", **extra}
    response = client.post(f"/kk/teacher/classes/{klass.id}/live/new", data=data)
    assert response.status_code == 302
    return LiveSession.query.order_by(LiveSession.id.desc()).first()


def test_podium_and_speed_bonus_are_off_unless_turned_on(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    assert (session.podium, session.speed_bonus, session.state) == (False, False, "lobby")


def test_projector_lobby_shows_join_code_qr_and_nicknames(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    pupil = _pupil(klass)
    ft.attempt(pupil, klass, {}, session_row=session)
    page = client.get(f"/ru/teacher/live/{session.id}").get_data(as_text=True)
    assert klass.join_code in page and "Айгерім" in page and "qr.svg" in page


def test_every_step_bumps_the_version_and_the_pupils_state_follows(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    _pupil(klass)
    headers = {"Authorization": "Bearer tok-1"}
    first = client.get(f"/api/v1/live/{session.id}/state", headers=headers)
    assert first.get_json()["state"] == "lobby"
    etag = first.headers["ETag"]
    unchanged = client.get(
        f"/api/v1/live/{session.id}/state", headers={**headers, "If-None-Match": etag}
    )
    assert unchanged.status_code == 304 and unchanged.get_data() == b""
    client.post(f"/kk/teacher/live/{session.id}/start")
    moved = client.get(
        f"/api/v1/live/{session.id}/state", headers={**headers, "If-None-Match": etag}
    )
    state = moved.get_json()
    assert moved.status_code == 200 and state["state"] == "question"
    assert state["item_id"] == "intro" and state["version"] > first.get_json()["version"]
    client.post(f"/kk/teacher/live/{session.id}/reveal")
    client.post(f"/kk/teacher/live/{session.id}/next")
    state = client.get(f"/api/v1/live/{session.id}/state", headers=headers).get_json()
    assert (state["state"], state["index"], state["item_id"]) == ("question", 1, "share-password")


def test_reveal_shows_distribution_key_explanation_and_discussion(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    for n, choice in enumerate(["give", "give", "refuse"]):
        pupil = _pupil(klass, f"t{n}", f"Оқушы {n}")
        ft.attempt(pupil, klass, {"share-password": choice}, session_row=session)
    for action in ("start", "reveal", "next"):
        client.post(f"/ru/teacher/live/{session.id}/{action}")
    page = client.get(f"/ru/teacher/live/{session.id}").get_data(as_text=True)
    assert "Ответы: <strong>3</strong>" in page
    client.post(f"/ru/teacher/live/{session.id}/reveal")
    page = client.get(f"/ru/teacher/live/{session.id}").get_data(as_text=True)
    assert "2 · 67" in page and "Как отказать другу" in page
    assert '(<span lang="kk">дұрыс</span> / <span lang="ru">верно</span>)' in page  # "both"


def test_finished_session_names_the_hardest_item_without_a_podium(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    pupil = _pupil(klass)
    ft.attempt(pupil, klass, {"share-password": "give", "twofa": True}, session_row=session)
    client.post(f"/ru/teacher/live/{session.id}/start")
    client.post(f"/ru/teacher/live/{session.id}/finish")
    page = client.get(f"/ru/teacher/live/{session.id}").get_data(as_text=True)
    assert "Самый трудный вопрос" in page and "shares-password-with-friend" not in page
    assert "Пьедестал" not in page


def test_state_is_404_for_a_pupil_of_another_class_or_no_token(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    _pupil(factories.klass(grade=6), "stranger")
    url = f"/api/v1/live/{session.id}/state"
    assert client.get(url, headers={"Authorization": "Bearer stranger"}).status_code == 404
    assert client.get(url).status_code == 404


def test_teacher_cannot_open_or_drive_another_teachers_session(client, teacher):
    session = ft.live_session(factories.klass(grade=6))
    assert client.get(f"/kk/teacher/live/{session.id}").status_code == 404
    for action in ("start", "reveal", "next", "finish", "lock"):
        assert client.post(f"/kk/teacher/live/{session.id}/{action}").status_code == 404
    assert LiveSession.query.get(session.id).version == 1


def test_removed_pupil_can_no_longer_follow(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    pupil = _pupil(klass)
    client.post(f"/kk/teacher/live/{session.id}/pupils/{pupil.id}", data={"remove": "1"})
    url = f"/api/v1/live/{session.id}/state"
    assert client.get(url, headers={"Authorization": "Bearer tok-1"}).status_code == 404


def test_openapi_documents_the_live_state(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/live/{session_id}/state" in spec["paths"]
    assert "LiveState" in spec["components"]["schemas"]


def test_projector_counts_down_the_timer_the_teacher_set(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, timer="30")
    client.post(f"/ru/teacher/live/{session.id}/start")
    page = client.get(f"/ru/teacher/live/{session.id}").get_data(as_text=True)
    seconds = int(re.search(r'class="huge timer" role="timer" data-seconds="(\d+)"', page).group(1))
    assert "Осталось времени" in page and 25 <= seconds <= 30
    assert "js/timer.js" in page


def _race(client, teacher, speed_bonus: bool):
    """Two pupils both right; Бота answered first. Return the podium's nicknames in order."""
    from datetime import datetime

    from quiz.extensions import db
    from quiz.models import Answer

    klass = factories.klass(teacher, grade=6)
    extra = {"podium": "1", **({"speed_bonus": "1"} if speed_bonus else {})}
    session = _open(client, klass, **extra)
    for token, nick, minute in (("t-a", "Айгерім", 5), ("t-b", "Бота", 1)):
        row = ft.attempt(_pupil(klass, token, nick), klass, {"twofa": True}, session_row=session)
        answer = Answer.query.filter_by(attempt_id=row.id).one()
        answer.answered_at = datetime(2025, 10, 10, 9, minute)
    db.session.commit()
    client.post(f"/ru/teacher/live/{session.id}/start")
    client.post(f"/ru/teacher/live/{session.id}/finish")
    page = client.get(f"/ru/teacher/live/{session.id}").get_data(as_text=True)
    podium = page[page.index('class="podium"') :]
    return re.findall(r"<li>(\w+) · (\d+)", podium), page


def test_podium_ranks_by_score_without_a_speed_bonus(client, teacher):
    places, page = _race(client, teacher, speed_bonus=False)
    assert places == [("Айгерім", "1"), ("Бота", "1")]
    assert "бонус за скорость" not in page


def test_speed_bonus_puts_the_first_correct_answer_ahead(client, teacher):
    places, page = _race(client, teacher, speed_bonus=True)
    assert places == [("Бота", "4"), ("Айгерім", "3")]
    assert "бонус за скорость +3" in page
