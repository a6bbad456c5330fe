"""Seed a benchmark database: demo data, pupils with open attempts, a live class (prints JSON).

Each pupil gets an attempt at every quiz of grades 5–9 (8 quizzes, 61 single-choice and
true/false items); the answer scenario answers them, so every answer request of a run stores
a new row (each repeat of the run has its own slice of the rows; see bench/run.py). A live
session in question state gives the state poll and the teacher's live screen something to show.
"""

import json
import sys

from quiz import create_app
from quiz.models import User
from quiz.services import attempts, demo, live, participants
from quiz.services.content import bank

QUIZ = "protect-your-data-5-9"
PUPILS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000


def _answerable(quiz) -> list[tuple[str, object]]:
    """Items whose key is easy to write down, with a correct response for each."""
    found = []
    for item in quiz.items:
        if item.kind == "true_false":
            found.append((item.id, item.answer))
        elif item.kind == "single":
            found.append((item.id, next(o.id for o in item.options if o.correct)))
    return found


def _session_cookie(app, email: str, password: str) -> str:
    """Sign in through the real form and return the session cookie's value."""
    client = app.test_client()
    client.post("/kk/auth/login", data={"email": email, "password": password})
    return client.get_cookie("session").value


def _pupil_session(app, token: str) -> str:
    """The session cookie a pupil's browser holds after a page with a form (its CSRF token)."""
    client = app.test_client()
    client.set_cookie("pupil", token)
    client.get("/kk/play/protect-your-data?band=5-9")
    return client.get_cookie("session").value


def _live(app, data: dict) -> dict:
    """A live session of the demo class in question state, with 30 pupils who answered."""
    teacher = User.query.filter_by(email="teacher@demo.kz").one()
    session = live.open_session(teacher, data["class"]["id"], QUIZ)
    live.start(teacher, session.id)
    tokens = []
    for _ in range(30):
        _pupil, token, _klass = participants.join_class(data["class"]["join_code"], None, "kk")
        tokens.append(token)
    client = app.test_client()
    state = client.get(
        f"/api/v1/live/{session.id}/state", headers={"Authorization": f"Bearer {tokens[0]}"}
    )
    return {"id": session.id, "tokens": tokens, "etag": state.headers.get("ETag", "")}


def main() -> None:
    """Load the data the scenarios need and print their ids, tokens and cookies."""
    app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        data = demo.load()
        passwords = {a["role"]: a["password"] for a in data["accounts"]}
        quizzes = [QUIZ] + [q.id for q in bank().quizzes() if q.band == "5-9" and q.id != QUIZ]
        items = _answerable(bank().quiz(QUIZ))
        answers, pupils = [], []
        for _ in range(PUPILS):
            pupil, token = participants.create_participant(
                None, "kk", "5-9", school_id=data["school"]["id"]
            )
            for quiz_id in quizzes:
                attempt, _created = attempts.open_attempt(pupil, quiz_id)
                if quiz_id == QUIZ:
                    pupils.append({"token": token, "attempt": attempt.id})
                for item_id, response in _answerable(bank().quiz(quiz_id)):
                    answers.append([token, attempt.id, item_id, response])
        pupils[0]["session"] = _pupil_session(app, pupils[0]["token"])
        out = {
            "demo": data,
            "quiz": QUIZ,
            "items": [i for i, _ in items],
            "pupils": pupils,
            "answers": answers,
            "live": _live(app, data),
            "teacher_cookie": _session_cookie(app, "teacher@demo.kz", passwords["teacher"]),
            "organizer_cookie": _session_cookie(app, "organizer@demo.kz", passwords["national"]),
        }
        print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
