"""The report of the rules' appendix: one row per participating school, numbered from 1.

The page, the four exports and the API all take their numbers from `build()`.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from quiz.errors import NotFound, QuizError
from quiz.extensions import db
from quiz.models import Challenge, District, Region, SocialLink
from quiz.services import aggregates, participation
from quiz.services.participation import Filters

# The form's own words (the rules' appendix), not interface text: they never change.
TITLE = {
    "kk": "ЧЕЛЛЕНДЖ «ЖЕЛІДЕГІ ҚАУІПСІЗДІК» БОЙЫНША МАТЕРИАЛ ҰСЫНУ ҮЛГІСІ",
    "ru": "ФОРМА ПРЕДСТАВЛЕНИЯ МАТЕРИАЛОВ ПО ЧЕЛЛЕНДЖУ «БЕЗОПАСНОСТЬ В СЕТИ»",
}
HEADERS = {
    "kk": ["№", "Мектеп атауы", "Қатысушылар саны", "Әлеуметтік желілердегі сілтемелер"],
    "ru": ["№", "Наименование школы", "Количество участников", "Ссылки в социальных сетях"],
}
FORMATS = ("xlsx", "docx", "pdf", "csv")
KK_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_ORDER = {letter: f"{i:02d}" for i, letter in enumerate(KK_ALPHABET)}


class NothingToExport(QuizError):
    """The report of these filters has no row: no file is made (`empty_message` says so)."""

    code, status = "nothing_to_export", 404


@dataclass
class Report:
    """The report table in one language, with its title and scope as plain data."""

    lang: str
    title: str
    headers: list[str]
    challenge: dict
    scope: str
    rows: list[dict] = field(default_factory=list)
    total: int = 0
    total_label: str = ""
    links_total: int = 0

    @property
    def empty(self) -> bool:
        """Whether no school takes part in this scope: there is nothing to export."""
        return not self.rows

    @property
    def empty_text(self) -> str:
        """The message an empty report shows instead of its table and downloads."""
        return empty_message(self.lang)


def sort_key(text: str) -> list:
    """Return a key that sorts Kazakh and Russian names alphabetically, numbers by value."""
    key = []
    for part in re.split(r"(\d+)", text.casefold()):
        if part.isdecimal():
            key.append((1, int(part), ""))
        elif part:
            key.append((2, 0, "".join(_ORDER.get(ch, "9" + ch) for ch in part)))
    return key


def build(filters: Filters, lang: str) -> Report:
    """Return the report of a challenge for the filters, in kk or ru."""
    challenge = db.session.get(Challenge, filters.challenge_id)
    if challenge is None:
        raise NotFound("challenge")
    if participation.range_mask(filters) is not None:  # a date range read from dash_masks
        aggregates.refresh(wait=True)  # the report is exact: read everything new first
    schools = participation.by_school(filters)
    links = _links(filters.challenge_id, [row["school_id"] for row in schools])
    places = _places(schools)
    schools.sort(
        key=lambda r: (*places[r["school_id"]], sort_key(r["name_" + lang]), r["school_id"])
    )
    rows = [_row(n, row, links[row["school_id"]]) for n, row in enumerate(schools, start=1)]
    with force_locale(lang):
        scope = _scope_label(filters, lang)
        total_label = _("Total")
    return Report(
        lang=lang,
        title=TITLE[lang],
        headers=HEADERS[lang],
        challenge={"id": challenge.id, "name": challenge.name(lang), "slug": challenge.slug},
        scope=scope,
        rows=rows,
        total=sum(row["participants"] for row in rows),
        total_label=total_label,
        links_total=sum(len(row["links"]) for row in rows),
    )


def _row(n: int, row: dict, links: list[str]) -> dict:
    return {
        "n": n,
        "school_id": row["school_id"],
        "school": {"kk": row["name_kk"], "ru": row["name_ru"]},
        "participants": int(row["participants"]),
        "online": int(row["online"]),
        "offline": int(row["offline"]),
        "links": links,
    }


def _links(challenge_id: int, school_ids: list[int]) -> dict[int, list[str]]:
    """Return each school's links, oldest first, in one query."""
    found = defaultdict(list)
    if not school_ids:
        return found
    query = (
        select(SocialLink.school_id, SocialLink.url)
        .where(SocialLink.challenge_id == challenge_id, SocialLink.school_id.in_(school_ids))
        .order_by(SocialLink.school_id, SocialLink.created_at, SocialLink.id)
    )
    for school_id, url in db.session.execute(query):
        found[school_id].append(url)
    return found


def _places(schools: list[dict]) -> dict[int, tuple]:
    """Return each school's (region, district) ids in a stable order for sorting."""
    return {row["school_id"]: (row["region_id"], row["district_id"]) for row in schools}


def _scope_label(filters: Filters, lang: str) -> str:
    parts = []
    if filters.region_id:
        parts.append(db.session.get(Region, filters.region_id).name(lang))
    if filters.district_id:
        parts.append(db.session.get(District, filters.district_id).name(lang))
    return ", ".join(parts) if parts else _("All regions")


def empty_message(lang: str) -> str:
    """Return, in kk or ru, why an empty report has no export (page, download URL, CLI)."""
    with force_locale(lang):
        return _(
            "There is nothing to export yet for these filters: no school has participants "
            "or links in social networks."
        )


def export(report: Report, fmt: str) -> tuple[bytes, str]:
    """Return the report rendered in a format and its MIME type; NothingToExport when the
    report has no row (no file holding only a header and a total of 0)."""
    from quiz.services.exports import render

    if fmt not in FORMATS:
        raise NotFound("format")
    if report.empty:
        raise NothingToExport(report.lang)
    return render(report, fmt)


def filename(report: Report, fmt: str) -> str:
    """Return the download name of an export, e.g. report-safety-online-2025-kk.xlsx."""
    return f"report-{report.challenge['slug']}-{report.lang}.{fmt}"
