"""The dashboard's date range: what it narrows, and the figures that say they ignore it.

Live sessions, quizzes finished, pupils by theme, the shares of correct answers and the five
hardest items come from aggregates without a day column (docs/performance-national.md): they
cover the whole challenge, and the page says so beside each of them when a range is chosen.
"""

import re
from datetime import date

import pytest

from quiz.extensions import db
from quiz.models import PaperTally
from tests import factories as f
from tests.factories_organizers import paper, world

NOTE = {
    "kk": "Бүкіл челлендж бойынша: күндер аралығы бұл көрсеткішке қолданылмайды.",
    "ru": "За весь челлендж: диапазон дат к этому показателю не применяется.",
}
RANGE = "?from=2025-10-12&to=2025-10-12"  # online answers were on the 10th, the sheet the 14th


@pytest.fixture
def national(client):
    w = world()
    sheet = paper(w["k4"], w["c"], 8, held_on=date(2025, 10, 14))
    sheet.quiz_id = "every-kind"
    for choice, n in (("refuse", 6), ("give", 2)):
        db.session.add(
            PaperTally(paper_session_id=sheet.id, item_id="share-password", choice=choice, count=n)
        )
    db.session.commit()
    f.login(client, f.user("national"))
    return w


def _notes_beside(html: str, lang: str) -> list[str]:
    """The figures (data-figure, chart id or table caption) that carry the note."""
    found = []
    for block in re.split(r"(?=<div><dt>|<figure |<caption>)", html):
        if NOTE[lang] in block:
            name = re.search(r'data-figure="(\w+)"|id="([\w-]+)-title"|<caption>([^<]+)', block)
            found.append(next(g for g in name.groups() if g))
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_date_range_marks_each_figure_that_covers_the_whole_challenge(client, national, lang):
    html = client.get(f"/{lang}/organizer/{RANGE}").get_data(as_text=True)
    marked = _notes_beside(html, lang)
    assert marked[:3] == ["live", "finished", "by-theme"]
    assert len(marked) == 6  # and the two share tables and the five hardest questions
    assert 'data-figure="online">0<' in html  # the participation figures do follow it
    plain = client.get(f"/{lang}/organizer/").get_data(as_text=True)
    assert NOTE[lang] not in plain


def _without_notes(html: str, start: str, end: str) -> str:
    part = html.split(start, 1)[1].split(end, 1)[0]
    return re.sub(r'<(span|dd|p) class="range-note">[^<]*</\1>', "", part)


def test_the_marked_figures_are_the_same_with_and_without_a_range(client, national):
    ranged = client.get(f"/ru/organizer/{RANGE}").get_data(as_text=True)
    plain = client.get("/ru/organizer/").get_data(as_text=True)
    learning = ('id="learn-title"', "</section>")  # shares by theme, region; hardest items
    themes = ('id="by-theme-title"', "</figure>")
    for start, end in (learning, themes):
        assert _without_notes(ranged, start, end) == _without_notes(plain, start, end)
    for figure in ("live", "finished"):
        value = re.search(rf'data-figure="{figure}">(\d+)<', plain).group(1)
        assert f'data-figure="{figure}">{value}<' in ranged
    # the paper sheet of the 14th counts in the shares although the range ends on the 12th
    assert "Друг просит твой пароль" in _without_notes(ranged, *learning)  # its wrong answers
