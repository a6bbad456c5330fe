"""Factories for the pupils' area: assignments, live sessions, pupils with real tokens."""

from datetime import timedelta

from quiz.extensions import db
from quiz.models import Assignment, LiveSession
from quiz.models.base import utcnow
from quiz.services import participants
from tests import factories

QUIZ = "every-kind"


def assignment(klass_row=None, quiz_id=QUIZ, opens=-1, closes=24):
    """Add an assignment of a class, open from `opens` to `closes` hours from now."""
    klass_row = klass_row or factories.klass()
    now = utcnow()
    row = Assignment(
        class_id=klass_row.id,
        quiz_id=quiz_id,
        opens_at=now + timedelta(hours=opens),
        closes_at=now + timedelta(hours=closes),
    )
    db.session.add(row)
    db.session.commit()
    return row


def live_session(klass_row, quiz_id=QUIZ, state="lobby", current_index=-1, locked=False):
    """Add a live session of a class in a given state."""
    row = LiveSession(
        class_id=klass_row.id,
        quiz_id=quiz_id,
        quiz_version=1,
        state=state,
        current_index=current_index,
        locked=locked,
    )
    db.session.add(row)
    db.session.commit()
    return row


def pupil(klass_row=None, nickname=None, lang="kk", band="5-9"):
    """Create a pupil through the service; return (participant, raw token)."""
    if klass_row is None:
        return participants.create_participant(nickname, lang, band)
    return participants.create_participant(
        nickname, lang, klass_row.band, class_id=klass_row.id, school_id=klass_row.school_id
    )
