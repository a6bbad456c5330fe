"""The projector of a live class hour: what the class reads, in the projector's language;
the teacher managing pupils during the session; the way back to a running session."""

import shutil
from datetime import timedelta

import pytest

from quiz.extensions import db
from quiz.models import LiveSession, Participant
from quiz.models.base import utcnow
from quiz.services.participants import create_participant, hash_token
from tests import factories
from tests import factories_teachers as ft
from tests.conftest import DATA

# The test bank's theme gets a class-hour kit with three questions for the discussion prompt.
KIT = """
theme = "protect-your-data"
goal.kk = "Оқушылар құпиясөзді қорғауды үйренеді."
goal.ru = "Ученики учатся беречь пароль."
plan10.kk = ["10 минут: викторина."]
plan10.ru = ["10 минут: викторина."]
plan45.kk = ["45 минут: викторина мен талқылау."]
plan45.ru = ["45 минут: викторина и обсуждение."]
questions.kk = ["Бірінші сұрақ: құпиясөзді кімге айтуға болады?",
                "Екінші сұрақ: күмәнді хабарлама келсе не істейсің?",
                "Үшінші сұрақ: кімнен көмек сұрайсың?"]
questions.ru = ["Первый вопрос: кому можно сказать пароль?",
                "Второй вопрос: что делать с подозрительным сообщением?",
                "Третий вопрос: у кого ты попросишь помощи?"]
activity.kk = "Плакат жасау."
activity.ru = "Сделать плакат."
posts.kk = ["Пост туралы идея."]
posts.ru = ["Идея для поста."]
"""
QUESTIONS = {
    "kk": [line.split('"')[1] for line in KIT.splitlines() if "сұрақ:" in line],
    "ru": [line.split('"')[1] for line in KIT.splitlines() if "вопрос:" in line],
}


@pytest.fixture
def app_config(app_config, tmp_path):
    """The test bank with a kit for its theme."""
    content = tmp_path / "content"
    shutil.copytree(DATA / "app-bank", content)
    (content / "protect-your-data" / "kit.toml").write_text(KIT, encoding="utf-8")
    return {**app_config, "CONTENT_DIR": str(content)}


def _open(client, klass, projector_lang="both", **extra):
    data = {"quiz": "every-kind", "projector_lang": projector_lang, **extra}
    assert client.post(f"/kk/teacher/classes/{klass.id}/live/new", data=data).status_code == 302
    return LiveSession.query.order_by(LiveSession.id.desc()).first()


def _go_to(client, session, index):
    """Start and move on to the item at `index` (0 is the first)."""
    client.post(f"/kk/teacher/live/{session.id}/start")
    for _ in range(index):
        client.post(f"/kk/teacher/live/{session.id}/next")


def _page(client, session, lang="ru"):
    return client.get(f"/{lang}/teacher/live/{session.id}").get_data(as_text=True)


def _pupil(klass, token, nickname, session=None, responses=None):
    pupil = factories.participant(klass, nickname=nickname, token_hash=hash_token(token))
    if session is not None:
        ft.attempt(pupil, klass, responses or {}, session_row=session)
    return pupil


# --- what the class reads ---------------------------------------------------------------


def test_question_shows_the_answer_options_in_both_languages(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, "both")
    _go_to(client, session, 1)  # share-password: three options
    page = _page(client, session)
    options = page[page.index('class="question') : page.index('class="huge"')]
    for text in ("Айтпаймын және неге екенін түсіндіремін", "Не скажу и объясню почему"):
        assert f"<li>{text}</li>" in options
    assert options.count("<li>") == 6  # three options, in each language


def test_kazakh_only_projector_shows_no_russian_text(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, "kk")
    _go_to(client, session, 1)
    page = _page(client, session, "ru")  # the teacher's own interface is Russian
    assert "Досың ойынға кіру үшін құпиясөзіңді сұрады" in page
    assert "<li>Қағазға жазып беремін</li>" in page
    assert "Друг просит твой пароль" not in page and "Напишу ему на бумажке" not in page


def test_true_false_options_are_named_in_the_projectors_language(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, "ru")
    _go_to(client, session, 3)  # twofa
    page = _page(client, session, "kk")
    options = page[page.index('class="options"') :]
    assert options.index("<li>Верно</li>") < options.index("<li>Неверно</li>")


def test_reveal_bars_follow_the_projector_not_the_teachers_interface(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, "kk")
    _pupil(klass, "t1", "Асан", session, {"share-password": "refuse"})
    _go_to(client, session, 1)
    client.post(f"/ru/teacher/live/{session.id}/reveal")
    page = _page(client, session, "ru")
    bars = page[page.index('class="bars"') : page.index("</ul>", page.index('class="bars"'))]
    assert '<span lang="kk">Айтпаймын және неге екенін түсіндіремін</span>' in bars
    assert '(<span lang="kk">дұрыс</span>)' in bars
    assert "Не скажу" not in bars and "верно" not in bars


def test_reveal_bars_of_both_languages_carry_both_labels(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, "both")
    _go_to(client, session, 3)  # twofa: true/false
    client.post(f"/kk/teacher/live/{session.id}/reveal")
    page = _page(client, session, "kk")
    assert '<span lang="kk">Дұрыс</span> / <span lang="ru">Верно</span>' in page
    assert '<span lang="kk">Қате</span> / <span lang="ru">Неверно</span>' in page


def test_item_without_a_prompt_gets_a_question_of_its_themes_kit(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, "both")
    _go_to(client, session, 2)  # private-data has no discussion of its own
    client.post(f"/kk/teacher/live/{session.id}/reveal")
    page = _page(client, session, "kk")
    shown = {
        lang: [n for n, text in enumerate(QUESTIONS[lang]) if text in page] for lang in QUESTIONS
    }
    assert len(shown["kk"]) == 1 and shown["kk"] == shown["ru"]  # one question, both languages
    assert page.count('class="discuss"') == 2
    assert _page(client, session, "ru").count(QUESTIONS["ru"][shown["ru"][0]]) == 1  # the same


def test_item_with_its_own_prompt_keeps_it(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, "ru")
    _go_to(client, session, 1)  # share-password has its own discussion
    client.post(f"/kk/teacher/live/{session.id}/reveal")
    page = _page(client, session, "kk")
    assert "Как отказать другу, не обидев его?" in page
    assert not any(text in page for text in QUESTIONS["ru"] + QUESTIONS["kk"])
    assert "<strong>Обсудите:</strong> Как отказать другу" in page  # the projector's word


def test_end_shows_each_items_share_correct(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, "ru")
    both_right = {"share-password": "refuse", "twofa": True}
    _pupil(klass, "t1", "Асан", session, both_right)
    _pupil(klass, "t2", "Бота", session, {"share-password": "give", "twofa": True})
    _go_to(client, session, 0)
    client.post(f"/kk/teacher/live/{session.id}/finish")
    page = _page(client, session, "ru")
    table = page[page.index('class="item-shares"') : page.index("</table>")]
    rows = table.split("<tr>")[2:]
    password = next(r for r in rows if "Друг просит твой пароль" in r)
    twofa = next(r for r in rows if "Двухфакторная аутентификация" in r)
    assert "50" in password and "(1 / 2)" in password
    assert "100" in twofa and "(2 / 2)" in twofa
    assert "Пароль – твой цифровой ключ" not in table  # an info card has nothing to score
    assert "Самый трудный вопрос" in page


# --- the teacher manages pupils during the session ----------------------------------------


def test_teacher_removes_a_late_joiner_after_the_start(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    _pupil(klass, "t1", "Асан", session)
    _go_to(client, session, 1)
    late = _pupil(klass, "late", "Жаман сөз", session)  # joined after the start
    page = _page(client, session)
    assert f'/pupils/{late.id}"' in page  # the form is there during a question
    client.post(f"/kk/teacher/live/{session.id}/pupils/{late.id}", data={"remove": "1"})
    state = client.get(f"/api/v1/live/{session.id}/state", headers={"Authorization": "Bearer late"})
    assert state.status_code == 404
    assert "Жаман сөз" not in _page(client, session)


def test_teacher_renames_a_pupil_and_makes_a_team_seat_during_a_question(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    pupil = _pupil(klass, "t1", "Асан", session)
    _go_to(client, session, 1)
    data = {"nickname": "  Жұлдыз  ", "seats": "4"}
    client.post(f"/kk/teacher/live/{session.id}/pupils/{pupil.id}", data=data)
    db.session.refresh(pupil)
    assert (pupil.nickname, pupil.seats) == ("Жұлдыз", 4)
    assert "Ответы: <strong>0</strong> / 4" in _page(client, session)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("kk", "Бұл лақап ат сыныптағы басқа оқушыда бар. Ештеңе өзгертілмеді."),
        ("ru", "Этот никнейм уже есть у другого ученика класса. Ничего не изменено."),
    ],
)
def test_renaming_to_a_nickname_taken_in_the_class_changes_nothing(client, teacher, lang, message):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    create_participant("Алена", "ru", "5-9", class_id=klass.id, school_id=klass.school_id)
    pupil = _pupil(klass, "t1", "Асан", session)
    _go_to(client, session, 1)
    # "Алёна" is "Алена" to the class: the same key as when pupils join
    url = f"/{lang}/teacher/live/{session.id}/pupils/{pupil.id}"
    response = client.post(url, data={"nickname": "Алёна", "seats": "3"}, follow_redirects=True)
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    pupil = db.session.get(Participant, pupil.id)
    assert (pupil.nickname, pupil.seats) == ("Асан", 1)


def test_removed_pupil_is_not_on_the_podium(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass, podium="1")
    rude = _pupil(klass, "t1", "Дөрекі", session, {"twofa": True})
    _pupil(klass, "t2", "Бота", session, {"twofa": False})
    _go_to(client, session, 0)
    client.post(f"/kk/teacher/live/{session.id}/finish")
    client.post(f"/kk/teacher/live/{session.id}/pupils/{rude.id}", data={"remove": "1"})
    page = _page(client, session)
    podium = page[page.index('class="podium"') :]
    assert "Бота" in podium and "Дөрекі" not in podium
    assert "Участники: 2" in page  # their answers still count


# --- the way back to a running session -----------------------------------------------------


def test_class_page_and_home_lead_back_to_a_running_session(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _open(client, klass)
    _go_to(client, session, 1)
    link = f'href="/kk/teacher/live/{session.id}"'
    assert link in client.get(f"/kk/teacher/classes/{klass.id}").get_data(as_text=True)
    home = client.get("/kk/teacher/").get_data(as_text=True)
    assert link in home and "Проекторға оралу" in home


def test_finished_or_old_sessions_are_not_offered(client, teacher):
    klass = factories.klass(teacher, grade=6)
    finished = _open(client, klass)
    client.post(f"/kk/teacher/live/{finished.id}/finish")
    forgotten = _open(client, klass)
    forgotten.created_at = utcnow() - timedelta(days=2)
    db.session.commit()
    other = ft.live_session(factories.klass(grade=6), created_at=utcnow())  # another teacher's
    home = client.get("/kk/teacher/").get_data(as_text=True)
    page = client.get(f"/kk/teacher/classes/{klass.id}").get_data(as_text=True)
    for session in (finished, forgotten, other):
        assert f'/teacher/live/{session.id}"' not in home + page
    assert "Проекторға оралу" not in home + page
