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


def all_challenges() -> list[Challenge]:
    """Return every challenge, newest first."""
    return list(db.session.scalars(select(Challenge).order_by(Challenge.starts_on.desc())))


def save(challenge_id: int | None, fields: dict, make_current: bool) -> Challenge:
    """Create or edit a challenge; with make_current it becomes the only current one.

    Raises Invalid when the dates are out of order or the slug is taken.
    """
    from sqlalchemy import update

    from quiz.errors import Invalid, NotFound

    if not fields["starts_on"] <= fields["ends_on"] <= fields["report_deadline"]:
        raise Invalid("dates", field="dates")
    challenge = db.session.get(Challenge, challenge_id) if challenge_id else Challenge()
    if challenge is None:
        raise NotFound("challenge")
    clash = select(Challenge.id).where(Challenge.slug == fields["slug"])
    if challenge.id:
        clash = clash.where(Challenge.id != challenge.id)
    if db.session.scalar(clash):
        raise Invalid("slug", field="slug")
    for name, value in fields.items():
        setattr(challenge, name, value)
    if challenge.id is None:
        challenge.is_current = False
        db.session.add(challenge)
        db.session.flush()
    if make_current:
        db.session.execute(update(Challenge).values(is_current=False))
        challenge.is_current = True
    db.session.commit()
    return challenge
