"""Twenty identical answers posted at the same instant store one row and score once
(SQLite and PostgreSQL); the HTTP race through the answer's fast path is in
tests/web/test_answer_fast.py."""

import threading

from quiz.extensions import db
from quiz.models import Answer, Attempt, Participant
from quiz.services import attempts
from tests import factories_pupils as pf

THREADS = 20


def test_twenty_simultaneous_identical_answers_store_one_row_and_score_once(app):
    pupil, _ = pf.pupil(nickname="Әлия")
    attempt, _ = attempts.open_attempt(pupil, "every-kind")
    attempt_id, pupil_id = attempt.id, pupil.id
    db.session.remove()
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def post():
        # Each thread has its own app context, so its own session and connection.
        with app.app_context():
            me = db.session.get(Participant, pupil_id)
            db.session.commit()  # give the connection back before waiting for the others
            barrier.wait(timeout=30)
            try:
                results.append(
                    attempts.submit_answer(attempt_id, me, "private-data", ["address", "phone"])
                )
            except Exception as error:  # noqa: BLE001 - every failure is reported below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=post) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == THREADS
    assert all(result == results[0] for result in results)
    assert results[0]["score"] == 2
    assert db.session.query(Answer).filter_by(attempt_id=attempt_id).count() == 1
    stored = db.session.get(Attempt, attempt_id)
    assert (stored.score, stored.max_score) == (2, 3)  # added once, not once per thread
    summary = attempts.summary(stored, "kk")
    assert (summary["score"], summary["answered"], summary["correct"]) == (2, 1, 0)
