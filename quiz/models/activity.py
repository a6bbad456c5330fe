"""Offline activities and social-media links: what feeds the organizers' report."""

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quiz.extensions import db
from quiz.models.base import utcnow

ACTIVITY_KINDS = (
    "class_hour",
    "training",
    "debate",
    "quest",
    "poster",
    "essay",
    "video",
    "meeting_psychologist",
    "meeting_police",
    "meeting_specialist",
)
NETWORKS = ("instagram", "facebook", "tiktok", "youtube", "telegram", "vk", "x", "threads", "other")


class OfflineActivity(db.Model):
    """An offline event of the challenge held by a class or a school."""

    __tablename__ = "offline_activities"
    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    class_id: Mapped[int | None] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(30))
    held_on: Mapped[date]
    themes: Mapped[list] = mapped_column(JSON, default=list)
    participants: Mapped[int]
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SocialLink(db.Model):
    """A public post about the challenge; the same post counts once per challenge."""

    __tablename__ = "social_links"
    __table_args__ = (UniqueConstraint("challenge_id", "url_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    class_id: Mapped[int | None] = mapped_column(ForeignKey("classes.id", ondelete="SET NULL"))
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("offline_activities.id", ondelete="SET NULL")
    )
    url: Mapped[str] = mapped_column(String(500))
    url_key: Mapped[str] = mapped_column(String(500))
    network: Mapped[str] = mapped_column(String(20))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
