"""The school registry as a pupil browses it: region, then district, then school."""

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import District, Region, School


def choices(lang: str, region_id: int | None, district_id: int | None) -> dict:
    """Return the regions, and the districts and active schools of the chosen ones."""
    regions = db.session.scalars(select(Region)).all()
    districts, schools = [], []
    if region_id:
        districts = db.session.scalars(select(District).filter_by(region_id=region_id)).all()
    if district_id:
        query = select(School).filter_by(district_id=district_id, status="active")
        schools = db.session.scalars(query).all()
    return {
        "regions": _named(regions, lang),
        "districts": _named(districts, lang),
        "schools": _named(schools, lang),
    }


def _named(rows, lang: str) -> list[dict]:
    # Kazakh letters sort after Я in byte order; the lists are short, so sort by a folded key.
    named = [{"id": row.id, "name": row.name(lang)} for row in rows]
    return sorted(named, key=lambda entry: entry["name"].casefold())


def school_name(school_id: int | None, lang: str) -> str | None:
    """Return a school's name in the language, or None."""
    school = db.session.get(School, school_id) if school_id else None
    return school.name(lang) if school else None
