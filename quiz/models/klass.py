"""A school class (grade and letter) with its join code, and its assignments."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.extensions import db
from quiz.models.base import utcnow


class Klass(db.Model):
    """A class of a school, led by one class teacher; pupils join it by code."""

    __tablename__ = "classes"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    grade: Mapped[int]
    letter: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(5))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    school = relationship("School")
    teacher = relationship("User")

    @property
    def label(self) -> str:
        """Return the class as pupils write it, e.g. 5 «Ә»."""
        return f"{self.grade} «{self.letter}»"

    @property
    def band(self) -> str:
        """Return the grade band of the class."""
        return band_of_grade(self.grade)


def band_of_grade(grade: int) -> str:
    """Return the content band ("1-4", "5-9", "10-11") of a grade."""
    if grade <= 4:
        return "1-4"
    return "5-9" if grade <= 9 else "10-11"


class Assignment(db.Model):
    """A self-paced quiz set for a class, open between two times."""

    __tablename__ = "assignments"
    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[str] = mapped_column(String(80))
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    klass: Mapped[Klass] = relationship()

    def is_open(self, now: datetime) -> bool:
        """Return whether answers are accepted at the given time."""
        return self.opens_at <= now < self.closes_at
