"""Classes, join codes, QR codes, join cards and assignments, and who may see them."""

import pytest

from quiz.models import Assignment, Klass
from tests import factories
from tests import factories_teachers as ft


def test_teacher_creates_a_class_with_a_join_code(client, teacher):
    response = client.post(
        "/kk/teacher/classes/new", data={"grade": 5, "letter": " ә ", "language": "kk"}
    )
    assert response.status_code == 302
    klass = Klass.query.one()
    assert (klass.grade, klass.letter, klass.teacher_id) == (5, "Ә", teacher.id)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert klass.join_code in page and "5 «Ә»" in page


@pytest.mark.parametrize("grade", [0, 12])
def test_grade_outside_1_to_11_is_refused(client, teacher, grade):
    response = client.post(
        "/kk/teacher/classes/new", data={"grade": grade, "letter": "А", "language": "kk"}
    )
    assert response.status_code == 422
    assert Klass.query.count() == 0


def test_teacher_edits_and_deletes_their_class(client, teacher):
    klass = factories.klass(teacher)
    client.post(
        f"/kk/teacher/classes/{klass.id}/edit", data={"grade": 6, "letter": "Б", "language": "ru"}
    )
    assert (klass.grade, klass.letter, klass.language) == (6, "Б", "ru")
    assert client.post(f"/kk/teacher/classes/{klass.id}/delete").status_code == 302
    assert Klass.query.count() == 0


def test_a_new_join_code_replaces_the_old_one(client, teacher):
    klass = factories.klass(teacher)
    old = klass.join_code
    client.post(f"/kk/teacher/classes/{klass.id}/code")
    assert klass.join_code != old and len(klass.join_code) == 8


def test_qr_code_is_an_svg_served_by_the_app(client, teacher):
    klass = factories.klass(teacher)
    response = client.get(f"/kk/teacher/classes/{klass.id}/qr.svg")
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).lstrip().startswith("<svg")


def test_join_card_shows_the_code_four_times_for_printing(client, teacher):
    klass = factories.klass(teacher)
    page = client.get(f"/ru/teacher/classes/{klass.id}/card").get_data(as_text=True)
    assert page.count(klass.join_code) >= 4


def test_coordinator_sees_every_class_of_the_school_only(client):
    school = factories.school()
    colleague = factories.user("teacher", school_row=school)
    theirs = factories.klass(colleague, letter="В")
    elsewhere = factories.klass(letter="Г")
    coordinator = factories.user("coordinator", school_row=school)
    factories.login(client, coordinator)
    page = client.get("/kk/teacher/").get_data(as_text=True)
    assert "5 «В»" in page and "5 «Г»" not in page
    assert client.get(f"/kk/teacher/classes/{theirs.id}").status_code == 200
    assert client.get(f"/kk/teacher/classes/{elsewhere.id}").status_code == 404


def test_teacher_sees_only_their_own_classes(client, teacher):
    mine = factories.klass(teacher, letter="А")
    colleague = factories.user("teacher", school_row=teacher.school)
    factories.klass(colleague, letter="Б")
    page = client.get("/kk/teacher/").get_data(as_text=True)
    assert "5 «А»" in page and "5 «Б»" not in page
    assert mine.join_code in page


def test_assignment_lists_quizzes_of_the_class_band_and_is_shared(client, teacher):
    klass = factories.klass(teacher, grade=6)
    page = client.get(f"/ru/teacher/classes/{klass.id}/assignments/new").get_data(as_text=True)
    assert "Все виды заданий" in page
    data = {"quiz": "every-kind", "opens_at": "2025-10-10T08:00", "closes_at": "2025-10-12T18:00"}
    response = client.post(f"/ru/teacher/classes/{klass.id}/assignments/new", data=data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert klass.join_code in page and "assignment=" in page
    assignment = Assignment.query.one()
    assert client.get(f"/ru/teacher/assignments/{assignment.id}/qr.svg").status_code == 200


def test_assignment_for_another_band_or_closing_before_it_opens_is_refused(client, teacher):
    young = factories.klass(teacher, grade=2)
    data = {"quiz": "every-kind", "opens_at": "2025-10-10T08:00", "closes_at": "2025-10-12T18:00"}
    assert (
        client.post(f"/kk/teacher/classes/{young.id}/assignments/new", data=data).status_code == 422
    )
    klass = factories.klass(teacher, grade=6, letter="Б")
    data["closes_at"] = "2025-10-09T08:00"
    assert (
        client.post(f"/kk/teacher/classes/{klass.id}/assignments/new", data=data).status_code == 422
    )
    assert Assignment.query.count() == 0


def test_teacher_sees_who_has_finished_an_assignment(client, teacher):
    klass = factories.klass(teacher)
    assignment = ft.assignment(klass)
    done = factories.participant(klass, nickname="Арыстан")
    factories.participant(klass, nickname="Бота")
    ft.attempt(done, klass, {"share-password": "refuse"}, assignment_row=assignment)
    page = client.get(f"/ru/teacher/assignments/{assignment.id}").get_data(as_text=True)
    assert "Арыстан" in page and "Бота" in page
    assert page.index("✔") < page.index("Бота")
