"""The dashboard: figures by the counting rule, charts with tables, no nicknames."""

from quiz.models import Participant
from quiz.services import dashboard
from quiz.services import participation as p
from tests import factories as f
from tests.factories_organizers import world


def test_dashboard_shows_the_figures_and_a_table_beside_every_chart(client):
    w = world()
    f.login(client, f.user("national"))
    html = client.get("/ru/organizer/").get_data(as_text=True)
    for figure, value in (("participants", 127), ("online", 27), ("classes", 4), ("links", 5)):
        assert f'data-figure="{figure}">{value}<' in html, figure
    # s1, s2, s3 have participants, s5 only links: four take part (the report's rows)
    assert 'data-figure="schools">4<' in html and "/ 5" in html
    assert html.count("<svg") == 6 and html.count('class="chart-table"') == 6
    offline = html.split('id="by-day-offline-title"')[1].split("</figure>")[0]
    assert '<td class="num">167</td>' in offline  # 12 Oct.: five offline activities
    assert 'data-figure="live">1<' in html
    nicknames = [row.nickname for row in Participant.query.all()]
    assert not any(name in html for name in nicknames)
    assert w["c"].name_ru in html


def test_dashboard_filters_by_band_and_date(client):
    world()
    f.login(client, f.user("national"))
    html = client.get("/kk/organizer/?band=1-4").get_data(as_text=True)
    assert 'data-figure="participants">5<' in html
    html = client.get("/kk/organizer/?from=2025-10-12&to=2025-10-12").get_data(as_text=True)
    assert 'data-figure="online">0<' in html


def test_learning_figures_share_correct_and_hardest_items(app):
    w = world()
    filters = p.Filters(w["c"].id)
    shares = dashboard.correct_share(filters, dashboard.Attempt.theme)
    # critical-thinking: two wrong answers of item i9, nothing right
    assert shares["critical-thinking"] == (0.0, 2)
    hardest = dashboard.hardest_items(filters, "kk")
    assert [(h["item_id"], h["wrong"]) for h in hardest[:2]] == [("i2", 2), ("i9", 2)]


def test_the_dashboard_says_as_of_when_its_figures_were_counted_in_local_time(client, app):
    from datetime import timedelta

    from quiz.extensions import db
    from quiz.models import DashWatermark

    world()
    f.login(client, f.user("national"))
    for lang, words in (("ru", "Данные на"), ("kk", "Деректер")):
        html = client.get(f"/{lang}/organizer/").get_data(as_text=True)
        counted = db.session.get(DashWatermark, 1).refreshed_at  # stored in UTC
        db.session.remove()
        line = html.split("data-as-of>", 1)[1].split("</p>", 1)[0]
        assert line.startswith(words)
        assert (counted + timedelta(hours=5)).strftime("%H:%M") in line  # Asia/Almaty
    app.config["STATS_DASHBOARD"] = False  # counted live at each request: no "as of"
    assert "data-as-of" not in client.get("/ru/organizer/").get_data(as_text=True)
