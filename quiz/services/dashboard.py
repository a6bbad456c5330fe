"""The organizers' dashboard: counts and shares within scope, never nicknames or answers."""

from collections import Counter, defaultdict
from datetime import timedelta
from itertools import chain

from flask import current_app
from sqlalchemy import case, distinct, exists, func, select

from quiz import clock
from quiz.bank import BANDS
from quiz.extensions import db
from quiz.models import (
    ANY_BAND,
    Answer,
    Attempt,
    DashActivity,
    DashDay,
    DashItemDistrict,
    DashLive,
    DashTheme,
    DashWatermark,
    District,
    Participant,
    School,
)
from quiz.services import aggregates, charts, dashboard_offline, participation
from quiz.services.content import bank
from quiz.services.participation import Filters


def uses_aggregates() -> bool:
    """Return whether the figures come from the aggregates (STATS_DASHBOARD, on by default).
    They answer every filter, the date range too: counts that add up over days have a day
    column, distinct pupils a mask of days (a range reaching outside the masks' window is
    counted from the attempts)."""
    return current_app.config.get("STATS_DASHBOARD", True)


def refresh() -> None:
    """Bring the aggregates up to date before reading them (cheap when little is new;
    skipped, reading them as they are, while another worker refreshes)."""
    if uses_aggregates():
        aggregates.refresh(limit=current_app.config.get("STATS_DASHBOARD_INLINE_SCHOOLS", 20))


def as_of():
    """Return when the aggregates were last brought up to date (stored UTC), or None when the
    figures are counted live: the page says "as of" so that an organizer knows how fresh a
    figure is while `flask stats refresh` catches up during a campaign hour."""
    if not uses_aggregates():
        return None
    return db.session.execute(
        select(DashWatermark.refreshed_at).where(DashWatermark.id == 1)
    ).scalar()


def _agg_scope(filters: Filters, model, query, any_band: bool = False):
    """Limit an aggregates query to the challenge, the schools in scope, the band and the
    date range (of a model with a day column)."""
    query = query.where(
        model.challenge_id == filters.challenge_id,
        participation.schools_in(filters, model.school_id),
    )
    query = _days(filters, model, query)
    if filters.band:
        return query.where(model.band == filters.band)
    return query.where(model.band == ANY_BAND) if any_band else query


def _days(filters: Filters, model, query):
    """Limit a query of a model with a day column to the date range."""
    if filters.date_from and hasattr(model, "day"):
        query = query.where(model.day >= filters.date_from)
    if filters.date_to and hasattr(model, "day"):
        query = query.where(model.day <= filters.date_to)
    return query


def _narrow(filters: Filters, query, district_id, band):
    """Limit a query joined with District to the region, district and band chosen."""
    if filters.region_id:
        query = query.where(District.region_id == filters.region_id)
    if filters.district_id:
        query = query.where(district_id == filters.district_id)
    if filters.band:
        query = query.where(band == filters.band)
    return query


def _in_scope(filters: Filters, query):
    """Limit an attempts query to the challenge, the schools in scope and the filters."""
    query = (
        query.join(Participant, Participant.id == Attempt.participant_id)
        .join(School, School.id == Participant.school_id)
        .join(District, District.id == School.district_id)
        .where(Attempt.challenge_id == filters.challenge_id, Participant.removed.is_(False))
    )
    query = _narrow(filters, query, School.district_id, Attempt.band)
    if filters.date_from:  # local days, as the aggregates count them
        query = query.where(Attempt.started_at >= clock.local_midnight_utc(filters.date_from))
    if filters.date_to:
        until = clock.local_midnight_utc(filters.date_to + timedelta(days=1))
        query = query.where(Attempt.started_at < until)
    return query


def activity(filters: Filters) -> dict:
    """Return live sessions held and quizzes finished in scope."""
    if uses_aggregates():
        live = _agg_scope(filters, DashLive, select(func.count(distinct(DashLive.live_session_id))))
        finished = select(func.coalesce(func.sum(DashActivity.finished), 0))
        finished = _agg_scope(filters, DashActivity, finished)
        return {
            "live_sessions": int(db.session.execute(live).scalar()),
            "quizzes_finished": int(db.session.execute(finished).scalar()),
        }
    query = _in_scope(
        filters,
        select(
            func.count(distinct(Attempt.live_session_id)),
            func.coalesce(func.sum(case((Attempt.finished_at.is_not(None), 1), else_=0)), 0),
        ).select_from(Attempt),
    )
    live, finished = db.session.execute(query).one()
    return {"live_sessions": int(live), "quizzes_finished": int(finished)}


def _pupils_from(filters: Filters, model, key, mask: int | None = None) -> list[tuple]:
    """(key, pupils) summed over the schools' aggregates in scope (with a mask of days: the
    rows of pupils who answered on one of those days)."""
    query = _agg_scope(filters, model, select(key, func.sum(model.pupils)), any_band=True)
    if mask is not None:
        query = query.where(model.days.op("&")(mask) != 0)
    query = query.group_by(key).order_by(key)
    return [(k, int(n)) for k, n in db.session.execute(query)]


def _pupils_by(filters: Filters, key) -> list[tuple]:
    """Return (key, pupils) where pupils = seats of distinct participants per key."""
    if uses_aggregates():
        if key is not Attempt.theme:
            return _pupils_from(filters, DashDay, DashDay.day)
        mask = participation.range_mask(filters)
        if mask is not None or not (filters.date_from or filters.date_to):
            return _pupils_from(filters, DashTheme, DashTheme.theme, mask)
    answered = exists().where(Answer.attempt_id == Attempt.id)  # as in the counting rule
    pairs = (
        _in_scope(
            filters, select(key.label("k"), Participant.id, Participant.seats).select_from(Attempt)
        )
        .where(answered)
        .distinct()
        .subquery()
    )
    query = select(pairs.c.k, func.sum(pairs.c.seats)).group_by(pairs.c.k).order_by(pairs.c.k)
    return [(k, int(n)) for k, n in db.session.execute(query)]


def by_day(filters: Filters) -> list[tuple]:
    """Return (local date, pupils who took part online that day) for every day of the period."""
    start, end = participation.period(filters)
    found = {str(day): n for day, n in _pupils_by(filters, aggregates.local_day(db.engine))}
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return [(day, found.get(str(day), 0)) for day in days]


def by_theme_slug(filters: Filters) -> list[tuple]:
    """Return (theme slug, pupils who took part online in it) in the bank's theme order."""
    found = dict(_pupils_by(filters, Attempt.theme))
    return [(t.slug, found.get(t.slug, 0)) for t in bank().themes]


def by_theme(filters: Filters, lang: str) -> list[tuple]:
    """Return (theme title, pupils who took part online in it) in the bank's theme order."""
    titles = {t.slug: t.title[lang] for t in bank().themes}
    return [(titles[slug], n) for slug, n in by_theme_slug(filters)]


def by_band(filters: Filters) -> list[tuple]:
    """Return (band, participants by the rule) for each band (one statement)."""
    found = participation.by_band(filters)
    return [(band, found.get(band, 0)) for band in BANDS]


def _share(key) -> list:
    return [
        key.label("k"),
        func.sum(case((Answer.correct.is_(True), 1), else_=0)).label("right"),
        func.count().label("n"),
    ]


def correct_share(filters: Filters, key) -> dict:
    """Return {key: (share of correct answers, answers)} for scored answers in scope."""
    query = (
        _in_scope(
            filters,
            select(*_share(key)).select_from(Attempt).join(Answer, Answer.attempt_id == Attempt.id),
        )
        .where(Answer.correct.is_not(None))
        .group_by(key)
    )
    return {k: (right / n if n else 0.0, n) for k, right, n in db.session.execute(query)}


def hardest_items(filters: Filters, lang: str, limit: int = 5) -> list[dict]:
    """Return the items most often answered wrong, with their text from the bank."""
    wrong = func.sum(case((Answer.correct.is_(False), 1), else_=0))
    query = (
        _in_scope(
            filters,
            select(Attempt.quiz_id, Answer.item_id, wrong.label("wrong"), func.count())
            .select_from(Attempt)
            .join(Answer, Answer.attempt_id == Attempt.id),
        )
        .where(Answer.correct.is_not(None))
        .group_by(Attempt.quiz_id, Answer.item_id)
        .having(wrong > 0)
        .order_by(wrong.desc(), Answer.item_id)
        .limit(limit)
    )
    return [
        {
            "item_id": item_id,
            "text": _item_text(quiz_id, item_id, lang),
            "wrong": int(w),
            "answers": int(n),
            "share_wrong": int(w) / n,
        }
        for quiz_id, item_id, w, n in db.session.execute(query)
    ]


def _item_text(quiz_id: str, item_id: str, lang: str) -> str:
    try:
        return bank().quiz(quiz_id).item(item_id).text[lang]
    except KeyError:
        return item_id


def _learning_rows(filters: Filters):
    """(theme, region, quiz, item, right, wrong, answers) in scope, from one pass."""
    if uses_aggregates():
        return db.session.execute(_learning_from_districts(filters))
    query = _in_scope(
        filters,
        select(
            Attempt.theme,
            District.region_id,
            Attempt.quiz_id,
            Answer.item_id,
            func.sum(case((Answer.correct.is_(True), 1), else_=0)),
            func.sum(case((Answer.correct.is_(False), 1), else_=0)),
            func.count(),
        )
        .select_from(Attempt)
        .join(Answer, Answer.attempt_id == Attempt.id),
    ).where(Answer.correct.is_not(None))
    query = query.group_by(Attempt.theme, District.region_id, Attempt.quiz_id, Answer.item_id)
    return db.session.execute(query)


def _learning_from_districts(filters: Filters):
    """The learning rows summed over the districts' item counts in scope."""
    m = DashItemDistrict
    keys = (m.theme, District.region_id, m.quiz_id, m.item_id)
    query = select(*keys, func.sum(m.right), func.sum(m.wrong), func.sum(m.answers))
    query = query.join(District, District.id == m.district_id)
    query = _narrow(
        filters, query.where(m.challenge_id == filters.challenge_id), m.district_id, m.band
    )
    return _days(filters, m, query).group_by(*keys)


def learning(filters: Filters, lang: str) -> dict:
    """Return the shares of correct answers by theme and by region and the hardest items,
    from one pass over the answers in scope (or over the aggregates) and the paper tallies."""
    themes, regions, items = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    rows = chain(_learning_rows(filters), dashboard_offline.learning_rows(filters))
    for theme, region_id, quiz_id, item_id, right, wrong, n in rows:
        for sums, key in ((themes, theme), (regions, region_id), (items, (quiz_id, item_id))):
            sums[key].update(right=int(right), wrong=int(wrong), n=int(n))
    hardest = sorted(
        (key for key, c in items.items() if c["wrong"] > 0),
        key=lambda key: (-items[key]["wrong"], key[1], key[0]),
    )[:5]
    return {
        "share_by_theme": {k: (c["right"] / c["n"], c["n"]) for k, c in sorted(themes.items())},
        "share_by_region": {k: (c["right"] / c["n"], c["n"]) for k, c in sorted(regions.items())},
        "hardest": [_hard(quiz, item, items[(quiz, item)], lang) for quiz, item in hardest],
    }


def _hard(quiz_id: str, item_id: str, counts: Counter, lang: str) -> dict:
    return {
        "item_id": item_id,
        "text": _item_text(quiz_id, item_id, lang),
        "wrong": counts["wrong"],
        "answers": counts["n"],
        "share_wrong": counts["wrong"] / counts["n"],
    }


def build(filters: Filters, lang: str) -> dict:
    """Return every figure of the dashboard as plain data, with chart geometry."""
    refresh()
    regions = participation.by_region(filters)
    themes = {t.slug: t.title[lang] for t in bank().themes}
    region_names = {r["id"]: r["name_" + lang] for r in regions}
    days = by_day(filters)
    shares = learning(filters, lang)
    return {
        "totals": participation.totals_of(regions),
        **activity(filters),
        "regions": charts.bars([(r["name_" + lang], int(r["participants"])) for r in regions]),
        "days": charts.line(days),
        "themes": charts.bars(by_theme(filters, lang)),
        "days_offline": charts.line(dashboard_offline.by_day(filters)),
        "themes_offline": charts.bars(dashboard_offline.by_theme(filters, lang)),
        "bands": charts.bars(by_band(filters)),
        "share_by_theme": _named_shares(shares["share_by_theme"], themes),
        "share_by_region": _named_shares(shares["share_by_region"], region_names),
        "hardest": shares["hardest"],
    }


def _named_shares(shares: dict, names: dict) -> list[dict]:
    return [
        {"name": names.get(key, str(key)), "share": share, "answers": n}
        for key, (share, n) in sorted(shares.items())
    ]
