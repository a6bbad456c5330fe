"""The platform's time zone: times are typed and shown in it, stored and compared in UTC.

Teachers type an assignment's times as the wall clock of their school (`TIMEZONE`, by
default Asia/Almaty: all Kazakhstan is UTC+5 since March 2024); the database holds naive UTC,
as `quiz.models.base.utcnow` returns, so every comparison with "now" is UTC against UTC.
Flask-Babel shows stored times in the same zone (`BABEL_DEFAULT_TIMEZONE`, set from it).
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Almaty"


def zone() -> ZoneInfo:
    """Return the configured time zone (the default outside an app)."""
    name = current_app.config.get("TIMEZONE") if has_app_context() else None
    return ZoneInfo(name or DEFAULT_TIMEZONE)


def to_utc(local: datetime) -> datetime:
    """Return a wall-clock time of the configured zone as the naive UTC time stored."""
    aware = local if local.tzinfo is not None else local.replace(tzinfo=zone())
    return aware.astimezone(UTC).replace(tzinfo=None)


def to_local(stored: datetime) -> datetime:
    """Return a stored naive UTC time as the naive wall-clock time of the configured zone."""
    return stored.replace(tzinfo=UTC).astimezone(zone()).replace(tzinfo=None)


def local_today(now: datetime | None = None) -> date:
    """Return today's date in the configured zone (deadlines are dates there, not in UTC)."""
    moment = (now or datetime.now(UTC).replace(tzinfo=None)).replace(tzinfo=UTC)
    return moment.astimezone(zone()).date()


def local_midnight_utc(day: date) -> datetime:
    """Return the stored (naive UTC) time at which a local day begins."""
    return to_utc(datetime.combine(day, time()))


def utc_offset() -> timedelta:
    """Return the zone's offset from UTC now. The organizers' figures group stored times into
    local days with it, in SQL; that is exact for a zone without daylight saving time, such
    as every zone of Kazakhstan since March 2024."""
    return datetime.now(zone()).utcoffset()
