"""Common field checks for content tables: texts in both languages, ids, keys, counts.

Every reader takes a ``Context`` that collects problems instead of raising, so the loader
can report everything wrong with the bank at once. Readers always return a usable value
(an empty text, an empty list) so checking can go on after a problem.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from quiz.bank.errors import Problem
from quiz.i18n import LOCALES

ID_RE = re.compile(r"[a-z0-9-]+")
TAG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass
class Context:
    """Where we are (file, item) and the shared list of problems found so far."""

    file: str
    item: str = ""
    problems: list[Problem] = field(default_factory=list)

    def add(self, reason: str) -> None:
        """Record a problem at the current file and item."""
        self.problems.append(Problem(self.file, self.item, reason))

    def at_item(self, item_id: str) -> "Context":
        """A context for one item of the same file, sharing the problem list."""
        return Context(self.file, item_id, self.problems)


def _name(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def check_keys(ctx: Context, data: dict, allowed: set[str], where: str = "") -> None:
    """Report keys of ``data`` that are not in ``allowed`` (usually typos)."""
    for key in data:
        if key not in allowed:
            ctx.add(f"unknown key '{_name(where, key)}'")


def read_text(ctx: Context, data: dict, key: str, where: str = "") -> dict[str, str]:
    """Read a required text table with a non-empty string for every language."""
    name = _name(where, key)
    value = data.get(key)
    if value is None:
        ctx.add(f"missing '{name}' (needs {' and '.join(LOCALES)})")
        return {lang: "" for lang in LOCALES}
    return _text_table(ctx, value, name)


def read_optional_text(ctx: Context, data: dict, key: str, where: str = "") -> dict | None:
    """Read an optional text table; None when absent."""
    if key not in data:
        return None
    return _text_table(ctx, data[key], _name(where, key))


def _text_table(ctx: Context, value: Any, name: str) -> dict[str, str]:
    if not isinstance(value, dict):
        ctx.add(f"'{name}' must be a table with {' and '.join(LOCALES)}")
        return {lang: "" for lang in LOCALES}
    check_keys(ctx, value, set(LOCALES), name)
    result = {}
    for lang in LOCALES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            ctx.add(f"'{name}.{lang}' is missing or empty")
            text = ""
        result[lang] = text.strip()
    return result


def read_text_list(
    ctx: Context, data: dict, key: str, where: str = "", equal_length: bool = True
) -> dict[str, list[str]]:
    """Read a required table of non-empty text lists, one per language (of equal length)."""
    name = _name(where, key)
    value = data.get(key)
    empty: dict[str, list[str]] = {lang: [] for lang in LOCALES}
    if not isinstance(value, dict):
        ctx.add(f"'{name}' must be a table of lists with {' and '.join(LOCALES)}")
        return empty
    check_keys(ctx, value, set(LOCALES), name)
    result = {}
    for lang in LOCALES:
        texts = value.get(lang)
        good = isinstance(texts, list) and texts
        if not good or not all(isinstance(t, str) and t.strip() for t in texts):
            ctx.add(f"'{name}.{lang}' must be a non-empty list of non-empty texts")
            texts = [t for t in texts if isinstance(t, str)] if isinstance(texts, list) else []
        result[lang] = [t.strip() for t in texts]
    if equal_length and len({len(texts) for texts in result.values()}) > 1:
        counts = ", ".join(f"{lang} {len(result[lang])}" for lang in LOCALES)
        ctx.add(f"'{name}' lists differ in length ({counts})")
    return result


def read_id(ctx: Context, data: dict, where: str = "", key: str = "id") -> str:
    """Read a required id of the form [a-z0-9-]+."""
    name = _name(where, key)
    value = data.get(key)
    if not isinstance(value, str) or not value:
        ctx.add(f"missing '{name}'")
        return ""
    if not ID_RE.fullmatch(value):
        ctx.add(f"'{name}' = '{value}' has characters other than a-z, 0-9 and '-'")
    return value


def read_bool(ctx: Context, data: dict, key: str, where: str = "", default=None) -> bool:
    """Read a boolean; required when ``default`` is None."""
    value = data.get(key, default)
    if not isinstance(value, bool):
        ctx.add(f"'{_name(where, key)}' must be true or false")
        return False
    return value


def read_tag(ctx: Context, data: dict, key: str, where: str = "") -> str | None:
    """Read an optional kebab-case tag (a misconception)."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not TAG_RE.fullmatch(value):
        ctx.add(f"'{_name(where, key)}' must be a kebab-case tag like 'shares-password'")
        return None
    return value


def read_tables(ctx: Context, data: dict, key: str, counts: tuple[int, int], where: str = ""):
    """Read an array of tables (``[[items.options]]``), checking how many there are."""
    name = _name(where, key)
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        ctx.add(f"'{name}' must be an array of tables ([[{name}]])")
        return []
    low, high = counts
    if not low <= len(value) <= high:
        ctx.add(f"'{name}' has {len(value)} entries, needs {low}–{high}")
    return value


def check_unique(ctx: Context, ids: list[str], what: str) -> None:
    """Report ids that occur more than once."""
    seen: set[str] = set()
    for ident in ids:
        if ident and ident in seen:
            ctx.add(f"duplicate {what} id '{ident}'")
        seen.add(ident)
