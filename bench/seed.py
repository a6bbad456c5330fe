"""Seed a benchmark database: demo data, then pupils with open attempts (prints JSON).

Each pupil gets an attempt at one quiz; the scenarios answer its single-choice and
true/false items, so every answer request of a run stores a new row.
"""

import json
import sys

from quiz import create_app
from quiz.services import attempts, demo, participants
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


def main() -> None:
    """Load the data the scenarios need and print their ids and tokens."""
    app = create_app()
    with app.app_context():
        data = demo.load()
        quiz = bank().quiz(QUIZ)
        items = _answerable(quiz)
        answers, pupils = [], []
        for _ in range(PUPILS):
            pupil, token = participants.create_participant(
                None, "kk", "5-9", school_id=data["school"]["id"]
            )
            attempt, _created = attempts.open_attempt(pupil, QUIZ)
            pupils.append({"token": token, "attempt": attempt.id})
            for item_id, response in items:
                answers.append([token, attempt.id, item_id, response])
        print(
            json.dumps(
                {
                    "demo": data,
                    "quiz": QUIZ,
                    "items": [i for i, _ in items],
                    "pupils": pupils,
                    "answers": answers,
                },
                ensure_ascii=False,
            )
        )


if __name__ == "__main__":
    main()
