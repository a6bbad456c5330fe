"""Staff accounts: creation, password checks, server-side sessions, API tokens."""

import hashlib
import secrets
import unicodedata
from datetime import timedelta

from sqlalchemy import delete, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from quiz.db import begin_write
from quiz.errors import Invalid, NotFound
from quiz.extensions import db
from quiz.models import ROLES, ApiToken, Region, School, StaffSession, User
from quiz.models.base import utcnow

MIN_PASSWORD = 10


def normalise_email(email: str) -> str:
    """Return the e-mail as stored: NFC, trimmed, case-folded."""
    return unicodedata.normalize("NFC", email or "").strip().casefold()


def create_user(email, password, role, school_id=None, region_id=None, locale="kk") -> User:
    """Create a staff account with its scope; raise Invalid on a bad field."""
    email = normalise_email(email)
    _check_new_user(email, password, role, school_id, region_id)
    user = User(
        email=email,
        password_hash=generate_password_hash(password),
        role=role,
        school_id=school_id,
        region_id=region_id,
        locale=locale,
    )
    db.session.add(user)
    db.session.commit()
    return user


def _check_new_user(email, password, role, school_id, region_id) -> None:
    if "@" not in email or len(email) > 254:
        raise Invalid("email", field="email")
    if role not in ROLES:
        raise Invalid("role", field="role")
    if len(password or "") < MIN_PASSWORD:
        raise Invalid("password", field="password")
    if role in ("teacher", "coordinator") and not db.session.get(School, school_id or 0):
        raise Invalid("school", field="school")
    if role == "regional" and not db.session.get(Region, region_id or 0):
        raise Invalid("region", field="region")
    if db.session.scalar(select(User.id).filter_by(email=email)):
        raise Invalid("email taken", field="email")


def authenticate(email: str, password: str) -> User | None:
    """Return the active account with this e-mail and password, or None."""
    user = db.session.scalar(select(User).filter_by(email=normalise_email(email)))
    if user is None:
        # spend the same time as a real check, so timing does not reveal accounts
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or "") or not user.active:
        return None
    return user


_DUMMY_HASH = generate_password_hash("not-a-real-password")


def start_session(user: User) -> str:
    """Open a new server-side session for the user and return its id."""
    session_id = secrets.token_urlsafe(32)
    db.session.add(StaffSession(id=session_id, user_id=user.id))
    db.session.commit()
    return session_id


def session_user(session_id: str, idle: timedelta, absolute: timedelta) -> User | None:
    """Return the user of a live session and mark it seen; None when ended or expired."""
    # The session and its user in one statement (every staff page asks for both).
    found = db.session.execute(
        select(StaffSession, User)
        .join(User, User.id == StaffSession.user_id)
        .where(StaffSession.id == (session_id or ""))
    ).first()
    now = utcnow()
    if found is None:
        return None
    row, user = found
    user_id, seen, created = row.user_id, row.last_seen_at, row.created_at
    if now - seen > idle or now - created > absolute:
        begin_write()
        db.session.execute(delete(StaffSession).where(StaffSession.id == session_id))
        db.session.commit()
        return None
    if now - seen > timedelta(minutes=1):
        begin_write()
        db.session.execute(
            update(StaffSession).where(StaffSession.id == session_id).values(last_seen_at=now)
        )
        db.session.commit()
        return db.session.get(User, user_id)  # the commit expired it
    return user


def end_session(session_id: str) -> None:
    """End a server-side session: its cookie no longer works anywhere."""
    db.session.execute(delete(StaffSession).where(StaffSession.id == session_id))
    db.session.commit()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(email: str) -> str:
    """Create a new API token for the account and return it (only its hash is stored)."""
    user = db.session.scalar(select(User).filter_by(email=normalise_email(email)))
    if user is None:
        raise NotFound("user")
    token = "qz_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, token_hash=_hash_token(token)))
    db.session.commit()
    return token


def revoke_tokens(email: str) -> int:
    """Revoke every API token of the account; return how many were revoked."""
    user = db.session.scalar(select(User).filter_by(email=normalise_email(email)))
    if user is None:
        raise NotFound("user")
    tokens = db.session.scalars(select(ApiToken).filter_by(user_id=user.id, revoked_at=None))
    count = 0
    for token in tokens:
        token.revoked_at = utcnow()
        count += 1
    db.session.commit()
    return count


def token_user(token: str) -> User | None:
    """Return the active account of an API token that has not been revoked."""
    row = db.session.scalar(select(ApiToken).filter_by(token_hash=_hash_token(token or "")))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    return row.user
