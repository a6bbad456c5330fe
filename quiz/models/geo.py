"""The school registry: regions, districts (or cities) and schools."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.extensions import db
from quiz.models.base import Bilingual, utcnow

SCHOOL_STATUSES = ("active", "pending", "merged")


class Region(Bilingual, db.Model):
    """An oblast or a city of republican significance."""

    __tablename__ = "regions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    districts: Mapped[list["District"]] = relationship(back_populates="region")


class District(Bilingual, db.Model):
    """A district or a city within a region."""

    __tablename__ = "districts"
    __table_args__ = (UniqueConstraint("region_id", "name_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    region: Mapped[Region] = relationship(back_populates="districts")
    schools: Mapped[list["School"]] = relationship(back_populates="district")


class School(Bilingual, db.Model):
    """A general secondary school; teachers may ask for a new one (status pending)."""

    __tablename__ = "schools"
    __table_args__ = (UniqueConstraint("district_id", "name_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    # case-folded, NFC-normalised name, for duplicate detection (SQLite folds ASCII only)
    name_key: Mapped[str] = mapped_column(String(300))
    official_code: Mapped[str | None] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="active")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    district: Mapped[District] = relationship(back_populates="schools")

    @property
    def region_id(self) -> int:
        """Return the id of the school's region."""
        return self.district.region_id
