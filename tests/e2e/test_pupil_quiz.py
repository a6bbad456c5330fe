"""A pupil joins the demo class by code and plays the every-kind quiz in Chromium."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quiz.bank import load_bank
from tests.e2e.axe import serious

DATA = Path(__file__).resolve().parents[1] / "data" / "app-bank"
E2E_ENV = {"CONTENT_DIR": str(DATA)}
QUIZ = load_bank(DATA).quiz("every-kind")
PASSWORD = "Tau-Kokteil-Bulak-2026!"


def _fill(page, item_id):
    """Answer one item of the fixture quiz through its form (right answers)."""
    actions = {
        "intro": lambda: None,
        "share-password": lambda: page.check("input[name=response][value=refuse]"),
        "private-data": lambda: [
            page.check(f"input[name=response][value={v}]") for v in ("address", "phone", "sms-code")
        ],
        "twofa": lambda: page.check("input[name=response][value=true]"),
        "helpline": lambda: page.fill("input[name=response]", "111"),
        "steps": lambda: [
            page.select_option(f"#pos-{v}", str(n))
            for n, v in enumerate(("stop", "screenshot", "block", "tell"), 1)
        ],
        "terms": lambda: [
            page.select_option(f"#match-{k}", v)
            for k, v in (("phishing", "steal"), ("password", "key"), ("footprint", "trace"))
        ],
        "share-or-keep": lambda: [
            page.select_option(f"#group-{k}", v)
            for k, v in (("hobby", "share"), ("book", "share"), ("pass", "keep"), ("home", "keep"))
        ],
        "bank-sms": lambda: [
            page.check(f"input[name=response][value={v}]") for v in ("urgent", "link", "code")
        ],
        "opinion": lambda: page.check("input[name=response][value=some]"),
    }
    actions[item_id]()


def _join_demo_class(page, server, lang="kk"):
    page.goto(f"{server.url}/{lang}/join")
    page.fill("input[name=code]", server.demo["class"]["join_code"].lower())
    page.locator("form button[type=submit]").click()
    page.locator("button[name=take]").click()
    expect(page).to_have_url(re.compile(f"/{lang}/class$"))


def _start_every_kind(page, server, lang="kk"):
    page.goto(f"{server.url}/{lang}/play/protect-your-data?band=5-9")
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/item/intro$"))


def _axe_clean(page):
    bad = serious(page)
    assert bad == [], f"{page.url}: {bad}"


def test_pupil_joins_by_code_and_finishes_every_kind_with_javascript(live_server, page):
    sent = []
    page.on("request", lambda r: sent.append((r.url, r.post_data or "")))
    _join_demo_class(page, live_server)
    _axe_clean(page)
    _start_every_kind(page, live_server)
    for item in QUIZ.items:
        expect(page).to_have_url(re.compile(f"/item/{item.id}"))
        if item.explanation:
            assert item.explanation["kk"] not in page.content()  # the key comes after answering
        if item.kind == "scenario":
            page.check("input[name=response][value=refuse]")
            page.get_by_role("button", name="Жауап беру").click()
            expect(page.locator(".consequence")).to_contain_text("Дұрыс!")
            page.check("input[name=response][value=tell]")
        elif item.kind == "password_lab":
            page.fill("[data-password-lab]", PASSWORD)
            expect(page.locator(".lab-meter")).to_have_text("Мықты!")
        else:
            _fill(page, item.id)
        page.locator("form.item-form button[type=submit]").click()
        expect(page.locator(".feedback")).to_be_visible()
        if item.kind not in ("poll", "info"):
            expect(page.locator(".verdict")).to_contain_text("Дұрыс!")
        if item.id in ("share-password", "bank-sms", "photo-request"):
            _axe_clean(page)
        nxt = page.get_by_role("link", name="Келесі сұрақ")
        if nxt.count():
            nxt.click()
    page.get_by_role("button", name="Нәтижемді көру").click()
    expect(page.locator(".score-number")).to_have_text("20 / 20")
    expect(page.locator(".helplines")).to_contain_text("111")
    _axe_clean(page)
    assert not [u for u, body in sent if PASSWORD in u or PASSWORD in body]


def test_reload_continues_the_same_attempt(live_server, page):
    _join_demo_class(page, live_server, "ru")
    _start_every_kind(page, live_server, "ru")
    # let the answer's navigation finish before reloading (a reload mid-navigation detaches
    # the page)
    with page.expect_navigation():
        page.get_by_role("button", name="Дальше").click()
    page.reload()
    page.goto(live_server.url + "/ru/play/protect-your-data?band=5-9")
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/item/share-password$"))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_pupil_pages_have_no_serious_accessibility_violations(live_server, page, lang):
    for path in (
        f"/{lang}/join",
        f"/{lang}/play",
        f"/{lang}/play/protect-your-data?band=5-9",
        f"/{lang}/school",
    ):
        page.goto(live_server.url + path)
        _axe_clean(page)
    _join_demo_class(page, live_server, lang)
    _axe_clean(page)
    _start_every_kind(page, live_server, lang)
    for item_id in (
        "intro",
        "share-password",
        "private-data",
        "twofa",
        "helpline",
        "steps",
        "terms",
        "share-or-keep",
        "bank-sms",
    ):
        expect(page).to_have_url(re.compile(f"/item/{item_id}"))
        _axe_clean(page)
        _fill(page, item_id)
        page.locator("form.item-form button[type=submit]").click()
        _axe_clean(page)
        page.locator(".actions a.button").click()
