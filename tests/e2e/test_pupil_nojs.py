"""Without JavaScript, the core kinds still work as plain HTML forms; pages stay light."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM  # noqa: F401 - the launch arguments come from there
from tests.e2e.test_pupil_quiz import _fill, _join_demo_class, _start_every_kind
from tests.e2e.weight import Transferred

DATA = Path(__file__).resolve().parents[1] / "data" / "app-bank"
E2E_ENV = {"CONTENT_DIR": str(DATA)}
CORE = ("share-password", "private-data", "twofa", "helpline", "steps", "terms", "share-or-keep")


def test_core_kinds_work_with_javascript_off(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _join_demo_class(page, live_server, "ru")
    _start_every_kind(page, live_server, "ru")
    page.locator("form.item-form button[type=submit]").click()  # the info card
    for item_id in CORE:
        page.locator(".actions a.button").click()
        expect(page).to_have_url(re.compile(f"/item/{item_id}$"))
        _fill(page, item_id)
        page.locator("form.item-form button[type=submit]").click()
        expect(page.locator(".verdict")).to_contain_text("Верно!")
        expect(page.locator(".explanation")).to_be_visible()
    context.close()


def test_first_question_page_is_at_most_60_kb_and_the_next_at_most_20_kb(live_server, browser):
    setup = browser.new_context()
    page = setup.new_page()
    _join_demo_class(page, live_server)
    _start_every_kind(page, live_server)
    first_url = page.url
    cookies = setup.cookies()
    setup.close()

    context = browser.new_context()  # an empty cache: the first visit pays for everything
    context.add_cookies(cookies)
    page = context.new_page()
    transferred = Transferred(page)
    page.goto(first_url, wait_until="networkidle")
    first = transferred.take()
    page.locator("form.item-form button[type=submit]").click()
    page.locator(".actions a.button").click()
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(re.compile(r"/item/share-password$"))
    following = transferred.take()
    print(f"first question page: {first} B, next item: {following} B")
    assert first <= 60 * 1024
    assert following <= 20 * 1024
    context.close()
