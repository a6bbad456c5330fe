"""The dashboard's figures from paper sheets and offline activities (not from pupils' answers).

Paper sessions (a class answered on paper; the teacher entered how many ticked each answer)
and offline activities (class hours, debates, contests, meetings…) are counted by day and by
theme beside the online pupils; the paper tallies add to the shares of correct answers. These
tables are small (one row per event, a few per item of a paper sheet), so they are read
directly, within the same scope and filters as the rest of the dashboard.
"""

from collections import Counter
from datetime import date

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import District, Klass, OfflineActivity, PaperSession, PaperTally, School
from quiz.services import participation
from quiz.services.content import bank, quiz_or_none
from quiz.services.participation import Filters
from quiz.services.results import paper_verdict


def _band(query, filters: Filters, class_column):
    """Keep the classes of the band chosen (a school-wide activity has no band)."""
    if not filters.band:
        return query
    return query.join(Klass, Klass.id == class_column).where(
        participation.band_expr(Klass.grade) == filters.band
    )


def _activities(filters: Filters, start: date, end: date, *columns):
    query = select(*columns).where(
        OfflineActivity.challenge_id == filters.challenge_id,
        OfflineActivity.held_on >= start,
        OfflineActivity.held_on <= end,
        participation.schools_in(filters, OfflineActivity.school_id),
    )
    return db.session.execute(_band(query, filters, OfflineActivity.class_id)).all()


def _paper_scope(query, filters: Filters, start: date, end: date):
    """Limit a query joined to PaperSession and Klass to the paper sessions in scope."""
    query = query.where(
        PaperSession.challenge_id == filters.challenge_id,
        PaperSession.held_on >= start,
        PaperSession.held_on <= end,
        participation.schools_in(filters, Klass.school_id),
    )
    if filters.band:
        query = query.where(participation.band_expr(Klass.grade) == filters.band)
    return query


def _papers(filters: Filters, start: date, end: date, *columns):
    query = select(*columns).join(Klass, Klass.id == PaperSession.class_id)
    return db.session.execute(_paper_scope(query, filters, start, end)).all()


def by_day(filters: Filters) -> list[tuple]:
    """Return (date, participants of paper sessions and offline activities held that day)."""
    start, end = participation.period(filters)
    found = Counter()
    for day, n in _activities(
        filters, start, end, OfflineActivity.held_on, OfflineActivity.participants
    ):
        found[day] += n
    for day, n in _papers(filters, start, end, PaperSession.held_on, PaperSession.pupils):
        found[day] += n
    days = [date.fromordinal(d) for d in range(start.toordinal(), end.toordinal() + 1)]
    return [(day, found[day]) for day in days]


def by_theme_slug(filters: Filters) -> list[tuple]:
    """Return (theme slug, participants) in the bank's order: an activity counts on each of
    its themes, a paper session on its quiz's theme."""
    start, end = participation.period(filters)
    found = Counter()
    for themes, n in _activities(
        filters, start, end, OfflineActivity.themes, OfflineActivity.participants
    ):
        for slug in set(themes or []):
            found[slug] += n
    for quiz_id, n in _papers(filters, start, end, PaperSession.quiz_id, PaperSession.pupils):
        quiz = quiz_or_none(quiz_id)
        found[quiz.theme if quiz else None] += n
    return [(t.slug, found[t.slug]) for t in bank().themes]


def by_theme(filters: Filters, lang: str) -> list[tuple]:
    """Return (theme title, participants of paper sessions and offline activities)."""
    titles = {t.slug: t.title[lang] for t in bank().themes}
    return [(titles[slug], n) for slug, n in by_theme_slug(filters)]


def learning_rows(filters: Filters) -> list[tuple]:
    """(theme, region, quiz, item, right, wrong, answers) of the paper tallies in scope,
    scored by the bank like a pupil's answer (polls are not scored), held within the period
    and the date range like the online answers they join (`dashboard.learning`)."""
    start, end = participation.period(filters)
    query = (
        select(
            PaperSession.quiz_id,
            District.region_id,
            PaperTally.item_id,
            PaperTally.choice,
            PaperTally.count,
        )
        .join(PaperSession, PaperSession.id == PaperTally.paper_session_id)
        .join(Klass, Klass.id == PaperSession.class_id)
        .join(School, School.id == Klass.school_id)
        .join(District, District.id == School.district_id)
        .where(PaperTally.count > 0)
    )
    query = _paper_scope(query, filters, start, end)
    sums: dict[tuple, Counter] = {}
    for quiz_id, region_id, item_id, choice, count in db.session.execute(query):
        quiz = quiz_or_none(quiz_id)
        verdict = paper_verdict(quiz, item_id, choice) if quiz else None
        if verdict is not None:
            key = (quiz.theme, region_id, quiz_id, item_id)
            sums.setdefault(key, Counter())["right" if verdict else "wrong"] += count
    return [(*key, c["right"], c["wrong"], c["right"] + c["wrong"]) for key, c in sums.items()]
