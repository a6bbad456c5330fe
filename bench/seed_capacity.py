"""Seed the capacity run: 2,000 pupils with open attempts and 60 live classes of 30 (JSON)."""

import json
import sys

from bench.seed import QUIZ, _answerable
from quiz import create_app
from quiz.models import Klass, User
from quiz.services import attempts, codes, demo, live, participants
from quiz.services.content import bank

PUPILS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
CLASSES, CLASS_SIZE = 60, 30


def _classes(app, data) -> list:
    """60 classes of the demo teacher, each in a live session at its first question."""
    from quiz.extensions import db

    teacher = User.query.filter_by(email="teacher@demo.kz").one()
    client, polls = app.test_client(), []
    for n in range(CLASSES):
        klass = Klass(
            school_id=data["school"]["id"],
            teacher_id=teacher.id,
            grade=5,
            letter=f"К{n}",
            language="kk",
            join_code=codes.new_join_code(),
        )
        db.session.add(klass)
        db.session.commit()
        session = live.open_session(teacher, klass.id, QUIZ)
        live.start(teacher, session.id)
        for _ in range(CLASS_SIZE):
            _pupil, token, _k = participants.join_class(klass.join_code, None, "kk")
            state = client.get(
                f"/api/v1/live/{session.id}/state", headers={"Authorization": f"Bearer {token}"}
            )
            polls.append([session.id, token, state.headers.get("ETag", "")])
    return polls


def main() -> None:
    """Print the rows the Lua script needs."""
    app = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        data = demo.load()
        items = _answerable(bank().quiz(QUIZ))
        rows, loads = [], []
        for _ in range(PUPILS):
            pupil, token = participants.create_participant(
                None, "kk", "5-9", school_id=data["school"]["id"]
            )
            attempt, _created = attempts.open_attempt(pupil, QUIZ)
            loads.append([token, attempt.id, items[0][0]])
            rows += [[token, attempt.id, item_id, response] for item_id, response in items]
        print(json.dumps({"rows": rows, "loads": loads, "polls": _classes(app, data)}))


if __name__ == "__main__":
    main()
