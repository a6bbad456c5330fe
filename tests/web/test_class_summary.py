"""The class's results by quiz across its runs: a pupil who took part twice counts once.

Бота answers wrong in the live class hour and right in the assignment after it; Ерлан takes
part once; then two paper sessions of the same quiz (8 pupils, later 10). The class's summary
takes each pupil's latest answers and the latest paper session: 2 + 10 participants, not 3 + 18.
"""

import re

import pytest

from quiz.services import class_summary
from quiz.services.content import bank
from tests import factories
from tests import factories_teachers as ft

QUIZ = "every-kind"


def _paper(client, klass, held_on, refuse, give):
    data = {"pupils": refuse + give, "held_on": held_on, "c-share-password-refuse": refuse,
            "c-share-password-give": give}  # fmt: skip
    response = client.post(f"/kk/teacher/classes/{klass.id}/paper/{QUIZ}/tally", data=data)
    assert response.status_code == 302


@pytest.fixture
def klass(client, teacher):
    klass = factories.klass(teacher, grade=6)
    live = ft.live_session(klass)
    later = ft.assignment(klass)
    bota = factories.participant(klass, nickname="Бота")
    erlan = factories.participant(klass, nickname="Ерлан")
    ft.attempt(bota, klass, {"share-password": "give", "twofa": False}, session_row=live)
    ft.attempt(erlan, klass, {"share-password": "give", "twofa": True}, session_row=live)
    ft.attempt(bota, klass, {"share-password": "refuse", "twofa": True}, assignment_row=later)
    _paper(client, klass, "2025-10-11", refuse=2, give=6)
    _paper(client, klass, "2025-10-12", refuse=7, give=3)
    return klass


def _by_quiz(page: str) -> str:
    return re.search(r'<section id="by-quiz".*?</section>', page, re.S).group(0)


def test_results_page_counts_a_pupil_who_took_part_twice_once(client, klass):
    page = client.get(f"/ru/teacher/classes/{klass.id}/results").get_data(as_text=True)
    section = _by_quiz(page).replace("\n", "")
    cells = re.findall(r"<td>(.*?)</td>", section)
    runs, participants, _average, share = cells[:4]
    assert (runs, participants) == ("4", "12")  # live, assignment, two paper sessions
    # share-password: Бота now right, Ерлан wrong, paper 7 of 10 right: 8 of 12 (67 %);
    # twofa: both pupils right now (Бота's first, wrong answer no longer counts): 2 of 2
    assert share.startswith("71")  # 10 of 14 ticks and answers are right
    # the hardest question, its most common wrong answer (4 pupils) and its misconception
    assert "Друг просит твой пароль" in section
    assert "Скажу, это же мой друг (4)" in section
    assert "Считать, что пароль можно сказать другу" in section
    assert "Ерлан" not in section  # pupils' names are on the quiz's own page


def test_quiz_page_shows_items_and_each_pupils_latest_answers(client, klass):
    url = f"/ru/teacher/classes/{klass.id}/results/quiz/{QUIZ}"
    page = client.get(url).get_data(as_text=True).replace("\n", "")
    assert "Участники</dt><dd>12" in page and "Из них на бумаге</dt><dd>10" in page
    assert "(8 / 12)" in page and "(2 / 2)" in page
    bota = re.search(r"<tr><th scope=\"row\">Бота</th>(.*?)</tr>", page).group(1)
    assert "<td>2</td>" in bota  # took part twice
    assert "Не скажу и объясню почему" in bota  # their latest answer
    assert "Скажу, это же мой друг" not in bota  # not their first, wrong one


def test_the_average_weighs_each_pupil_once_and_the_paper_session_by_its_pupils(app, klass):
    [summary] = class_summary.quiz_summaries(klass, "ru")
    top = bank().quiz(QUIZ).max_score
    # Бота 2 points, Ерлан 1 point (latest attempts), the paper session 7 of 10 right
    expected = (2 / top + 1 / top + 0.7 * 10) / 12
    assert summary["average"] == pytest.approx(expected)
    assert [p["taken"] for p in summary["pupils"]] == [2, 1]
    item = next(i for i in summary["items"] if i["item"].id == "share-password")
    assert item["common_wrong"]["count"] == 4  # Ерлан and 3 paper pupils chose "give"


def test_another_teacher_cannot_open_the_quiz_summary(client, klass):
    factories.login(client, factories.user("teacher"))
    assert client.get(f"/ru/teacher/classes/{klass.id}/results/quiz/{QUIZ}").status_code == 404


def test_a_quiz_the_class_never_ran_has_an_empty_summary(client, teacher):
    klass = factories.klass(teacher, grade=6)
    page = client.get(f"/ru/teacher/classes/{klass.id}/results/quiz/{QUIZ}")
    assert page.status_code == 200
    assert "Участники</dt><dd>0" in page.get_data(as_text=True).replace("\n", "")
    assert client.get(f"/ru/teacher/classes/{klass.id}/results/quiz/no-such").status_code == 404
