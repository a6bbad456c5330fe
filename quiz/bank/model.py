"""The loaded bank: themes, quizzes and kits, with look-ups, a summary and a JSON export."""

from collections import Counter
from dataclasses import dataclass, field

from quiz.bank.kinds import Item
from quiz.bank.kit import Kit

BANDS = ("1-4", "5-9", "10-11")


@dataclass
class Quiz:
    """One quiz file: a band of one theme, with its items in file order."""

    id: str
    theme: str
    band: str
    version: int
    title: dict[str, str]
    takeaways: dict[str, list[str]]
    items: list[Item]
    file: str = ""
    # the names of its theme's misconception tags: tag -> {kk, ru} (set by the loader)
    misconceptions: dict[str, dict[str, str]] = field(default_factory=dict)

    def item(self, item_id: str) -> Item:
        """The item with this id; KeyError when unknown."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def misconception(self, tag: str) -> dict[str, str] | None:
        """The kk and ru name of a misconception tag of this quiz's theme; None when unnamed."""
        return self.misconceptions.get(tag)

    @property
    def max_score(self) -> int:
        """The sum of the items' maximum scores."""
        return sum(item.max_score for item in self.items)

    def export(self) -> dict:
        """The quiz with all its items, both languages and keys."""
        return {
            "id": self.id,
            "band": self.band,
            "version": self.version,
            "title": self.title,
            "takeaways": self.takeaways,
            "max_score": self.max_score,
            "items": [item.export() for item in self.items],
        }


@dataclass
class Theme:
    """One of the eight themes, with its quizzes sorted by band then id, and its kit."""

    slug: str
    title: dict[str, str]
    summary: dict[str, str]
    quizzes: list[Quiz] = field(default_factory=list)
    kit: Kit | None = None
    # misconceptions.toml: tag -> {kk, ru}, naming every tag the theme's items use
    misconceptions: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Bank:
    """All the content, loaded and checked."""

    themes: list[Theme]

    def theme(self, slug: str) -> Theme:
        """The theme with this slug; KeyError when unknown."""
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        raise KeyError(slug)

    def quiz(self, quiz_id: str) -> Quiz:
        """The quiz with this id; KeyError when unknown."""
        for quiz in self.quizzes():
            if quiz.id == quiz_id:
                return quiz
        raise KeyError(quiz_id)

    def misconception(self, theme: str, tag: str) -> dict[str, str] | None:
        """The kk and ru name of a misconception tag in a theme; None when unnamed or unknown."""
        try:
            return self.theme(theme).misconceptions.get(tag)
        except KeyError:
            return None

    def quizzes(self, theme: str | None = None, band: str | None = None) -> list[Quiz]:
        """Quizzes in theme order, optionally of one theme and/or one band."""
        return [
            quiz
            for t in self.themes
            if theme is None or t.slug == theme
            for quiz in t.quizzes
            if band is None or quiz.band == band
        ]

    def summary(self) -> dict:
        """Counts of themes, quizzes and items, per kind, per band and per theme × band × kind."""
        quizzes = self.quizzes()
        items = [item for quiz in quizzes for item in quiz.items]
        per_band = {
            band: {
                "quizzes": len(self.quizzes(band=band)),
                "items": sum(len(q.items) for q in self.quizzes(band=band)),
            }
            for band in BANDS
        }
        per_theme = {
            t.slug: {
                band: dict(Counter(i.kind for q in self.quizzes(t.slug, band) for i in q.items))
                for band in BANDS
            }
            for t in self.themes
        }
        return {
            "themes": len(self.themes),
            "quizzes": len(quizzes),
            "items": len(items),
            "per_kind": dict(sorted(Counter(item.kind for item in items).items())),
            "per_band": per_band,
            "per_theme": per_theme,
        }

    def export(self) -> dict:
        """The whole bank as JSON-able data, both languages, with keys."""
        return {
            "themes": [
                {
                    "slug": t.slug,
                    "title": t.title,
                    "summary": t.summary,
                    "kit": t.kit.export() if t.kit else None,
                    "misconceptions": t.misconceptions,
                    "quizzes": [quiz.export() for quiz in t.quizzes],
                }
                for t in self.themes
            ]
        }
