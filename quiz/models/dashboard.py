"""Aggregates of the dashboard's figures per school, refreshed from watermarks.

Every row is keyed by the pupil's school (a pupil belongs to one school, so per-school
distinct pupil counts add up to any region or district) and the attempt's band; `band`
'*' holds the distinct pupils over all bands (a pupil may answer quizzes of two bands on
one day). Maintained by `quiz.services.aggregates`: a school is recounted from the source
tables whenever new answers, attempts, finishes or deletions touch it.

Days are local days of the platform's time zone (`TIMEZONE`) of the attempt's start, so
that the dashboard's date range selects them: a column `day` where counts add up over days,
a bit mask `days` (bit 20 = the challenge's first day; bits 0 and 62 collect the days before
and after the window) where distinct pupils are counted over a range.
"""

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from quiz.extensions import db

ANY_BAND = "*"


def _challenge():
    return mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True)


def _school():
    return mapped_column(ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True)


class DashDay(db.Model):
    """Seats of distinct pupils of a school who answered in an attempt started that local day."""

    __tablename__ = "dash_days"
    challenge_id: Mapped[int] = _challenge()
    school_id: Mapped[int] = _school()
    band: Mapped[str] = mapped_column(String(5), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    pupils: Mapped[int] = mapped_column(default=0)


class DashTheme(db.Model):
    """Seats of distinct pupils of a school who answered in an attempt of the theme, by the
    set of days on which they did (`days`, as in `DashMask`)."""

    __tablename__ = "dash_themes"
    challenge_id: Mapped[int] = _challenge()
    school_id: Mapped[int] = _school()
    band: Mapped[str] = mapped_column(String(5), primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    days: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    pupils: Mapped[int] = mapped_column(default=0)


class _ItemCounts:
    """The key below the school or district and the counts of the item tables."""

    band: Mapped[str] = mapped_column(String(5), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    theme: Mapped[str] = mapped_column(String(40), primary_key=True)
    quiz_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    right: Mapped[int] = mapped_column(default=0)
    wrong: Mapped[int] = mapped_column(default=0)
    answers: Mapped[int] = mapped_column(default=0)


class DashItem(_ItemCounts, db.Model):
    """Scored answers of a school's pupils to one item on one day: right, wrong, all. Read
    only to recount `DashItemDistrict` (the school's district when it was counted is kept,
    so that a school moved to another district is taken out of the old one)."""

    __tablename__ = "dash_items"
    challenge_id: Mapped[int] = _challenge()
    school_id: Mapped[int] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True, index=True
    )  # a recount reads the schools' rows to take them out of their districts' sums
    district_id: Mapped[int]


class DashItemDistrict(_ItemCounts, db.Model):
    """`DashItem` summed over the schools of a district: what the dashboard reads (a school
    has a few hundred rows a day, a district about as many for all its schools)."""

    __tablename__ = "dash_item_districts"
    challenge_id: Mapped[int] = _challenge()
    district_id: Mapped[int] = mapped_column(
        ForeignKey("districts.id", ondelete="CASCADE"), primary_key=True
    )


class DashActivity(db.Model):
    """Quizzes finished by a school's pupils, by band and by the day the attempt started."""

    __tablename__ = "dash_activity"
    challenge_id: Mapped[int] = _challenge()
    school_id: Mapped[int] = _school()
    band: Mapped[str] = mapped_column(String(5), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    finished: Mapped[int] = mapped_column(default=0)


class DashLive(db.Model):
    """A live session in which a school's pupils had an attempt of the band on that day."""

    __tablename__ = "dash_live"
    challenge_id: Mapped[int] = _challenge()
    school_id: Mapped[int] = _school()
    band: Mapped[str] = mapped_column(String(5), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    live_session_id: Mapped[int] = mapped_column(primary_key=True)


class DashDirty(db.Model):
    """A school to recount at the next refresh (a finish, a deletion, a pupil moved)."""

    __tablename__ = "dash_dirty"
    school_id: Mapped[int] = _school()


class DashWatermark(db.Model):
    """How far the aggregates have read: the last answer and attempt ids processed."""

    __tablename__ = "dash_watermarks"
    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(BigInteger, default=0)
    attempt_id: Mapped[int] = mapped_column(BigInteger, default=0)
    refreshed_at: Mapped[datetime | None]


class DashMask(db.Model):
    """Seats of a school's pupils (class 0: solo) by band and by the set of local days on
    which they answered (bit 20 = the challenge's first day; bits 0 and 62 collect the days
    before and after the window), so that a date range is a bitwise AND instead of a scan."""

    __tablename__ = "dash_masks"
    challenge_id: Mapped[int] = _challenge()
    school_id: Mapped[int] = _school()
    class_id: Mapped[int] = mapped_column(primary_key=True)
    band: Mapped[str] = mapped_column(String(5), primary_key=True)
    days: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    pupils: Mapped[int] = mapped_column(default=0)
