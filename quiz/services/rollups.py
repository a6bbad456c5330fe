"""Roll-ups of the counting rule, kept exactly equal to a recomputation.

`rollup_takers` holds one row per (challenge, participant) that answered an item in an
attempt of the challenge; its primary key makes "first answer" race-free. `rollup_classes`
and `rollup_solo` hold the seats of those takers (not removed) per class, and per school and
band for solo pupils: what `participation.class_counts` and `school_counts` would otherwise
find by joining 3.5M participants, their attempts and 10M answers.

Maintenance:
- a participant's first answer in a challenge adds a marker and their seats
  (`record_first_answer`, also called for every Answer the ORM inserts, by `install()`);
- rarer changes (a pupil removed from a lobby, seats, class or school changed, attempts or
  whole assignments and live sessions deleted, schools merged) recount the units touched
  from the source tables (`resync`), by the same flush listener or by the caller;
- `rebuild()` (`flask --app quiz stats rebuild`) recomputes everything; `differences()`
  (`flask --app quiz stats check`) lists where stored roll-ups and the rule disagree.
"""

from sqlalchemy import (
    and_,
    delete,
    event,
    except_,
    exists,
    false,
    func,
    literal,
    literal_column,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from quiz.extensions import db
from quiz.models import (
    Answer,
    Assignment,
    Attempt,
    Challenge,
    Klass,
    LiveSession,
    Participant,
    RollupClass,
    RollupSolo,
    RollupTaker,
)
from quiz.services import aggregates

WATCHED = ("seats", "removed", "class_id", "school_id", "band")
WATCHED_ATTEMPT = ("challenge_id", "participant_id")


def _insert(conn, model):
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


def _takers_query(participant_ids=None):
    """(challenge_id, participant_id) of everyone who answered in an attempt of a challenge."""
    answered = exists().where(Answer.attempt_id == Attempt.id)
    query = (
        select(Attempt.challenge_id, Attempt.participant_id)
        .where(Attempt.challenge_id.is_not(None), answered)
        .distinct()
    )
    if participant_ids is not None:
        query = query.where(Attempt.participant_id.in_(participant_ids))
    return query


def _class_sums(class_ids=None):
    query = (
        select(RollupTaker.challenge_id, Participant.class_id, func.sum(Participant.seats))
        .join(Participant, Participant.id == RollupTaker.participant_id)
        .where(Participant.removed == false(), Participant.class_id.is_not(None))
        .group_by(RollupTaker.challenge_id, Participant.class_id)
    )
    if class_ids is not None:
        query = query.where(Participant.class_id.in_(class_ids))
    return query


def _solo_sums(school_ids=None):
    query = (
        select(
            RollupTaker.challenge_id,
            Participant.school_id,
            Participant.band,
            func.sum(Participant.seats),
        )
        .join(Participant, Participant.id == RollupTaker.participant_id)
        .where(
            Participant.removed == false(),
            Participant.class_id.is_(None),
            Participant.school_id.is_not(None),
        )
        .group_by(RollupTaker.challenge_id, Participant.school_id, Participant.band)
    )
    if school_ids is not None:
        query = query.where(Participant.school_id.in_(school_ids))
    return query


def _fill_counters(conn, class_ids=None, school_ids=None) -> None:
    cols = [RollupClass.challenge_id, RollupClass.class_id, RollupClass.pupils]
    conn.execute(RollupClass.__table__.insert().from_select(cols, _class_sums(class_ids)))
    cols = [RollupSolo.challenge_id, RollupSolo.school_id, RollupSolo.band, RollupSolo.pupils]
    conn.execute(RollupSolo.__table__.insert().from_select(cols, _solo_sums(school_ids)))


def _purged():
    """Ids of challenges whose pupil rows were deleted: their roll-ups are the record now."""
    return select(Challenge.id).where(Challenge.purged_at.is_not(None))


def rebuild() -> dict:
    """Recompute every roll-up from the source tables; return the rows written per table.

    Challenges already purged (`flask privacy purge`) keep their roll-ups: the pupil rows
    they were counted from are gone.
    """
    conn = db.session.connection()
    for model in (RollupSolo, RollupClass, RollupTaker):
        conn.execute(delete(model).where(model.challenge_id.not_in(_purged())))
    cols = [RollupTaker.challenge_id, RollupTaker.participant_id]
    conn.execute(RollupTaker.__table__.insert().from_select(cols, _takers_query()))
    _fill_counters(conn)
    counts = {
        model.__tablename__: conn.execute(select(func.count()).select_from(model)).scalar()
        for model in (RollupTaker, RollupClass, RollupSolo)
    }
    db.session.commit()
    return counts


def record_first_answer(
    participant_id: int, challenge_id: int | None, conn=None, in_class: bool | None = None
) -> bool:
    """Mark a participant as having answered in a challenge; add their seats the first time.

    Call it in the transaction that stores an answer (idempotent: the marker's primary key
    makes a second call, or a concurrent first answer on another device, a no-op). Returns
    whether this was the participant's first answer in the challenge. ``in_class`` (whether
    the pupil is in a class), when the caller knows it, spares the counter that cannot apply.
    """
    if challenge_id is None:
        return False
    conn = conn or db.session.connection()
    marker = (
        _insert(conn, RollupTaker)
        .values(challenge_id=challenge_id, participant_id=participant_id)
        .on_conflict_do_nothing()
        .returning(RollupTaker.participant_id)
    )
    if conn.execute(marker).first() is None:
        return False
    _add_seats(conn, participant_id, challenge_id, in_class)
    return True


def _class_known(participant_id: int) -> bool | None:
    """Whether the pupil (already loaded by this request) is in a class; None when unknown.
    It spares the first answer the counter statement that cannot apply (the budget is five
    statements per pupil request)."""
    pupil = db.session.identity_map.get(identity_key(Participant, participant_id))
    if pupil is None or "class_id" not in pupil.__dict__:
        return None
    return pupil.class_id is not None


def _add_seats(conn, participant_id: int, challenge_id: int, in_class: bool | None) -> None:
    mine = and_(Participant.id == participant_id, Participant.removed == false())
    if in_class is None:
        in_class = _class_known(participant_id)
    if in_class is not False:
        _add_class_seats(conn, mine, challenge_id)
    if in_class is not True:
        _add_solo_seats(conn, mine, challenge_id)


def _add_class_seats(conn, mine, challenge_id: int) -> None:
    in_class = _insert(conn, RollupClass).from_select(
        ["challenge_id", "class_id", "pupils"],
        select(literal(challenge_id), Participant.class_id, Participant.seats).where(
            mine, Participant.class_id.is_not(None)
        ),
    )
    conn.execute(
        in_class.on_conflict_do_update(
            index_elements=["challenge_id", "class_id"],
            set_={"pupils": RollupClass.pupils + in_class.excluded.pupils},
        )
    )


def _add_solo_seats(conn, mine, challenge_id: int) -> None:
    solo = _insert(conn, RollupSolo).from_select(
        ["challenge_id", "school_id", "band", "pupils"],
        select(
            literal(challenge_id), Participant.school_id, Participant.band, Participant.seats
        ).where(mine, Participant.class_id.is_(None), Participant.school_id.is_not(None)),
    )
    conn.execute(
        solo.on_conflict_do_update(
            index_elements=["challenge_id", "school_id", "band"],
            set_={"pupils": RollupSolo.pupils + solo.excluded.pupils},
        )
    )


def resync(participant_ids=(), class_ids=(), school_ids=(), conn=None) -> None:
    """Recompute the markers of some participants and the counters of some classes and
    schools (their solo pupils) from the source tables; the participants' own class and
    school are recounted too."""
    conn = conn or db.session.connection()
    people, classes, schools = set(participant_ids), set(class_ids), set(school_ids)
    if people:
        where = Participant.id.in_(people)
        for class_id, school_id in conn.execute(
            select(Participant.class_id, Participant.school_id).where(where)
        ):
            classes.add(class_id) if class_id else schools.add(school_id)
        conn.execute(delete(RollupTaker).where(RollupTaker.participant_id.in_(people)))
        cols = [RollupTaker.challenge_id, RollupTaker.participant_id]
        conn.execute(RollupTaker.__table__.insert().from_select(cols, _takers_query(people)))
    classes.discard(None)
    schools.discard(None)
    _queue_dashboard(conn, people, classes, schools)
    if classes:
        conn.execute(delete(RollupClass).where(RollupClass.class_id.in_(classes)))
    if schools:
        conn.execute(delete(RollupSolo).where(RollupSolo.school_id.in_(schools)))
    if classes or schools:
        _fill_counters(conn, classes or [-1], schools or [-1])


def _queue_dashboard(conn, people: set, classes: set, schools: set) -> None:
    """Queue the schools touched for a recount of the dashboard's aggregates."""
    found = set(schools)
    if classes:
        query = select(Klass.school_id).where(Klass.id.in_(classes))
        found.update(conn.execute(query).scalars())
    aggregates.queue(conn, found)
    aggregates.queue_participants(conn, people)


def _expected_queries() -> dict:
    """The roll-ups as the rule computes them from the source tables (no roll-up read)."""
    takers = _takers_query().subquery()
    mine = and_(Participant.id == takers.c.participant_id, Participant.removed == false())
    classes = (
        select(takers.c.challenge_id, Participant.class_id, func.sum(Participant.seats))
        .join(Participant, mine)
        .where(Participant.class_id.is_not(None))
        .group_by(takers.c.challenge_id, Participant.class_id)
    )
    solo = (
        select(takers.c.challenge_id, Participant.school_id, Participant.band)
        .add_columns(func.sum(Participant.seats))
        .join(Participant, mine)
        .where(Participant.class_id.is_(None), Participant.school_id.is_not(None))
        .group_by(takers.c.challenge_id, Participant.school_id, Participant.band)
    )
    return {"takers": select(takers), "classes": classes, "solo": solo}


def _stored_queries() -> dict:
    solo = RollupSolo
    return {
        "takers": select(RollupTaker.challenge_id, RollupTaker.participant_id),
        "classes": select(RollupClass.challenge_id, RollupClass.class_id, RollupClass.pupils).where(
            RollupClass.pupils > 0
        ),
        "solo": select(solo.challenge_id, solo.school_id, solo.band, solo.pupils).where(
            solo.pupils > 0
        ),
    }


def differences() -> dict:
    """Return, per roll-up table, how many rows differ from a recomputation (0 when exact)."""
    want, have = _expected_queries(), _stored_queries()
    found = {}
    for name in want:
        have[name] = have[name].where(literal_column("challenge_id").not_in(_purged()))
        missing = except_(want[name], have[name]).subquery()
        extra = except_(have[name], want[name]).subquery()
        found[name] = sum(
            db.session.execute(select(func.count()).select_from(q)).scalar()
            for q in (missing, extra)
        )
    return found


# --- keeping the roll-ups in step with every ORM write -------------------------------------


def install() -> None:
    """Listen to every session's flushes (once per process): new answers, changed pupils."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)


def _changed(obj, names) -> bool:
    """Return whether this flush changes one of the named attributes."""
    state = db.inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _before_flush(session, _context, _instances) -> None:
    todo = session.info.setdefault("rollups", {"people": set(), "classes": set(), "schools": set()})
    people = {o.id for o in session.dirty if isinstance(o, Participant) and _changed(o, WATCHED)}
    moved = [o for o in session.dirty if isinstance(o, Attempt) and _changed(o, WATCHED_ATTEMPT)]
    people.update(o.participant_id for o in moved)
    attempts = [o.id for o in moved]
    conn = session.connection()
    if attempts:  # the stored (old) owners; expired attributes keep no old value
        query = select(Attempt.participant_id).where(Attempt.id.in_(attempts))
        people.update(conn.execute(query).scalars())
    if people:  # the stored (old) class and school, recounted as well as the new ones
        query = select(Participant.class_id, Participant.school_id).where(
            Participant.id.in_(people)
        )
        for class_id, school_id in conn.execute(query):
            todo["classes"].add(class_id)
            todo["schools"].add(school_id)
        todo["people"].update(people)
    for obj in session.deleted:
        _forget(session, obj, todo)


def _forget(session, obj, todo: dict) -> None:
    """Note what a deletion touches; cascades in the database leave no ORM trace."""
    if isinstance(obj, Participant):
        todo["classes"].add(obj.class_id)
        todo["schools"].add(obj.school_id)
    elif isinstance(obj, Attempt):
        todo["people"].add(obj.participant_id)
    elif isinstance(obj, Answer):
        todo["people"].add(obj.attempt.participant_id)
    elif isinstance(obj, Klass):  # its pupils go with it: the dashboard recounts the school
        todo["schools"].add(obj.school_id)
    elif isinstance(obj, Assignment | LiveSession):
        column = Attempt.assignment_id if isinstance(obj, Assignment) else Attempt.live_session_id
        query = select(Attempt.participant_id).where(column == obj.id).distinct()
        todo["people"].update(session.connection().execute(query).scalars())


def _after_flush(session, _context) -> None:
    conn = session.connection()
    for participant_id, challenge_id in _first_answers(session):
        record_first_answer(participant_id, challenge_id, conn)
    todo = session.info.pop("rollups", None)
    if todo and any(todo.values()):
        resync(todo["people"] - {None}, todo["classes"], todo["schools"], conn)


def _first_answers(session) -> set:
    """(participant, challenge) of the attempts that got a new answer in this flush."""
    attempt_ids = {obj.attempt_id for obj in session.new if isinstance(obj, Answer)}
    pairs, unknown = set(), []
    for attempt_id in attempt_ids:
        attempt = session.identity_map.get(identity_key(Attempt, attempt_id))
        if attempt is None:
            unknown.append(attempt_id)
        elif attempt.challenge_id is not None:
            pairs.add((attempt.participant_id, attempt.challenge_id))
    if unknown:
        query = select(Attempt.participant_id, Attempt.challenge_id).where(
            Attempt.id.in_(unknown), Attempt.challenge_id.is_not(None)
        )
        pairs.update(session.connection().execute(query).tuples())
    return pairs
