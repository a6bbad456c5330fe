"""Attempts and answers: one answer per item per attempt, scored on the server, idempotent."""

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from quiz.bank import InvalidResponse
from quiz.errors import AlreadyAnswered, AttemptClosed, Invalid, NotFound
from quiz.extensions import db
from quiz.models import Answer, Assignment, Attempt, LiveSession, Participant
from quiz.models.base import utcnow
from quiz.services import challenges
from quiz.services.content import bank

# How stale `last_seen_at` may get before an answer refreshes it (saves a write per answer).
LAST_SEEN_STEP = timedelta(minutes=10)

# Kinds whose list responses are sets: the order of the ticks does not matter.
UNORDERED = ("multiple", "red_flags")


def quiz_of(quiz_id: str):
    """Return the bank's quiz with this id; NotFound when the bank has none."""
    try:
        return bank().quiz(quiz_id)
    except KeyError:
        raise NotFound("quiz") from None


def open_attempt(
    participant: Participant,
    quiz_id: str,
    mode: str = "solo",
    assignment_id: int | None = None,
    live_session_id: int | None = None,
    now: datetime | None = None,
) -> tuple[Attempt, bool]:
    """Return the pupil's attempt at a quiz in this context, creating it; (attempt, created)."""
    quiz = quiz_of(quiz_id)
    now = now or utcnow()
    if assignment_id is not None:
        mode = "assignment"
        _check_assignment(participant, quiz_id, assignment_id, now)
    if live_session_id is not None:
        mode = "live"
        _check_live_session(participant, quiz_id, live_session_id)
    # Lock the pupil's row (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers)
    # so a double tap on "start" cannot open two attempts.
    db.session.execute(
        select(Participant.id).where(Participant.id == participant.id).with_for_update()
    )
    found = _existing_attempt(participant.id, quiz_id, assignment_id, live_session_id)
    if found is not None:
        db.session.commit()
        return found, False
    attempt = Attempt(
        participant_id=participant.id,
        quiz_id=quiz.id,
        quiz_version=quiz.version,
        theme=quiz.theme,
        band=quiz.band,
        mode=mode,
        challenge_id=participant.challenge_id or _current_challenge_id(),
        class_id=participant.class_id,
        school_id=participant.school_id,
        assignment_id=assignment_id,
        live_session_id=live_session_id,
        started_at=now,
    )
    db.session.add(attempt)
    participant.last_seen_at = now
    db.session.commit()
    return attempt, True


def _existing_attempt(participant_id, quiz_id, assignment_id, live_session_id) -> Attempt | None:
    """The attempt to continue: the unfinished one; in a class context, also a finished one."""
    query = select(Attempt).filter_by(
        participant_id=participant_id,
        quiz_id=quiz_id,
        assignment_id=assignment_id,
        live_session_id=live_session_id,
    )
    if assignment_id is None and live_session_id is None:
        # Solo pupils may play a quiz again once they have finished it.
        query = query.filter_by(finished_at=None)
    return db.session.scalars(query.order_by(Attempt.id.desc()).limit(1)).first()


def _current_challenge_id() -> int | None:
    challenge = challenges.current()
    return challenge.id if challenge else None


def _check_assignment(participant, quiz_id, assignment_id, now) -> Assignment:
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.class_id != participant.class_id:
        raise NotFound("assignment")
    if assignment.quiz_id != quiz_id:
        raise Invalid("quiz_id", field="quiz_id")
    if not assignment.is_open(now):
        raise AttemptClosed("assignment closed")
    return assignment


def _check_live_session(participant, quiz_id, live_session_id) -> LiveSession:
    session = db.session.get(LiveSession, live_session_id)
    if session is None or session.class_id != participant.class_id:
        raise NotFound("live session")
    if session.quiz_id != quiz_id:
        raise Invalid("quiz_id", field="quiz_id")
    return session


def own_attempt(attempt_id: int, participant: Participant) -> Attempt:
    """Return the pupil's own attempt; NotFound for an unknown one or another pupil's."""
    attempt = db.session.get(Attempt, attempt_id) if participant is not None else None
    if attempt is None or attempt.participant_id != participant.id:
        raise NotFound("attempt")
    return attempt


def submit_answer(
    attempt_id: int,
    participant: Participant,
    item_id: str,
    response: Any,
    client_answer_id: str | None = None,
    now: datetime | None = None,
    lang: str | None = None,
) -> dict:
    """Score and store a response; the same response again returns the same result."""
    now = now or utcnow()
    lang = lang or participant.lang
    attempt = own_attempt(attempt_id, participant)
    item = item_of(attempt, item_id)
    response = _checked(item, response)
    try:
        _check_open(attempt, item_id, now)
    except AttemptClosed:
        # A resend of an answer stored before the close still gets its first result.
        stored = _stored_answer(attempt.id, item_id)
        if stored is None:
            raise
        return _replay(item, stored, response, lang)
    score = item.score(response)
    answer = Answer(
        attempt_id=attempt.id,
        item_id=item.id,
        quiz_version=quiz_of(attempt.quiz_id).version,
        response=response,
        score=score,
        max_score=item.max_score,
        correct=item.is_correct(response),
        client_answer_id=(client_answer_id or None) and str(client_answer_id)[:64],
        answered_at=now,
    )
    db.session.add(answer)
    try:
        # Insert first: the unique constraint (attempt, item), not a prior look-up, decides
        # which of two simultaneous requests stores the answer.
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        stored = _stored_answer(attempt_id, item_id)
        if stored is None:
            raise
        return _replay(item, stored, response, lang)
    _add_to_totals(attempt.id, score, item.max_score)
    if now - participant.last_seen_at > LAST_SEEN_STEP:
        participant.last_seen_at = now
    db.session.commit()
    return result_of(item, response, lang)


def item_of(attempt: Attempt, item_id: str):
    """The bank's item of an attempt's quiz; NotFound when the quiz has none of this id."""
    try:
        return quiz_of(attempt.quiz_id).item(item_id)
    except KeyError:
        raise NotFound("item") from None


def _checked(item, response: Any) -> Any:
    """The response in its canonical shape; Invalid when it does not fit the kind."""
    try:
        item.check(response)
    except InvalidResponse as error:
        raise Invalid(error.reason, field="response") from None
    if item.kind in UNORDERED:
        return sorted(response)
    return response


def _stored_answer(attempt_id: int, item_id: str) -> Answer | None:
    return db.session.scalar(select(Answer).filter_by(attempt_id=attempt_id, item_id=item_id))


def _replay(item, stored: Answer, response: Any, lang: str) -> dict:
    """The first result again, or AlreadyAnswered when this response differs from it."""
    first = result_of(item, stored.response, lang)
    db.session.rollback()
    if _same(stored.response, response):
        return first
    raise AlreadyAnswered("already answered", result=first)


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _check_open(attempt: Attempt, item_id: str, now: datetime) -> None:
    if attempt.finished_at is not None:
        raise AttemptClosed("attempt finished")
    if attempt.assignment_id is not None:
        assignment = db.session.get(Assignment, attempt.assignment_id)
        if assignment is None or not assignment.is_open(now):
            raise AttemptClosed("assignment closed")
    if attempt.live_session_id is not None:
        session = db.session.get(LiveSession, attempt.live_session_id)
        if session is None or session.state != "question":
            raise AttemptClosed("not a question")
        items = quiz_of(session.quiz_id).items
        current = items[session.current_index] if 0 <= session.current_index < len(items) else None
        if current is None or current.id != item_id:
            raise AttemptClosed("not the current item")


def _add_to_totals(attempt_id: int, score: int, max_score: int) -> None:
    """Add one new answer's score to its attempt in one atomic UPDATE.

    Each answer row is inserted once (unique constraint) in the same transaction as this
    increment, so the attempt's totals always equal the sums over its stored answers.
    """
    db.session.execute(
        update(Attempt)
        .where(Attempt.id == attempt_id)
        .values(score=Attempt.score + score, max_score=Attempt.max_score + max_score)
        .execution_options(synchronize_session=False)
    )


def result_of(item, response: Any, lang: str) -> dict:
    """The result shown after an answer: right or wrong, score, the key, why, and extras."""
    reveal = item.reveal(lang, response)
    reveal.setdefault("score", 0)
    reveal.setdefault("max_score", item.max_score)
    reveal.setdefault("correct", None)
    reveal.setdefault("misconceptions", [])
    return {"item_id": item.id, "kind": item.kind, "response": response} | reveal


def finish_attempt(attempt_id: int, participant: Participant, now: datetime | None = None) -> dict:
    """Close the attempt (once) and return its score, max score and takeaways."""
    attempt = own_attempt(attempt_id, participant)
    result = summary(attempt, participant.lang)  # before the commit expires what it reads
    if attempt.finished_at is None:
        attempt.finished_at = now or utcnow()
        db.session.commit()
    return {**result, "finished": True}


def summary(attempt: Attempt, lang: str) -> dict:
    """The results of an attempt: score, max score, correct answers and what to remember."""
    quiz = quiz_of(attempt.quiz_id)
    answers = list(db.session.scalars(select(Answer).filter_by(attempt_id=attempt.id)))
    scored = [item for item in quiz.items if item.scored]
    return {
        "attempt_id": attempt.id,
        "quiz_id": quiz.id,
        "title": quiz.title[lang],
        "theme": quiz.theme,
        "score": attempt.score,
        "max_score": attempt.max_score,
        "quiz_max_score": quiz.max_score,
        "correct": sum(1 for a in answers if a.correct),
        "total": len(scored),
        "answered": len(answers),
        "finished": attempt.finished_at is not None,
        "takeaways": list(quiz.takeaways.get(lang, [])),
    }


def progress(attempt: Attempt) -> dict:
    """Which items are answered, and the next one to show (None when all are answered)."""
    quiz = quiz_of(attempt.quiz_id)
    answered = set(db.session.scalars(select(Answer.item_id).filter_by(attempt_id=attempt.id)))
    ids = [item.id for item in quiz.items]
    upcoming = [item_id for item_id in ids if item_id not in answered]
    return {
        "item_ids": ids,
        "answered": [item_id for item_id in ids if item_id in answered],
        "next_item_id": upcoming[0] if upcoming else None,
    }


def stored_result(attempt: Attempt, item_id: str, lang: str) -> dict | None:
    """The result of an item already answered in this attempt, or None."""
    stored = _stored_answer(attempt.id, item_id)
    if stored is None:
        return None
    return result_of(item_of(attempt, item_id), stored.response, lang)


def public_item(attempt_id: int, participant: Participant, item_id: str, lang: str) -> dict:
    """The item of the pupil's own attempt as the browser sees it (to read a posted form)."""
    return item_of(own_attempt(attempt_id, participant), item_id).public(lang)


# A pupil's (by token) attempt with its answers, one row each (item_id None before the first):
# what the fast paths in front of Flask read to show an item (quiz/pupil/fast_page.py,
# quiz/api/item_fast.py).
OWN_ATTEMPT_ANSWERS = (
    select(Attempt.quiz_id, Answer.item_id, Answer.response)
    .join(Participant, Participant.id == Attempt.participant_id)
    .outerjoin(Answer, Answer.attempt_id == Attempt.id)
    .where(
        Attempt.id == bindparam("attempt_id"),
        Participant.token_hash == bindparam("token_hash"),
        Participant.removed.is_(False),
    )
)


def page_view(attempt_id: int, quiz, item, answered: dict, lang: str) -> dict:
    """What the question page shows of an item, from the responses stored so far (no query)."""
    ids = [i.id for i in quiz.items]
    stored = item.id in answered
    return {
        "attempt_id": attempt_id,
        "index": ids.index(item.id),
        "total": len(ids),
        "item": item.public(lang),
        "max_score": item.max_score,
        "result": result_of(item, answered[item.id], lang) if stored else None,
        "next_item_id": next((i for i in ids if i not in answered), None),
        "quiz_title": quiz.title[lang],
    }


def item_view(
    attempt_id: int, participant: Participant, item_id: str, lang: str, path: list | None = None
) -> dict:
    """An item of the pupil's attempt as the browser may see it: no key before it is answered.

    With ``path`` (option ids chosen so far) a scenario item also gets the next step.
    """
    attempt = own_attempt(attempt_id, participant)
    item = item_of(attempt, item_id)
    # One query for both this item's stored answer and the next unanswered item.
    answered = dict(
        db.session.execute(
            select(Answer.item_id, Answer.response).filter_by(attempt_id=attempt.id)
        ).all()
    )
    view = page_view(attempt.id, quiz_of(attempt.quiz_id), item, answered, lang)
    if path is not None and item.kind == "scenario":
        try:
            view["scenario"] = item.scenario_step(lang, path)
        except InvalidResponse as error:
            raise Invalid(error.reason, field="path") from None
    return view
