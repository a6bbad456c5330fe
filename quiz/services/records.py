"""Offline activities and social-media links of a challenge, as teachers record them."""

from datetime import date
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from quiz.errors import Invalid, NotFound, ReadOnly
from quiz.extensions import db
from quiz.models import (
    ACTIVITY_KINDS,
    NETWORKS,
    Challenge,
    Klass,
    OfflineActivity,
    SocialLink,
    User,
)
from quiz.services.classes import get_class

# host (without www./m.) -> network; sub-domains of these hosts count too
HOSTS = {
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "fb.watch": "facebook",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "t.me": "telegram",
    "telegram.me": "telegram",
    "vk.com": "vk",
    "vk.ru": "vk",
    "x.com": "x",
    "twitter.com": "x",
    "threads.net": "threads",
    "threads.com": "threads",
}
MAX_PARTICIPANTS = 5000


def editable(challenge: Challenge | None, today: date) -> bool:
    """Return whether teachers may still change the challenge's records."""
    return challenge is not None and challenge.is_open_for_edits(today)


def _require_open(challenge: Challenge | None, today: date) -> None:
    if challenge is None:
        raise NotFound("challenge")
    if not challenge.is_open_for_edits(today):
        raise ReadOnly("report deadline passed")


def challenge_of(row: OfflineActivity | SocialLink) -> Challenge | None:
    """Return the challenge a record belongs to (its deadline rules it, not the current one)."""
    return db.session.get(Challenge, row.challenge_id)


def record_editable(row: OfflineActivity | SocialLink, today: date) -> bool:
    """Return whether teachers may still change this record: its own challenge decides."""
    return editable(challenge_of(row), today)


def _mine(user: User, model):
    """Records of the account: the whole school for a coordinator, else their own."""
    query = select(model).where(model.school_id == user.school_id)
    if user.role == "coordinator":
        return query
    own_classes = select(Klass.id).where(Klass.teacher_id == user.id)
    return query.where(or_(model.created_by_id == user.id, model.class_id.in_(own_classes)))


def list_records(user: User, challenge: Challenge | None) -> dict:
    """Return the account's activities and links of the challenge."""
    if challenge is None:
        return {"activities": [], "links": []}
    acts = _mine(user, OfflineActivity).where(OfflineActivity.challenge_id == challenge.id)
    links = _mine(user, SocialLink).where(SocialLink.challenge_id == challenge.id)
    return {
        "activities": list(db.session.scalars(acts.order_by(OfflineActivity.held_on.desc()))),
        "links": list(db.session.scalars(links.order_by(SocialLink.created_at.desc()))),
    }


def get_activity(user: User, activity_id: int) -> OfflineActivity:
    """Return an activity the account may see; NotFound otherwise."""
    row = db.session.scalar(_mine(user, OfflineActivity).where(OfflineActivity.id == activity_id))
    if row is None:
        raise NotFound("activity")
    return row


def _activity_fields(user, challenge, data: dict) -> dict:
    if data.get("kind") not in ACTIVITY_KINDS:
        raise Invalid("kind", field="kind")
    held_on = data.get("held_on")
    if not isinstance(held_on, date) or not challenge.starts_on <= held_on <= challenge.ends_on:
        raise Invalid("held_on", field="held_on")
    count = data.get("participants")
    if not isinstance(count, int) or not 1 <= count <= MAX_PARTICIPANTS:
        raise Invalid("participants", field="participants")
    allowed = set(challenge.themes or []) or set(data.get("themes") or [])
    themes = [t for t in data.get("themes") or [] if t in allowed]
    class_id = data.get("class_id") or None
    if class_id:
        class_id = get_class(user, class_id).id
    description = (data.get("description") or "").strip()[:2000]
    return {
        "kind": data["kind"],
        "held_on": held_on,
        "participants": count,
        "themes": themes,
        "class_id": class_id,
        "description": description,
    }


def save_activity(user, challenge, data: dict, today: date, activity_id=None) -> OfflineActivity:
    """Create an activity of the challenge, or change one of its own challenge, while open.

    A record changed later belongs to the challenge it was made for: its deadline and its
    period rule, whichever challenge is current now.
    """
    existing = get_activity(user, activity_id) if activity_id is not None else None
    if existing is not None:
        challenge = challenge_of(existing)
    _require_open(challenge, today)
    fields = _activity_fields(user, challenge, data)
    if existing is None:
        row = OfflineActivity(
            challenge_id=challenge.id, school_id=user.school_id, created_by_id=user.id
        )
        db.session.add(row)
    else:
        row = existing
    for key, value in fields.items():
        setattr(row, key, value)
    db.session.commit()
    return row


def delete_activity(user: User, activity_id: int, today: date) -> None:
    """Delete an activity while its challenge is open for edits."""
    row = get_activity(user, activity_id)  # outside the scope: 404 before anything else
    _require_open(challenge_of(row), today)
    db.session.delete(row)
    db.session.commit()


def network_of(host: str) -> str:
    """Return the network of a host name, "other" when it is none we know."""
    host = host.lower().rstrip(".")
    for known, network in HOSTS.items():
        if host == known or host.endswith("." + known):
            return network
    return "other"


def url_key(url: str) -> tuple[str, str]:
    """Check a post's URL; return (key, network): the same post gives the same key."""
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or "." not in host or len(url) > 500:
        raise Invalid("url", field="url")
    for prefix in ("www.", "m.", "mobile.", "vm."):
        host = host.removeprefix(prefix)
    path = parts.path.rstrip("/")
    network = network_of(host)
    query = ""
    if network == "youtube" and "v" in parse_qs(parts.query):
        query = "?v=" + parse_qs(parts.query)["v"][0]  # the video id is in the query
    if network != "other":
        path = path.lower() if network not in ("youtube",) else path
    return f"{host}{path}{query}", network


def _link_fields(user, challenge_id: int, url: str, network: str, class_id, own_id=None) -> dict:
    """Check a link: known network, a post's URL of that network, not yet recorded."""
    if network not in NETWORKS:
        raise Invalid("network", field="network")
    key, found = url_key(url)
    if found != network:
        raise Invalid("network mismatch", field="network", found=found)
    clash = select(SocialLink.id).filter_by(challenge_id=challenge_id, url_key=key)
    if own_id is not None:
        clash = clash.where(SocialLink.id != own_id)
    if db.session.scalar(clash):
        raise Invalid("duplicate", field="url", duplicate=True)
    class_id = get_class(user, class_id).id if class_id else None
    return {"url": url.strip(), "url_key": key, "network": network, "class_id": class_id}


def _commit_link(link: SocialLink) -> SocialLink:
    try:
        db.session.commit()
    except IntegrityError as error:  # the same post saved at the same moment by someone else
        db.session.rollback()
        raise Invalid("duplicate", field="url", duplicate=True) from error
    return link


def add_link(user, challenge, url: str, network: str, today: date, class_id=None) -> SocialLink:
    """Record a post's link once per challenge; the URL must belong to the chosen network."""
    _require_open(challenge, today)
    fields = _link_fields(user, challenge.id, url, network, class_id)
    link = SocialLink(
        challenge_id=challenge.id, school_id=user.school_id, created_by_id=user.id, **fields
    )
    db.session.add(link)
    return _commit_link(link)


def get_link(user: User, link_id: int) -> SocialLink:
    """Return a link the account may see; NotFound otherwise."""
    row = db.session.scalar(_mine(user, SocialLink).where(SocialLink.id == link_id))
    if row is None:
        raise NotFound("link")
    return row


def update_link(user, link_id: int, url: str, network: str, today: date, class_id=None):
    """Change a link's URL, network or class while its own challenge is open for edits."""
    row = get_link(user, link_id)
    _require_open(challenge_of(row), today)
    fields = _link_fields(user, row.challenge_id, url, network, class_id, own_id=row.id)
    for name, value in fields.items():
        setattr(row, name, value)
    return _commit_link(row)


def delete_link(user: User, link_id: int, today: date) -> None:
    """Delete a link while its own challenge is open for edits."""
    row = get_link(user, link_id)
    _require_open(challenge_of(row), today)
    db.session.delete(row)
    db.session.commit()
