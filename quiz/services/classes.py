"""Classes as teachers see them: scope, create, edit, delete, join codes and QR codes."""

import io

import segno
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from quiz.errors import Invalid, NotFound
from quiz.extensions import db
from quiz.i18n import LOCALES
from quiz.models import Klass, User
from quiz.services.codes import new_join_code

STAFF_ROLES = ("teacher", "coordinator")
CODE_TRIES = 5


def scope_filter(user: User, query):
    """Limit a query over Klass to the classes the account may see."""
    if user.role == "coordinator":
        return query.where(Klass.school_id == user.school_id)
    if user.role == "teacher":
        return query.where(Klass.teacher_id == user.id)
    return query.where(Klass.id.is_(None))


def visible_classes(user: User) -> list[Klass]:
    """Return the classes of the account: a coordinator's school, or a teacher's own."""
    query = scope_filter(user, select(Klass)).order_by(Klass.grade, Klass.letter, Klass.id)
    return list(db.session.scalars(query))


def get_class(user: User, class_id: int) -> Klass:
    """Return a class the account may see; NotFound for any other (never reveal it exists)."""
    klass = db.session.scalar(scope_filter(user, select(Klass).where(Klass.id == class_id)))
    if klass is None:
        raise NotFound("class")
    return klass


def _check(grade, letter, language) -> str:
    letter = " ".join((letter or "").split()).upper()
    if not isinstance(grade, int) or not 1 <= grade <= 11:
        raise Invalid("grade", field="grade")
    if not letter or len(letter) > 10:
        raise Invalid("letter", field="letter")
    if language not in LOCALES:
        raise Invalid("language", field="language")
    return letter


def create_class(user: User, grade: int, letter: str, language: str) -> Klass:
    """Create a class led by the account, with a fresh join code."""
    if user.role not in STAFF_ROLES or not user.school_id:
        raise NotFound("class")
    letter = _check(grade, letter, language)
    klass = Klass(
        school_id=user.school_id, teacher_id=user.id, grade=grade, letter=letter, language=language
    )
    return _save_with_new_code(klass)


def update_class(user: User, class_id: int, grade: int, letter: str, language: str) -> Klass:
    """Change a class's grade, letter and teaching language."""
    klass = get_class(user, class_id)
    klass.letter = _check(grade, letter, language)
    klass.grade, klass.language = grade, language
    db.session.commit()
    return klass


def delete_class(user: User, class_id: int) -> None:
    """Delete a class with its pupils, assignments, sessions and results."""
    db.session.delete(get_class(user, class_id))
    db.session.commit()


def regenerate_code(user: User, class_id: int) -> Klass:
    """Give a class a new join code: the old one stops working at once."""
    return _save_with_new_code(get_class(user, class_id))


def _save_with_new_code(klass: Klass) -> Klass:
    # the unique constraint, not a check-then-insert, guarantees codes never collide
    for _ in range(CODE_TRIES):
        klass.join_code = new_join_code()
        db.session.add(klass)
        try:
            db.session.commit()
            return klass
        except IntegrityError:
            db.session.rollback()
    raise RuntimeError("could not find a free join code")


def qr_svg(text: str) -> str:
    """Return an SVG QR code of a text (a join link); black on white, scalable."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=8, omitsize=True, xmldecl=False)
    return out.getvalue().decode()
