"""Give a browser test's server the data a working teacher has, so pages are checked full.

The demo data has no runs, and its challenge's report deadline (2025) has passed, so the
teachers' records are read-only there. This adds, for the demo teacher's class: a current
challenge still open for records (dated around today), an offline activity and a post link,
an open assignment with an answer, a finished live class hour with pupils' answers in kk and
ru, a live session still running, a paper session with its tallies, and a password reset
link. Pupils answer through the same services as on their phones.

Run against a server's database (its environment): ``python -m tests.e2e.seed``; prints JSON.
"""

import json
from datetime import date, timedelta

from sqlalchemy import select, update

from quiz import create_app
from quiz.clock import local_today
from quiz.extensions import db
from quiz.models import (
    Challenge,
    Klass,
    OfflineActivity,
    PaperSession,
    PaperTally,
    SocialLink,
    User,
)
from quiz.models.base import utcnow
from quiz.services import assignments, attempts, challenges, live, live_pupils, participants
from quiz.services.content import bank
from quiz.services.teachers import reset_token

QUIZ = "cyber-friendship-5-9"  # the demo class is grade 5
TEACHER = "teacher@demo.kz"


def current_challenge(today: date) -> Challenge:
    """A challenge running now, whose report deadline is ahead: the only current one."""
    db.session.execute(update(Challenge).values(is_current=False))
    dates = {
        "slug": f"safety-online-{today.year}-e2e",
        "starts_on": today - timedelta(days=5),
        "ends_on": today + timedelta(days=5),
        "report_deadline": today + timedelta(days=10),
    }
    challenge = Challenge(**{**challenges.CHALLENGE_2025, **dates}, is_current=True)
    db.session.add(challenge)
    db.session.commit()
    return challenge


def records(teacher: User, klass: Klass, challenge: Challenge, today: date) -> int:
    """An offline activity of the class and a post link; return the activity's id."""
    activity = OfflineActivity(
        challenge_id=challenge.id, school_id=klass.school_id, class_id=klass.id,
        kind="debate", held_on=today, themes=["cyber-friendship"], participants=24,
        description="Дебат: «Кибербуллинг – бұл ойын емес»", created_by_id=teacher.id,
    )  # fmt: skip
    link = SocialLink(
        challenge_id=challenge.id, school_id=klass.school_id, class_id=klass.id,
        url="https://t.me/demo_school/15", url_key="t.me/demo_school/15", network="telegram",
        created_by_id=teacher.id,
    )  # fmt: skip
    db.session.add_all([activity, link])
    db.session.commit()
    return activity.id


def _response(item):
    """A response to a choice or true/false item (None: the pupil skips the others)."""
    if item.kind == "single":
        return item.options[len(item.id) % len(item.options)].id
    if item.kind == "true_false":
        return len(item.id) % 2 == 0
    return None


def _answer_all(pupil, item, lang: str, session_id=None, attempt_id=None) -> None:
    response = _response(item)
    if response is None:
        return
    if session_id is not None:
        live_pupils.answer(session_id, pupil, item.id, lambda _shown: response, lang)
    else:
        attempts.submit_answer(attempt_id, pupil, item.id, response, lang=lang)


def _pupils(klass: Klass, names: list[tuple[str, str]]) -> list[tuple]:
    made = []
    for nickname, lang in names:
        pupil, _token = participants.create_participant(
            nickname, lang, klass.band, class_id=klass.id, school_id=klass.school_id
        )
        made.append((pupil, lang))
    return made


def finished_live_run(teacher: User, klass: Klass) -> int:
    """A live class hour from the lobby to the end, three pupils answering; return its id."""
    session = live.open_session(teacher, klass.id, QUIZ, projector_lang="both", podium=True)
    pupils = _pupils(klass, [("Арман", "kk"), ("Дана", "kk"), ("Оля", "ru")])
    for pupil, _lang in pupils:
        live_pupils.enter(session.id, pupil)
    live.start(teacher, session.id)
    for item in bank().quiz(QUIZ).items:
        for pupil, lang in pupils:
            _answer_all(pupil, item, lang, session_id=session.id)
        live.reveal(teacher, session.id)
        live.next_item(teacher, session.id)
    return session.id


def open_assignment(teacher: User, klass: Klass) -> int:
    """An assignment open for a week, one pupil half-way through it; return its id."""
    now = utcnow().replace(microsecond=0)
    assignment = assignments.create_assignment(
        teacher, klass.id, QUIZ, now - timedelta(hours=1), now + timedelta(days=7)
    )
    [(pupil, lang)] = _pupils(klass, [("Ерлан", "kk")])
    attempt, _created = attempts.open_attempt(pupil, QUIZ, assignment_id=assignment.id)
    for item in bank().quiz(QUIZ).items[:4]:
        _answer_all(pupil, item, lang, attempt_id=attempt.id)
    return assignment.id


def paper_run(teacher: User, klass: Klass, challenge: Challenge, today: date) -> int:
    """A paper session of 20 pupils with their tallies on the choice items; return its id."""
    quiz = bank().quiz(QUIZ)
    paper = PaperSession(
        class_id=klass.id, challenge_id=challenge.id, quiz_id=QUIZ, quiz_version=quiz.version,
        pupils=20, held_on=today, created_by_id=teacher.id,
    )  # fmt: skip
    db.session.add(paper)
    db.session.flush()
    for item in quiz.items:
        if item.kind == "single":
            counts = [14, 4, 2, 0, 0][: len(item.options)]
            for option, count in zip(item.options, counts, strict=False):
                db.session.add(
                    PaperTally(
                        paper_session_id=paper.id, item_id=item.id, choice=option.id, count=count
                    )
                )
    db.session.commit()
    return paper.id


def seed(app) -> dict:
    """Add everything above for the demo teacher's class; return the ids the pages need."""
    teacher = db.session.scalar(select(User).filter_by(email=TEACHER))
    klass = db.session.scalar(select(Klass).filter_by(teacher_id=teacher.id).order_by(Klass.id))
    today = local_today()
    challenge = current_challenge(today)
    ids = {
        "class": klass.id,
        "quiz": QUIZ,
        "activity": records(teacher, klass, challenge, today),
        "assignment": open_assignment(teacher, klass),
        "live": finished_live_run(teacher, klass),
        "paper": paper_run(teacher, klass, challenge, today),
    }
    running = live.open_session(teacher, klass.id, QUIZ, projector_lang="kk", timer_seconds=60)
    ids["running"] = running.id
    ids["reset_token"] = reset_token(app.config["SECRET_KEY"], TEACHER)[1]
    return ids


def main() -> None:
    """Seed the database of the environment's DATABASE_URL and print the ids as JSON."""
    app = create_app()
    with app.app_context():
        print(json.dumps(seed(app)))


if __name__ == "__main__":
    main()
