"""Reading a live item's plain HTML form into the kind's response shape.

Only the kinds the live page renders itself (single, multiple, true_false, poll) until the
pupils' area ships its per-kind forms and reader (then this module gives way to theirs).
"""

from quiz.errors import Invalid


def read_response(item: dict, form) -> object:
    """Return the response the form holds for a public item; Invalid when there is none."""
    kind = item["kind"]
    if kind in ("single", "poll"):
        value = form.get("response")
    elif kind == "multiple":
        value = form.getlist("response") or None
    elif kind == "true_false":
        value = {"true": True, "false": False}.get(form.get("response"))
    else:
        raise Invalid("kind", field="response")
    if value is None or value == "":
        raise Invalid("empty", field="response", reason="choose")
    return value
