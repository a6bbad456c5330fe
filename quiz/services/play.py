"""The pupils' pages' use cases that span several steps: a scenario told step by step."""

from quiz.bank.errors import InvalidResponse
from quiz.errors import Invalid
from quiz.services import attempts


def story_step(item, path: list[str], choice: str, lang: str) -> tuple[list[str], dict]:
    """Add a choice to a branching story's path: the new path and the step it leads to
    (``end`` when the story is over); Invalid when there is no choice or it does not fit."""
    if not choice:
        raise Invalid("empty", field="response", reason="choose")
    if item.kind != "scenario":
        raise Invalid("kind", field="response")
    path = [*path, choice]
    try:
        return path, item.scenario_step(lang, path)
    except InvalidResponse as error:
        raise Invalid(error.reason, field="path") from None


def advance_scenario(
    attempt_id: int, participant, item_id: str, path: list[str], choice: str, lang: str
) -> dict:
    """Add a choice to a scenario's path; store the answer when the story ends.

    Returns {"path": [...], "done": bool, "result": dict | None}.
    """
    item = attempts.item_of(attempts.own_attempt(attempt_id, participant), item_id)
    path, step = story_step(item, path, choice, lang)
    if not step.get("end"):
        return {"path": path, "done": False, "result": None}
    result = attempts.submit_answer(attempt_id, participant, item_id, path, lang=lang)
    return {"path": path, "done": True, "result": result}
