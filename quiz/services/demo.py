"""Demo data for trainers, scripted tests and a first `make run`."""

import secrets

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import District, Klass, Region, School
from quiz.services import accounts, challenges
from quiz.services.codes import new_join_code
from quiz.services.names import name_key

DEMO_ACCOUNTS = (
    ("teacher", "teacher@demo.kz"),
    ("coordinator", "coordinator@demo.kz"),
    ("regional", "region@demo.kz"),
    ("national", "organizer@demo.kz"),
)


def database_is_empty() -> bool:
    """Return whether no school has been registered yet."""
    return db.session.scalar(select(School.id).limit(1)) is None


def load() -> dict:
    """Create a demo school with staff and a class; return the accounts and passwords."""
    challenge = challenges.ensure_2025()
    region = _get_or_add(Region, name_kk="Абай облысы", name_ru="Абайская область")
    district = _get_or_add(
        District, region_id=region.id, name_kk="Семей қаласы", name_ru="город Семей"
    )
    school = _get_or_add(
        School,
        district_id=district.id,
        name_kk="№ 1 жалпы білім беретін мектеп (демо)",
        name_ru="Общеобразовательная школа № 1 (демо)",
    )
    accounts_out = []
    teacher = None
    for role, email in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(9)
        user = _replace_account(email, password, role, school.id, region.id)
        teacher = teacher or user
        accounts_out.append({"role": role, "email": email, "password": password})
    klass = Klass(
        school_id=school.id,
        teacher_id=teacher.id,
        grade=5,
        letter="Ә",
        language="kk",
        join_code=new_join_code(),
    )
    db.session.add(klass)
    db.session.commit()
    return {
        "challenge": {"id": challenge.id, "name": challenge.names},
        "school": {"id": school.id, "name": school.names, "region_id": region.id},
        "class": {"id": klass.id, "label": klass.label, "join_code": klass.join_code},
        "accounts": accounts_out,
    }


def _get_or_add(model, **fields):
    fields["name_key"] = name_key(fields["name_ru"])
    found = db.session.scalar(select(model).filter_by(**fields))
    if found:
        return found
    row = model(**fields)
    db.session.add(row)
    db.session.flush()
    return row


def _replace_account(email, password, role, school_id, region_id):
    from werkzeug.security import generate_password_hash

    from quiz.models import User

    user = db.session.scalar(select(User).filter_by(email=email))
    if user is not None:
        user.password_hash = generate_password_hash(password)
        db.session.commit()
        return user
    scope_school = school_id if role in ("teacher", "coordinator") else None
    scope_region = region_id if role == "regional" else None
    return accounts.create_user(email, password, role, scope_school, scope_region)
