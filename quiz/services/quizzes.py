"""The quiz catalogue as pupils browse it: themes, bands and quizzes in one language."""

from quiz.bank import BANDS
from quiz.errors import Invalid, NotFound
from quiz.services.content import bank


def catalogue(theme: str | None, band: str | None, lang: str) -> list[dict]:
    """Return the quizzes (optionally of one theme and band) with id, title and item count."""
    if band and band not in BANDS:
        raise Invalid("band", field="band")
    if theme:
        try:
            bank().theme(theme)
        except KeyError:
            raise NotFound("theme") from None
    return [
        {
            "id": quiz.id,
            "theme": quiz.theme,
            "band": quiz.band,
            "title": quiz.title[lang],
            "items": len(quiz.items),
        }
        for quiz in bank().quizzes(theme or None, band or None)
    ]


def themes(lang: str, band: str | None = None) -> list[dict]:
    """Return the themes with their title, summary and how many quizzes (of a band) they have."""
    return [
        {
            "slug": theme.slug,
            "title": theme.title[lang],
            "summary": theme.summary[lang],
            "quizzes": len([q for q in theme.quizzes if band is None or q.band == band]),
        }
        for theme in bank().themes
    ]


def theme_title(slug: str, lang: str) -> str:
    """Return a theme's title; NotFound for an unknown slug."""
    try:
        return bank().theme(slug).title[lang]
    except KeyError:
        raise NotFound("theme") from None
