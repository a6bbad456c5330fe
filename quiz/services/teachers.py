"""Teachers' accounts: registration against the school registry, password reset."""

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from quiz.errors import Invalid
from quiz.extensions import db
from quiz.models import District, Region, School, User
from quiz.services import accounts
from quiz.services.names import name_key

RESET_SALT = "password-reset"
RESET_MAX_AGE = 3600


def registry(lang: str, region_id: int | None, district_id: int | None) -> dict:
    """Return the regions, the districts of a region and the schools of a district."""
    column = Region.name_kk if lang == "kk" else Region.name_ru
    regions = db.session.execute(select(Region.id, column.label("name")).order_by(column)).all()
    districts, schools = [], []
    if region_id:
        dcol = District.name_kk if lang == "kk" else District.name_ru
        query = (
            select(District.id, dcol.label("name")).filter_by(region_id=region_id).order_by(dcol)
        )
        districts = db.session.execute(query).all()
    if district_id and any(d.id == district_id for d in districts):
        scol = School.name_kk if lang == "kk" else School.name_ru
        query = select(School.id, scol.label("name")).filter_by(
            district_id=district_id, status="active"
        )
        schools = db.session.execute(query.order_by(scol)).all()
    return {"regions": regions, "districts": districts, "schools": schools}


def register_teacher(email, password, locale, district_id, school_id=None, new_school=""):
    """Create a teacher of a registry school, or of a new school awaiting approval."""
    new_school = " ".join((new_school or "").split())
    if new_school:
        school_id = _pending_school(district_id, new_school)
    else:
        school = db.session.get(School, school_id or 0)
        if school is None or school.district_id != district_id or school.status != "active":
            raise Invalid("school", field="school")
    try:
        return accounts.create_user(email, password, "teacher", school_id=school_id, locale=locale)
    except Invalid:
        db.session.rollback()  # nothing stored: not even the new school
        raise


def _pending_school(district_id: int, name: str) -> int:
    if db.session.get(District, district_id or 0) is None:
        raise Invalid("district", field="district")
    key = name_key(name)
    found = db.session.scalar(select(School).filter_by(district_id=district_id, name_key=key))
    if found is not None:
        return found.id
    school = School(
        district_id=district_id, name_kk=name, name_ru=name, name_key=key, status="pending"
    )
    db.session.add(school)
    db.session.flush()
    return school.id


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=RESET_SALT)


def reset_token(secret: str, email: str) -> tuple[User, str] | None:
    """Return the account of an e-mail and a signed reset token, or None when unknown."""
    user = db.session.scalar(select(User).filter_by(email=accounts.normalise_email(email)))
    if user is None or not user.active:
        return None
    # the hash's tail makes the link single-use: it dies when the password changes
    return user, _serializer(secret).dumps([user.id, user.password_hash[-12:]])


def reset_password(secret: str, token: str, password: str, max_age=RESET_MAX_AGE) -> User:
    """Set a new password from a valid, unexpired, unused link; end the user's sessions."""
    try:
        user_id, tail = _serializer(secret).loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired, ValueError, TypeError) as error:
        raise Invalid("token", field="token") from error
    user = db.session.get(User, user_id)
    if user is None or user.password_hash[-12:] != tail:
        raise Invalid("token", field="token")
    if len(password or "") < accounts.MIN_PASSWORD:
        raise Invalid("password", field="password")
    user.password_hash = generate_password_hash(password)
    for row in user_sessions(user.id):
        db.session.delete(row)
    db.session.commit()
    return user


def user_sessions(user_id: int) -> list:
    """Return the server-side sessions of an account."""
    from quiz.models import StaffSession

    return list(db.session.scalars(select(StaffSession).filter_by(user_id=user_id)))
