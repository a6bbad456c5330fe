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
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Integer,
    String,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    select,
    true,
    union_all,
)
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import BindParameter

from quiz.extensions import db
from quiz.models import (
    Answer,
    Attempt,
    Challenge,
    DashMask,
    District,
    Klass,
    OfflineActivity,
    PaperSession,
    Participant,
    Region,
    RollupClass,
    RollupSolo,
    School,
    SocialLink,
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
    until = filters.date_to and datetime.combine(filters.date_to + timedelta(days=1), time())
    values = {
        "challenge_id": filters.challenge_id,
        "region_id": filters.region_id or None,
        "district_id": filters.district_id or None,
        "band": filters.band or None,
        "date_from": filters.date_from and datetime.combine(filters.date_from, time()),
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


def greatest(a, b):
    """Return the larger of two SQL expressions (GREATEST is missing from SQLite)."""
    return case((a >= b, a), else_=b)


def band_expr(grade):
    """Return the SQL expression of a class's band ("1-4", "5-9", "10-11")."""
    return case((grade <= 4, literal("1-4")), (grade <= 9, literal("5-9")), else_=literal("10-11"))


def took_part(filters: _Symbols):
    """Return the SQL condition: the participant answered an item in an attempt of C."""
    answered = exists().where(Answer.attempt_id == Attempt.id)
    cond = and_(
        Attempt.participant_id == Participant.id,
        Attempt.challenge_id == filters.challenge_id,
        answered,
    )
    # The attempt's challenge tag is authoritative for online work; an explicit date range
    # (the dashboard's filter) narrows it further.
    if filters.date_from:
        cond = and_(cond, Attempt.started_at >= filters.date_from)
    if filters.date_to:
        cond = and_(cond, Attempt.started_at < filters.date_to)
    return and_(Participant.removed == false(), exists().where(cond))


def _school_scope(filters: Filters):
    cond = School.status != "merged"
    if filters.district_id:
        cond = and_(cond, School.district_id == filters.district_id)
    if filters.region_id:
        cond = and_(cond, District.region_id == filters.region_id)
    return cond


def _schools_in(filters: Filters, column):
    """Return a condition limiting a school id column to the region or district chosen, so
    that a region is counted alone instead of the whole country being counted and then
    filtered (true() for the whole country)."""
    if not (filters.region_id or filters.district_id):
        return true()
    schools = select(School.id).join(District, District.id == School.district_id)
    if filters.district_id:
        schools = schools.where(School.district_id == filters.district_id)
    if filters.region_id:
        schools = schools.where(District.region_id == filters.region_id)
    return column.in_(schools)


def schools_in(filters: Filters, column):
    """Public form of `_schools_in`, for the dashboard's per-school aggregates."""
    return _schools_in(filters, column)


def _classes_in(filters: Filters, column):
    """Return a condition limiting a class id column to the classes of the schools chosen."""
    if not (filters.region_id or filters.district_id):
        return true()
    return column.in_(select(Klass.id).where(_schools_in(filters, Klass.school_id)))


def _activities(filters: Filters, start: date, end: date, class_level: bool):
    level = (
        OfflineActivity.class_id.is_not(None) if class_level else OfflineActivity.class_id.is_(None)
    )
    return and_(
        OfflineActivity.challenge_id == filters.challenge_id,
        OfflineActivity.held_on >= start,
        OfflineActivity.held_on <= end,
        level,
    )


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


def _in_range(mask: _Param):
    return DashMask.days.op("&")(mask) != 0


def _online_by_class(filters: _Symbols):
    """(class_id, n): seats of the class's participants who took part (see took_part)."""
    mask = filters.mask
    if mask is not None:
        return (
            select(DashMask.class_id.label("class_id"), func.sum(DashMask.pupils).label("n"))
            .where(
                DashMask.challenge_id == filters.challenge_id,
                DashMask.class_id != 0,
                _in_range(mask),
                _classes_in(filters, DashMask.class_id),
            )
            .group_by(DashMask.class_id)
            .subquery()
        )
    if filters.rollups:
        return (
            select(RollupClass.class_id.label("class_id"), RollupClass.pupils.label("n"))
            .where(
                RollupClass.challenge_id == filters.challenge_id,
                _classes_in(filters, RollupClass.class_id),
            )
            .subquery()
        )
    return (
        select(Participant.class_id.label("class_id"), func.sum(Participant.seats).label("n"))
        .where(
            Participant.class_id.is_not(None),
            _classes_in(filters, Participant.class_id),
            took_part(filters),
        )
        .group_by(Participant.class_id)
        .subquery()
    )


def _solo_by_school(filters: _Symbols, by_band: bool = False):
    """(school_id, n): seats of the solo pupils who chose the school and took part; with
    by_band, (school_id, band, n)."""
    mask = filters.mask
    if mask is not None:
        query = select(
            DashMask.school_id.label("school_id"), func.sum(DashMask.pupils).label("n")
        ).where(
            DashMask.challenge_id == filters.challenge_id,
            DashMask.class_id == 0,
            _in_range(mask),
            _schools_in(filters, DashMask.school_id),
        )
        if filters.band:
            query = query.where(DashMask.band == filters.band)
        return _per_school(query, DashMask.school_id, DashMask.band, by_band)
    if filters.rollups:
        query = select(
            RollupSolo.school_id.label("school_id"), func.sum(RollupSolo.pupils).label("n")
        ).where(
            RollupSolo.challenge_id == filters.challenge_id,
            _schools_in(filters, RollupSolo.school_id),
        )
        if filters.band:
            query = query.where(RollupSolo.band == filters.band)
        return _per_school(query, RollupSolo.school_id, RollupSolo.band, by_band)
    cond = and_(
        Participant.class_id.is_(None),
        Participant.school_id.is_not(None),
        _schools_in(filters, Participant.school_id),
    )
    if filters.band:
        cond = and_(cond, Participant.band == filters.band)
    query = select(
        Participant.school_id.label("school_id"), func.sum(Participant.seats).label("n")
    ).where(cond, took_part(filters))
    return _per_school(query, Participant.school_id, Participant.band, by_band)


def _per_school(query: Select, school_id, band, by_band: bool):
    """Group a solo query by school (and by band when asked)."""
    if by_band:
        return query.add_columns(band.label("band")).group_by(school_id, band).subquery()
    return query.group_by(school_id).subquery()


def class_counts(filters: _Symbols) -> Select:
    """Return a query of classes that took part: class_id, school_id, band, online, offline,
    participants."""
    start, end = filters.start, filters.end
    online = _online_by_class(filters)
    paper = (
        select(PaperSession.class_id.label("class_id"), func.max(PaperSession.pupils).label("n"))
        .where(
            PaperSession.challenge_id == filters.challenge_id,
            PaperSession.held_on >= start,
            PaperSession.held_on <= end,
            _classes_in(filters, PaperSession.class_id),
        )
        .group_by(PaperSession.class_id)
        .subquery()
    )
    offline = (
        select(
            OfflineActivity.class_id.label("class_id"),
            func.max(OfflineActivity.participants).label("n"),
        )
        .where(
            _activities(filters, start, end, class_level=True),
            _classes_in(filters, OfflineActivity.class_id),
        )
        .group_by(OfflineActivity.class_id)
        .subquery()
    )
    on = func.coalesce(online.c.n, 0) + func.coalesce(paper.c.n, 0)
    off = func.coalesce(offline.c.n, 0)
    band = band_expr(Klass.grade)
    query = (
        select(
            Klass.id.label("class_id"),
            Klass.school_id.label("school_id"),
            band.label("band"),
            on.label("online"),
            off.label("offline"),
            greatest(on, off).label("participants"),
        )
        .outerjoin(online, online.c.class_id == Klass.id)
        .outerjoin(paper, paper.c.class_id == Klass.id)
        .outerjoin(offline, offline.c.class_id == Klass.id)
        .where(greatest(on, off) > 0, _schools_in(filters, Klass.school_id))
    )
    if filters.band:
        query = query.where(band == filters.band)
    return query


def school_counts(filters: _Symbols) -> Select:
    """Return a query of every school in scope with its counts by the rule (zeros included)."""
    start, end = filters.start, filters.end
    classes = class_counts(filters).subquery()
    per_school = (
        select(
            classes.c.school_id,
            func.sum(classes.c.online).label("online"),
            func.sum(classes.c.offline).label("offline"),
            func.sum(classes.c.participants).label("participants"),
            func.count().label("classes"),
        )
        .group_by(classes.c.school_id)
        .subquery()
    )
    solo = _solo_by_school(filters)
    # School-level activities have no band: a band filter leaves them out.
    level = _activities(filters, start, end, class_level=False)
    school_wide = (
        select(
            OfflineActivity.school_id.label("school_id"),
            func.max(OfflineActivity.participants).label("n"),
        )
        .where(level, false() if filters.band else true())
        .where(_schools_in(filters, OfflineActivity.school_id))
        .group_by(OfflineActivity.school_id)
        .subquery()
    )
    links = (
        select(SocialLink.school_id.label("school_id"), func.count().label("n"))
        .where(
            SocialLink.challenge_id == filters.challenge_id,
            _schools_in(filters, SocialLink.school_id),
        )
        .group_by(SocialLink.school_id)
        .subquery()
    )
    class_sum = func.coalesce(per_school.c.participants, 0) + func.coalesce(solo.c.n, 0)
    wide = func.coalesce(school_wide.c.n, 0)
    return (
        select(
            School.id.label("school_id"),
            School.name_kk,
            School.name_ru,
            School.district_id,
            District.region_id,
            School.status,
            (func.coalesce(per_school.c.online, 0) + func.coalesce(solo.c.n, 0)).label("online"),
            greatest(func.coalesce(per_school.c.offline, 0), wide).label("offline"),
            greatest(class_sum, wide).label("participants"),
            func.coalesce(per_school.c.classes, 0).label("classes"),
            func.coalesce(links.c.n, 0).label("links"),
        )
        .join(District, District.id == School.district_id)
        .outerjoin(per_school, per_school.c.school_id == School.id)
        .outerjoin(solo, solo.c.school_id == School.id)
        .outerjoin(school_wide, school_wide.c.school_id == School.id)
        .outerjoin(links, links.c.school_id == School.id)
        .where(_school_scope(filters))
    )


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
            .where(_school_scope(symbols))
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
        solo = _solo_by_school(symbols, by_band=True)
        parts = union_all(
            select(classes.c.school_id, classes.c.band, classes.c.participants.label("n")),
            select(solo.c.school_id, solo.c.band, solo.c.n),
        ).subquery()
        return (
            select(parts.c.band, func.sum(parts.c.n).label("participants"))
            .join(School, School.id == parts.c.school_id)
            .join(District, District.id == School.district_id)
            .where(_school_scope(symbols))
            .group_by(parts.c.band)
        )

    rows = _rows("by_band", replace(filters, band=None), build)
    return {row["band"]: int(row["participants"] or 0) for row in rows}


def with_band(filters: Filters, band: str | None) -> Filters:
    """Return the same filters for one band."""
    return replace(filters, band=band)
