"""A class's results: per run (live session, assignment, paper session) and per item.

Every figure comes from a few aggregate queries per page (no query per pupil or per item);
the bank scores paper tallies and names the misconceptions behind wrong answers.
"""

import json
from collections import Counter, defaultdict

from flask_babel import force_locale, gettext
from sqlalchemy import Text, case, cast, func, select

from quiz.bank import InvalidResponse
from quiz.errors import NotFound
from quiz.extensions import db
from quiz.models import (
    Answer,
    Assignment,
    Attempt,
    Klass,
    LiveSession,
    PaperSession,
    PaperTally,
    Participant,
)
from quiz.services.content import quiz_or_none

RUN_KINDS = ("live", "assignment", "paper")
CHOICE_KINDS = ("single", "multiple", "poll")


def _run_filter(kind: str, run_id: int):
    if kind == "live":
        return Attempt.live_session_id == run_id
    return Attempt.assignment_id == run_id


def of_class(klass: Klass):
    """Return the filter of attempts in the class's live sessions and assignments."""
    sessions = select(LiveSession.id).where(LiveSession.class_id == klass.id)
    assignments = select(Assignment.id).where(Assignment.class_id == klass.id)
    return Attempt.live_session_id.in_(sessions) | Attempt.assignment_id.in_(assignments)


def class_runs(klass: Klass) -> list[dict]:
    """Return the class's runs, oldest first, each with participants, average and share correct."""
    runs = _run_rows(klass)
    online = _online_totals(klass)
    paper = _paper_totals(klass, [r for r in runs if r["kind"] == "paper"])
    for run in runs:
        totals = online.get((run["kind"], run["id"])) or paper.get(run["id"]) or {}
        run.update({"participants": 0, "average": None, "share": None, **totals})
        run["quiz"] = quiz_or_none(run["quiz_id"])
    return sorted(runs, key=lambda r: (r["when"], r["kind"], r["id"]))


def _run_rows(klass: Klass) -> list[dict]:
    rows = []
    for session in db.session.scalars(select(LiveSession).filter_by(class_id=klass.id)):
        rows.append(_run("live", session.id, session.quiz_id, session.created_at))
    for assignment in db.session.scalars(select(Assignment).filter_by(class_id=klass.id)):
        rows.append(_run("assignment", assignment.id, assignment.quiz_id, assignment.opens_at))
    for paper in db.session.scalars(select(PaperSession).filter_by(class_id=klass.id)):
        row = _run("paper", paper.id, paper.quiz_id, paper.created_at)
        row["held_on"], row["pupils"] = paper.held_on, paper.pupils
        rows.append(row)
    return rows


def _run(kind, run_id, quiz_id, when) -> dict:
    return {"kind": kind, "id": run_id, "quiz_id": quiz_id, "when": when}


def _online_totals(klass: Klass) -> dict:
    """Participants (seats), average score and share of correct answers per online run."""
    run_id = func.coalesce(Attempt.live_session_id, Attempt.assignment_id)
    kind = case((Attempt.live_session_id.is_not(None), "live"), else_="assignment")
    ratio = case((Attempt.max_score > 0, Attempt.score * 1.0 / Attempt.max_score))
    attempts = (
        select(kind, run_id, func.sum(Participant.seats), func.avg(ratio))
        .select_from(Attempt)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(of_class(klass))
        .group_by(kind, run_id)
    )
    result = {
        (k, r): {"participants": n, "average": avg} for k, r, n, avg in db.session.execute(attempts)
    }
    answers = (
        select(
            kind,
            run_id,
            func.sum(case((Answer.correct.is_(True), Participant.seats), else_=0)),
            func.sum(case((Answer.correct.is_not(None), Participant.seats), else_=0)),
        )
        .select_from(Answer)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(of_class(klass))
        .group_by(kind, run_id)
    )
    for k, r, right, scored in db.session.execute(answers):
        if (k, r) in result and scored:
            result[(k, r)]["share"] = right / scored
    return result


def _paper_totals(klass: Klass, runs: list[dict]) -> dict:
    """Participants and share of correct answers of paper sessions, scored by the bank."""
    ids = [r["id"] for r in runs]
    tallies = db.session.execute(
        select(
            PaperTally.paper_session_id, PaperTally.item_id, PaperTally.choice, PaperTally.count
        ).where(PaperTally.paper_session_id.in_(ids))
    ).all()
    right, scored = Counter(), Counter()
    quizzes = {r["id"]: quiz_or_none(r["quiz_id"]) for r in runs}
    for session_id, item_id, choice, count in tallies:
        verdict = paper_verdict(quizzes[session_id], item_id, choice)
        if verdict is not None:
            scored[session_id] += count
            right[session_id] += count if verdict else 0
    return {
        r["id"]: {
            "participants": r["pupils"],
            "average": right[r["id"]] / scored[r["id"]] if scored[r["id"]] else None,
            "share": right[r["id"]] / scored[r["id"]] if scored[r["id"]] else None,
        }
        for r in runs
    }


def paper_verdict(quiz, item_id: str, choice: str) -> bool | None:
    """Return whether a paper tick is right (None: unknown item or not scored, as a poll)."""
    try:
        return quiz.item(item_id).is_correct(paper_response(quiz.item(item_id), choice))
    except (KeyError, AttributeError, InvalidResponse):
        return None


def paper_response(item, choice: str):
    """Return the response a paper tick stands for (true/false items store "true"/"false")."""
    return choice == "true" if item.kind == "true_false" else choice


def learning_gain(runs: list[dict]) -> list[dict]:
    """Compare the first and the last run of every quiz run at least twice."""
    by_quiz = defaultdict(list)
    for run in runs:
        if run["share"] is not None:
            by_quiz[run["quiz_id"]].append(run)
    return [
        {
            "quiz": rs[0]["quiz"],
            "before": rs[0],
            "after": rs[-1],
            "gain": rs[-1]["share"] - rs[0]["share"],
        }
        for rs in by_quiz.values()
        if len(rs) >= 2
    ]


def get_run(klass: Klass, kind: str, run_id: int):
    """Return a run of the class (LiveSession, Assignment or PaperSession); NotFound otherwise."""
    model = {"live": LiveSession, "assignment": Assignment, "paper": PaperSession}.get(kind)
    row = db.session.get(model, run_id) if model else None
    if row is None or row.class_id != klass.id:
        raise NotFound("run")
    return row


def run_results(klass: Klass, kind: str, run_id: int, lang: str) -> dict:
    """Return one run's figures: per item, per pupil, participants and average."""
    run = get_run(klass, kind, run_id)
    quiz = quiz_or_none(run.quiz_id)
    if quiz is None:
        raise NotFound("quiz")
    rows = _paper_rows(run_id) if kind == "paper" else answer_rows(kind, run_id)
    per_item = defaultdict(list)
    for item_id, response, correct, weight in rows:
        per_item[item_id].append((response, correct, weight))
    items = [
        item_summary(item, per_item.get(item.id, []), lang, quiz.misconceptions)
        for item in quiz.items
    ]
    pupils = [] if kind == "paper" else pupil_rows(kind, run_id, quiz, lang)
    totals = _run_totals(kind, run, pupils, items)
    return {"run": run, "kind": kind, "quiz": quiz, "items": items, "pupils": pupils, **totals}


def _run_totals(kind, run, pupils, items) -> dict:
    scored = [i for i in items if i["share"] is not None]
    share = sum(i["right"] for i in scored) / sum(i["answered"] for i in scored) if scored else None
    if kind == "paper":
        return {"participants": run.pupils, "average": share, "share": share}
    ratios = [p["score"] / p["max_score"] for p in pupils if p["max_score"]]
    weights = [p["seats"] for p in pupils if p["max_score"]]
    average = (
        sum(r * w for r, w in zip(ratios, weights, strict=True)) / sum(weights) if weights else None
    )
    return {"participants": sum(p["seats"] for p in pupils), "average": average, "share": share}


def answer_rows(kind: str, run_id: int) -> list:
    """(item, response, correct, seats) grouped in SQL: one row per distinct answer."""
    response = cast(Answer.response, Text)
    query = (
        select(Answer.item_id, response, Answer.correct, func.sum(Participant.seats))
        .select_from(Answer)
        .join(Attempt, Attempt.id == Answer.attempt_id)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(_run_filter(kind, run_id))
        .group_by(Answer.item_id, response, Answer.correct)
    )
    return [(i, _loads(r), c, n) for i, r, c, n in db.session.execute(query)]


def _paper_rows(run_id: int) -> list:
    run = db.session.get(PaperSession, run_id)
    quiz = quiz_or_none(run.quiz_id)
    query = select(PaperTally.item_id, PaperTally.choice, PaperTally.count).where(
        PaperTally.paper_session_id == run_id, PaperTally.count > 0
    )
    rows = []
    for item_id, choice, count in db.session.execute(query):
        try:
            item = quiz.item(item_id)
        except KeyError:
            continue
        response = paper_response(item, choice)
        rows.append((item_id, response, paper_verdict(quiz, item_id, choice), count))
    return rows


def _loads(text):
    try:
        return json.loads(text) if text is not None else None
    except ValueError:
        return text


def item_summary(item, rows: list, lang: str, names: dict | None = None) -> dict:
    """Share correct, the distribution over options, the most common wrong answer.

    ``names`` maps misconception tags to their kk/ru names (the quiz's ``misconceptions``);
    the common wrong answer carries the names of its tags, never a bare tag to show.
    """
    answered = sum(w for _, c, w in rows if c is not None)
    right = sum(w for _, c, w in rows if c)
    counts, wrong = Counter(), Counter()
    for response, correct, weight in rows:
        for key in _choice_keys(item, response, correct):
            counts[key] += weight
        if correct is False:
            wrong[json.dumps(response, sort_keys=True, ensure_ascii=False)] += weight
    common = None
    if wrong:
        text, count = wrong.most_common(1)[0]
        response = json.loads(text)
        tags = _misconceptions(item, response)
        common = {
            "label": describe(item, response, lang),
            "count": count,
            "misconceptions": tags,
            "names": [names[tag] for tag in tags if tag in (names or {})],
        }
    total = sum(w for _, _, w in rows)
    return {
        "item": item,
        "text": item.text[lang],
        "answered": answered,
        "right": right,
        "responses": total,
        "share": right / answered if answered else None,
        "distribution": _distribution(item, counts, lang, total),
        "common_wrong": common,
    }


def _choice_keys(item, response, correct) -> list[str]:
    if item.kind in CHOICE_KINDS:
        return [response] if isinstance(response, str) else list(response or [])
    if item.kind == "true_false":
        return ["true" if response is True else "false"]
    return ["right" if correct else "wrong" if correct is False else "none"]


def _distribution(item, counts: Counter, lang: str, total: int) -> list[dict]:
    """Bars in the item's order: options (with the key), true/false, or right/wrong."""
    words = _words(lang)
    if item.kind in CHOICE_KINDS:
        keys = [(o.id, o.text[lang], o.correct) for o in item.options]
    elif item.kind == "true_false":
        keys = [
            ("true", words["true"], item.answer),
            ("false", words["false"], not item.answer),
        ]
    else:
        keys = [("right", words["right"], True), ("wrong", words["wrong"], False)]
    return [
        {
            "key": key,
            "label": label,
            "correct": correct and item.scored,
            "count": counts.get(key, 0),
            "share": counts.get(key, 0) / total if total else 0,
        }
        for key, label, correct in keys
    ]


def describe(item, response, lang: str) -> str:
    """Return a response in words: option texts, true/false, or a short form of the answer."""
    if item.kind in CHOICE_KINDS + ("ordering",):
        ids = [response] if isinstance(response, str) else list(response or [])
        texts = {o.id: o.text[lang] for o in item.options}
        return "; ".join(texts.get(i, i) for i in ids)
    if item.kind == "true_false":
        return _words(lang)["true" if response is True else "false"]
    if isinstance(response, str):
        return response
    return json.dumps(response, ensure_ascii=False)


def _misconceptions(item, response) -> list[str]:
    try:
        return item.misconceptions(response)
    except (InvalidResponse, KeyError, StopIteration):
        return []


def pupil_rows(kind: str, run_id: int, quiz, lang: str) -> list[dict]:
    """Each pupil's (nickname) score and answers in the run: one query."""
    query = (
        select(
            Attempt.id,
            Participant.nickname,
            Participant.seats,
            Attempt.score,
            Attempt.max_score,
            Attempt.finished_at,
            Answer.item_id,
            cast(Answer.response, Text),
            Answer.correct,
        )
        .join(Participant, Participant.id == Attempt.participant_id)
        .outerjoin(Answer, Answer.attempt_id == Attempt.id)
        .where(_run_filter(kind, run_id))
        .order_by(Participant.nickname_key, Attempt.id)
    )
    pupils = {}
    for att, nick, seats, score, top, done, item_id, response, correct in db.session.execute(query):
        pupil = pupils.setdefault(
            att,
            {
                "attempt_id": att,
                "nickname": nick,
                "seats": seats,
                "score": score,
                "max_score": top or quiz.max_score,
                "finished": done is not None,
                "answers": {},
            },
        )
        if item_id is not None:
            try:
                label = describe(quiz.item(item_id), _loads(response), lang)
            except KeyError:
                continue
            pupil["answers"][item_id] = {"label": label, "correct": correct}
    return list(pupils.values())


def _words(lang: str) -> dict:
    """Interface words for answers that are not option texts, in the report's language."""
    with force_locale(lang):
        return {
            "true": gettext("True"),
            "false": gettext("False"),
            "right": gettext("Correct answer"),
            "wrong": gettext("Wrong answer"),
        }
