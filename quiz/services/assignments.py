"""Self-paced assignments: a quiz of the bank set for a class between two times."""

from datetime import datetime

from sqlalchemy import func, select

from quiz import clock
from quiz.errors import Invalid, NotFound
from quiz.extensions import db
from quiz.models import Assignment, Attempt, Klass, Participant, User
from quiz.services.classes import get_class, scope_filter
from quiz.services.content import bank, quiz_or_none

YEARS = (2000, 2099)  # the years an assignment may be set in


def quiz_choices(klass: Klass, theme: str | None = None) -> list:
    """Return the bank's quizzes of the class's band, optionally of one theme."""
    themes = {t.slug for t in bank().themes}
    return bank().quizzes(theme=theme if theme in themes else None, band=klass.band)


def create_assignment(
    user: User, class_id: int, quiz_id: str, opens_at: datetime, closes_at: datetime
) -> Assignment:
    """Set a quiz of the class's band for the class; it closes after it opens.

    The times are the wall clock the teacher typed (the configured zone); they are stored in
    UTC, as every time the pupils' side compares with `utcnow()`.
    """
    klass = get_class(user, class_id)
    if quiz_id not in {q.id for q in quiz_choices(klass)}:
        raise Invalid("quiz", field="quiz")
    opens_at, closes_at = _utc_times(opens_at, closes_at)
    assignment = Assignment(
        class_id=klass.id,
        quiz_id=quiz_id,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by_id=user.id,
    )
    db.session.add(assignment)
    db.session.commit()
    return assignment


def _utc_times(opens_at: datetime, closes_at: datetime) -> tuple[datetime, datetime]:
    """Check typed times (closing after opening, a year of this century); return them in UTC."""
    if not opens_at or not closes_at or closes_at <= opens_at:
        raise Invalid("closes_at", field="closes_at")
    if not (YEARS[0] <= opens_at.year and closes_at.year <= YEARS[1]):
        raise Invalid("closes_at", field="closes_at")  # year 1 or 9999: no UTC time to store
    return clock.to_utc(opens_at), clock.to_utc(closes_at)


def get_assignment(user: User, assignment_id: int) -> Assignment:
    """Return an assignment of a class the account may see; NotFound otherwise."""
    query = scope_filter(user, select(Assignment).join(Klass)).where(Assignment.id == assignment_id)
    assignment = db.session.scalar(query)
    if assignment is None:
        raise NotFound("assignment")
    return assignment


def local_times(assignment: Assignment) -> dict:
    """Return the assignment's times as the school's clock shows them, for its form."""
    return {
        "opens_at": clock.to_local(assignment.opens_at),
        "closes_at": clock.to_local(assignment.closes_at),
    }


def change_times(user: User, assignment_id: int, opens_at: datetime, closes_at: datetime):
    """Move an assignment's times (typed in the configured zone, stored in UTC)."""
    assignment = get_assignment(user, assignment_id)
    assignment.opens_at, assignment.closes_at = _utc_times(opens_at, closes_at)
    db.session.commit()
    return assignment


def class_assignments(klass: Klass) -> list[dict]:
    """Return the class's assignments, newest first, with how many pupils finished each."""
    finished = func.count(Attempt.finished_at)
    query = (
        select(Assignment, finished)
        .outerjoin(Attempt, Attempt.assignment_id == Assignment.id)
        .where(Assignment.class_id == klass.id)
        .group_by(Assignment.id)
        .order_by(Assignment.opens_at.desc(), Assignment.id.desc())
    )
    return [
        {"assignment": a, "quiz": quiz_or_none(a.quiz_id), "finished": n}
        for a, n in db.session.execute(query)
    ]


def progress(user: User, assignment_id: int) -> dict:
    """Return the assignment and each pupil of its class: finished, started or not yet."""
    assignment = get_assignment(user, assignment_id)
    query = (
        select(Participant.nickname, Attempt.finished_at, Attempt.started_at, Attempt.score)
        .outerjoin(
            Attempt,
            (Attempt.participant_id == Participant.id) & (Attempt.assignment_id == assignment.id),
        )
        .where(Participant.class_id == assignment.class_id, Participant.removed.is_(False))
        .order_by(Participant.nickname_key)
    )
    pupils = [
        {
            "nickname": row.nickname,
            "status": "finished" if row.finished_at else "started" if row.started_at else "none",
            "score": row.score,
        }
        for row in db.session.execute(query)
    ]
    return {"assignment": assignment, "quiz": quiz_or_none(assignment.quiz_id), "pupils": pupils}


def delete_assignment(user: User, assignment_id: int) -> int:
    """Delete an assignment (and its attempts); return its class id."""
    assignment = get_assignment(user, assignment_id)
    class_id = assignment.class_id
    db.session.delete(assignment)
    db.session.commit()
    return class_id
