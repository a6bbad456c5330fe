"""Factories for the teachers' area: assignments, live sessions, attempts with answers."""

from datetime import datetime, timedelta

from quiz.extensions import db
from quiz.models import Answer, Assignment, Attempt, LiveSession
from quiz.services.content import bank

QUIZ = "every-kind"


def assignment(klass_row, quiz_id=QUIZ, opens_at=None):
    """Add an assignment open for a week."""
    opens_at = opens_at or datetime(2025, 10, 10, 8, 0)
    row = Assignment(
        class_id=klass_row.id,
        quiz_id=quiz_id,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=7),
    )
    db.session.add(row)
    db.session.commit()
    return row


def live_session(klass_row, quiz_id=QUIZ, created_at=None):
    """Add a live session in the lobby."""
    row = LiveSession(
        class_id=klass_row.id,
        quiz_id=quiz_id,
        quiz_version=1,
        created_at=created_at or datetime(2025, 10, 10, 9, 0),
    )
    db.session.add(row)
    db.session.commit()
    return row


def attempt(pupil, klass_row, responses: dict, assignment_row=None, session_row=None):
    """Add a finished attempt whose answers are scored by the bank, as the pupils' path does."""
    quiz_id = (assignment_row or session_row).quiz_id
    quiz = bank().quiz(quiz_id)
    row = Attempt(
        participant_id=pupil.id,
        quiz_id=quiz_id,
        quiz_version=quiz.version,
        theme="protect-your-data",
        band=quiz.band,
        mode="assignment" if assignment_row else "live",
        class_id=klass_row.id,
        school_id=klass_row.school_id,
        assignment_id=assignment_row.id if assignment_row else None,
        live_session_id=session_row.id if session_row else None,
        max_score=quiz.max_score,
        finished_at=datetime(2025, 10, 10, 9, 30),
    )
    db.session.add(row)
    db.session.flush()
    for item_id, response in responses.items():
        item = quiz.item(item_id)
        score = item.score(response)
        row.score += score
        db.session.add(
            Answer(
                attempt_id=row.id,
                item_id=item_id,
                quiz_version=quiz.version,
                response=response,
                score=score,
                max_score=item.max_score,
                correct=item.is_correct(response),
            )
        )
    db.session.commit()
    return row
