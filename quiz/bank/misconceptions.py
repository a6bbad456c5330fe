"""Names of the misconception tags: ``<theme>/misconceptions.toml``, for teachers' reports.

Each theme names, in kk and ru, every tag its items use (``misconception = "..."`` on a
wrong option) and nothing else, so a report never shows a bare slug to a classroom::

    [misconceptions.bystander-not-my-business]
    kk = "Бұл менің ісім емес деп ойлау"
    ru = "Думать, что это не моё дело"
"""

from quiz.bank.errors import Problem
from quiz.bank.schema import TAG_RE, Context, check_keys, read_text

MISCONCEPTIONS_FILE = "misconceptions.toml"


def read_names(ctx: Context, data: dict) -> dict[str, dict[str, str]]:
    """Read a theme's misconceptions.toml: tag -> {kk, ru}; problems carry the tag as item."""
    check_keys(ctx, data, {"misconceptions"})
    table = data.get("misconceptions")
    if not isinstance(table, dict):
        ctx.add("needs a [misconceptions.<tag>] table with kk and ru for every tag")
        return {}
    names = {}
    for tag in table:
        tag_ctx = ctx.at_item(tag)
        if not TAG_RE.fullmatch(tag):
            tag_ctx.add(f"'{tag}' must be a kebab-case tag like 'shares-password'")
        names[tag] = read_text(tag_ctx, table, tag, "misconceptions")
    return names


def item_tags(item) -> list[str]:
    """The misconception tags an item's options carry, in file order, each once."""
    found: list[str] = []
    _collect(item.export(), found)
    return list(dict.fromkeys(found))


def _collect(node, found: list[str]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("misconception"), str):
            found.append(node["misconception"])
        for value in node.values():
            _collect(value, found)
    elif isinstance(node, list):
        for value in node:
            _collect(value, found)


def check_names(theme, problems: list[Problem]) -> None:
    """Every tag a theme's items use has a name in its file, and the file names no other."""
    file = f"{theme.slug}/{MISCONCEPTIONS_FILE}"
    used: set[str] = set()
    for quiz in theme.quizzes:
        for item in quiz.items:
            for tag in item_tags(item):
                used.add(tag)
                if tag not in theme.misconceptions:
                    reason = f"misconception '{tag}' has no name in {file}"
                    problems.append(Problem(quiz.file, item.id, reason))
    for tag in theme.misconceptions:
        if tag not in used:
            reason = f"no item of theme '{theme.slug}' uses this tag: remove its name"
            problems.append(Problem(file, tag, reason))
