"""Paper mode: a printable sheet of a quiz and the teacher's tally of answers afterwards."""

from datetime import date

from sqlalchemy import select

from quiz.errors import Invalid, ReadOnly
from quiz.extensions import db
from quiz.models import Challenge, PaperSession, PaperTally, User
from quiz.services import challenges
from quiz.services.assignments import quiz_choices
from quiz.services.classes import get_class
from quiz.services.content import bank

PAPER_KINDS = ("single", "true_false", "poll", "multiple")
MAX_PUPILS = 60


def paper_items(quiz) -> list:
    """Return the items that work on paper: those answered by ticking a box."""
    return [item for item in quiz.items if item.kind in PAPER_KINDS]


def choices(item) -> list[str]:
    """Return the answer keys a pupil can tick for an item."""
    if item.kind == "true_false":
        return ["true", "false"]
    return [o.id for o in item.options]


def sheet(user: User, class_id: int, quiz_id: str):
    """Return the class and a quiz of its band for printing."""
    klass = get_class(user, class_id)
    if quiz_id not in {q.id for q in quiz_choices(klass)}:
        raise Invalid("quiz", field="quiz")
    quiz = bank().quiz(quiz_id)
    return klass, quiz, paper_items(quiz)


def save_tally(
    user: User, class_id: int, quiz_id: str, pupils: int, held_on: date, counts: dict, today: date
) -> PaperSession:
    """Store a paper session: how many pupils chose each answer (no more than took part).

    It counts for the current challenge like the class's offline activities: held within
    its period, and entered no later than its report deadline (`today`, the local date).
    """
    klass, quiz, items = sheet(user, class_id, quiz_id)
    if not isinstance(pupils, int) or not 1 <= pupils <= MAX_PUPILS:
        raise Invalid("pupils", field="pupils")
    challenge = challenges.current()
    _check_challenge(challenge, held_on, today)
    tallies = _check_counts(items, pupils, counts)
    session = PaperSession(
        class_id=klass.id,
        challenge_id=challenge.id if challenge else None,
        quiz_id=quiz.id,
        quiz_version=quiz.version,
        pupils=pupils,
        held_on=held_on,
        created_by_id=user.id,
    )
    db.session.add(session)
    db.session.flush()
    for item_id, choice, count in tallies:
        db.session.add(
            PaperTally(paper_session_id=session.id, item_id=item_id, choice=choice, count=count)
        )
    db.session.commit()
    return session


def tallies_closed(today: date) -> bool:
    """Return whether the current challenge's report deadline has passed (no new tallies)."""
    challenge = challenges.current()
    return challenge is not None and not challenge.is_open_for_edits(today)


def _check_challenge(challenge: Challenge | None, held_on: date, today: date) -> None:
    """Refuse a tally the challenge's report would not take: late, or held outside it."""
    if challenge is None:
        return  # no challenge yet: the class's results still count it
    if not challenge.is_open_for_edits(today):
        raise ReadOnly("report deadline passed")
    if not isinstance(held_on, date) or not challenge.starts_on <= held_on <= challenge.ends_on:
        raise Invalid("held_on", field="held_on")


def _check_counts(items, pupils: int, counts: dict) -> list[tuple]:
    tallies = []
    for item in items:
        values = {c: counts.get((item.id, c)) or 0 for c in choices(item)}
        if any(not isinstance(v, int) or v < 0 for v in values.values()):
            raise Invalid("count", field=item.id)
        # on a single-answer item a pupil ticks one box: the ticks cannot exceed the pupils
        limit = pupils * (len(values) if item.kind == "multiple" else 1)
        if sum(values.values()) > limit or max(values.values(), default=0) > pupils:
            raise Invalid("too many", field=item.id)
        tallies.extend((item.id, c, v) for c, v in values.items() if v)
    return tallies


def class_paper_sessions(class_id: int) -> list[PaperSession]:
    """Return the class's paper sessions, newest first."""
    query = select(PaperSession).filter_by(class_id=class_id)
    return list(db.session.scalars(query.order_by(PaperSession.held_on.desc())))
