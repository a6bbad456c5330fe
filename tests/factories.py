"""Factories: each test builds the rows it needs, nothing is shared between tests."""

import itertools
from datetime import date

from werkzeug.security import generate_password_hash

from quiz.extensions import db
from quiz.models import Challenge, District, Klass, Participant, Region, School, User
from quiz.services.codes import new_join_code
from quiz.services.names import name_key

_seq = itertools.count(1)
PASSWORD = "correct horse battery"


def region(name_ru=None, name_kk=None):
    """Add a region."""
    n = next(_seq)
    name_ru = name_ru or f"Область {n}"
    row = Region(name_ru=name_ru, name_kk=name_kk or f"{n} облысы", name_key=name_key(name_ru))
    db.session.add(row)
    db.session.commit()
    return row


def district(region_row=None, name_ru=None):
    """Add a district of a region (a new region when none is given)."""
    region_row = region_row or region()
    n = next(_seq)
    name_ru = name_ru or f"Район {n}"
    row = District(
        region_id=region_row.id, name_ru=name_ru, name_kk=f"{n} ауданы", name_key=name_key(name_ru)
    )
    db.session.add(row)
    db.session.commit()
    return row


def school(district_row=None, name_ru=None, name_kk=None, status="active"):
    """Add a school of a district (a new district and region when none is given)."""
    district_row = district_row or district()
    n = next(_seq)
    name_ru = name_ru or f"Школа № {n}"
    row = School(
        district_id=district_row.id,
        name_ru=name_ru,
        name_kk=name_kk or f"№ {n} мектеп",
        name_key=name_key(name_ru),
        status=status,
    )
    db.session.add(row)
    db.session.commit()
    return row


def user(role="teacher", school_row=None, region_row=None, email=None, password=PASSWORD):
    """Add a staff account; teachers and coordinators get a school, regionals a region."""
    if role in ("teacher", "coordinator") and school_row is None:
        school_row = school()
    if role == "regional" and region_row is None:
        region_row = region()
    row = User(
        email=email or f"{role}{next(_seq)}@example.kz",
        password_hash=generate_password_hash(password, method="pbkdf2:sha256:1000"),
        role=role,
        school_id=school_row.id if school_row and role in ("teacher", "coordinator") else None,
        region_id=region_row.id if region_row and role == "regional" else None,
    )
    db.session.add(row)
    db.session.commit()
    return row


def klass(teacher=None, grade=5, letter="А", language="kk"):
    """Add a class led by a teacher (a new teacher and school when none is given)."""
    teacher = teacher or user("teacher")
    row = Klass(
        school_id=teacher.school_id,
        teacher_id=teacher.id,
        grade=grade,
        letter=letter,
        language=language,
        join_code=new_join_code(),
    )
    db.session.add(row)
    db.session.commit()
    return row


def challenge(current=True, **fields):
    """Add a challenge (the 2025 dates unless told otherwise)."""
    values = {
        "slug": f"challenge-{next(_seq)}",
        "name_kk": "«Желідегі қауіпсіздік» челленджі",
        "name_ru": "Челлендж «Безопасность в сети»",
        "starts_on": date(2025, 10, 9),
        "ends_on": date(2025, 10, 17),
        "report_deadline": date(2025, 10, 22),
        "hashtags": ["#ЖелідегіҚауіпсіздік2025", "#БезопасностьВСети2025"],
        "themes": [],
        "is_current": current,
    }
    values.update(fields)
    row = Challenge(**values)
    db.session.add(row)
    db.session.commit()
    return row


def participant(klass_row=None, nickname=None, token_hash=None, band="5-9", lang="kk"):
    """Add a pupil of a class (or a solo pupil when klass_row is None)."""
    n = next(_seq)
    nickname = nickname or f"Бүркіт {n}"
    row = Participant(
        token_hash=token_hash or f"{n:064d}",
        nickname=nickname,
        nickname_key=name_key(nickname),
        class_id=klass_row.id if klass_row else None,
        school_id=klass_row.school_id if klass_row else None,
        band=band,
        lang=lang,
    )
    db.session.add(row)
    db.session.commit()
    return row


def login(client, user_row, password=PASSWORD, lang="kk"):
    """Sign a staff account in through the real form."""
    return client.post(f"/{lang}/auth/login", data={"email": user_row.email, "password": password})
