"""Teachers see the most common wrong answer's misconception by its kk/ru name, never its tag.

The fixture bank (tests/data/app-bank) names `paper-password-is-safe` in
protect-your-data/misconceptions.toml; the "write" option of `share-password` carries it.
"""

import pytest

from quiz.extensions import db
from tests import factories
from tests import factories_teachers as ft

TAG = "paper-password-is-safe"
KK = "Қағазға жазылған құпиясөз қауіпсіз деп ойлау"
RU = "Считать, что пароль на бумажке в безопасности"


def _run(klass):
    """A live session whose most common wrong answer is "write" (two pupils; one "give")."""
    session = ft.live_session(klass)
    answers = [("Айгерім", "write"), ("Данияр", "write"), ("Ерлан", "give"), ("Нұрлан", "refuse")]
    for nickname, choice in answers:
        pupil = factories.participant(klass, nickname=nickname)
        ft.attempt(pupil, klass, {"share-password": choice, "twofa": True}, session_row=session)
    return session


def _finished_projector(client, klass, projector_lang: str) -> str:
    session = _run(klass)
    session.projector_lang = projector_lang
    db.session.commit()
    for action in ("start", "finish"):
        client.post(f"/ru/teacher/live/{session.id}/{action}")
    return client.get(f"/ru/teacher/live/{session.id}").get_data(as_text=True)


def test_run_results_name_the_misconception_in_the_page_language(client, teacher):
    klass = factories.klass(teacher, grade=6)
    session = _run(klass)
    url = f"/{{}}/teacher/classes/{klass.id}/results/live/{session.id}"
    kk = client.get(url.format("kk")).get_data(as_text=True)
    ru = client.get(url.format("ru")).get_data(as_text=True)
    assert "Қате түсінік" in kk and KK in kk and RU not in kk
    assert "Заблуждение" in ru and RU in ru and KK not in ru
    assert TAG not in kk and TAG not in ru


@pytest.mark.parametrize(
    ("projector_lang", "shown", "hidden"),
    [("kk", [KK], [RU]), ("ru", [RU], [KK]), ("both", [KK, RU], [])],
)
def test_projector_names_the_misconception_in_its_languages(
    client, teacher, projector_lang, shown, hidden
):
    klass = factories.klass(teacher, grade=6)
    page = _finished_projector(client, klass, projector_lang)
    assert "Самый частый неверный ответ" in page
    assert all(name in page for name in shown)
    assert not any(name in page for name in hidden)
    assert TAG not in page


def test_a_tag_without_a_name_shows_nothing_rather_than_the_tag(app):
    from quiz.services import results
    from quiz.services.content import bank

    item = bank().quiz("every-kind").item("share-password")
    rows = [("write", False, 2), ("refuse", True, 1)]
    unnamed = results.item_summary(item, rows, "ru")["common_wrong"]
    assert unnamed["misconceptions"] == [TAG] and unnamed["names"] == []
    named = results.item_summary(item, rows, "ru", bank().quiz("every-kind").misconceptions)
    assert named["common_wrong"]["names"] == [{"kk": KK, "ru": RU}]
