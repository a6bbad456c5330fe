"""The live class hour, pupils' side: enter a session, what the pupil's screen shows, answers.

Answers go through `quiz.services.attempts` (the one answer path); this module only finds
the pupil's attempt of the session and says what their screen shows now.
"""

from collections.abc import Callable

from sqlalchemy import select

from quiz.bank.errors import InvalidResponse
from quiz.errors import AttemptClosed, LobbyLocked, NotFound
from quiz.extensions import db
from quiz.models import Attempt, LiveSession, Participant
from quiz.services import attempts, live, participants, play

# Kinds a pupil does not answer in a live session: an info card is read with the class.
NOT_ON_DEVICE = ("info",)


def was_removed(token: str) -> bool:
    """Return whether this device's token belongs to a pupil the teacher removed."""
    if not token:
        return False
    query = select(Participant.removed).filter_by(token_hash=participants.hash_token(token))
    return bool(db.session.scalar(query))


def session_of_class(session_id: int, participant: Participant) -> LiveSession:
    """Return a live session of the pupil's class; NotFound for any other."""
    session = db.session.get(LiveSession, session_id)
    if session is None or participant is None or session.class_id != participant.class_id:
        raise NotFound("session")
    return session


def _attempt(session: LiveSession, participant: Participant) -> Attempt | None:
    query = select(Attempt).filter_by(live_session_id=session.id, participant_id=participant.id)
    return db.session.scalars(query.limit(1)).first()


def enter(session_id: int, participant: Participant) -> tuple[LiveSession, Attempt | None]:
    """Put the pupil in the session (once); a locked lobby lets only those already in."""
    session = session_of_class(session_id, participant)
    attempt = _attempt(session, participant)
    if attempt is not None or session.state == "finished":
        return session, attempt  # a reload or a lost network: the same place, answers kept
    if session.locked:
        raise LobbyLocked("lobby locked")
    attempt, _created = attempts.open_attempt(
        participant, session.quiz_id, live_session_id=session.id
    )
    return session, attempt


def screen(
    session_id: int, participant: Participant, lang: str, path: list[str] | None = None
) -> dict:
    """Return what the pupil's screen shows now: lobby, item, answer received, reveal, end.

    ``path`` is the pupil's choices so far in a branching story (scenario) on screen; a path
    that does not fit the item (the teacher moved on) starts the story again.
    """
    session, attempt = enter(session_id, participant)
    item = live.current_item(session)
    page = {
        "session_id": session.id,
        "state": session.state,
        "version": session.version,
        "total": live.item_total(session),
        "nickname": participant.nickname,
        "seats": participant.seats,
        "item": None,
        "answered": False,
        "reveal": None,
        "final": None,
        "answerable": False,
        "scenario": None,
        "path": [],
        "seconds_left": live.seconds_left(session),
    }
    if item is not None:
        stored = attempts.stored_result(attempt, item.id, lang) if attempt else None
        page |= {"item": item.public(lang), "number": session.current_index + 1}
        page["answered"] = stored is not None
        on_device = item.kind not in NOT_ON_DEVICE
        page["answerable"] = session.state == "question" and not stored and on_device
        if page["answerable"] and item.kind == "scenario":
            page["path"], page["scenario"] = _story(item, lang, path or [])
        if session.state == "reveal":
            page["reveal"] = stored or item.reveal(lang)  # the key even without an answer
    if session.state == "finished" and attempt is not None:
        page["final"] = _final(session, attempt)
    return page


def _story(item, lang: str, path: list[str]) -> tuple[list[str], dict]:
    """The pupil's place in a branching story: the path kept and the step it leads to."""
    try:
        return path, item.scenario_step(lang, path)
    except InvalidResponse:
        return [], item.scenario_step(lang, [])


def _final(session: LiveSession, attempt: Attempt) -> dict:
    """The pupil's score out of the items the class went through."""
    items = attempts.quiz_of(session.quiz_id).items[: max(session.current_index + 1, 0)]
    return {"score": attempt.score, "max_score": sum(item.max_score for item in items)}


def _on_screen(session_id: int, participant: Participant, item_id: str):
    """The pupil's attempt and the item on screen, if it is still open; AttemptClosed else."""
    session, attempt = enter(session_id, participant)
    item = live.current_item(session)
    if attempt is None or item is None or item.id != item_id or session.state != "question":
        raise AttemptClosed("not the current item")
    return attempt, item


def answer(
    session_id: int,
    participant: Participant,
    item_id: str,
    read: Callable[[dict], object],
    lang: str,
) -> dict:
    """Store the pupil's answer to the item on screen; `read` turns the item into a response."""
    attempt, item = _on_screen(session_id, participant, item_id)
    response = read(item.public(lang))
    return attempts.submit_answer(attempt.id, participant, item_id, response, lang=lang)


def advance(
    session_id: int, participant: Participant, item_id: str, path: list[str], choice: str, lang: str
) -> dict:
    """Add a choice to the pupil's path in the story on screen; store it when the story ends.

    Returns {"path": [...], "done": bool}: the pupil's device shows the next step until done.
    """
    attempt, item = _on_screen(session_id, participant, item_id)
    path, step = play.story_step(item, path, choice, lang)
    if not step.get("end"):
        return {"path": path, "done": False}
    attempts.submit_answer(attempt.id, participant, item_id, path, lang=lang)
    return {"path": path, "done": True}
