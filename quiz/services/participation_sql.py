"""The counting rule's SQL: what each class and school counts, from the roll-ups, the day
masks or the attempts (see `participation`, which builds statements from these and runs
them, and docs/participation.md)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import and_, case, exists, false, func, literal, select, true
from sqlalchemy.sql import Select

from quiz.models import (
    Answer,
    Attempt,
    DashMask,
    District,
    Klass,
    OfflineActivity,
    PaperSession,
    Participant,
    RollupClass,
    RollupSolo,
    School,
    SocialLink,
)

if TYPE_CHECKING:
    from quiz.services.participation import Filters, _Param, _Symbols


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


def school_scope(filters: Filters):
    cond = School.status != "merged"
    if filters.district_id:
        cond = and_(cond, School.district_id == filters.district_id)
    if filters.region_id:
        cond = and_(cond, District.region_id == filters.region_id)
    return cond


def schools_in(filters: Filters, column):
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


def classes_in(filters: Filters, column):
    """Return a condition limiting a class id column to the classes of the schools chosen."""
    if not (filters.region_id or filters.district_id):
        return true()
    return column.in_(select(Klass.id).where(schools_in(filters, Klass.school_id)))


def activities(filters: Filters, start: date, end: date, class_level: bool):
    level = (
        OfflineActivity.class_id.is_not(None) if class_level else OfflineActivity.class_id.is_(None)
    )
    return and_(
        OfflineActivity.challenge_id == filters.challenge_id,
        OfflineActivity.held_on >= start,
        OfflineActivity.held_on <= end,
        level,
    )


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
                classes_in(filters, DashMask.class_id),
            )
            .group_by(DashMask.class_id)
            .subquery()
        )
    if filters.rollups:
        return (
            select(RollupClass.class_id.label("class_id"), RollupClass.pupils.label("n"))
            .where(
                RollupClass.challenge_id == filters.challenge_id,
                classes_in(filters, RollupClass.class_id),
            )
            .subquery()
        )
    return (
        select(Participant.class_id.label("class_id"), func.sum(Participant.seats).label("n"))
        .where(
            Participant.class_id.is_not(None),
            classes_in(filters, Participant.class_id),
            took_part(filters),
        )
        .group_by(Participant.class_id)
        .subquery()
    )


def solo_by_school(filters: _Symbols, by_band: bool = False):
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
            schools_in(filters, DashMask.school_id),
        )
        if filters.band:
            query = query.where(DashMask.band == filters.band)
        return _per_school(query, DashMask.school_id, DashMask.band, by_band)
    if filters.rollups:
        query = select(
            RollupSolo.school_id.label("school_id"), func.sum(RollupSolo.pupils).label("n")
        ).where(
            RollupSolo.challenge_id == filters.challenge_id,
            schools_in(filters, RollupSolo.school_id),
        )
        if filters.band:
            query = query.where(RollupSolo.band == filters.band)
        return _per_school(query, RollupSolo.school_id, RollupSolo.band, by_band)
    cond = and_(
        Participant.class_id.is_(None),
        Participant.school_id.is_not(None),
        schools_in(filters, Participant.school_id),
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
            classes_in(filters, PaperSession.class_id),
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
            activities(filters, start, end, class_level=True),
            classes_in(filters, OfflineActivity.class_id),
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
        .where(greatest(on, off) > 0, schools_in(filters, Klass.school_id))
    )
    if filters.band:
        query = query.where(band == filters.band)
    return query


def _recorded_in_range(filters: _Symbols):
    """A link counts in a date range when it was recorded in it (links have no other date;
    the report, which has no range, lists every link of the challenge)."""
    cond = true()
    if filters.date_from:
        cond = and_(cond, SocialLink.created_at >= filters.date_from)
    if filters.date_to:
        cond = and_(cond, SocialLink.created_at < filters.date_to)
    return cond


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
    solo = solo_by_school(filters)
    # School-level activities have no band: a band filter leaves them out.
    level = activities(filters, start, end, class_level=False)
    school_wide = (
        select(
            OfflineActivity.school_id.label("school_id"),
            func.max(OfflineActivity.participants).label("n"),
        )
        .where(level, false() if filters.band else true())
        .where(schools_in(filters, OfflineActivity.school_id))
        .group_by(OfflineActivity.school_id)
        .subquery()
    )
    links = (
        select(SocialLink.school_id.label("school_id"), func.count().label("n"))
        .where(
            SocialLink.challenge_id == filters.challenge_id,
            schools_in(filters, SocialLink.school_id),
            _recorded_in_range(filters),
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
        .where(school_scope(filters))
    )
