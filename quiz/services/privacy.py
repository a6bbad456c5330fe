"""Retention: pupil-level rows of a challenge are deleted some days after its report deadline.

What is deleted: the challenge's participants (nickname, token hash), their attempts and
answers. What stays: the roll-ups of the counting rule (`quiz/services/rollups.py`), paper
tallies, offline activities and links, so the report of the rules is identical afterwards.
The deletes are Core statements: the roll-ups' flush listener must not recount them away.
"""

from datetime import date, timedelta

from sqlalchemy import and_, delete, func, or_, select

from quiz.extensions import db
from quiz.models import Answer, Attempt, Challenge, Participant
from quiz.models.base import utcnow


def due(today: date, days: int) -> list[Challenge]:
    """Return the challenges whose pupil-level rows are due for deletion."""
    limit = today - timedelta(days=days)
    query = select(Challenge).where(
        Challenge.purged_at.is_(None), Challenge.report_deadline < limit
    )
    return list(db.session.scalars(query.order_by(Challenge.id)))


def purge(challenge: Challenge) -> dict:
    """Delete a challenge's participants, attempts and answers; return the rows deleted."""
    pupils = _pupils(challenge.id)
    attempts = select(Attempt.id).where(
        or_(Attempt.challenge_id == challenge.id, Attempt.participant_id.in_(pupils))
    )
    counts = {
        "answers": _count(Answer, Answer.attempt_id.in_(attempts)),
        "attempts": _count(Attempt, Attempt.id.in_(attempts)),
        "participants": _count(Participant, Participant.id.in_(pupils)),
    }
    # ids first: deleting attempts would change the sets the later statements select
    pupil_ids = list(db.session.scalars(pupils))
    attempt_ids = list(db.session.scalars(attempts))
    for chunk in _chunks(attempt_ids):
        db.session.execute(delete(Answer).where(Answer.attempt_id.in_(chunk)))
        db.session.execute(delete(Attempt).where(Attempt.id.in_(chunk)))
    for chunk in _chunks(pupil_ids):
        db.session.execute(delete(Participant).where(Participant.id.in_(chunk)))
    challenge.purged_at = utcnow()
    db.session.commit()
    return counts


def _pupils(challenge_id: int):
    """The challenge's pupils: created in it, or created outside any and answering in it."""
    in_challenge = select(Attempt.participant_id).where(Attempt.challenge_id == challenge_id)
    return select(Participant.id).where(
        or_(
            Participant.challenge_id == challenge_id,
            and_(Participant.challenge_id.is_(None), Participant.id.in_(in_challenge)),
        )
    )


def _chunks(ids: list, size: int = 5000):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _count(model, condition) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(condition))
