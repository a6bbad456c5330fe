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
    pupil = factories.participant(klass, nickname="Асан")
    ft.attempt(pupil, klass, {}, session_row=session)
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
            "act": activity.id, "paper": paper.id, "link": link.id,
            "pupil": pupil.id}  # fmt: skip


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
    "/kk/teacher/classes/{class}/live/new",
    "/kk/teacher/live/{s}",
    "/kk/teacher/live/{s}/status",
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
    "/kk/teacher/classes/{class}/live/new",
    "/kk/teacher/live/{s}/start",
    "/kk/teacher/live/{s}/reveal",
    "/kk/teacher/live/{s}/next",
    "/kk/teacher/live/{s}/finish",
    "/kk/teacher/live/{s}/lock",
]
# teacher.live_pupil: rename (and make a team seat) or remove another teacher's pupil
PUPIL_POSTS = [
    {"nickname": "Жаман сөз", "seats": "5"},
    {"remove": "1"},
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


@pytest.mark.parametrize("data", PUPIL_POSTS)
def test_teacher_cannot_rename_or_remove_another_teachers_pupil(
    client, other_teachers_things, data
):
    from quiz.extensions import db
    from quiz.models import LiveSession, Participant

    factories.login(client, factories.user("teacher"))
    url = "/kk/teacher/live/{s}/pupils/{pupil}".format(**other_teachers_things)
    assert client.post(url, data={"nickname": "Асан", **data}).status_code == 404
    db.session.expire_all()
    pupil = db.session.get(Participant, other_teachers_things["pupil"])
    assert (pupil.nickname, pupil.seats, pupil.removed) == ("Асан", 1, False)
    assert db.session.get(LiveSession, other_teachers_things["s"]).version == 1


def test_live_session_post_urls_also_refuse_with_the_data_their_owner_sends(
    client, other_teachers_things
):
    """The owner's own data (a quiz, a lock) changes nothing for a stranger either."""
    from quiz.extensions import db
    from quiz.models import LiveSession

    factories.login(client, factories.user("teacher"))
    things = other_teachers_things
    new = "/kk/teacher/classes/{class}/live/new".format(**things)
    assert client.post(new, data={"quiz": "every-kind", "projector_lang": "kk"}).status_code == 404
    lock = "/kk/teacher/live/{s}/lock".format(**things)
    assert client.post(lock, data={"locked": "1"}).status_code == 404
    assert LiveSession.query.count() == 1
    assert db.session.get(LiveSession, things["s"]).locked is False
