"""Results of a class per run and per item, the learning gain, exports and paper mode."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from quiz.extensions import db
from quiz.models import PaperTally
from tests import factories
from tests import factories_teachers as ft


@pytest.fixture
def class_hour(teacher):
    """A live session: two pupils give the wrong 'give' answer, one is right; a team of 3."""
    klass = factories.klass(teacher, grade=6)
    session = ft.live_session(klass)
    answers = [("Айгерім", "give"), ("Данияр", "give"), ("=cmd()", "refuse")]
    for nickname, choice in answers:
        pupil = factories.participant(klass, nickname=nickname)
        ft.attempt(pupil, klass, {"share-password": choice, "twofa": True}, session_row=session)
    team = factories.participant(klass, nickname="Команда")
    team.seats = 3
    db.session.commit()
    ft.attempt(team, klass, {"share-password": "write", "twofa": False}, session_row=session)
    return klass, session


def test_run_page_shows_share_correct_distribution_and_misconception(client, class_hour):
    klass, session = class_hour
    page = client.get(f"/ru/teacher/classes/{klass.id}/results/live/{session.id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    # 6 seats: the team counts as three pupils; one of six chose the right answer
    assert "Участники</dt><dd>6" in text.replace("\n", "")
    # "write" (a team of 3 seats) beats "give" (2 pupils): its misconception is named
    assert "Считать, что пароль на бумажке в безопасности" in text
    assert "paper-password-is-safe" not in text
    assert "Айгерім" in text and "команда из 3" in text.lower()


def test_most_common_wrong_answer_weighs_team_seats(app, class_hour):
    from quiz.services import results

    klass, session = class_hour
    data = results.run_results(klass, "live", session.id, "ru")
    item = next(i for i in data["items"] if i["item"].id == "share-password")
    assert item["common_wrong"]["misconceptions"] == ["paper-password-is-safe"]
    assert item["common_wrong"]["count"] == 3
    assert round(item["share"], 3) == round(1 / 6, 3)
    counts = {bar["key"]: bar["count"] for bar in item["distribution"]}
    assert counts == {"give": 2, "refuse": 1, "write": 3}


def test_learning_gain_compares_the_first_and_last_run(client, teacher):
    klass = factories.klass(teacher, grade=6)
    before = ft.assignment(klass, opens_at=datetime(2025, 10, 9, 8))
    after = ft.live_session(klass, created_at=datetime(2025, 10, 16, 8))
    pupil = factories.participant(klass)
    ft.attempt(pupil, klass, {"share-password": "give", "twofa": True}, assignment_row=before)
    ft.attempt(pupil, klass, {"share-password": "refuse", "twofa": True}, session_row=after)
    page = client.get(f"/kk/teacher/classes/{klass.id}/results").get_data(as_text=True)
    assert "▲ +50" in page


def test_csv_export_is_excel_friendly_and_formula_safe(client, class_hour):
    klass, _ = class_hour
    response = client.get(f"/ru/teacher/classes/{klass.id}/results.csv")
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][3] == "Никнейм"
    # the pupil's rows (one per answered item): the nickname is escaped, never a formula
    nicknames = [row[3] for row in rows[1:] if "cmd()" in row[3]]
    assert len(nicknames) == 2
    assert all(cell == "'=cmd()" for cell in nicknames)


def test_xlsx_export_in_kazakh(client, class_hour):
    klass, _ = class_hour
    response = client.get(f"/kk/teacher/classes/{klass.id}/results.xlsx")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][3] == "Лақап ат"
    assert any(row[3] == "Айгерім" for row in values)
    # the pupil called "=cmd()": each of their cells holds that text as a string, not a formula
    cells = [row[3] for row in sheet.iter_rows(min_row=2) if "cmd()" in str(row[3].value)]
    assert len(cells) == 2
    assert all(c.data_type == "s" and c.value == "=cmd()" for c in cells)


def test_paper_sheet_has_the_questions_and_an_answer_key(client, teacher):
    klass = factories.klass(teacher, grade=6)
    page = client.get(f"/ru/teacher/classes/{klass.id}/paper/every-kind/kk").get_data(as_text=True)
    assert "Досың ойынға кіру үшін құпиясөзіңді сұрады" in page
    assert "Айтпаймын және неге екенін түсіндіремін" in page
    assert "Ответы для учителя" in page


def test_paper_tally_counts_in_results_and_participation(client, teacher):
    klass = factories.klass(teacher, grade=6)
    data = {"pupils": 10, "held_on": "2025-10-12", "c-share-password-refuse": 7,
            "c-share-password-give": 3, "c-twofa-true": 10}  # fmt: skip
    response = client.post(f"/kk/teacher/classes/{klass.id}/paper/every-kind/tally", data=data)
    assert response.status_code == 302
    assert PaperTally.query.count() == 3
    page = client.get(f"/ru/teacher/classes/{klass.id}/results").get_data(as_text=True)
    assert "<td>10</td>" in page and "85" in page  # 17 of 20 ticks are right


def test_paper_tally_with_more_answers_than_pupils_is_refused(client, teacher):
    klass = factories.klass(teacher, grade=6)
    data = {"pupils": 5, "held_on": "2025-10-12", "c-share-password-refuse": 4,
            "c-share-password-give": 3}  # fmt: skip
    response = client.post(f"/ru/teacher/classes/{klass.id}/paper/every-kind/tally", data=data)
    assert response.status_code == 422
    assert PaperTally.query.count() == 0
