"""Read the content folder into a Bank, or refuse it with every problem found."""

import tomllib
from pathlib import Path

from quiz.bank.errors import BankError, Problem
from quiz.bank.kinds import KINDS, Item
from quiz.bank.kit import Kit, read_kit
from quiz.bank.misconceptions import MISCONCEPTIONS_FILE, check_names, read_names
from quiz.bank.model import BANDS, Bank, Quiz, Theme
from quiz.bank.schema import (
    Context,
    check_keys,
    check_unique,
    read_id,
    read_tables,
    read_text,
    read_text_list,
)

THEMES_FILE = "themes.toml"
KIT_FILE = "kit.toml"


def load_bank(path: str | Path) -> Bank:
    """Load and check the content folder; BankError lists every problem found."""
    root = Path(path)
    problems: list[Problem] = []
    themes = read_themes(root, problems)
    by_slug = {theme.slug: theme for theme in themes}
    for file in sorted(root.rglob("*.toml")):
        rel = file.relative_to(root).as_posix()
        if rel != THEMES_FILE:
            _read_content_file(root, rel, by_slug, Context(rel, problems=problems))
    quizzes = [quiz for theme in themes for quiz in theme.quizzes]
    first: dict[str, Quiz] = {}
    for quiz in quizzes:
        if quiz.id and quiz.id in first:
            reason = f"quiz id '{quiz.id}' is already used by {first[quiz.id].file}"
            problems.append(Problem(quiz.file, "", reason))
        first.setdefault(quiz.id, quiz)
    for theme in themes:
        _finish_theme(theme, quizzes, problems)
    if problems:
        raise BankError(problems)
    return Bank(themes)


def _finish_theme(theme: Theme, quizzes: list[Quiz], problems: list[Problem]) -> None:
    """Sort the theme's quizzes, check its kit and its misconception names, share the names."""
    theme.quizzes.sort(key=lambda q: (BANDS.index(q.band) if q.band in BANDS else 9, q.id))
    if theme.kit:
        _check_live_quizzes(theme.kit, quizzes, Context(theme.kit.file, problems=problems))
    check_names(theme, problems)
    for quiz in theme.quizzes:
        quiz.misconceptions = theme.misconceptions


def read_toml(root: Path, ctx: Context) -> dict | None:
    """Parse one TOML file, reporting syntax errors (with their line)."""
    try:
        with open(root / ctx.file, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        ctx.add("file not found")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        ctx.add(f"TOML syntax error: {error}")
    return None


def read_themes(root: Path, problems: list[Problem]) -> list[Theme]:
    """Read themes.toml: slug, title and summary of each theme, in order."""
    ctx = Context(THEMES_FILE, problems=problems)
    if not root.is_dir():
        ctx.add(f"content folder '{root}' not found")
        return []
    data = read_toml(root, ctx)
    if data is None:
        return []
    check_keys(ctx, data, {"themes"})
    themes = []
    for index, raw in enumerate(read_tables(ctx, data, "themes", (1, 100))):
        at = f"themes[{index + 1}]"
        check_keys(ctx, raw, {"slug", "title", "summary"}, at)
        slug = read_id(ctx, raw, at, key="slug")
        title, summary = read_text(ctx, raw, "title", at), read_text(ctx, raw, "summary", at)
        themes.append(Theme(slug, title, summary))
    check_unique(ctx, [t.slug for t in themes], "theme")
    return themes


def _read_content_file(root: Path, rel: str, themes: dict[str, Theme], ctx: Context) -> None:
    folder, _, name = rel.rpartition("/")
    if not folder or "/" in folder:
        ctx.add("content files belong in <theme-slug>/<quiz-id>.toml")
        return
    if folder not in themes:
        ctx.add(f"quiz file in folder '{folder}', which is not a theme slug of {THEMES_FILE}")
        return
    data = read_toml(root, ctx)
    if data is None:
        return
    theme = themes[folder]
    if name == KIT_FILE:
        theme.kit = read_kit(ctx, data, folder)
    elif name == MISCONCEPTIONS_FILE:
        theme.misconceptions = read_names(ctx, data)
    else:
        theme.quizzes.append(read_quiz(ctx, data, folder, name.removesuffix(".toml")))


def read_quiz(ctx: Context, data: dict, theme: str, stem: str) -> Quiz:
    """Read and check one quiz file and all its items."""
    check_keys(ctx, data, {"id", "band", "version", "title", "takeaways", "items"})
    quiz_id = read_id(ctx, data)
    if quiz_id and quiz_id != stem:
        ctx.add(f"the file name must be the quiz id: {quiz_id}.toml")
    band = data.get("band")
    if band not in BANDS:
        ctx.add(f"'band' = {band!r} is not one of {', '.join(BANDS)}")
    version = data.get("version")
    if type(version) is not int or version < 1:
        ctx.add(f"'version' = {version!r} must be a positive whole number")
    title = read_text(ctx, data, "title")
    takeaways = read_text_list(ctx, data, "takeaways")
    items = [
        read_item(ctx, raw, n) for n, raw in enumerate(read_tables(ctx, data, "items", (1, 999)))
    ]
    items = [item for item in items if item is not None]
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            ctx.at_item(item.id).add(f"duplicate item id '{item.id}'")
        seen.add(item.id)
    return Quiz(quiz_id, theme, str(band), version, title, takeaways, items, ctx.file)


def read_item(ctx: Context, raw: dict, index: int) -> Item | None:
    """Read one item with the class of its kind; None when the kind is unknown."""
    ident = raw.get("id")
    item_ctx = ctx.at_item(ident if isinstance(ident, str) and ident else f"items[{index + 1}]")
    kind = raw.get("kind")
    if kind not in KINDS:
        item_ctx.add(f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
        return None
    return KINDS[kind](raw, item_ctx)


def _check_live_quizzes(kit: Kit, quizzes: list[Quiz], ctx: Context) -> None:
    by_id = {quiz.id: quiz for quiz in quizzes}
    for band, quiz_id in kit.live_quizzes.items():
        quiz = by_id.get(quiz_id)
        if quiz is None:
            ctx.add(f"live quiz of band {band} '{quiz_id}' does not exist")
        elif quiz.theme != kit.theme or quiz.band != band:
            ctx.add(f"live quiz '{quiz_id}' is not a {band} quiz of theme '{kit.theme}'")
