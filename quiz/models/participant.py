"""A pupil as the platform knows them: a nickname and a random token, nothing else."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quiz.extensions import db
from quiz.models.base import utcnow


class Participant(db.Model):
    """A pupil (or a team seat for several pupils sharing one device).

    Holds no name, birth date, contact, IP address or device fingerprint: only the
    nickname, a hash of the device's random token, where they take part, the band, the
    language and timestamps.
    """

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("class_id", "nickname_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    nickname: Mapped[str] = mapped_column(String(40))
    # NFC, Kazakh-aware case-folded nickname: unique within a class
    nickname_key: Mapped[str] = mapped_column(String(40))
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenges.id"), index=True)
    class_id: Mapped[int | None] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), index=True
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    band: Mapped[str] = mapped_column(String(5))
    lang: Mapped[str] = mapped_column(String(5))
    # a team seat stands for this many pupils answering together on one device
    seats: Mapped[int] = mapped_column(default=1)
    removed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
