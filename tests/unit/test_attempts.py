"""Attempts and answers: scored on the server, one answer per item, refused when closed."""

from datetime import timedelta

import pytest

from quiz.errors import AlreadyAnswered, AttemptClosed, Invalid, NotFound
from quiz.extensions import db
from quiz.models import Answer, Attempt
from quiz.models.base import utcnow
from quiz.services import attempts
from tests import factories
from tests import factories_pupils as pf

QUIZ = "every-kind"


@pytest.fixture
def pupil(app):
    return pf.pupil(nickname="Әлия")[0]


def _answers(attempt_id):
    return db.session.query(Answer).filter_by(attempt_id=attempt_id).count()


def test_open_attempt_returns_the_open_one_again(pupil):
    first, created = attempts.open_attempt(pupil, QUIZ)
    again, created_again = attempts.open_attempt(pupil, QUIZ)
    assert created and not created_again and again.id == first.id
    assert (first.quiz_version, first.theme, first.band) == (1, "protect-your-data", "5-9")


def test_solo_pupil_may_play_again_after_finishing(pupil):
    first, _ = attempts.open_attempt(pupil, QUIZ)
    attempts.finish_attempt(first.id, pupil)
    second, created = attempts.open_attempt(pupil, QUIZ)
    assert created and second.id != first.id


def test_unknown_quiz_is_not_found(pupil):
    with pytest.raises(NotFound):
        attempts.open_attempt(pupil, "no-such-quiz")


def test_correct_answer_is_scored_and_explained(pupil):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    result = attempts.submit_answer(attempt.id, pupil, "share-password", "refuse")
    assert result["correct"] is True and (result["score"], result["max_score"]) == (1, 1)
    assert result["correct_response"] == "refuse"
    assert result["explanation"].startswith("Құпиясөз – тек сенікі")


def test_wrong_answer_shows_the_correct_one_and_its_misconception(pupil):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    result = attempts.submit_answer(attempt.id, pupil, "share-password", "give", lang="ru")
    assert result["correct"] is False and result["score"] == 0
    assert result["correct_response"] == "refuse"
    assert result["misconceptions"] == ["shares-password-with-friend"]
    assert result["explanation"].startswith("Пароль – только твой")


def test_same_answer_twice_stores_one_and_returns_the_same_result(pupil):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    first = attempts.submit_answer(attempt.id, pupil, "private-data", ["phone", "address"])
    again = attempts.submit_answer(attempt.id, pupil, "private-data", ["address", "phone"])
    assert first == again and first["score"] == 2
    assert _answers(attempt.id) == 1


def test_different_answer_to_an_answered_item_is_refused_with_the_first_result(pupil):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    first = attempts.submit_answer(attempt.id, pupil, "twofa", False)
    with pytest.raises(AlreadyAnswered) as caught:
        attempts.submit_answer(attempt.id, pupil, "twofa", True)
    assert caught.value.details["result"] == first
    stored = db.session.query(Answer).filter_by(attempt_id=attempt.id).one()
    assert stored.response is False and stored.score == 0


def test_insert_race_falls_back_on_the_unique_constraint(pupil, monkeypatch):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    attempts.submit_answer(attempt.id, pupil, "twofa", True)
    # The look-up misses the stored answer, as if another request stored it a moment later.
    real = attempts._stored_answer
    calls = []

    def late(attempt_id, item_id):
        calls.append(item_id)
        return None if len(calls) == 1 else real(attempt_id, item_id)

    monkeypatch.setattr(attempts, "_stored_answer", late)
    result = attempts.submit_answer(attempt.id, pupil, "twofa", True)
    assert result["correct"] is True and len(calls) == 2
    assert _answers(attempt.id) == 1


def test_attempt_score_equals_the_sum_of_its_answers(pupil):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    attempts.submit_answer(attempt.id, pupil, "private-data", ["address", "color"])
    attempts.submit_answer(attempt.id, pupil, "steps", ["stop", "screenshot", "block", "tell"])
    attempts.submit_answer(attempt.id, pupil, "intro", None)
    db.session.refresh(attempt)
    rows = db.session.query(Answer).filter_by(attempt_id=attempt.id).all()
    assert attempt.score == sum(r.score for r in rows) == 1
    assert attempt.max_score == sum(r.max_score for r in rows) == 4
    assert {r.quiz_version for r in rows} == {1}


@pytest.mark.parametrize(
    "item_id, response",
    [("share-password", "nope"), ("twofa", "yes"), ("lab", {"strong": "yes"}), ("intro", 1)],
)
def test_malformed_response_is_invalid_and_stores_nothing(pupil, item_id, response):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    with pytest.raises(Invalid):
        attempts.submit_answer(attempt.id, pupil, item_id, response)
    assert _answers(attempt.id) == 0


def test_another_pupils_attempt_and_unknown_items_are_not_found(pupil):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    other, _ = pf.pupil(nickname="Дана")
    with pytest.raises(NotFound):
        attempts.submit_answer(attempt.id, other, "twofa", True)
    with pytest.raises(NotFound):
        attempts.finish_attempt(attempt.id, other)
    with pytest.raises(NotFound):
        attempts.submit_answer(attempt.id, pupil, "no-such-item", True)


def test_finished_attempt_refuses_new_answers(pupil):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    attempts.finish_attempt(attempt.id, pupil)
    with pytest.raises(AttemptClosed):
        attempts.submit_answer(attempt.id, pupil, "twofa", True)


def test_answer_after_the_assignment_closes_is_refused(app):
    klass = factories.klass()
    assignment = pf.assignment(klass)
    pupil, _ = pf.pupil(klass, nickname="Әлия")
    attempt, _ = attempts.open_attempt(pupil, QUIZ, assignment_id=assignment.id)
    assert attempt.mode == "assignment" and attempt.class_id == klass.id
    attempts.submit_answer(attempt.id, pupil, "twofa", True)
    later = assignment.closes_at + timedelta(seconds=1)
    with pytest.raises(AttemptClosed):
        attempts.submit_answer(attempt.id, pupil, "lab", {"strong": True}, now=later)
    assert _answers(attempt.id) == 1


def test_assignment_of_another_class_is_not_found(app):
    assignment = pf.assignment(factories.klass())
    pupil, _ = pf.pupil(factories.klass(), nickname="Әлия")
    with pytest.raises(NotFound):
        attempts.open_attempt(pupil, QUIZ, assignment_id=assignment.id)


def test_closed_assignment_cannot_be_started(app):
    klass = factories.klass()
    assignment = pf.assignment(klass, opens=-5, closes=-1)
    pupil, _ = pf.pupil(klass, nickname="Әлия")
    with pytest.raises(AttemptClosed):
        attempts.open_attempt(pupil, QUIZ, assignment_id=assignment.id)


def test_live_answers_only_to_the_current_question(app):
    klass = factories.klass()
    live = pf.live_session(klass, state="question", current_index=1)
    pupil, _ = pf.pupil(klass, nickname="Әлия")
    attempt, _ = attempts.open_attempt(pupil, QUIZ, live_session_id=live.id)
    with pytest.raises(AttemptClosed):
        attempts.submit_answer(attempt.id, pupil, "twofa", True)
    assert attempts.submit_answer(attempt.id, pupil, "share-password", "refuse")["correct"]
    live.state = "reveal"
    live.current_index = 2
    db.session.commit()
    with pytest.raises(AttemptClosed):
        attempts.submit_answer(attempt.id, pupil, "private-data", ["phone"])


def test_finish_gives_score_max_and_takeaways(pupil):
    attempt, _ = attempts.open_attempt(pupil, QUIZ)
    attempts.submit_answer(attempt.id, pupil, "share-password", "refuse")
    attempts.submit_answer(attempt.id, pupil, "twofa", False)
    result = attempts.finish_attempt(attempt.id, pupil)
    assert (result["score"], result["max_score"], result["correct"]) == (1, 2, 1)
    assert result["takeaways"][0] == "Құпиясөзіңді ешкімге айтпа."
    assert db.session.get(Attempt, attempt.id).finished_at is not None
    assert attempts.finish_attempt(attempt.id, pupil)["score"] == 1


def test_answer_before_the_deadline_then_retry_after_it_returns_the_stored_result(app):
    klass = factories.klass()
    assignment = pf.assignment(klass)
    pupil, _ = pf.pupil(klass, nickname="Әлия")
    attempt, _ = attempts.open_attempt(pupil, QUIZ, assignment_id=assignment.id)
    first = attempts.submit_answer(attempt.id, pupil, "twofa", True)
    later = utcnow() + timedelta(days=3)
    assert attempts.submit_answer(attempt.id, pupil, "twofa", True, now=later) == first
