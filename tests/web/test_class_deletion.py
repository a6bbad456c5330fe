"""A teacher deletes a class through the web page: every pupil-level row of it goes with it.

Check 21 of the reliability issue: a class with pupils (one of them a team seat), attempts
and answers (solo, assignment, live), a live session, an assignment, a paper session with
its tallies and an offline activity. After the delete nothing of the class remains, and the
roll-ups, the dashboard's aggregates and the report agree with a recount from what is left.
"""

import pytest
from sqlalchemy import func, select

from quiz.extensions import db
from quiz.models import (
    Answer,
    Assignment,
    Attempt,
    DashLive,
    DashMask,
    Klass,
    LiveSession,
    OfflineActivity,
    PaperSession,
    PaperTally,
    Participant,
    RollupClass,
    RollupTaker,
)
from quiz.services import aggregates, participation, report, rollups
from tests import factories
from tests import factories_organizers as fo
from tests import factories_teachers as ft


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def school_with_two_classes(app):
    """Class `gone` (6 online seats and a paper session of 9; offline 4) and class `kept`
    (2 online pupils): the school counts 15 + 2 = 17."""
    challenge = factories.challenge()
    school = factories.school()
    teacher = factories.user("teacher", school_row=school)
    gone, kept = factories.klass(teacher, letter="А"), factories.klass(teacher, letter="Б")
    session = fo.live_session(gone)
    assignment = ft.assignment(gone)
    pupils = [fo.pupil(gone), fo.pupil(gone), fo.pupil(gone, seats=4)]
    fo.attempt(pupils[0], challenge, mode="live", live_session=session)
    fo.attempt(pupils[0], challenge, answers=(("i2", False), ("i3", True)))
    with_assignment = fo.attempt(pupils[1], challenge, mode="assignment")
    with_assignment.assignment_id = assignment.id
    fo.attempt(pupils[2], challenge, mode="live", live_session=session)
    # a pupil who joined and never answered: no attempt, still the class's row
    factories.participant(gone, nickname="Тыныш")
    paper = fo.paper(gone, challenge, 9)
    db.session.add_all(
        PaperTally(paper_session_id=paper.id, item_id="i1", choice=c, count=n)
        for c, n in (("a", 6), ("b", 3))
    )
    fo.activity(school, challenge, 4, gone)
    for _ in range(2):
        fo.attempt(fo.pupil(kept), challenge)
    db.session.commit()
    return {
        "challenge": challenge,
        "school": school,
        "teacher": teacher,
        "gone": gone,
        "kept": kept,
        "session": session,
        "assignment": assignment,
        "paper": paper,
    }


def _rows_of(class_id: int, session_id: int, paper_id: int) -> dict:
    """Every row that belongs to the class, found by the class and by the ids under it."""
    pupils = select(Participant.id).where(Participant.class_id == class_id)
    attempts = select(Attempt.id).where(
        (Attempt.class_id == class_id) | Attempt.participant_id.in_(pupils)
    )
    return {
        "participants": _count(Participant, Participant.class_id == class_id),
        "attempts": _count(Attempt, Attempt.id.in_(attempts)),
        "answers": _count(Answer, Answer.attempt_id.in_(attempts)),
        "live sessions": _count(LiveSession, LiveSession.class_id == class_id),
        "assignments": _count(Assignment, Assignment.class_id == class_id),
        "paper sessions": _count(PaperSession, PaperSession.class_id == class_id),
        "paper tallies": _count(PaperTally, PaperTally.paper_session_id == paper_id),
        "offline activities": _count(OfflineActivity, OfflineActivity.class_id == class_id),
        "roll-up takers": _count(RollupTaker, RollupTaker.participant_id.in_(pupils)),
        "roll-up classes": _count(RollupClass, RollupClass.class_id == class_id),
        "dashboard masks": _count(DashMask, DashMask.class_id == class_id),
        "dashboard live": _count(DashLive, DashLive.live_session_id == session_id),
    }


def _school_count(challenge_id: int, lang: str = "kk") -> int:
    table = report.build(participation.Filters(challenge_id), lang)
    assert len(table.rows) == 1
    return table.rows[0]["participants"]


def test_deleting_a_class_deletes_all_its_pupils_data_and_the_report_follows(
    app, client, school_with_two_classes
):
    w = school_with_two_classes
    class_id, challenge = w["gone"].id, w["challenge"]
    ids = (class_id, w["session"].id, w["paper"].id)
    aggregates.refresh(wait=True, full=True)
    before = _rows_of(*ids)
    # every kind of row is there before, so each zero below says something
    assert all(before.values()), before
    assert before["participants"] == 4 and before["answers"] == 5
    assert _school_count(challenge.id) == 17
    answers_elsewhere = _count(Answer) - before["answers"]

    factories.login(client, w["teacher"])
    response = client.post(f"/kk/teacher/classes/{class_id}/delete")
    assert response.status_code == 302
    db.session.expire_all()
    aggregates.refresh(wait=True)

    assert _rows_of(*ids) == dict.fromkeys(before, 0)
    assert db.session.get(Klass, class_id) is None
    assert _count(Answer) == answers_elsewhere == 2  # the other class keeps its answers
    assert client.get(f"/kk/teacher/classes/{class_id}").status_code == 404
    # the roll-ups agree with a recount, and the report counts the class that is left
    assert set(rollups.differences().values()) == {0}
    assert _school_count(challenge.id) == _school_count(challenge.id, "ru") == 2
    app.config["STATS_ROLLUPS"] = False  # the same report counted from the source tables
    assert _school_count(challenge.id) == 2
    app.config["STATS_ROLLUPS"] = True
    # the dashboard's aggregates, refreshed after the delete, equal a full recount
    stored = _dashboard_rows()
    aggregates.rebuild()
    assert _dashboard_rows() == stored


def _dashboard_rows() -> dict:
    return {
        model.__tablename__: sorted(
            tuple(row) for row in db.session.execute(select(*model.__table__.columns))
        )
        for model in aggregates.TABLES
    }


def test_a_teacher_cannot_delete_another_teachers_class(app, client, school_with_two_classes):
    w = school_with_two_classes
    colleague = factories.user("teacher", school_row=w["school"])
    factories.login(client, colleague)
    response = client.post(f"/kk/teacher/classes/{w['gone'].id}/delete")
    assert response.status_code == 404
    db.session.expire_all()
    assert _count(Participant, Participant.class_id == w["gone"].id) == 4
    assert db.session.get(Klass, w["gone"].id) is not None
