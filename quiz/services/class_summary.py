"""A class's results per quiz across all its runs: live sessions, assignments, paper sessions.

A pupil who took a quiz twice (live, then as an assignment) is one participant: the summary
takes each pupil's latest attempt with an answer, so it says where the class stands now (each
run's page and the before/after table keep every run). Paper pupils have no device and cannot
be told apart, and a class's paper sessions of one quiz are usually the same pupils: the
latest paper session of the quiz counts, its pupils added to the online ones.
"""

import json
from collections import defaultdict

from sqlalchemy import Text, cast, exists, select

from quiz.errors import NotFound
from quiz.extensions import db
from quiz.models import Answer, Attempt, Klass, PaperSession, PaperTally, Participant
from quiz.services.content import quiz_or_none
from quiz.services.results import (
    describe,
    item_summary,
    of_class,
    paper_response,
    paper_verdict,
)


def quiz_summaries(klass: Klass, lang: str, quiz_id: str | None = None) -> list[dict]:
    """Return a summary per quiz the class has results of (of one quiz when quiz_id is
    given): each pupil counted once."""
    online, runs = _latest_attempts(klass, quiz_id)
    paper, paper_runs = _latest_paper_sessions(klass, quiz_id)
    answers = _answers([p["attempt_id"] for pupils in online.values() for p in pupils])
    tallies = _tallies([s.id for s in paper.values()])
    summaries = []
    for quiz_id in sorted(set(online) | set(paper)):
        quiz = quiz_or_none(quiz_id)
        if quiz is None:
            continue  # a quiz withdrawn from the bank: its runs' pages still list it
        session = paper.get(quiz_id)
        rows = tallies.get(session.id, []) if session else []
        summary = _summary(quiz, online.get(quiz_id, []), answers, session, rows, lang)
        summary["runs"] = runs.get(quiz_id, 0) + paper_runs.get(quiz_id, 0)
        summaries.append(summary)
    return summaries


def quiz_summary(klass: Klass, quiz_id: str, lang: str) -> dict:
    """Return the class's summary of one quiz (empty before any run); NotFound if no quiz."""
    found = quiz_summaries(klass, lang, quiz_id)
    if found:
        return found[0]
    quiz = quiz_or_none(quiz_id)
    if quiz is None:
        raise NotFound("quiz")
    return _summary(quiz, [], {}, None, [], lang) | {"runs": 0}


def _latest_attempts(klass: Klass, quiz_id: str | None) -> tuple[dict, dict]:
    """Each pupil's latest answered attempt per quiz; the number of online runs per quiz."""
    query = (
        select(Attempt, Participant.nickname, Participant.seats)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(of_class(klass), exists().where(Answer.attempt_id == Attempt.id))
        .order_by(Participant.nickname_key, Attempt.started_at, Attempt.id)
    )
    if quiz_id is not None:
        query = query.where(Attempt.quiz_id == quiz_id)
    latest, taken, runs = {}, defaultdict(int), defaultdict(set)
    for attempt, nickname, seats in db.session.execute(query):
        key = (attempt.quiz_id, attempt.participant_id)
        latest[key] = (attempt, nickname, seats)  # in order of start: the last is the latest
        taken[key] += 1
        runs[attempt.quiz_id].add((attempt.live_session_id, attempt.assignment_id))
    by_quiz = defaultdict(list)
    for key, (attempt, nickname, seats) in latest.items():
        by_quiz[key[0]].append(
            {
                "attempt_id": attempt.id,
                "nickname": nickname,
                "seats": seats,
                "score": attempt.score,
                "max_score": attempt.max_score,
                "taken": taken[key],
            }
        )
    return by_quiz, {quiz_id: len(found) for quiz_id, found in runs.items()}


def _latest_paper_sessions(klass: Klass, quiz_id: str | None) -> tuple[dict, dict]:
    """The latest paper session per quiz (by date); the number of paper sessions per quiz."""
    query = select(PaperSession).where(PaperSession.class_id == klass.id)
    if quiz_id is not None:
        query = query.where(PaperSession.quiz_id == quiz_id)
    latest, count = {}, defaultdict(int)
    for session in db.session.scalars(query.order_by(PaperSession.held_on, PaperSession.id)):
        latest[session.quiz_id] = session
        count[session.quiz_id] += 1
    return latest, count


def _answers(attempt_ids: list[int]) -> dict[int, list[tuple]]:
    """(item, response, correct) of the chosen attempts, by attempt: one query."""
    if not attempt_ids:
        return {}
    response = cast(Answer.response, Text)
    query = select(Answer.attempt_id, Answer.item_id, response, Answer.correct).where(
        Answer.attempt_id.in_(attempt_ids)
    )
    found = defaultdict(list)
    for attempt_id, item_id, text, correct in db.session.execute(query):
        found[attempt_id].append((item_id, None if text is None else json.loads(text), correct))
    return found


def _tallies(session_ids: list[int]) -> dict[int, list[tuple]]:
    """(item, choice, count) of the chosen paper sessions, by session: one query."""
    if not session_ids:
        return {}
    query = select(
        PaperTally.paper_session_id, PaperTally.item_id, PaperTally.choice, PaperTally.count
    ).where(PaperTally.paper_session_id.in_(session_ids), PaperTally.count > 0)
    found = defaultdict(list)
    for session_id, item_id, choice, count in db.session.execute(query):
        found[session_id].append((item_id, choice, count))
    return found


def _summary(quiz, pupils: list[dict], answers: dict, session, tallies: list, lang: str) -> dict:
    """Items (share correct, distribution, common wrong answer), pupils and totals of a quiz."""
    per_item = defaultdict(list)
    _add_online(quiz, pupils, answers, per_item, lang)
    paper_share = _add_paper(quiz, tallies, per_item)
    names = quiz.misconceptions  # the common wrong answer is named, not tagged
    items = [item_summary(i, per_item.get(i.id, []), lang, names) for i in quiz.items]
    # a paper pupil's score is not known: the session's share of right ticks stands for it
    ratios = [(p["score"] / p["max_score"], p["seats"]) for p in pupils if p["max_score"]]
    if session is not None and paper_share is not None:
        ratios.append((paper_share, session.pupils))
    weight = sum(w for _, w in ratios)
    scored = [i for i in items if i["share"] is not None]
    answered = sum(i["answered"] for i in scored)
    online = sum(p["seats"] for p in pupils)
    paper_pupils = session.pupils if session else 0
    return {
        "quiz": quiz,
        "items": items,
        "pupils": pupils,
        "online": online,
        "paper_pupils": paper_pupils,
        "participants": online + paper_pupils,
        "average": sum(r * w for r, w in ratios) / weight if weight else None,
        "share": sum(i["right"] for i in scored) / answered if answered else None,
        "hardest": min(scored, key=lambda i: i["share"]) if scored else None,
    }


def _add_online(quiz, pupils: list[dict], answers: dict, per_item: dict, lang: str) -> None:
    """Add the pupils' answers to the items (weighed by seats) and to each pupil's row."""
    known = {item.id for item in quiz.items}
    for pupil in pupils:
        pupil["answers"] = {}
        pupil["max_score"] = pupil["max_score"] or quiz.max_score
        for item_id, response, correct in answers.get(pupil["attempt_id"], []):
            if item_id not in known:
                continue  # an item removed from the quiz since
            per_item[item_id].append((response, correct, pupil["seats"]))
            label = describe(quiz.item(item_id), response, lang)
            pupil["answers"][item_id] = {"label": label, "correct": correct}


def _add_paper(quiz, tallies: list, per_item: dict) -> float | None:
    """Add a paper session's ticks to the items; return its share of right ticks."""
    right = scored = 0
    for item_id, choice, count in tallies:
        verdict = paper_verdict(quiz, item_id, choice)
        try:
            response = paper_response(quiz.item(item_id), choice)
        except KeyError:
            continue  # an item removed from the quiz since
        per_item[item_id].append((response, verdict, count))
        if verdict is not None:  # a poll's ticks are shown, not scored
            scored += count
            right += count if verdict else 0
    return right / scored if scored else None
