"""Challenges: which one is current, creating the 2025 challenge of the rules."""

from datetime import date

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Challenge

THEME_SLUGS_2025 = [
    "conscious-use",
    "starts-with-you",
    "cyber-friendship",
    "protect-your-data",
    "dont-stand-by",
    "tool-for-growth",
    "support-and-help",
    "critical-thinking",
]

CHALLENGE_2025 = {
    "slug": "safety-online-2025",
    "name_kk": "«Желідегі қауіпсіздік» челленджі",
    "name_ru": "Челлендж «Безопасность в сети»",
    "starts_on": date(2025, 10, 9),
    "ends_on": date(2025, 10, 17),
    "report_deadline": date(2025, 10, 22),
    "hashtags": ["#ЖелідегіҚауіпсіздік2025", "#БезопасностьВСети2025"],
    "tagged_accounts": ["Instagram: orken_instituty", "Facebook: Orken Institute"],
    "themes": THEME_SLUGS_2025,
}


def current() -> Challenge | None:
    """Return the current challenge, or the newest one when none is marked current."""
    query = select(Challenge).order_by(Challenge.is_current.desc(), Challenge.starts_on.desc())
    return db.session.scalars(query.limit(1)).first()


def ensure_2025() -> Challenge:
    """Return the 2025 challenge of the rules, creating it (as current) when missing."""
    found = db.session.scalar(select(Challenge).filter_by(slug=CHALLENGE_2025["slug"]))
    if found:
        return found
    challenge = Challenge(**CHALLENGE_2025, is_current=current() is None)
    db.session.add(challenge)
    db.session.commit()
    return challenge
