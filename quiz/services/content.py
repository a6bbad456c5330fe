"""The content bank as the app sees it: loaded once per process, checked at start-up."""

from functools import cache
from pathlib import Path

from flask import current_app

from quiz.bank import Bank, load_bank


@cache
def _load(path: str, stamp: float) -> Bank:
    return load_bank(Path(path))


def _stamp(path: Path) -> float:
    """Return the newest modification time in the content folder (reload when it changes)."""
    return max((p.stat().st_mtime for p in path.rglob("*.toml")), default=0.0)


def install_bank(app) -> None:
    """Load the app's content bank; a broken bank stops the app with every problem listed."""
    path = Path(app.config["CONTENT_DIR"])
    app.extensions["bank"] = _load(str(path), _stamp(path))


def bank() -> Bank:
    """Return the content bank of the current app."""
    return current_app.extensions["bank"]


def quiz_or_none(quiz_id: str):
    """Return the bank's quiz with this id, or None (a quiz removed since its data was stored)."""
    try:
        return bank().quiz(quiz_id)
    except KeyError:
        return None
