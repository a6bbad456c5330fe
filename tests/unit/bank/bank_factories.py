"""Build single items from plain dicts, without files: fast unit tests of the kinds."""

from quiz.bank import KINDS
from quiz.bank.schema import Context


def t(kk: str = "Мәтін", ru: str = "Текст") -> dict:
    """A text table in both languages."""
    return {"kk": kk, "ru": ru}


def opt(ident: str, **fields) -> dict:
    """An option with a text."""
    return {"id": ident, "text": t(f"Нұсқа {ident}", f"Вариант {ident}"), **fields}


def build(kind: str, **fields):
    """An item of ``kind`` and the reasons of the problems found in it."""
    data = {"id": "q", "kind": kind, "text": t(), "explanation": t(), **fields}
    ctx = Context("quiz.toml", "q")
    item = KINDS[kind](data, ctx)
    return item, [p.reason for p in ctx.problems]


def valid(kind: str, **fields):
    """An item that must have no problems."""
    item, problems = build(kind, **fields)
    assert problems == []
    return item


def step(ident: str, *options: dict) -> dict:
    """A scenario step."""
    return {"id": ident, "text": t(), "options": list(options)}


def choice(ident: str, good: bool, next_step: str | None = None, **fields) -> dict:
    """A scenario option."""
    data = opt(ident, good=good, consequence=t(f"Салдар {ident}", f"Последствие {ident}"))
    return data | ({"next": next_step} if next_step else {}) | fields
