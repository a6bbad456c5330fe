"""A live, teacher-paced class hour, and paper-mode tallies for pupils without phones."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quiz.extensions import db
from quiz.models.base import utcnow

LIVE_STATES = ("lobby", "question", "reveal", "finished")


class LiveSession(db.Model):
    """The state of a live quiz; `version` grows on every change pupils must see."""

    __tablename__ = "live_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[str] = mapped_column(String(80))
    quiz_version: Mapped[int]
    state: Mapped[str] = mapped_column(String(10), default="lobby")
    current_index: Mapped[int] = mapped_column(default=-1)
    version: Mapped[int] = mapped_column(default=1)
    locked: Mapped[bool] = mapped_column(default=False)
    projector_lang: Mapped[str] = mapped_column(String(5), default="both")
    timer_seconds: Mapped[int | None]
    question_started_at: Mapped[datetime | None]
    podium: Mapped[bool] = mapped_column(default=False)
    speed_bonus: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]


class PaperSession(db.Model):
    """A quiz run on paper: the teacher enters how many pupils chose each answer."""

    __tablename__ = "paper_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id"))
    quiz_id: Mapped[str] = mapped_column(String(80))
    quiz_version: Mapped[int]
    pupils: Mapped[int]
    held_on: Mapped[date]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PaperTally(db.Model):
    """How many pupils of a paper session chose one answer of one item."""

    __tablename__ = "paper_tallies"
    __table_args__ = (UniqueConstraint("paper_session_id", "item_id", "choice"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    paper_session_id: Mapped[int] = mapped_column(
        ForeignKey("paper_sessions.id", ondelete="CASCADE")
    )
    item_id: Mapped[str] = mapped_column(String(80))
    choice: Mapped[str] = mapped_column(String(80))
    count: Mapped[int] = mapped_column(default=0)
