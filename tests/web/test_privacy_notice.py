"""The privacy notice is linked from every pupil page, in the page's language.

Pupil pages are the GET routes of the pupils' blueprints (enumerated from `app.url_map`, so a
new page is covered), opened by a pupil of the own tenant, and the public pages pupils see.
"""

import re

import pytest
from flask import url_for

from tests.web import test_access_table as access
from tests.web.world import build_world, send

PUPIL_BLUEPRINTS = ("pupil.", "live.")
PUBLIC_PAGES = ("main.home", "main.kit", "main.privacy")


@pytest.fixture
def world(app):
    """Two tenants and a national organizer, as in the access table."""
    return build_world()


def _pupil_pages(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and (
            rule.endpoint.startswith(PUPIL_BLUEPRINTS) or rule.endpoint in PUBLIC_PAGES
        ):
            yield rule


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_pupil_page_links_to_the_privacy_notice(app, world, lang):
    client = access._client(app, world, "pupil")
    with app.test_request_context():
        notice = url_for("main.privacy", lang=lang)
    missing, seen = [], 0
    for rule in _pupil_pages(app):
        url = re.sub(r"^/(kk|ru)/", f"/{lang}/", access._url(app, rule, world["own"], world))
        response = send(app, client, "GET", url, follow_redirects=True)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        seen += 1
        if f'href="{notice}"' not in response.get_data(as_text=True):
            missing.append(url)
    assert seen >= 10
    assert missing == []


@pytest.mark.parametrize(
    "lang, heading", [("kk", "Сен туралы не сақтаймыз"), ("ru", "Что мы храним о тебе")]
)
def test_the_notice_speaks_to_the_pupil_in_their_language(client, lang, heading):
    page = client.get(f"/{lang}/privacy").get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in page
    points = re.findall(r"<li>([^<]+)</li>", page.split("<h1>", 1)[1])
    assert len(points) >= 5
    # plain words a 10-year-old reads: short sentences
    assert all(len(sentence.split()) <= 20 for p in points for sentence in p.split(". "))


@pytest.fixture
def short_retention(app_config):
    """Pupil rows kept 45 days after the report deadline instead of the default."""
    app_config["PURGE_AFTER_DAYS"] = 45
    return app_config


@pytest.mark.parametrize(
    "lang, kept, ask",
    [
        ("kk", "Сол күннен кейін 45 күн өткенде", "Мұғаліміңнен немесе мектептен сұра"),
        ("ru", "Через 45 дней после этого дня", "Спроси своего учителя или в школе"),
    ],
)
def test_the_notice_says_how_long_answers_are_kept_and_whom_to_ask(
    short_retention, app, lang, kept, ask
):
    page = app.test_client().get(f"/{lang}/privacy").get_data(as_text=True)
    points = re.findall(r"<li>([^<]+)</li>", page.split("<h1>", 1)[1])
    assert any(kept in p for p in points), points  # the number comes from PURGE_AFTER_DAYS
    assert any(ask in p for p in points), points
    assert "180" not in page
    assert all(len(sentence.split()) <= 20 for p in points for sentence in p.split(". "))


def test_the_notice_counts_days_in_russian_grammar(app_config):
    from tests.conftest import running_app

    for days, words in ((21, "21 день"), (3, "3 дня"), (180, "180 дней")):
        with running_app({**app_config, "PURGE_AFTER_DAYS": days}) as app:
            page = app.test_client().get("/ru/privacy").get_data(as_text=True)
        assert f"Через {words} после этого дня" in page
