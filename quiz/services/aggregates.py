"""The dashboard's aggregates: per-school counts refreshed incrementally from watermarks.

The figures that are not the counting rule (pupils by day and by theme, quizzes finished,
live sessions, shares of correct answers, the hardest items) are sums over small tables
keyed by (challenge, school, band, ...) instead of scans of every attempt and answer.

How they stay equal to the live computation (`dashboard` with STATS_DASHBOARD off):
- a refresh finds the schools touched since it last ran: answers and attempts with an id
  above the watermarks (the watermark stops before rows younger than MARGIN_S, which are read
  again next time, so rows committed late by a slow transaction are not skipped), plus the
  schools queued in `dash_dirty`;
- `dash_dirty` is fed by the ORM flush listener: a finished attempt (`finished_at` is set
  later than the attempt's id is seen) and every change that the roll-ups recount
  (`rollups.resync`: pupils removed, moved or deleted, attempts, answers, assignments, live
  sessions or classes deleted, schools merged);
- each touched school is recounted whole from the source tables (delete + insert), so a
  refresh is idempotent: reading a row twice never counts it twice;
- refreshes run under a lock (PostgreSQL advisory lock; SQLite BEGIN IMMEDIATE), so two
  workers never recount at once; a request that finds the lock taken reads the aggregates
  as they are;
- a dashboard request recounts at most STATS_DASHBOARD_INLINE_SCHOOLS schools (a school
  costs about 0.1 s on the national data set); more is left to `flask --app quiz stats
  refresh`, run every minute by cron, and the request shows the aggregates as they are.
Pupil requests write nothing here except the finish (one INSERT into dash_dirty).
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import (
    BigInteger,
    Date,
    Integer,
    case,
    cast,
    delete,
    event,
    exists,
    func,
    literal,
    select,
    union,
    update,
)
from sqlalchemy.orm import Session

from quiz import clock
from quiz.extensions import db
from quiz.models import (
    ANY_BAND,
    Answer,
    Attempt,
    Challenge,
    DashActivity,
    DashDay,
    DashDirty,
    DashItem,
    DashItemDistrict,
    DashLive,
    DashMask,
    DashTheme,
    DashWatermark,
    Participant,
    School,
)
from quiz.models.base import utcnow

MARGIN_S = 120  # STATS_DASHBOARD_MARGIN_S: how long a transaction may take to commit
ROWS = 100  # a request refreshes when at most `limit` schools and `limit` * ROWS rows are new
LOCK_KEY = 7_062_025  # the advisory lock of the refresh (any number the app uses once)
TABLES = (DashDay, DashTheme, DashItem, DashItemDistrict, DashActivity, DashLive, DashMask)
FIRST_DAY_BIT, LAST_BIT = 20, 62  # bit of the challenge's first day; bits 0 and 62: outside


def _insert(conn, model):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


def local_day(conn):
    """An attempt's start as its local day of `TIMEZONE`, in SQL (`conn`: anything with a
    dialect, a connection or the engine)."""
    offset = clock.utc_offset()
    if conn.dialect.name == "sqlite":
        return func.date(Attempt.started_at, f"{int(offset.total_seconds()) // 60:+d} minutes")
    return cast(Attempt.started_at + offset, Date)


def _scoped(query, schools):
    """Attempts of a challenge by pupils not removed who belong to a school (the scope)."""
    query = query.join(Participant, Participant.id == Attempt.participant_id).where(
        Attempt.challenge_id.is_not(None),
        Participant.removed.is_(False),
        Participant.school_id.is_not(None),
    )
    if schools is not None:
        query = query.where(Participant.school_id.in_(schools))
    return query


def _pupils(key, band, schools):
    """(challenge, school, band, key, seats of distinct pupils who answered)."""
    answered = exists().where(Answer.attempt_id == Attempt.id)
    cols = [Attempt.challenge_id, Participant.school_id, band, key, Participant.id]
    pairs = (
        _scoped(select(*cols, Participant.seats).select_from(Attempt), schools)
        .where(answered)
        .distinct()
        .subquery()
    )
    c = pairs.c
    keys = [c[0], c[1], c[2], c[3]]
    return select(*keys, func.sum(c.seats)).group_by(*keys)


def _masks(conn, keys, schools):
    """(*keys, the pupil's day mask, seats) summed per keys and mask: keys are labelled
    columns of the attempt or the pupil (challenge and school first)."""
    answered = exists().where(Answer.attempt_id == Attempt.id)
    one = cast(literal(1), BigInteger)
    pupil = [*keys, Participant.id, Participant.seats]
    per_pupil = (
        _scoped(
            select(*pupil, func.sum(one.op("<<")(_day_bit(conn)).distinct()).label("days"))
            .select_from(Attempt)
            .join(Challenge, Challenge.id == Attempt.challenge_id),
            schools,
        )
        .where(answered)
        .group_by(*pupil)
        .subquery()
    )
    c = per_pupil.c
    grouped = [c[key.name] for key in keys] + [c.days]
    return select(*grouped, func.sum(c.seats)).group_by(*grouped)


def _fill(conn, schools) -> None:
    day = local_day(conn).label("day")
    cols = ["challenge_id", "school_id", "band", "day", "pupils"]
    for band in (Attempt.band.label("b"), literal(ANY_BAND).label("b")):
        conn.execute(DashDay.__table__.insert().from_select(cols, _pupils(day, band, schools)))
    for band in (Attempt.band, literal(ANY_BAND)):
        keys = [
            Attempt.challenge_id.label("challenge_id"),
            Participant.school_id.label("school_id"),
            band.label("band"),
            Attempt.theme.label("theme"),
        ]
        cols = ["challenge_id", "school_id", "band", "theme", "days", "pupils"]
        conn.execute(DashTheme.__table__.insert().from_select(cols, _masks(conn, keys, schools)))
    _fill_items(conn, schools, day)
    keys = [Attempt.challenge_id, Participant.school_id, Attempt.band, day]
    finished = func.count(Attempt.finished_at)
    query = _scoped(select(*keys, finished).select_from(Attempt), schools)
    query = query.group_by(*keys).having(finished > 0)
    cols = ["challenge_id", "school_id", "band", "day", "finished"]
    conn.execute(DashActivity.__table__.insert().from_select(cols, query))
    query = _scoped(select(*keys, Attempt.live_session_id).select_from(Attempt), schools)
    query = query.where(Attempt.live_session_id.is_not(None)).distinct()
    cols = ["challenge_id", "school_id", "band", "day", "live_session_id"]
    conn.execute(DashLive.__table__.insert().from_select(cols, query))
    keys = [
        Attempt.challenge_id.label("challenge_id"),
        Participant.school_id.label("school_id"),
        func.coalesce(Participant.class_id, 0).label("class_id"),
        Participant.band.label("band"),
    ]
    cols = ["challenge_id", "school_id", "class_id", "band", "days", "pupils"]
    conn.execute(DashMask.__table__.insert().from_select(cols, _masks(conn, keys, schools)))


_ITEM_KEYS = ("band", "day", "theme", "quiz_id", "item_id")
_COUNTS = ("right", "wrong", "answers")


def _fill_items(conn, schools, day) -> None:
    """Count the schools' scored answers per item and day (`dash_items`)."""
    keys = [Attempt.challenge_id, Participant.school_id, School.district_id, Attempt.band, day]
    items = keys + [Attempt.theme, Attempt.quiz_id, Answer.item_id]
    query = _scoped(
        select(
            *items,
            func.sum(case((Answer.correct.is_(True), 1), else_=0)),
            func.sum(case((Answer.correct.is_(False), 1), else_=0)),
            func.count(),
        )
        .select_from(Attempt)
        .join(Answer, Answer.attempt_id == Attempt.id),
        schools,
    )
    query = query.join(School, School.id == Participant.school_id)
    query = query.where(Answer.correct.is_not(None)).group_by(*items)
    cols = ["challenge_id", "school_id", "district_id", *_ITEM_KEYS, *_COUNTS]
    conn.execute(DashItem.__table__.insert().from_select(cols, query))


def _school_items(schools, kept):
    """`dash_items` of some schools (all when None) summed per district and key."""
    keys = [DashItem.challenge_id, DashItem.district_id]
    keys += [getattr(DashItem, name) for name in _ITEM_KEYS]
    sums = [func.sum(getattr(DashItem, name)).label(name) for name in _COUNTS]
    query = select(*keys, *sums).where(DashItem.challenge_id.not_in(kept))
    if schools is not None:
        query = query.where(DashItem.school_id.in_(schools))
    return query.group_by(*keys)


_DISTRICT_KEYS = ("challenge_id", "district_id", *_ITEM_KEYS)


def _take_out_of_districts(conn, schools, kept) -> None:
    """Subtract the schools' counted items from their districts' sums (before a recount)."""
    old = _school_items(schools, kept).subquery()
    m = DashItemDistrict
    conn.execute(
        update(m)
        .where(*(getattr(m, key) == old.c[key] for key in _DISTRICT_KEYS))
        .values({name: getattr(m, name) - old.c[name] for name in _COUNTS})
    )


def _put_into_districts(conn, schools, kept) -> None:
    """Add the schools' items to their districts' sums (all schools when None: the sums
    anew), then drop the sums that fell to nothing."""
    if schools is None:
        conn.execute(delete(DashItemDistrict).where(DashItemDistrict.challenge_id.not_in(kept)))
    cols = [*_DISTRICT_KEYS, *_COUNTS]
    insert = _insert(conn, DashItemDistrict).from_select(cols, _school_items(schools, kept))
    m = DashItemDistrict
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=list(_DISTRICT_KEYS),
            set_={name: getattr(m, name) + getattr(insert.excluded, name) for name in _COUNTS},
        )
    )
    conn.execute(delete(m).where(m.answers <= 0))


def _day_bit(conn):
    """The bit of an attempt's local start day: 20 + days since the challenge's start, kept
    within 0..62 (0 and 62 collect everything before and after the window)."""
    if conn.dialect.name == "sqlite":
        since = cast(
            func.julianday(local_day(conn)) - func.julianday(Challenge.starts_on),
            Integer,
        )
    else:
        since = local_day(conn) - Challenge.starts_on
    bit = since + FIRST_DAY_BIT
    return case((bit < 0, 0), (bit > LAST_BIT, LAST_BIT), else_=bit)


def range_mask(starts_on, date_from, date_to) -> int | None:
    """The bits of the local days from date_from to date_to (either may be open), or None when
    the range reaches outside the window (then it is counted from the attempts)."""
    lo = FIRST_DAY_BIT + (date_from - starts_on).days if date_from else 0
    hi = FIRST_DAY_BIT + (date_to - starts_on).days if date_to else LAST_BIT
    if (date_from and not 0 < lo < LAST_BIT) or (date_to and not 0 < hi < LAST_BIT):
        return None
    return sum(1 << bit for bit in range(lo, hi + 1))


def recount(conn, schools=None) -> None:
    """Recompute the aggregates of some schools (all when None) from the source tables.

    Purged challenges keep theirs: the pupil rows they were counted from are gone.
    """
    purged = select(Challenge.id).where(Challenge.purged_at.is_not(None))
    if schools is not None:  # the districts' sums: the schools' old counts out, the new in
        _take_out_of_districts(conn, schools, purged)
    for model in TABLES:
        if model is DashItemDistrict:
            continue
        query = delete(model).where(model.challenge_id.not_in(purged))
        if schools is not None:
            query = query.where(model.school_id.in_(schools))
        conn.execute(query)
    _fill(conn, schools)
    _put_into_districts(conn, schools, purged)


def _watermark(conn):
    """Return (answer id, attempt id) read so far, creating the one row the first time."""
    query = select(DashWatermark.answer_id, DashWatermark.attempt_id).where(DashWatermark.id == 1)
    row = conn.execute(query).first()
    if row is None:
        conn.execute(DashWatermark.__table__.insert().values(id=1, answer_id=0, attempt_id=0))
        return 0, 0
    return row.answer_id, row.attempt_id


def _next_mark(conn, model, stamp, after: int, cutoff) -> int:
    """The new watermark: the largest id read, but never past a row younger than cutoff."""
    young = func.min(case((stamp >= cutoff, model.id)))
    top, first_young = conn.execute(select(func.max(model.id), young).where(model.id > after)).one()
    if first_young is not None:
        return first_young - 1
    return top if top is not None else after


def _touched(conn, seen_answer: int, seen_attempt: int) -> set:
    """Schools with new answers, new attempts or queued recounts since the watermarks."""
    via_answers = (
        select(Participant.school_id)
        .select_from(Answer)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(Answer.id > seen_answer)
    )
    via_attempts = (
        select(Participant.school_id)
        .select_from(Attempt)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(Attempt.id > seen_attempt)
    )
    query = union(via_answers, via_attempts, select(DashDirty.school_id))
    return set(conn.execute(query).scalars()) - {None}


def _locked(conn, wait: bool) -> bool:
    """Take the refresh lock for this transaction (SQLite: BEGIN IMMEDIATE already has it)."""
    if conn.dialect.name != "postgresql":
        return True
    if wait:
        conn.execute(select(func.pg_advisory_xact_lock(LOCK_KEY)))
        return True
    return bool(conn.execute(select(func.pg_try_advisory_xact_lock(LOCK_KEY))).scalar())


def _backlog(conn, seen_answer: int, seen_attempt: int) -> int:
    """New answers and attempts past the watermarks (two index look-ups)."""
    top_answer = conn.execute(select(func.max(Answer.id))).scalar() or 0
    top_attempt = conn.execute(select(func.max(Attempt.id))).scalar() or 0
    return max(top_answer - seen_answer, 0) + max(top_attempt - seen_attempt, 0)


def refresh(wait: bool = False, full: bool = False, limit: int | None = None) -> int | None:
    """Bring the aggregates up to date in their own transaction; return the number of schools
    recounted, or None when another worker is refreshing (and wait is False), or when more
    than `limit` rows or schools are new (a request leaves that to `flask stats refresh`).

    Commits the session first: on SQLite its transaction may hold the write lock, and its
    read snapshot would not see the refresh."""
    db.session.commit()
    with db.engine.connect().execution_options(write=True) as conn, conn.begin():
        if not _locked(conn, wait):
            return None
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL jit = off")  # JIT costs more than these queries
        seen_answer, seen_attempt = _watermark(conn)
        if limit is not None and _backlog(conn, seen_answer, seen_attempt) > limit * ROWS:
            return None
        margin = current_app.config.get("STATS_DASHBOARD_MARGIN_S", MARGIN_S)
        cutoff = utcnow() - timedelta(seconds=margin)
        answer_id = _next_mark(conn, Answer, Answer.answered_at, seen_answer, cutoff)
        attempt_id = _next_mark(conn, Attempt, Attempt.started_at, seen_attempt, cutoff)
        schools = None if full else _touched(conn, seen_answer, seen_attempt)
        if limit is not None and len(schools) > limit:
            return None  # nothing written: the watermarks stay where they were
        if schools is None or schools:
            conn.execute(delete(DashDirty))
            recount(conn, schools)
        conn.execute(
            DashWatermark.__table__.update()
            .where(DashWatermark.id == 1)
            .values(answer_id=answer_id, attempt_id=attempt_id, refreshed_at=utcnow())
        )
    return None if schools is None else len(schools)


def rebuild() -> dict:
    """Recount every school (`flask stats rebuild`); return the rows per table."""
    refresh(wait=True, full=True)
    return {
        model.__tablename__: db.session.execute(select(func.count()).select_from(model)).scalar()
        for model in TABLES
    }


def queue(conn, school_ids) -> None:
    """Queue schools for a recount at the next refresh (idempotent)."""
    school_ids = set(school_ids) - {None}
    if school_ids:
        rows = [{"school_id": s} for s in school_ids]
        conn.execute(_insert(conn, DashDirty).values(rows).on_conflict_do_nothing())


def queue_participants(conn, participant_ids) -> None:
    """Queue the schools of some pupils (one INSERT ... SELECT)."""
    if participant_ids:
        query = select(Participant.school_id).where(
            Participant.id.in_(participant_ids), Participant.school_id.is_not(None)
        )
        stmt = _insert(conn, DashDirty).from_select(["school_id"], query.distinct())
        conn.execute(stmt.on_conflict_do_nothing())


# --- finishes: the one change to an attempt that its id does not reveal ---------------------


def install() -> None:
    """Listen to flushes: an attempt finished queues its pupil's school (once per process)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)


def _before_flush(session, _context, _instances) -> None:
    finished = {
        o.participant_id
        for o in session.dirty
        if isinstance(o, Attempt) and db.inspect(o).attrs.finished_at.history.has_changes()
    }
    if finished:
        session.info.setdefault("dash_finished", set()).update(finished)


def _after_flush(session, _context) -> None:
    finished = session.info.pop("dash_finished", None)
    if finished:
        queue_participants(session.connection(), finished)
