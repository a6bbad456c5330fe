"""The pupils' pages as plain HTML forms: join, nickname, solo play, every kind, results."""

import re

import pytest

from quiz.extensions import db
from quiz.models import Answer, Attempt, Participant
from tests import factories
from tests import factories_pupils as pf

QUIZ = "every-kind"

# A plain form post per kind (what a browser without JavaScript sends), and the score.
FORMS = {
    "intro": ({}, 0),
    "share-password": ({"response": "refuse"}, 1),
    "private-data": ({"response": ["address", "phone", "sms-code"]}, 3),
    "twofa": ({"response": "true"}, 1),
    "helpline": ({"response": " 111 "}, 1),
    "steps": ({"pos-stop": "1", "pos-screenshot": "2", "pos-block": "3", "pos-tell": "4"}, 1),
    "terms": ({"match-phishing": "steal", "match-password": "key", "match-footprint": "trace"}, 3),
    "share-or-keep": (
        {"group-hobby": "share", "group-book": "share", "group-pass": "keep", "group-home": "keep"},
        4,
    ),
    "bank-sms": ({"response": ["urgent", "link", "code"]}, 3),
    "opinion": ({"response": "some"}, 0),
    "lab": ({"strong": "true"}, 1),
}


def _start(client, lang="kk"):
    response = client.post(f"/{lang}/start", data={"quiz_id": QUIZ})
    assert response.status_code == 302
    return int(re.search(r"/attempt/(\d+)", response.location).group(1))


def _item_url(lang, attempt_id, item_id):
    return f"/{lang}/attempt/{attempt_id}/item/{item_id}"


@pytest.mark.parametrize("lang, heading", [("kk", "Сыныбыңа қосыл"), ("ru", "Войди в свой класс")])
def test_join_page_asks_for_the_code_in_the_pupils_language(client, lang, heading):
    page = client.get(f"/{lang}/join").get_data(as_text=True)
    assert heading in page and 'name="code"' in page


def test_wrong_code_says_so_and_right_code_asks_for_a_nickname(client):
    klass = factories.klass()
    wrong = client.post("/ru/join", data={"code": "QQQQ7777"})
    assert wrong.status_code == 422
    assert "Класса с таким кодом нет" in wrong.get_data(as_text=True)
    right = client.post("/ru/join", data={"code": klass.join_code.lower()})
    assert right.location.endswith(f"/ru/join/{klass.join_code}")


def test_pupil_takes_the_generated_nickname_and_lands_on_the_assignment(client):
    klass = factories.klass()
    pf.assignment(klass)
    page = client.get(f"/kk/join/{klass.join_code}").get_data(as_text=True)
    suggested = re.search(r'name="suggested" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        f"/kk/join/{klass.join_code}", data={"suggested": suggested, "take": "1"}
    )
    assert response.location.endswith("/kk/class")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("pupil=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Max-Age=5184000" in cookie
    landing = client.get("/kk/class").get_data(as_text=True)
    assert suggested in landing and "Барлық тапсырма түрі" in landing
    assert db.session.query(Participant).one().nickname == suggested


def test_typed_nickname_taken_or_rude_is_refused_with_a_reason(client):
    klass = factories.klass()
    pf.pupil(klass, nickname="Әлия")
    url = f"/ru/join/{klass.join_code}"
    taken = client.post(url, data={"nickname": "әлия", "own": "1"})
    assert taken.status_code == 422
    assert "уже" in taken.get_data(as_text=True)
    rude = client.post(url, data={"nickname": "Дурак", "own": "1"})
    assert "обидеть" in rude.get_data(as_text=True)
    assert db.session.query(Participant).count() == 1


def test_landing_goes_to_the_live_session_page_when_it_exists(client):
    klass = factories.klass()
    live = pf.live_session(klass, state="question", current_index=0)
    client.post(f"/kk/join/{klass.join_code}", data={"nickname": "Дана", "own": "1"})
    moved = client.get("/kk/class")
    assert moved.status_code == 302 and moved.location.endswith(f"/kk/live/{live.id}")


def test_solo_pupil_picks_theme_band_and_quiz(client):
    themes = client.get("/ru/play").get_data(as_text=True)
    assert "Защити свои данные" in themes
    theme = client.get("/ru/play/protect-your-data?band=5-9").get_data(as_text=True)
    assert "Все виды заданий" in theme and "12 вопросов" in theme
    assert "Все виды" not in client.get("/ru/play/protect-your-data?band=1-4").get_data(
        as_text=True
    )


def test_solo_pupil_is_counted_for_the_chosen_school(client):
    school = factories.school()
    region_id = school.district.region_id
    page = client.get(f"/kk/school?region={region_id}&district={school.district_id}")
    assert school.name_kk in page.get_data(as_text=True)
    client.post("/kk/school", data={"school_id": str(school.id)})
    assert db.session.query(Participant).one().school_id == school.id


def test_every_kind_works_as_a_plain_form_and_the_results_add_up(client):
    attempt_id = _start(client)
    for item_id, (form, score) in FORMS.items():
        response = client.post(_item_url("kk", attempt_id, item_id), data=form)
        assert response.status_code == 302, item_id
        page = client.get(_item_url("kk", attempt_id, item_id)).get_data(as_text=True)
        assert 'class="feedback"' in page, item_id
        stored = db.session.query(Answer).filter_by(item_id=item_id).one()
        assert stored.score == score, item_id
    _play_scenario(client, attempt_id)
    client.post(f"/kk/attempt/{attempt_id}/finish")
    results = client.get(f"/kk/attempt/{attempt_id}/results").get_data(as_text=True)
    assert "20 / 20" in results
    assert "Құпиясөзіңді ешкімге айтпа." in results and "111" in results and "102" in results


def _play_scenario(client, attempt_id):
    url = _item_url("kk", attempt_id, "photo-request")
    first = client.post(url, data={"response": "refuse", "path": ""})
    assert first.location.endswith("?path=refuse")
    step = client.get(first.location).get_data(as_text=True)
    assert "Дұрыс! Бірақ ол қайта жазып жатыр" in step and 'value="tell"' in step
    client.post(url, data={"response": "tell", "path": "refuse"})
    assert db.session.query(Answer).filter_by(item_id="photo-request").one().score == 2


def test_wrong_answer_feedback_shows_icon_text_correct_answer_and_why(client):
    attempt_id = _start(client, "ru")
    client.post(_item_url("ru", attempt_id, "share-password"), data={"response": "give"})
    page = client.get(_item_url("ru", attempt_id, "share-password")).get_data(as_text=True)
    assert "✘" in page and "Не совсем." in page
    assert "Не скажу и объясню почему" in page
    assert "Пароль – только твой" in page


def test_question_page_never_contains_the_key(client):
    attempt_id = _start(client, "ru")
    page = client.get(_item_url("ru", attempt_id, "share-password")).get_data(as_text=True)
    assert "Пароль – только твой" not in page and "misconception" not in page
    assert "correct" not in page.lower().replace("csrf", "")


def test_empty_or_bad_answer_is_explained_and_nothing_is_stored(client):
    attempt_id = _start(client, "kk")
    url = _item_url("kk", attempt_id, "steps")
    response = client.post(
        url, data={"pos-stop": "1", "pos-screenshot": "1"}, follow_redirects=True
    )
    assert "әр қадамға" in response.get_data(as_text=True).lower()
    assert db.session.query(Answer).count() == 0


def test_double_submit_stores_one_answer_and_a_change_is_refused(client):
    attempt_id = _start(client, "ru")
    url = _item_url("ru", attempt_id, "twofa")
    client.post(url, data={"response": "false"})
    client.post(url, data={"response": "false"})
    changed = client.post(url, data={"response": "true"}, follow_redirects=True)
    assert "Вы уже ответили на этот вопрос" in changed.get_data(as_text=True)
    assert db.session.query(Answer).one().response is False


def test_reload_continues_the_same_attempt_at_the_next_item(client):
    attempt_id = _start(client)
    client.post(_item_url("kk", attempt_id, "intro"), data={})
    assert _start(client) == attempt_id
    response = client.get(f"/kk/attempt/{attempt_id}")
    assert response.location.endswith("/item/share-password")
    assert db.session.query(Attempt).count() == 1


def test_another_device_cannot_open_the_attempt(client, app):
    attempt_id = _start(client)
    other = app.test_client()
    assert other.get(_item_url("kk", attempt_id, "intro")).status_code == 404
    other.post("/kk/start", data={"quiz_id": QUIZ})
    assert other.get(_item_url("kk", attempt_id, "intro")).status_code == 404


def test_answer_after_the_close_time_is_refused_with_a_clear_message(client):
    klass = factories.klass()
    assignment = pf.assignment(klass)
    client.post(f"/ru/join/{klass.join_code}", data={"nickname": "Дана", "own": "1"})
    start = client.post("/ru/start", data={"quiz_id": QUIZ, "assignment_id": assignment.id})
    attempt_id = int(re.search(r"/attempt/(\d+)", start.location).group(1))
    assignment.closes_at = assignment.opens_at
    db.session.commit()
    page = client.post(
        _item_url("ru", attempt_id, "twofa"), data={"response": "true"}, follow_redirects=True
    )
    assert "ответы больше не принимаются" in page.get_data(as_text=True)
    assert db.session.query(Answer).count() == 0


def test_certificate_prints_the_typed_name_and_stores_it_nowhere(client, app):
    attempt_id = _start(client, "ru")
    client.post(f"/ru/attempt/{attempt_id}/finish")
    url = f"/ru/attempt/{attempt_id}/certificate"
    response = client.post(url, data={"name": "Айгерим Серикова"})
    page = response.get_data(as_text=True)
    assert "Айгерим Серикова" in page and "Защити свои данные" in page
    assert response.headers["Cache-Control"] == "no-store"
    assert "Айгерим" not in client.get(url).get_data(as_text=True)
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()):
            assert "Айгерим" not in str(tuple(row)), table.name


def test_password_lab_form_has_no_field_that_would_send_the_password(client):
    attempt_id = _start(client)
    page = client.get(_item_url("kk", attempt_id, "lab")).get_data(as_text=True)
    typed = re.search(r'<input id="lab-lab"[^>]*>', page).group(0)
    assert "name=" not in typed
    names = set(re.findall(r'name="([^"]+)"', page))
    assert names <= {"csrf_token", "strong", "viewport"}


@pytest.mark.parametrize(
    "lang, title", [("kk", "Қатысу сертификаты"), ("ru", "Сертификат участника")]
)
def test_certificate_pdf_carries_the_typed_name_and_stores_it_nowhere(client, lang, title):
    import io

    from pypdf import PdfReader

    attempt_id = _start(client, lang)
    client.post(f"/{lang}/attempt/{attempt_id}/finish")
    url = f"/{lang}/attempt/{attempt_id}/certificate"
    response = client.post(url, data={"name": "Әлия Нұрланқызы", "format": "pdf"})
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    text = PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    assert "Әлия Нұрланқызы" in text and title in text
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(table.select()):
            assert "Әлия" not in str(tuple(row)), table.name
