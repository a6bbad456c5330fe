"""A teacher signs in, lands on their classes and uses the pages; axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import serious


def _sign_in(page, server, lang="kk"):
    teacher = next(a for a in server.demo["accounts"] if a["role"] == "teacher")
    page.goto(f"{server.url}/{lang}/auth/login")
    page.locator("#email").fill(teacher["email"])
    page.locator("#password").fill(teacher["password"])
    page.locator("form.form button[type=submit]").click()


def test_teacher_lands_on_their_classes_and_sees_the_join_code(live_server, page):
    _sign_in(page, live_server)
    expect(page.get_by_role("heading", level=1)).to_have_text("Менің сыныптарым")
    code = live_server.demo["class"]["join_code"]
    expect(page.get_by_text(code)).to_be_visible()
    page.get_by_role("link", name="Сынып 5 «Ә»").click()
    expect(page.locator("img.qr")).to_be_visible()
    # the QR code is an image the app serves: wait until the browser has decoded it. (Not
    # wait_for_function: its polling evaluates a string, which the CSP refuses.)
    qr = page.locator("img.qr")
    qr.evaluate("img => img.decode()")
    assert qr.evaluate("img => img.naturalWidth") > 0


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_teacher_pages_have_no_serious_accessibility_problems(
    live_server, page, outside_requests, lang
):
    _sign_in(page, live_server, lang)
    class_id = live_server.demo["class"]["id"]
    paths = [
        "/teacher/",
        f"/teacher/classes/{class_id}",
        f"/teacher/classes/{class_id}/card",
        f"/teacher/classes/{class_id}/edit",
        f"/teacher/classes/{class_id}/assignments/new",
        f"/teacher/classes/{class_id}/results",
        f"/teacher/classes/{class_id}/paper",
        "/teacher/classes/new",
        "/teacher/records",
    ]
    problems = {}
    for path in paths:
        page.goto(f"{live_server.url}/{lang}{path}")
        found = serious(page)
        if found:
            problems[path] = found
    assert problems == {}
    assert outside_requests == []


def test_registration_and_reset_pages_are_accessible(live_server, page):
    for path in ("/ru/teacher/register", "/kk/teacher/password/forgot"):
        page.goto(live_server.url + path)
        assert serious(page) == []
