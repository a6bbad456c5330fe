"""Pupils without accounts: a nickname and a random device token, joining a class by code."""

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError

from quiz.bank import BANDS
from quiz.errors import Invalid, LobbyLocked, NicknameTaken, NotFound
from quiz.extensions import db
from quiz.i18n import LOCALES
from quiz.models import Assignment, Attempt, Klass, LiveSession, Participant, School
from quiz.models.base import utcnow
from quiz.services import challenges
from quiz.services.codes import normalise_code
from quiz.services.nicknames import clean_nickname, generate_nickname, nickname_key

# How often a generated nickname is drawn again when the class already has it.
GENERATE_TRIES = 8


def hash_token(token: str) -> str:
    """Return the SHA-256 hex digest stored for a participant token."""
    return hashlib.sha256((token or "").encode()).hexdigest()


def create_participant(
    nickname: str | None,
    lang: str,
    band: str,
    class_id: int | None = None,
    school_id: int | None = None,
    challenge_id: int | None = None,
    seats: int = 1,
) -> tuple[Participant, str]:
    """Create a pupil and return it with its raw token (only the token's hash is stored)."""
    if lang not in LOCALES:
        raise Invalid("lang", field="lang")
    if band not in BANDS:
        raise Invalid("band", field="band")
    # a class's school exists by the class's foreign key; only a solo pupil's choice is checked
    if class_id is None and school_id is not None and db.session.get(School, school_id) is None:
        raise Invalid("school", field="school_id")
    if challenge_id is None:
        challenge = challenges.current()
        challenge_id = challenge.id if challenge else None
    typed = clean_nickname(nickname) if nickname is not None else None
    tries = 1 if typed else GENERATE_TRIES
    for _ in range(tries):
        name, key = typed or _generated(lang)
        token = secrets.token_urlsafe(32)
        row = Participant(
            token_hash=hash_token(token),
            nickname=name,
            nickname_key=key,
            challenge_id=challenge_id,
            class_id=class_id,
            school_id=school_id,
            band=band,
            lang=lang,
            seats=max(1, int(seats)),
        )
        db.session.add(row)
        try:
            # The unique constraint (class_id, nickname_key) decides, not a prior look-up:
            # two pupils typing the same nickname at once cannot both get it.
            db.session.commit()
            return row, token
        except IntegrityError:
            db.session.rollback()
    raise NicknameTaken("nickname taken", field="nickname")


def _generated(lang: str) -> tuple[str, str]:
    name = generate_nickname(lang)
    return name, nickname_key(name)


def participant_for_token(token: str, attempt_id: int | None = None) -> Participant | None:
    """Return the pupil of a device token, or None (unknown or removed by the teacher).

    With ``attempt_id`` (a request about one attempt) the pupil's own attempt of that id is
    loaded by the same statement, so the view finds it without another query.
    """
    if not token:
        return None
    query = select(Participant).filter_by(token_hash=hash_token(token))
    if attempt_id is not None:
        own = and_(Attempt.id == attempt_id, Attempt.participant_id == Participant.id)
        query = query.add_columns(Attempt).outerjoin(Attempt, own)
    found = db.session.execute(query).first()
    row = found[0] if found else None
    if row is None or row.removed:
        return None
    if attempt_id is not None:
        row.loaded_attempt = found[1]  # the session's identity map holds objects weakly
    return row


def class_by_code(code: str) -> Klass:
    """Return the class of a join code (any case, spaces and dashes ignored); NotFound if none."""
    normalised = normalise_code(code)
    klass = db.session.scalar(select(Klass).filter_by(join_code=normalised)) if normalised else None
    if klass is None:
        raise NotFound("class")
    return klass


def join_class(code: str, nickname: str | None, lang: str) -> tuple[Participant, str, Klass]:
    """Join a class by code with a nickname (generated when None): (pupil, token, class)."""
    klass = class_by_code(code)
    live = active_live_session(klass.id)
    if live is not None and live.locked:
        raise LobbyLocked("lobby locked")
    participant, token = create_participant(
        nickname, lang, klass.band, class_id=klass.id, school_id=klass.school_id
    )
    return participant, token, klass


def active_live_session(class_id: int) -> LiveSession | None:
    """Return the class's newest live session that has not finished, if any."""
    query = (
        select(LiveSession)
        .where(LiveSession.class_id == class_id, LiveSession.state != "finished")
        .order_by(LiveSession.id.desc())
        .limit(1)
    )
    return db.session.scalars(query).first()


def open_assignments(class_id: int | None, now: datetime | None = None) -> list[Assignment]:
    """Return the class's assignments open at this time, soonest closing first."""
    if class_id is None:
        return []
    now = now or utcnow()
    query = (
        select(Assignment)
        .where(
            Assignment.class_id == class_id,
            Assignment.opens_at <= now,
            Assignment.closes_at > now,
        )
        .order_by(Assignment.closes_at, Assignment.id)
    )
    return list(db.session.scalars(query))


def landing(participant: Participant, lang: str, now: datetime | None = None) -> dict:
    """Return where a class pupil goes: the live session, or the open assignments."""
    from quiz.services.content import bank

    live = active_live_session(participant.class_id) if participant.class_id else None
    assignments = []
    for assignment in open_assignments(participant.class_id, now):
        try:
            quiz = bank().quiz(assignment.quiz_id)
        except KeyError:
            continue  # a quiz withdrawn from the bank cannot be taken
        assignments.append(
            {
                "id": assignment.id,
                "quiz_id": quiz.id,
                "title": quiz.title[lang],
                "theme": quiz.theme,
                "items": len(quiz.items),
                "closes_at": assignment.closes_at,
            }
        )
    return {"live_session_id": live.id if live else None, "assignments": assignments}


def choose_school(participant: Participant, school_id: int) -> None:
    """Count a solo pupil (and their unfinished attempts) for a school of the registry."""
    school = db.session.get(School, school_id)
    if participant.class_id is not None or school is None or school.status != "active":
        raise Invalid("school", field="school_id")
    participant.school_id = school.id
    unfinished = select(Attempt).filter_by(participant_id=participant.id, finished_at=None)
    for attempt in db.session.scalars(unfinished):
        attempt.school_id = school.id
    db.session.commit()
