"""A teacher signs in, lands on their classes and uses the pages; axe finds nothing serious."""

import json
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import serious
from tests.e2e.conftest import ROOT


@pytest.fixture(scope="module")
def seeded(live_server) -> dict:
    """The demo class with a working teacher's data (tests/e2e/seed.py): runs, an assignment,
    a paper session, records of a challenge still open, a running live session."""
    out = subprocess.run(
        [sys.executable, "-m", "tests.e2e.seed"],
        env=live_server.env, cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


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


def _filled_pages(seeded: dict) -> dict:
    """Teachers' pages with data in them: path -> what must be on it (so none is checked
    empty, or without its forms)."""
    c, quiz, s = seeded["class"], seeded["quiz"], seeded
    return {
        "/teacher/": f"a[href$='/teacher/live/{s['running']}']",
        f"/teacher/classes/{c}": f"a[href$='/teacher/live/{s['running']}']",
        f"/teacher/classes/{c}/card": "img.qr",
        f"/teacher/classes/{c}/edit": "form select",
        f"/teacher/classes/{c}/assignments/new": "form select",
        f"/teacher/classes/{c}/live/new": "form #projector_lang",
        f"/teacher/assignments/{s['assignment']}": "table td",
        f"/teacher/classes/{c}/results": "table",
        f"/teacher/classes/{c}/results/live/{s['live']}": "ul.bars",
        f"/teacher/classes/{c}/results/assignment/{s['assignment']}": "ul.bars",
        f"/teacher/classes/{c}/results/paper/{s['paper']}": "ul.bars",
        f"/teacher/classes/{c}/paper": "a[href*='/paper/']",
        f"/teacher/classes/{c}/paper/{quiz}/kk": "ol li",
        f"/teacher/classes/{c}/paper/{quiz}/ru": "ol li",
        f"/teacher/classes/{c}/paper/{quiz}/tally": "form input[type=number]",
        "/teacher/classes/new": "form select",
        "/teacher/records": "form select[name=kind]",
        f"/teacher/records/activities/{s['activity']}": "form textarea",
        f"/teacher/password/reset/{s['reset_token']}": "form input[type=password]",
    }


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_teacher_pages_have_no_serious_accessibility_problems(
    live_server, seeded, page, outside_requests, lang
):
    _sign_in(page, live_server, lang)
    problems = {}
    for path, shown in _filled_pages(seeded).items():
        page.goto(f"{live_server.url}/{lang}{path}")
        expect(page.locator(shown).first).to_be_attached()
        found = serious(page)
        if found:
            problems[path] = found
    assert problems == {}
    assert outside_requests == []


def test_registration_and_reset_pages_are_accessible(live_server, page):
    for path in ("/ru/teacher/register", "/kk/teacher/password/forgot"):
        page.goto(live_server.url + path)
        assert serious(page) == []
