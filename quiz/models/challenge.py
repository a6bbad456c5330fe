"""A run of the challenge: its dates, hashtags and themes."""

from datetime import date, datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from quiz.extensions import db
from quiz.models.base import Bilingual, utcnow


class Challenge(Bilingual, db.Model):
    """A challenge with its period and report deadline; one is current at a time."""

    __tablename__ = "challenges"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    report_deadline: Mapped[date]
    hashtags: Mapped[list] = mapped_column(JSON, default=list)
    tagged_accounts: Mapped[list] = mapped_column(JSON, default=list)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    is_current: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # set when pupil-level rows were deleted; the roll-ups then hold its counts for good
    purged_at: Mapped[datetime | None]

    def is_open_for_edits(self, today: date) -> bool:
        """Return whether teachers may still change this challenge's records."""
        return today <= self.report_deadline
