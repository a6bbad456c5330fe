"""How participation is counted: the one rule, as aggregate SQL (see docs/participation.md).

For a challenge C, within its period and the filters:

- online pupils of a class = the seats of its distinct participants (a team seat counts
  for `Participant.seats` pupils) that answered at least one item in an attempt of C,
  plus the pupils of its largest paper session of C (paper pupils have no device, so they
  are never among the participants; several paper quizzes are usually the same pupils);
- offline pupils of a class = the largest `participants` of its offline activities of C
  held in the challenge period (the same pupils go to the debate and to the quest);
- a class's participants = the larger of the two;
- a school's participants = the larger of (the sum over its classes + its solo pupils)
  and its largest school-level offline activity (class_id NULL), because a school-wide
  event is attended by the same pupils who are counted in its classes;
- a school takes part when it has at least one participant or at least one social-media
  link of C (the rules count posts as taking part and the report lists every link): these
  are the report's rows and the dashboard's "schools taking part" (`taking_part`); the
  schools registered are the approved ones (status "active"), never teachers' requests.

Everything is computed in the database with GROUP BY, never with a Python loop over rows.

The statements are built once per shape of the filters (which filters are set, whether the
roll-ups or the day masks answer them) with the filters' values as bind parameters
(`_Symbols`), and kept: building one costs far more than running it on a school's data, and
the report and the dashboard are asked for again and again with the same shape.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Integer,
    String,
    case,
    func,
    select,
    union_all,
)
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import BindParameter

from quiz import clock
from quiz.extensions import db
from quiz.models import (
    Challenge,
    District,
    Region,
    School,
)
from quiz.services.participation_sql import (  # noqa: F401 (band_expr, class_counts, schools_in: public)
    band_expr,
    class_counts,
    school_counts,
    school_scope,
    schools_in,
    solo_by_school,
)


@dataclass(frozen=True)
class Filters:
    """What to count: a challenge and optional region, district, band and date range."""

    challenge_id: int
    region_id: int | None = None
    district_id: int | None = None
    band: str | None = None
    date_from: date | None = None
    date_to: date | None = None


class _Param(BindParameter):
    """A filter's value as a bind parameter. It is true, like the value it stands for, so the
    builders below test whether a filter is set the same way for values and parameters."""

    inherit_cache = True

    def __bool__(self) -> bool:
        return True


@dataclass(frozen=True)
class _Symbols:
    """The filters as the statements see them: each one that is set is a bind parameter, the
    others None. `date_from`/`date_to` are the range's first moment and the moment after it;
    `start`/`end` the days counted (see `period`); `mask` the day bits of `dash_masks` when
    they answer the range; `rollups` whether the roll-ups answer the filters."""

    challenge_id: _Param
    region_id: _Param | None
    district_id: _Param | None
    band: _Param | None
    date_from: _Param | None
    date_to: _Param | None
    start: _Param
    end: _Param
    mask: _Param | None
    rollups: bool


_TYPES = {
    "challenge_id": Integer,
    "region_id": Integer,
    "district_id": Integer,
    "band": String,
    "date_from": DateTime,
    "date_to": DateTime,
    "start": Date,
    "end": Date,
    "mask": BigInteger,
}
_STATEMENTS: dict[tuple, Select] = {}


def _statement(kind: str, filters: Filters, build) -> tuple[Select, dict]:
    """Return the statement `build(symbols)` for the filters' shape (built once) and the
    parameter values that make it count these filters."""
    start, end = period(filters)
    until = filters.date_to and clock.local_midnight_utc(filters.date_to + timedelta(days=1))
    values = {
        "challenge_id": filters.challenge_id,
        "region_id": filters.region_id or None,
        "district_id": filters.district_id or None,
        "band": filters.band or None,
        "date_from": filters.date_from and clock.local_midnight_utc(filters.date_from),
        "date_to": until or None,
        "start": start,
        "end": end,
        "mask": range_mask(filters),
    }
    values = {name: value for name, value in values.items() if value is not None}
    rollups = uses_rollups(filters)
    key = (kind, rollups, *sorted(values))
    statement = _STATEMENTS.get(key)
    if statement is None:
        params = {
            name: _Param(name, type_=_TYPES[name]) if name in values else None for name in _TYPES
        }
        statement = _STATEMENTS[key] = build(_Symbols(**params, rollups=rollups))
    return statement, values


def period(filters: Filters) -> tuple[date, date]:
    """Return the dates counted: the challenge period, narrowed by the filters' range."""
    challenge = db.session.get(Challenge, filters.challenge_id)
    start, end = challenge.starts_on, challenge.ends_on
    if filters.date_from and filters.date_from > start:
        start = filters.date_from
    if filters.date_to and filters.date_to < end:
        end = filters.date_to
    return start, end


def uses_rollups(filters: Filters) -> bool:
    """Return whether the maintained roll-ups answer these filters (a date range does not:
    it needs each attempt's start time, so it is counted from the attempts themselves)."""
    enabled = current_app.config.get("STATS_ROLLUPS", True)
    return enabled and filters.date_from is None and filters.date_to is None


def range_mask(filters: Filters) -> int | None:
    """Return the day bits of the filters' date range when the dashboard's aggregates
    (`dash_masks`) answer it, else None (no range, aggregates off, or outside their window).
    Callers refresh the aggregates first (`dashboard.refresh`)."""
    if not (filters.date_from or filters.date_to):
        return None
    if not current_app.config.get("STATS_DASHBOARD", True):
        return None
    from quiz.services import aggregates

    starts_on = db.session.get(Challenge, filters.challenge_id).starts_on
    return aggregates.range_mask(starts_on, filters.date_from, filters.date_to)


def _rows(kind: str, filters: Filters, build) -> list[dict]:
    statement, values = _statement(kind, filters, build)
    return [dict(row._mapping) for row in db.session.execute(statement, values)]


def by_class(filters: Filters) -> list[dict]:
    """Return the counts of every class that took part, in scope."""

    def build(symbols: _Symbols) -> Select:
        classes = class_counts(symbols).subquery()
        return (
            select(classes)
            .join(School, School.id == classes.c.school_id)
            .join(District, District.id == School.district_id)
            .where(school_scope(symbols))
            .order_by(classes.c.class_id)
        )

    return _rows("by_class", filters, build)


def taking_part(schools):
    """Return the SQL condition "the school takes part" over a `school_counts` subquery: at
    least one participant or one social-media link (the one rule of the report's rows and the
    dashboard's count)."""
    return (schools.c.participants > 0) | (schools.c.links > 0)


def _approved(schools):
    """1 for a registered (approved) school, 0 for a teacher's request still pending."""
    return case((schools.c.status == "active", 1), else_=0)


def by_school(filters: Filters, participating_only: bool = True) -> list[dict]:
    """Return each school's counts; by default only the schools taking part (`taking_part`)."""

    def build(symbols: _Symbols) -> Select:
        schools = school_counts(symbols).subquery()
        query = select(schools)
        if participating_only:
            query = query.where(taking_part(schools))
        return query.order_by(schools.c.school_id)

    return _rows(f"by_school:{participating_only}", filters, build)


def _grouped(filters: Filters, model, join_on) -> list[dict]:
    return _rows(
        model.__tablename__, filters, lambda symbols: _grouped_query(symbols, model, join_on)
    )


def _grouped_query(filters: _Symbols, model, join_on) -> Select:
    schools = school_counts(filters).subquery()
    return (
        select(
            model.id.label("id"),
            model.name_kk,
            model.name_ru,
            func.sum(schools.c.participants).label("participants"),
            func.sum(schools.c.online).label("online"),
            func.sum(schools.c.offline).label("offline"),
            func.sum(case((taking_part(schools), 1), else_=0)).label("schools"),
            func.sum(_approved(schools)).label("registered"),
            func.sum(schools.c.classes).label("classes"),
            func.sum(schools.c.links).label("links"),
        )
        .join(schools, join_on(schools))
        .group_by(model.id, model.name_kk, model.name_ru)
        .order_by(model.id)
    )


def by_region(filters: Filters) -> list[dict]:
    """Return participants, online, offline and schools per region in scope."""
    return _grouped(filters, Region, lambda s: s.c.region_id == Region.id)


def by_district(filters: Filters) -> list[dict]:
    """Return participants, online, offline and schools per district in scope."""
    return _grouped(filters, District, lambda s: s.c.district_id == District.id)


def totals(filters: Filters) -> dict:
    """Return the scope's totals: participants, online, offline, schools taking part (the
    report's rows) and registered (approved), classes, links."""
    statement, values = _statement("totals", filters, _totals_query)
    row = db.session.execute(statement, values).one()
    return {key: int(value or 0) for key, value in row._mapping.items()}


def _totals_query(filters: _Symbols) -> Select:
    schools = school_counts(filters).subquery()
    return select(
        func.coalesce(func.sum(schools.c.participants), 0).label("participants"),
        func.coalesce(func.sum(schools.c.online), 0).label("online"),
        func.coalesce(func.sum(schools.c.offline), 0).label("offline"),
        func.coalesce(func.sum(case((taking_part(schools), 1), else_=0)), 0).label("schools"),
        func.coalesce(func.sum(_approved(schools)), 0).label("registered"),
        func.coalesce(func.sum(schools.c.classes), 0).label("classes"),
        func.coalesce(func.sum(schools.c.links), 0).label("links"),
    )


TOTALS = ("participants", "online", "offline", "schools", "registered", "classes", "links")


def totals_of(rows: list[dict]) -> dict:
    """Return the totals of the scope from its rows `by_region` (or `by_district`): every
    school in scope is in one of them, so the sums are `totals` without a second count."""
    return {key: sum(int(row[key] or 0) for row in rows) for key in TOTALS}


def by_band(filters: Filters) -> dict:
    """Return {band: participants by the rule} for every band that has any, in one statement
    (the filters' own band is not applied: this is the breakdown of the scope by band).

    Equal to `totals` with each band: under a band filter a school counts the sum over its
    classes of the band plus its solo pupils of the band (school-wide activities, which have
    no band, are left out), so a band's total is that sum over the schools in scope."""

    def build(symbols: _Symbols) -> Select:
        classes = class_counts(symbols).subquery()
        solo = solo_by_school(symbols, by_band=True)
        parts = union_all(
            select(classes.c.school_id, classes.c.band, classes.c.participants.label("n")),
            select(solo.c.school_id, solo.c.band, solo.c.n),
        ).subquery()
        return (
            select(parts.c.band, func.sum(parts.c.n).label("participants"))
            .join(School, School.id == parts.c.school_id)
            .join(District, District.id == School.district_id)
            .where(school_scope(symbols))
            .group_by(parts.c.band)
        )

    rows = _rows("by_band", replace(filters, band=None), build)
    return {row["band"]: int(row["participants"] or 0) for row in rows}


def with_band(filters: Filters, band: str | None) -> Filters:
    """Return the same filters for one band."""
    return replace(filters, band=band)
