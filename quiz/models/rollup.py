"""Roll-ups of the counting rule: who took part in a challenge, and seats per class and school.

Maintained by `quiz.services.rollups` (incrementally on a participant's first answer in a
challenge, recounted on rarer changes) and always equal to a recomputation by the rule.
"""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from quiz.extensions import db


class RollupTaker(db.Model):
    """A participant that answered at least one item in an attempt of the challenge."""

    __tablename__ = "rollup_takers"
    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class RollupClass(db.Model):
    """Online pupils (seats of takers not removed) of a class in a challenge."""

    __tablename__ = "rollup_classes"
    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )
    class_id: Mapped[int] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True
    )
    pupils: Mapped[int] = mapped_column(default=0)


class RollupSolo(db.Model):
    """Online pupils (seats of takers not removed) who chose a school but no class, by band."""

    __tablename__ = "rollup_solo"
    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True
    )
    school_id: Mapped[int] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[str] = mapped_column(String(5), primary_key=True)
    pupils: Mapped[int] = mapped_column(default=0)
