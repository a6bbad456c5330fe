"""The pupils' pages' use cases that span several steps: a scenario told step by step."""

from quiz.errors import Invalid
from quiz.services import attempts


def advance_scenario(
    attempt_id: int, participant, item_id: str, path: list[str], choice: str, lang: str
) -> dict:
    """Add a choice to a scenario's path; store the answer when the story ends.

    Returns {"path": [...], "done": bool, "result": dict | None}.
    """
    if not choice:
        raise Invalid("empty", field="response", reason="choose")
    path = [*path, choice]
    view = attempts.item_view(attempt_id, participant, item_id, lang, path)
    if view["item"]["kind"] != "scenario":
        raise Invalid("kind", field="response")
    if not view["scenario"].get("end"):
        return {"path": path, "done": False, "result": None}
    result = attempts.submit_answer(attempt_id, participant, item_id, path, lang=lang)
    return {"path": path, "done": True, "result": result}
