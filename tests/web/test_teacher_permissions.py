"""A teacher cannot open another teacher's class, session, results, export or record: 404."""

import pytest

from tests import factories
from tests import factories_teachers as ft


@pytest.fixture
def other_teachers_things(app):
    """Everything another teacher of the same school owns."""
    owner = factories.user("teacher")
    klass = factories.klass(owner, grade=6)
    assignment = ft.assignment(klass)
    session = ft.live_session(klass)
    challenge = factories.challenge()
    from datetime import date

    from quiz.extensions import db
    from quiz.models import OfflineActivity, PaperSession, SocialLink

    activity = OfflineActivity(
        challenge_id=challenge.id, school_id=owner.school_id, class_id=klass.id,
        kind="debate", held_on=date(2025, 10, 10), participants=20, created_by_id=owner.id,
    )  # fmt: skip
    paper = PaperSession(
        class_id=klass.id, quiz_id="every-kind", quiz_version=1, pupils=10,
        held_on=date(2025, 10, 10), created_by_id=owner.id,
    )  # fmt: skip
    link = SocialLink(
        challenge_id=challenge.id, school_id=owner.school_id, url="https://t.me/s/1",
        url_key="t.me/s/1", network="telegram", created_by_id=owner.id,
    )  # fmt: skip
    db.session.add_all([activity, paper, link])
    db.session.commit()
    return {"owner": owner, "class": klass.id, "a": assignment.id, "s": session.id,
            "act": activity.id, "paper": paper.id, "link": link.id}  # fmt: skip


GETS = [
    "/kk/teacher/classes/{class}",
    "/kk/teacher/classes/{class}/edit",
    "/kk/teacher/classes/{class}/qr.svg",
    "/kk/teacher/classes/{class}/card",
    "/kk/teacher/classes/{class}/assignments/new",
    "/kk/teacher/assignments/{a}",
    "/kk/teacher/assignments/{a}/qr.svg",
    "/kk/teacher/classes/{class}/results",
    "/kk/teacher/classes/{class}/results/live/{s}",
    "/kk/teacher/classes/{class}/results/assignment/{a}",
    "/kk/teacher/classes/{class}/results/paper/{paper}",
    "/kk/teacher/classes/{class}/results.csv",
    "/ru/teacher/classes/{class}/results.xlsx",
    "/kk/teacher/classes/{class}/paper",
    "/kk/teacher/classes/{class}/paper/every-kind/kk",
    "/kk/teacher/classes/{class}/paper/every-kind/tally",
    "/kk/teacher/records/activities/{act}",
]
POSTS = [
    "/kk/teacher/classes/{class}/edit",
    "/kk/teacher/classes/{class}/delete",
    "/kk/teacher/classes/{class}/code",
    "/kk/teacher/classes/{class}/assignments/new",
    "/kk/teacher/assignments/{a}/delete",
    "/kk/teacher/classes/{class}/paper/every-kind/tally",
    "/kk/teacher/records/activities/{act}",
    "/kk/teacher/records/activities/{act}/delete",
    "/kk/teacher/records/links/{link}/delete",
]


@pytest.mark.parametrize("url", GETS)
def test_teacher_cannot_open_another_teachers_page(client, other_teachers_things, url):
    owner = other_teachers_things["owner"]
    stranger = factories.user("teacher", school_row=owner.school)
    owner_client = client.application.test_client()
    factories.login(owner_client, owner)
    path = url.format(**other_teachers_things)
    assert owner_client.get(path).status_code == 200  # the page exists for its owner
    factories.login(client, stranger)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("url", POSTS)
def test_teacher_cannot_change_another_teachers_things(client, other_teachers_things, url):
    stranger = factories.user("teacher")
    factories.login(client, stranger)
    data = {"grade": 1, "letter": "Я", "language": "ru", "kind": "quest", "participants": 1}
    assert client.post(url.format(**other_teachers_things), data=data).status_code == 404
    from quiz.models import Klass

    assert Klass.query.get(other_teachers_things["class"]).grade == 6


@pytest.mark.parametrize("role", ["regional", "national"])
def test_organizers_get_404_on_teachers_pages(client, other_teachers_things, role):
    factories.login(client, factories.user(role))
    for url in GETS:
        assert client.get(url.format(**other_teachers_things)).status_code == 404
