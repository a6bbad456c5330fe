"""The live class hour, pupils' side: follow the teacher, answer, see the reveal and the end."""

import pytest

from quiz.models import Answer, Attempt, Participant
from quiz.services import live
from tests import factories
from tests import factories_pupils as fp


@pytest.fixture
def teacher():
    return factories.user("teacher")


@pytest.fixture
def klass(teacher):
    return factories.klass(teacher, grade=6)


@pytest.fixture
def session(klass):
    return fp.live_session(klass)


def _as_pupil(client, klass, nickname="Айгерім", lang="kk"):
    pupil, token = fp.pupil(klass, nickname, lang=lang)
    client.set_cookie("pupil", token, domain="localhost")
    return pupil


def _text(response) -> str:
    return response.get_data(as_text=True)


def _to_item(teacher, session, index):
    """Move the session to the item at `index` (0 = intro, 1 = share-password, 3 = twofa)."""
    live.start(teacher, session.id)
    for _ in range(index):
        live.next_item(teacher, session.id)


def test_device_without_a_pupil_is_sent_to_join_the_class(client, session):
    response = client.get(f"/ru/live/{session.id}")
    assert response.status_code == 302 and response.location.endswith("/ru/join")


def test_pupil_waits_in_the_lobby_and_appears_on_the_projector(client, teacher, klass, session):
    _as_pupil(client, klass)
    page = _text(client.get(f"/kk/live/{session.id}"))
    assert "Мұғалімді күт" in page and "Айгерім" in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert [p["nickname"] for p in live.lobby(session)] == ["Айгерім"]


def test_item_is_shown_in_the_pupils_language_as_a_plain_form(client, teacher, klass, session):
    _as_pupil(client, klass, lang="ru")
    client.get(f"/ru/live/{session.id}")
    _to_item(teacher, session, 1)
    page = _text(client.get(f"/ru/live/{session.id}"))
    assert "Друг просит твой пароль" in page and 'name="response" value="refuse"' in page
    assert 'name="csrf_token"' in page and "http-equiv" not in page  # no refresh over a form
    assert "correct" not in page.split('id="live-area"')[1].split("</main>")[0]


def test_answer_is_received_kept_on_reload_and_stored_once(client, teacher, klass, session):
    pupil = _as_pupil(client, klass)
    _to_item(teacher, session, 1)
    url = f"/kk/live/{session.id}"
    for _ in range(2):  # a double tap
        data = {"item_id": "share-password", "response": "give"}
        response = client.post(url + "/answer", data=data)
        assert response.status_code == 302 and response.location.endswith(url)
    page = _text(client.get(url))
    assert "Жауабың қабылданды" in page and 'name="response"' not in page
    answers = Answer.query.join(Attempt).filter(Attempt.participant_id == pupil.id).all()
    assert [(a.item_id, a.response) for a in answers] == [("share-password", "give")]
    assert Attempt.query.filter_by(live_session_id=session.id).count() == 1


def test_changed_answer_and_empty_answer_are_refused(client, teacher, klass, session):
    _as_pupil(client, klass)
    _to_item(teacher, session, 1)
    url = f"/kk/live/{session.id}/answer"
    empty = client.post(url, data={"item_id": "share-password"}, follow_redirects=True)
    assert "Алдымен жауапты таңда" in _text(empty)
    client.post(url, data={"item_id": "share-password", "response": "give"})
    changed = client.post(
        url, data={"item_id": "share-password", "response": "refuse"}, follow_redirects=True
    )
    assert "Сен бұл сұраққа жауап бердің" in _text(changed)
    assert [a.response for a in Answer.query.all()] == ["give"]


def test_answer_after_the_teacher_moved_on_is_refused(client, teacher, klass, session):
    _as_pupil(client, klass, lang="ru")
    _to_item(teacher, session, 1)
    client.get(f"/ru/live/{session.id}")
    live.reveal(teacher, session.id)
    late = client.post(
        f"/ru/live/{session.id}/answer",
        data={"item_id": "share-password", "response": "refuse"},
        follow_redirects=True,
    )
    assert "учитель уже перешёл дальше" in _text(late) and Answer.query.count() == 0


def test_reveal_says_right_or_wrong_with_icon_text_and_explanation(client, teacher, klass, session):
    _as_pupil(client, klass, lang="ru")
    _to_item(teacher, session, 1)
    client.post(
        f"/ru/live/{session.id}/answer", data={"item_id": "share-password", "response": "give"}
    )
    live.reveal(teacher, session.id)
    page = _text(client.get(f"/ru/live/{session.id}"))
    assert "✘" in page and "Не совсем" in page and "Не скажу и объясню почему" in page
    assert "Пароль – только твой" in page


def test_reveal_without_an_answer_still_shows_the_key(client, teacher, klass, session):
    _as_pupil(client, klass)
    _to_item(teacher, session, 3)
    client.get(f"/kk/live/{session.id}")
    live.reveal(teacher, session.id)
    page = _text(client.get(f"/kk/live/{session.id}"))
    assert "Сен бұл сұраққа жауап бермедің" in page and "Дұрыс жауап:" in page


def test_late_joiner_starts_at_the_current_item(client, teacher, klass, session):
    _to_item(teacher, session, 3)
    _as_pupil(client, klass)
    page = _text(client.get(f"/kk/live/{session.id}"))
    assert "Сұрақ: 4 / 12" in page
    assert 'value="true"' in page and Attempt.query.count() == 1


def test_locked_lobby_refuses_a_new_pupil_but_keeps_those_inside(client, teacher, klass, session):
    _as_pupil(client, klass, "Дана")
    assert client.get(f"/kk/live/{session.id}").status_code == 200
    live.set_locked(teacher, session.id, True)
    assert client.get(f"/kk/live/{session.id}").status_code == 200
    _as_pupil(client, klass, "Ерлан")
    refused = client.get(f"/kk/live/{session.id}")
    assert refused.status_code == 403 and "Мұғалім әзірге кіруді жауып қойды" in _text(refused)
    assert Attempt.query.count() == 1


def test_removed_pupil_sees_a_kind_message(client, teacher, klass, session):
    pupil = _as_pupil(client, klass, lang="ru")
    client.get(f"/ru/live/{session.id}")
    live.remove_pupil(teacher, session.id, pupil.id)
    page = client.get(f"/ru/live/{session.id}")
    assert page.status_code == 403 and "Учитель убрал твой ник" in _text(page)
    answer = client.post(f"/ru/live/{session.id}/answer", data={"item_id": "x"})
    assert answer.status_code == 403


def test_pupil_of_another_class_finds_nothing(client, teacher, klass, session):
    _as_pupil(client, factories.klass(grade=6), "Чужой")
    _to_item(teacher, session, 1)
    assert client.get(f"/kk/live/{session.id}").status_code == 404
    stranger = client.post(
        f"/kk/live/{session.id}/answer", data={"item_id": "share-password", "response": "give"}
    )
    assert stranger.status_code == 404 and Attempt.query.count() == 0
    assert client.get("/kk/live/999999").status_code == 404


def test_finished_session_shows_the_pupils_score_and_help_lines(client, teacher, klass, session):
    _as_pupil(client, klass)
    _to_item(teacher, session, 1)
    client.post(
        f"/kk/live/{session.id}/answer", data={"item_id": "share-password", "response": "refuse"}
    )
    live.next_item(teacher, session.id)
    live.finish(teacher, session.id)
    page = _text(client.get(f"/kk/live/{session.id}"))
    assert "Сынып сағаты аяқталды" in page and "Сенің ұпайың: 1 / 4" in page
    assert "tel:111" in page and "http-equiv" not in page


def test_team_seat_counts_as_several_pupils(client, teacher, klass, session):
    team = _as_pupil(client, klass, "Команда")
    client.get(f"/kk/live/{session.id}")
    factories.login(client, teacher)
    url = f"/ru/teacher/live/{session.id}/pupils/{team.id}"
    client.post(url, data={"nickname": "Команда", "seats": "4"})
    assert "В зале ожидания: 4" in _text(client.get(f"/ru/teacher/live/{session.id}"))
    refused = client.post(url, data={"nickname": "Команда", "seats": "0"}, follow_redirects=True)
    assert "1–40 учеников" in _text(refused) and Participant.query.get(team.id).seats == 4
    live.start(teacher, session.id)
    live.next_item(teacher, session.id)
    client.post(
        f"/ru/live/{session.id}/answer", data={"item_id": "share-password", "response": "refuse"}
    )
    assert "Ответы: <strong>4</strong> / 4" in _text(client.get(f"/ru/teacher/live/{session.id}"))


def test_projector_status_follows_joins_and_answers_with_etag(client, teacher, klass, session):
    factories.login(client, teacher)
    url = f"/kk/teacher/live/{session.id}/status"
    first = client.get(url)
    assert first.get_json()["state"] == "lobby"
    same = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304
    fp.pupil(klass, "Дана")
    pupil = Participant.query.filter_by(nickname="Дана").one()
    from quiz.services import attempts

    attempts.open_attempt(pupil, session.quiz_id, live_session_id=session.id)
    moved = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert moved.status_code == 200 and moved.get_json()["version"] != first.get_json()["version"]


def test_projector_status_is_404_for_another_teacher(client, session):
    factories.login(client, factories.user("teacher"))
    assert client.get(f"/kk/teacher/live/{session.id}/status").status_code == 404


def test_projector_follows_by_script_and_refreshes_only_without_it(client, teacher, session):
    factories.login(client, teacher)
    page = _text(client.get(f"/kk/teacher/live/{session.id}"))
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert "js/live.js" in page and 'id="stage-live"' in page


def test_branching_story_is_played_step_by_step_on_the_pupils_device(
    client, teacher, klass, session
):
    pupil = _as_pupil(client, klass, lang="ru")
    _to_item(teacher, session, 9)  # photo-request, a scenario
    url = f"/ru/live/{session.id}"
    page = _text(client.get(url))
    assert "Пришли своё фото" in page and 'name="path" value=""' in page
    first = client.post(
        url + "/answer", data={"item_id": "photo-request", "path": "", "response": "refuse"}
    )
    assert first.status_code == 302 and first.location.endswith(url + "?path=refuse")
    page = _text(client.get(first.location))
    assert "Правильно! Но он пишет снова" in page and "Пришлёшь – подарю подарок" in page
    assert 'name="path" value="refuse"' in page and Answer.query.count() == 0
    last = client.post(
        url + "/answer", data={"item_id": "photo-request", "path": "refuse", "response": "tell"}
    )
    assert last.status_code == 302 and last.location.endswith(url)
    assert "Ответ принят" in _text(client.get(url))
    answers = Answer.query.join(Attempt).filter(Attempt.participant_id == pupil.id).all()
    assert [(a.item_id, a.response, a.score) for a in answers] == [
        ("photo-request", ["refuse", "tell"], 2)
    ]
    live.reveal(teacher, session.id)
    assert live.distribution(session, "ru")["answered"] == 1


def test_story_path_that_does_not_fit_is_refused_or_started_again(client, teacher, klass, session):
    _as_pupil(client, klass)
    _to_item(teacher, session, 9)
    url = f"/kk/live/{session.id}"
    wrong = client.post(
        url + "/answer", data={"item_id": "photo-request", "path": "tell", "response": "send"}
    )
    assert wrong.location.endswith(url) and Answer.query.count() == 0
    page = _text(client.get(url))
    assert "Бұл жауап сұраққа сай келмейді" in page and 'name="path" value=""' in page
    page = _text(client.get(url + "?path=lost,steps"))  # an old link: the story starts again
    assert "Суретіңді жіберші" in page and 'name="path" value=""' in page


def test_pupils_device_counts_down_the_question_timer(client, teacher, klass):
    session = fp.live_session(klass)
    session.timer_seconds = 30
    _as_pupil(client, klass)
    _to_item(teacher, session, 1)
    page = _text(client.get(f"/kk/live/{session.id}"))
    seconds = int(page.split('role="timer" data-seconds="')[1].split('"')[0])
    assert 25 <= seconds <= 30 and "js/timer.js" in page
    client.post(
        f"/kk/live/{session.id}/answer", data={"item_id": "share-password", "response": "give"}
    )
    assert 'role="timer"' not in _text(client.get(f"/kk/live/{session.id}"))
