"""The live class hour: the teacher paces one quiz; every change bumps the session's version.

State lives only in the database, so the teacher and the pupils may reach different app
servers. Pupils' answers go through `quiz.services.attempts` (the pupils' area), never here.
"""

from datetime import datetime

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError

from quiz.errors import Invalid, NicknameTaken, NotFound
from quiz.extensions import db
from quiz.models import Answer, Attempt, Klass, LiveSession, Participant, User
from quiz.models.base import utcnow
from quiz.services import participants, results
from quiz.services.assignments import quiz_choices
from quiz.services.classes import get_class, scope_filter
from quiz.services.content import bank
from quiz.services.nicknames import clean_nickname

PROJECTOR_LANGS = ("kk", "ru", "both")


def open_session(user: User, class_id: int, quiz_id: str, **options) -> LiveSession:
    """Open a live session of a quiz of the class's band, in the lobby."""
    klass = get_class(user, class_id)
    if quiz_id not in {q.id for q in quiz_choices(klass)}:
        raise Invalid("quiz", field="quiz")
    lang = options.get("projector_lang", "both")
    timer = options.get("timer_seconds") or None
    if lang not in PROJECTOR_LANGS or (timer is not None and not 5 <= timer <= 600):
        raise Invalid("options", field="options")
    session = LiveSession(
        class_id=klass.id,
        quiz_id=quiz_id,
        quiz_version=bank().quiz(quiz_id).version,
        projector_lang=lang,
        timer_seconds=timer,
        podium=bool(options.get("podium")),
        speed_bonus=bool(options.get("speed_bonus")),
        created_by_id=user.id,
    )
    db.session.add(session)
    db.session.commit()
    return session


def get_session(user: User, session_id: int) -> LiveSession:
    """Return a live session of a class the account may see; NotFound otherwise."""
    query = scope_filter(user, select(LiveSession).join(Klass)).where(LiveSession.id == session_id)
    session = db.session.scalar(query)
    if session is None:
        raise NotFound("session")
    return session


def _change(session: LiveSession, **fields) -> LiveSession:
    """Apply a change and bump the version in one UPDATE guarded by the version read."""
    values = {**fields, "version": LiveSession.version + 1}
    done = db.session.execute(
        update(LiveSession)
        .where(LiveSession.id == session.id, LiveSession.version == session.version)
        .values(**values)
    )
    if done.rowcount != 1:  # another tab changed it first: nothing stored, reload
        db.session.rollback()
        raise Invalid("stale", field="version")
    db.session.commit()
    db.session.refresh(session)
    return session


def set_locked(user: User, session_id: int, locked: bool) -> LiveSession:
    """Lock or unlock the lobby: a locked lobby lets no new pupil in."""
    return _change(get_session(user, session_id), locked=bool(locked))


def start(user: User, session_id: int) -> LiveSession:
    """Leave the lobby: show the first item."""
    session = get_session(user, session_id)
    if session.state != "lobby":
        raise Invalid("state", field="state")
    return _change(session, state="question", current_index=0, question_started_at=utcnow())


def reveal(user: User, session_id: int) -> LiveSession:
    """Close answers to the current item and show the distribution and the key."""
    session = get_session(user, session_id)
    if session.state != "question":
        raise Invalid("state", field="state")
    return _change(session, state="reveal")


def next_item(user: User, session_id: int) -> LiveSession:
    """Show the next item, or finish after the last one."""
    session = get_session(user, session_id)
    if session.state not in ("question", "reveal"):
        raise Invalid("state", field="state")
    if session.current_index + 1 >= len(bank().quiz(session.quiz_id).items):
        return _change(session, state="finished", finished_at=utcnow())
    return _change(
        session,
        state="question",
        current_index=session.current_index + 1,
        question_started_at=utcnow(),
    )


def finish(user: User, session_id: int) -> LiveSession:
    """End the session now."""
    return _change(get_session(user, session_id), state="finished", finished_at=utcnow())


def _pupil(session: LiveSession, participant_id: int) -> Participant:
    pupil = db.session.get(Participant, participant_id)
    if pupil is None or pupil.class_id != session.class_id:
        raise NotFound("participant")
    return pupil


MAX_SEATS = 40


def edit_pupil(
    user: User, session_id: int, participant_id: int, nickname: str, seats: int | None = None
) -> None:
    """Rename a pupil (an unkind nickname, two alike) and/or make the device a team seat.

    A team seat is one device for a group, counted as `seats` pupils in counts and results.
    """
    session = get_session(user, session_id)
    pupil = _pupil(session, participant_id)
    # the rules and the key of a nickname typed at joining (NicknameRejected with a reason)
    nickname, key = clean_nickname(nickname)
    if seats is not None and not 1 <= seats <= MAX_SEATS:
        raise Invalid("seats", field="seats")
    pupil.nickname, pupil.nickname_key = nickname, key
    pupil.seats = seats or pupil.seats
    try:
        db.session.flush()  # the class's unique nickname key decides, not a look-up
    except IntegrityError:
        db.session.rollback()  # nothing changed: the pupil keeps their nickname and seats
        raise NicknameTaken("nickname taken", field="nickname") from None
    _change(session)


def remove_pupil(user: User, session_id: int, participant_id: int) -> None:
    """Remove a pupil from the class's live sessions (their device can no longer follow)."""
    session = get_session(user, session_id)
    _pupil(session, participant_id).removed = True
    _change(session)


def lobby(session: LiveSession) -> list[dict]:
    """Return the pupils in the session: nickname, seats, id (one query)."""
    query = (
        select(Participant.id, Participant.nickname, Participant.seats)
        .join(Attempt, Attempt.participant_id == Participant.id)
        .where(Attempt.live_session_id == session.id, Participant.removed.is_(False))
        .order_by(Participant.nickname_key)
    )
    return [{"id": i, "nickname": n, "seats": s} for i, n, s in db.session.execute(query)]


def current_item(session: LiveSession):
    """Return the item on screen, or None in the lobby and at the end."""
    items = bank().quiz(session.quiz_id).items
    if session.state in ("question", "reveal") and 0 <= session.current_index < len(items):
        return items[session.current_index]
    return None


def item_total(session: LiveSession) -> int:
    """Return the number of items of the session's quiz."""
    return len(bank().quiz(session.quiz_id).items)


def answer_count(session: LiveSession) -> int:
    """Return how many pupils (seats) answered the current item."""
    item = current_item(session)
    if item is None:
        return 0
    query = (
        select(func.coalesce(func.sum(Participant.seats), 0))
        .select_from(Answer)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(Attempt.live_session_id == session.id, Answer.item_id == item.id)
    )
    return db.session.scalar(query)


def item_answers(session: LiveSession, item) -> list[tuple]:
    """(response, correct, seats) of the session's answers to one item, grouped in SQL."""
    return [(r, c, w) for i, r, c, w in results.answer_rows("live", session.id) if i == item.id]


def distribution(session: LiveSession, lang: str) -> dict | None:
    """Return the current item's summary: share correct, bars, the common wrong answer."""
    item = current_item(session)
    if item is None:
        return None
    return results.item_summary(item, item_answers(session, item), lang)


# What a pupil's device polls: one indexed row, for a pupil (by token) of the session's class.
STATE_QUERY = (
    select(
        LiveSession.version,
        LiveSession.state,
        LiveSession.current_index,
        LiveSession.quiz_id,
        LiveSession.locked,
        LiveSession.timer_seconds,
        LiveSession.question_started_at,
    )
    .join(Participant, Participant.class_id == LiveSession.class_id)
    .where(
        LiveSession.id == bindparam("session_id"),
        Participant.token_hash == bindparam("token_hash"),
        Participant.removed.is_(False),
    )
)


def state_params(session_id: int, token: str) -> dict:
    """The parameters of STATE_QUERY."""
    return {"session_id": session_id, "token_hash": participants.hash_token(token)}


def pupil_state(session_id: int, token: str) -> dict:
    """Return what a pupil's device needs to follow, in ONE small query; NotFound otherwise."""
    row = db.session.execute(STATE_QUERY, state_params(session_id, token)).first()
    if row is None:
        raise NotFound("session")
    return state_of(session_id, row, bank())


def state_of(session_id: int, row, content) -> dict:
    """The state's JSON from a row of STATE_QUERY and the content bank (in memory)."""
    items = content.quiz(row.quiz_id).items
    on_item = row.state in ("question", "reveal") and 0 <= row.current_index < len(items)
    started = row.question_started_at
    return {
        "session_id": session_id,
        "version": row.version,
        "state": row.state,
        "index": row.current_index if on_item else None,
        "total": len(items),
        "item_id": items[row.current_index].id if on_item else None,
        "locked": row.locked,
        "timer_seconds": row.timer_seconds,
        "question_started_at": started.isoformat() + "Z" if started else None,
    }


def state_etag(session_id: int, version: int) -> str:
    """The ETag of a session's state: it changes with the version only."""
    return f'"live-{session_id}-{version}"'


def projector_status(user: User, session_id: int) -> dict:
    """Return what the projector must follow: a stamp that changes with the version, with who
    is in the lobby and with how many answered (neither bumps the version)."""
    session = get_session(user, session_id)
    joined = sum(p["seats"] for p in lobby(session))
    answered = answer_count(session)
    item = current_item(session)
    return {
        "version": f"{session.version}.{joined}.{answered}",
        "state": session.state,
        "item_id": item.id if item else None,
    }


def session_version(session_id: int) -> int | None:
    """Return a session's version only (for a cheap ETag check)."""
    return db.session.scalar(select(LiveSession.version).where(LiveSession.id == session_id))


SPEED_POINTS = (3, 2, 1)  # the first, second and third correct answer of each question


def podium(session: LiveSession, pupils: list[dict]) -> list[dict]:
    """The three best nicknames of a finished session, for the podium the teacher turned on.

    With the speed bonus on, the first three correct answers of each question earn 3, 2 and 1
    extra points on the podium (the stored scores do not change).
    """
    bonus = _speed_bonus(session.id) if session.speed_bonus else {}
    removed = _removed_attempts(session.id)  # a nickname the teacher removed is not shown
    ranked = [
        {
            **p,
            "bonus": bonus.get(p["attempt_id"], 0),
            "total": p["score"] + bonus.get(p["attempt_id"], 0),
        }
        for p in pupils
        if p["attempt_id"] not in removed
    ]
    return sorted(ranked, key=lambda p: (-p["total"], p["nickname"]))[:3]


def _removed_attempts(session_id: int) -> set[int]:
    """The session's attempts of pupils the teacher removed (their answers still count)."""
    query = (
        select(Attempt.id)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(Attempt.live_session_id == session_id, Participant.removed.is_(True))
    )
    return set(db.session.scalars(query))


def _speed_bonus(session_id: int) -> dict[int, int]:
    """Bonus points per attempt: who answered each question correctly first (one query)."""
    query = (
        select(Answer.attempt_id, Answer.item_id)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .where(Attempt.live_session_id == session_id, Answer.correct.is_(True))
        .order_by(Answer.item_id, Answer.answered_at, Answer.id)
    )
    bonus, placed = {}, {}
    for attempt_id, item_id in db.session.execute(query):
        place = placed.get(item_id, 0)
        if place < len(SPEED_POINTS):
            bonus[attempt_id] = bonus.get(attempt_id, 0) + SPEED_POINTS[place]
        placed[item_id] = place + 1
    return bonus


def seconds_left(session: LiveSession, now: datetime | None = None) -> int | None:
    """Seconds left on the question's timer (None without a timer or outside a question)."""
    if not session.timer_seconds or session.state != "question" or not session.question_started_at:
        return None
    elapsed = ((now or utcnow()) - session.question_started_at).total_seconds()
    return max(0, int(session.timer_seconds - elapsed + 0.999))
