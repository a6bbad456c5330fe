"""The dashboard's date range narrows every figure, by local days (`TIMEZONE`, UTC+5).

The world's online attempts start on 10 Oct at 09:00 UTC (14:00 local); one more pupil here
starts at 20:30 UTC on the 13th, which is 01:30 on the 14th in Kazakhstan; a paper sheet is
held on the 14th. The aggregates and the count from the attempts must agree (see
tests/unit/test_dashboard_aggregates.py); this file reads the page as an organizer does.
"""

import re
from datetime import date, datetime

import pytest

from quiz.extensions import db
from quiz.models import PaperTally
from tests import factories as f
from tests.factories_organizers import attempt, paper, pupil, world

LATE = datetime(2025, 10, 13, 20, 30)  # 01:30 on 14 Oct, local time


@pytest.fixture
def national(client):
    w = world()
    late = pupil(w["k3"])
    attempt(late, w["c"], theme="critical-thinking", started_at=LATE, answers=(("i7", False),))
    sheet = paper(w["k4"], w["c"], 8, held_on=date(2025, 10, 14))
    sheet.quiz_id = "every-kind"
    for choice, n in (("refuse", 6), ("give", 2)):
        db.session.add(
            PaperTally(paper_session_id=sheet.id, item_id="share-password", choice=choice, count=n)
        )
    db.session.commit()
    f.login(client, f.user("national"))
    return w


def _figure(html: str, name: str) -> int:
    return int(re.search(rf'data-figure="{name}">([\d\s\u00a0]+)<', html).group(1).strip())


def _section(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def _page(client, lang, query=""):
    return client.get(f"/{lang}/organizer/{query}").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_day_without_online_work_shows_no_online_figures(client, national, lang):
    html = _page(client, lang, "?from=2025-10-12&to=2025-10-12")
    for name in ("online", "live", "finished"):
        assert _figure(html, name) == 0, name
    themes = _section(html, 'id="by-theme-title"', "</figure>")
    assert re.findall(r'<td class="num">(\d+)</td>', themes) == ["0"] * 8
    learning = _section(html, 'id="learn-title"', "</section>")
    assert learning.count('colspan="3"') == 3  # both share tables and the hardest: no answers


def test_the_tenth_holds_the_worlds_online_work_and_nothing_of_the_fourteenth(client, national):
    whole = _page(client, "ru")
    tenth = _page(client, "ru", "?from=2025-10-10&to=2025-10-10")
    assert _figure(tenth, "live") == _figure(whole, "live") == 1
    assert _figure(tenth, "finished") == _figure(whole, "finished") - 1  # the late pupil's
    learning = _section(tenth, 'id="learn-title"', "</section>")
    assert "Друг просит твой пароль" not in learning  # the sheet of the 14th
    assert "Друг просит твой пароль" in _section(whole, 'id="learn-title"', "</section>")


def test_an_attempt_after_local_midnight_counts_on_the_local_day(client, national):
    """20:30 UTC on the 13th is the 14th in Kazakhstan: the range of the 13th leaves it out,
    the range of the 14th holds it in every figure (theme, finished, learning)."""
    thirteenth = _page(client, "ru", "?from=2025-10-13&to=2025-10-13")
    fourteenth = _page(client, "ru", "?from=2025-10-14&to=2025-10-14")
    assert (_figure(thirteenth, "finished"), _figure(fourteenth, "finished")) == (0, 1)
    # online: the late pupil and the sheet's 8 pupils (paper counts as online work)
    assert (_figure(thirteenth, "online"), _figure(fourteenth, "online")) == (0, 9)
    themes = _section(fourteenth, 'id="by-theme-title"', "</figure>")
    assert re.findall(r'<td class="num">(\d+)</td>', themes).count("1") == 1
    learning = _section(fourteenth, 'id="learn-title"', "</section>")
    assert "Друг просит твой пароль" in learning  # the sheet of the 14th, with the late answer
    assert "No answers" not in learning and "Ответов пока нет" not in learning


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("kk", "Аралықтың басы соңынан кейін тұр"),
        ("ru", "Начало диапазона позже его конца"),
    ],
)
def test_a_range_that_ends_before_it_starts_is_said_and_left_out(client, national, lang, message):
    html = _page(client, lang, "?from=2025-10-14&to=2025-10-10")
    assert message in html
    assert _figure(html, "finished") == _figure(_page(client, lang), "finished")  # no range


def test_a_date_that_is_not_one_is_said_in_the_users_language(client, national):
    html = _page(client, "ru", "?from=10.10.2025&to=2025-10-10")
    assert "«10.10.2025» — не дата" in html
    assert _figure(html, "live") == 1  # the rest of the range still applies: up to the 10th
    assert _figure(html, "finished") == _figure(_page(client, "ru"), "finished") - 1
    kk = _page(client, "kk", "?to=<b>x</b>")
    assert "«&lt;b&gt;x&lt;/b&gt;» күн емес" in kk
