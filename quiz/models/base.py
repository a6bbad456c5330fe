"""Shared column helpers for the models."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time in UTC, without tzinfo (stored as UTC everywhere)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Bilingual:
    """Mixin for rows with name_kk and name_ru columns."""

    def name(self, lang: str) -> str:
        """Return the name in the given language."""
        return self.name_kk if lang == "kk" else self.name_ru

    @property
    def names(self) -> dict:
        """Return both names as {"kk": ..., "ru": ...}."""
        return {"kk": self.name_kk, "ru": self.name_ru}
