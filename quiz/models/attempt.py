"""An attempt at a quiz and its answers: one answer per item per attempt."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.extensions import db
from quiz.models.base import utcnow

MODES = ("solo", "assignment", "live")


class Attempt(db.Model):
    """One pupil's pass through one quiz, solo, in an assignment or in a live session."""

    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_challenge_school", "challenge_id", "school_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    quiz_id: Mapped[str] = mapped_column(String(80), index=True)
    quiz_version: Mapped[int]
    theme: Mapped[str] = mapped_column(String(40))
    band: Mapped[str] = mapped_column(String(5))
    mode: Mapped[str] = mapped_column(String(12), default="solo")
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id"))
    class_id: Mapped[int | None] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), index=True
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), index=True
    )
    live_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("live_sessions.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int] = mapped_column(default=0)
    max_score: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", passive_deletes=True
    )


class Answer(db.Model):
    """A scored response to one item; stores ids and the content version, never positions."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("attempt_id", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(80))
    quiz_version: Mapped[int]
    response: Mapped[object] = mapped_column(JSON, nullable=True)
    score: Mapped[int] = mapped_column(default=0)
    max_score: Mapped[int] = mapped_column(default=0)
    correct: Mapped[bool | None]
    client_answer_id: Mapped[str | None] = mapped_column(String(64))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempt: Mapped[Attempt] = relationship(back_populates="answers")
