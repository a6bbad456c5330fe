"""The stored score always equals the score recomputed from the stored answers and the bank.

Seeded random pupils answer every kind of the test bank through the JSON API: right, wrong,
partly right, malformed, resent and changed answers, in random order, some attempts finished.
"""

import random

import pytest
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Answer, Attempt
from quiz.services.content import bank
from tests import factories

QUIZ = "every-kind"
ATTEMPTS_PER_SEED = 30


def random_response(item, rng: random.Random):
    """A response of the item's shape with random content (sometimes malformed)."""
    if rng.random() < 0.08:
        return rng.choice([None, 7, "?", ["nope"], {"x": 1}, True])
    return RANDOM[item.kind](item, rng)


def _subset(ids, rng):
    return rng.sample(list(ids), rng.randint(0, len(ids)))


def _pairs(keys, values, rng, distinct=False):
    keys = _subset(keys, rng)
    if distinct:
        return dict(zip(keys, rng.sample(list(values), min(len(keys), len(values))), strict=False))
    return {key: rng.choice(list(values)) for key in keys}


def _walk(item, rng):
    path, step = [], item.start
    while step is not None and rng.random() < 0.9:
        option = rng.choice(item.steps[step].options)
        path.append(option.id)
        step = item.next[option.id]
    return path


RANDOM = {
    "info": lambda item, rng: None,
    "single": lambda item, rng: rng.choice(item.ids),
    "poll": lambda item, rng: rng.choice(item.ids),
    "multiple": lambda item, rng: _subset(item.ids, rng),
    "ordering": lambda item, rng: rng.sample(item.ids, len(item.ids)),
    "true_false": lambda item, rng: rng.random() < 0.5,
    "short_text": lambda item, rng: rng.choice([" 111 ", "111", "112", "", "сто", "１１１"]),
    "matching": lambda item, rng: _pairs(
        [e["id"] for e in item.lefts], [e["id"] for e in item.rights], rng, distinct=True
    ),
    "categorise": lambda item, rng: _pairs(
        [e["id"] for e in item.cards], [e["id"] for e in item.groups], rng
    ),
    "red_flags": lambda item, rng: _subset([p["id"] for p in item.parts], rng),
    "scenario": _walk,
    "password_lab": lambda item, rng: {"strong": rng.random() < 0.5},
}


def test_every_kind_has_a_random_response_generator(app):
    kinds = {item.kind for item in bank().quiz(QUIZ).items}
    assert kinds <= set(RANDOM), kinds - set(RANDOM)


def _play(client, klass, rng: random.Random) -> None:
    joined = client.post("/api/v1/join", json={"code": klass.join_code}).get_json()
    auth = {"Authorization": "Bearer " + joined["participant_token"]}
    attempt_id = client.post("/api/v1/attempts", json={"quiz_id": QUIZ}, headers=auth).get_json()[
        "attempt_id"
    ]
    items = list(bank().quiz(QUIZ).items)
    for item in rng.sample(items, rng.randint(0, len(items))):
        body = {"response": random_response(item, rng), "client_answer_id": str(rng.random())}
        url = f"/api/v1/attempts/{attempt_id}/answers/{item.id}"
        for _ in range(rng.choice([1, 1, 2, 3])):  # resends, sometimes with another answer
            status = client.put(url, json=body, headers=auth).status_code
            assert status in (200, 409, 422), (item.kind, body, status)
            if rng.random() < 0.3:
                body = {"response": random_response(item, rng)}
    if rng.random() < 0.5:
        client.post(f"/api/v1/attempts/{attempt_id}/finish", headers=auth)


@pytest.mark.parametrize("seed", [1, 2])
def test_stored_scores_equal_scores_recomputed_from_stored_answers(app, client, seed):
    rng = random.Random(seed)
    klass = factories.klass()
    for _ in range(ATTEMPTS_PER_SEED):
        _play(client, klass, rng)
    quiz = bank().quiz(QUIZ)
    wrong = []
    answers = db.session.scalars(select(Answer)).all()
    for answer in answers:
        item = quiz.item(answer.item_id)
        expected = (item.score(answer.response), item.max_score, item.is_correct(answer.response))
        if (answer.score, answer.max_score, answer.correct) != expected:
            wrong.append(f"answer {answer.id} {item.kind}: stored {answer.score}, is {expected}")
    attempts = db.session.scalars(select(Attempt)).all()
    for attempt in attempts:
        stored = [a for a in answers if a.attempt_id == attempt.id]
        recomputed = sum(quiz.item(a.item_id).score(a.response) for a in stored)
        top = sum(quiz.item(a.item_id).max_score for a in stored)
        if (attempt.score, attempt.max_score) != (recomputed, top):
            wrong.append(f"attempt {attempt.id}: {attempt.score}/{attempt.max_score}")
    assert len(attempts) == ATTEMPTS_PER_SEED and len(answers) > 3 * len(attempts)
    assert any(a.score == 0 for a in answers if a.max_score) and any(a.score for a in answers)
    assert wrong == [], "\n".join(wrong)
