"""What the projector shows, in the projector's language (kk, ru or both side by side).

The teacher's interface language frames the page; everything the class reads from the back
row (the options, the bars, the discussion prompt, the result per item) follows the language
chosen for the projector when the session was opened.
"""

from datetime import timedelta

from flask_babel import force_locale, gettext
from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Klass, LiveSession, User
from quiz.models.base import utcnow
from quiz.services import live, results
from quiz.services.classes import get_class, scope_filter
from quiz.services.content import bank, quiz_or_none

# A session left unfinished is offered again on the teacher's pages for this long.
RUNNING_FOR = timedelta(hours=12)


def projector_page(user: User, session_id: int) -> dict:
    """Everything the projector view shows now, for a session the account may see."""
    session = live.get_session(user, session_id)
    klass = get_class(user, session.class_id)
    item, langs = live.current_item(session), screen_langs(session)
    said = words(langs)
    pupils = live.lobby(session)
    page = {
        "session": session,
        "klass": klass,
        "langs": langs,
        "words": said,
        "item": item,
        "total": live.item_total(session),
        "pupils": pupils,
        "answered": live.answer_count(session),
        "seconds_left": live.seconds_left(session),
        "choices": None,
        "summary": None,
        "discussion": None,
    }
    if item is not None and session.state == "question":
        page["choices"] = choices(item, langs, said)
    if item is not None and session.state == "reveal":
        page["summary"] = bars(session, item, langs)
        page["discussion"] = discussion(item, bank().quiz(session.quiz_id).theme)
    if session.state == "finished":
        page["final"] = final_result(klass, session)
        page["podium"] = live.podium(session, page["final"]["pupils"]) if session.podium else []
    return page


def screen_langs(session: LiveSession) -> list[str]:
    """The languages on the projector, in the order they stand side by side."""
    return ["kk", "ru"] if session.projector_lang == "both" else [session.projector_lang]


def words(langs: list[str]) -> dict:
    """Interface words the class reads on the bars, in each projector language."""
    out = {"correct": {}, "true": {}, "false": {}, "discuss": {}}
    for lang in langs:
        with force_locale(lang):
            out["correct"][lang] = gettext("correct")
            out["discuss"][lang] = gettext("Discuss")
            out["true"][lang] = gettext("True")
            out["false"][lang] = gettext("False")
    return out


def choices(item, langs: list[str], said: dict) -> dict[str, list[dict]]:
    """The answers to choose from as the pupils' devices list them (never the key), with
    true/false named from `said` (`words`).

    Returns {lang: [{"title": text or None, "entries": [text, ...]}, ...]}: one group for
    options, two for matching (left, right) and sorting (groups, cards).
    """
    return {lang: _groups(item, lang, said) for lang in langs}


def _groups(item, lang: str, said: dict) -> list[dict]:
    if item.kind == "true_false":
        return [_group([said["true"][lang], said["false"][lang]])]
    shown = item.public(lang)
    texts = {key: [e["text"] for e in value] for key, value in shown.items() if _entries(value)}
    if "step" in shown:  # a branching story: its first step
        return [_group([o["text"] for o in shown["step"]["options"]], shown["step"]["text"])]
    order = ("options", "lefts", "rights", "groups", "cards", "parts")
    return [_group(texts[key]) for key in order if key in texts]


def _entries(value) -> bool:
    return isinstance(value, list) and all(isinstance(e, dict) and "text" in e for e in value)


def _group(entries: list[str], title: str | None = None) -> dict:
    return {"title": title, "entries": entries}


def discussion(item, theme: str) -> dict[str, str] | None:
    """The item's own discussion prompt, else one of its theme's class-hour kit questions.

    The kit question is chosen by the item, so every reload and every server shows the same.
    """
    if item.discussion:
        return item.discussion
    try:
        kit = bank().theme(theme).kit
    except KeyError:
        return None
    return kit.question_for(item.id) if kit else None


def bars(session: LiveSession, item, langs: list[str]) -> dict:
    """The current item's answers: share correct and bars labelled in the projector's languages."""
    rows = live.item_answers(session, item)
    summaries = {lang: results.item_summary(item, rows, lang) for lang in langs}
    first = summaries[langs[0]]
    distribution = [
        {**bar, "labels": {lang: summaries[lang]["distribution"][n]["label"] for lang in langs}}
        for n, bar in enumerate(first["distribution"])
    ]
    return {**first, "distribution": distribution}


def final_result(klass: Klass, session: LiveSession) -> dict:
    """The class's result: overall, each item's share correct, the hardest item with the most
    common wrong answer (texts in the projector's languages, joined by " / " for both)."""
    langs = screen_langs(session)
    runs = {lang: results.run_results(klass, "live", session.id, lang) for lang in langs}
    data = runs[langs[0]]
    for n, row in enumerate(data["items"]):
        row["number"] = n + 1
        row["texts"] = {lang: runs[lang]["items"][n]["text"] for lang in langs}
        row["text"] = " / ".join(row["texts"].values())
        if row["common_wrong"]:
            labels = [runs[lang]["items"][n]["common_wrong"]["label"] for lang in langs]
            row["common_wrong"]["label"] = " / ".join(dict.fromkeys(labels))
    data["scored_items"] = [row for row in data["items"] if row["item"].scored]
    answered = [row for row in data["scored_items"] if row["share"] is not None]
    data["hardest"] = min(answered, key=lambda row: row["share"]) if answered else None
    return data


def running_sessions(user: User, class_id: int | None = None) -> list[dict]:
    """Live sessions still running in the account's classes (newest first), to go back to.

    A session the teacher never finished stops being offered after RUNNING_FOR.
    """
    query = scope_filter(
        user,
        select(LiveSession, Klass).join(Klass, Klass.id == LiveSession.class_id),
    ).where(LiveSession.state != "finished", LiveSession.created_at >= utcnow() - RUNNING_FOR)
    if class_id is not None:
        query = query.where(LiveSession.class_id == class_id)
    query = query.order_by(LiveSession.id.desc()).limit(5)
    return [
        {"session": session, "klass": klass, "quiz": quiz_or_none(session.quiz_id)}
        for session, klass in db.session.execute(query)
    ]
