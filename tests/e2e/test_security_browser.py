"""In Chromium: no XSS payload runs, and no page of any kind asks another host for anything.

The payloads of tests/xss.py are planted in the server's database through the services; the
pages that show them are opened as the teacher, the national organizer and the pupils (school
choice, nickname page, class page, live class hour screen, certificate page and PDF). A
dialog, a set `window.__xss` or a Content-Security-Policy violation (markup that got through
and was only stopped by the CSP) fails the test.
"""

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from quiz import create_app
from quiz.config import Defaults
from quiz.extensions import db
from quiz.models import Challenge, LiveSession, OfflineActivity, User
from tests.xss import QUIZ, plant

DATA = Path(__file__).resolve().parents[1] / "data" / "app-bank"
E2E_ENV = {"CONTENT_DIR": str(DATA)}
PUPIL_COOKIE = Defaults.PARTICIPANT_COOKIE
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _app(server):
    config = {
        "SQLALCHEMY_DATABASE_URI": server.env["DATABASE_URL"],
        "SECRET_KEY": "e2e-secret",
        "CONTENT_DIR": str(DATA),
        "SERVER_NAME": "localhost",
    }
    return create_app(config)


@pytest.fixture(scope="module")
def planted(live_server):
    """The payloads planted for the demo teacher in the current (2025) challenge."""
    app = _app(live_server)
    with app.app_context():
        teacher = db.session.scalar(select(User).filter_by(email="teacher@demo.kz"))
        challenge = db.session.scalar(select(Challenge).filter_by(is_current=True))
        found = plant(teacher, challenge)
        found["challenge"] = challenge.id
        mine = select(OfflineActivity.id).where(OfflineActivity.created_by_id == teacher.id)
        found["activities"] = list(db.session.scalars(mine.limit(8)))
        db.session.remove()
        db.engine.dispose()
    return found


def _account(server, role):
    return next(a for a in server.demo["accounts"] if a["role"] == role)


def _signed_in(browser, server, role):
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    account = _account(server, role)
    page.goto(f"{server.url}/kk/auth/login")
    page.locator("#email").fill(account["email"])
    page.locator("#password").fill(account["password"])
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()
    return page


def _visit_all(page, base, paths) -> dict:
    dialogs, problems = [], {}
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in paths:
        page.goto(base + path, wait_until="load")
        page.mouse.move(200, 200)
        page.keyboard.press("Tab")
        found = page.evaluate("[window.__xss, window.__violations]")
        if found[0] is not None or found[1]:
            problems[path] = found
    if dialogs:
        problems["dialogs"] = dialogs
    return problems


def test_no_payload_runs_in_the_teachers_pages(live_server, planted, browser):
    page = _signed_in(browser, live_server, "teacher")
    class_id, session_id = planted["class_id"], planted["session_id"]
    paths = [
        "/kk/teacher/",
        f"/kk/teacher/classes/{class_id}",
        f"/kk/teacher/classes/{class_id}/results",
        f"/ru/teacher/classes/{class_id}/results/live/{session_id}",
        f"/kk/teacher/live/{session_id}",
        "/ru/teacher/records",
    ] + [f"/kk/teacher/records/activities/{a}" for a in planted["activities"]]
    assert _visit_all(page, live_server.url, paths) == {}
    page.goto(f"{live_server.url}/kk/teacher/live/{session_id}")
    assert "<svg onload=alert(1)>" in page.inner_text("body")  # shown, as text
    page.context.close()


def test_no_payload_runs_in_the_organizers_pages(live_server, planted, browser):
    page = _signed_in(browser, live_server, "national")
    query = f"?challenge={planted['challenge']}"
    paths = [f"/{lang}/organizer/{p}{query}" for lang in ("kk", "ru") for p in ("", "report")]
    assert _visit_all(page, live_server.url, paths) == {}
    page.context.close()


def _as_pupil(context, server, token: str) -> None:
    """Make the browser the device of the pupil with this token."""
    context.clear_cookies()
    context.add_cookies([{"name": PUPIL_COOKIE, "value": token, "url": server.url}])


def _check(page, where: str, problems: dict) -> None:
    page.mouse.move(200, 200)
    page.keyboard.press("Tab")
    found = page.evaluate("[window.__xss, window.__violations]")
    if found[0] is not None or found[1]:
        problems[where] = found


def test_no_payload_runs_in_the_pupils_pages(live_server, planted, browser):
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    dialogs, problems, base = [], {}, live_server.url
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # the school choice (payload schools) and the nickname page (payload class letters)
    paths = [f"/{lang}/school{planted['school_query']}" for lang in ("kk", "ru")]
    for path in paths + [f"/kk/join/{code}" for code in planted["class_codes"]]:
        page.goto(base + path, wait_until="load")
        _check(page, path, problems)
    # pupils with payload nicknames: their class page, and the live class hour's screen
    pages = [("/kk/class", t) for t in planted["class_pupils"]]
    pages += [(f"/ru/live/{planted['session_id']}", t) for t in planted["live_pupils"]]
    for path, token in pages:
        _as_pupil(context, live_server, token)
        page.goto(base + path, wait_until="load")
        _check(page, f"{path} as {token[:6]}", problems)
    # the certificate of a solo pupil of each payload school, with a payload as the name
    for n, cert in enumerate(planted["certificates"]):
        _as_pupil(context, live_server, cert["token"])
        path = f"/kk/attempt/{cert['attempt_id']}/certificate"
        page.goto(base + path, wait_until="load")
        page.locator("#name").fill(cert["name"])
        page.locator("form button[type=submit]").click()
        page.wait_for_load_state()
        assert " ".join(cert["name"].split()) in " ".join(page.inner_text(".cert-name").split())
        _check(page, f"{path} {cert['name']}", problems)
        if n % 10 == 0:  # and its PDF, for some of them
            with page.expect_download() as download:
                page.locator("form.actions button[type=submit]").click()
            data = Path(download.value.path()).read_bytes()
            assert data.startswith(b"%PDF") and b"/JavaScript" not in data and b"/JS " not in data
    assert dialogs == []
    assert problems == {}
    assert len(pages) >= 10 and len(planted["certificates"]) >= 10
    context.close()


# One page of each blueprint, opened by the role that uses it: a blueprint without a page
# here fails `test_every_blueprint_has_a_page_here`.
PAGES = {
    "main": (None, ["/kk/", "/ru/privacy"]),
    "auth": (None, ["/kk/auth/login"]),
    "pupil": ("pupil", ["/kk/join", "/kk/class", "/kk/play", "/kk/school", "{item}", "{results}"]),
    "teacher": (
        "teacher",
        ["/kk/teacher/", "/kk/teacher/classes/{class}", "/kk/teacher/live/{session}"],
    ),
    "organizer": ("national", ["/kk/organizer/", "/kk/organizer/report"]),
    "live": ("pupil", ["{live}"]),
}
NOT_PAGES = {"static", "api"}


def test_every_blueprint_has_a_page_here(live_server):
    app = _app(live_server)
    blueprints = {rule.endpoint.split(".")[0] for rule in app.url_map.iter_rules()}
    assert blueprints - NOT_PAGES - set(PAGES) == set()


def _pupil_page(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server.url}/kk/join")
    page.fill("input[name=code]", server.demo["class"]["join_code"])
    page.locator("form button[type=submit]").click()
    page.locator("button[name=take]").click()
    page.goto(f"{server.url}/kk/play/protect-your-data?band=5-9")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/item/intro$"))
    attempt = re.search(r"/attempt/(\d+)/", page.url).group(1)
    return page, {"item": page.url, "results": f"{server.url}/kk/attempt/{attempt}/results"}


@pytest.fixture(scope="module")
def demo_session(live_server):
    """A live session of the demo class, in its lobby."""
    app = _app(live_server)
    with app.app_context():
        row = LiveSession(class_id=live_server.demo["class"]["id"], quiz_id=QUIZ, quiz_version=1)
        db.session.add(row)
        db.session.commit()
        session_id = row.id
        db.session.remove()
        db.engine.dispose()
    return session_id


def test_no_page_of_any_kind_requests_another_host(live_server, browser, demo_session):
    seen, visited = [], []
    for role, paths in PAGES.values():
        if role == "pupil":
            page, known = _pupil_page(browser, live_server)
        elif role is None:
            page, known = browser.new_context().new_page(), {}
        else:
            page, known = _signed_in(browser, live_server, role), {}
        known |= {"class": live_server.demo["class"]["id"], "session": demo_session}
        known["live"] = f"{live_server.url}/kk/live/{demo_session}"
        page.on("request", lambda r: seen.append(r.url))
        for path in paths:
            url = path.format(**known) if "{" in path else live_server.url + path
            url = url if url.startswith("http") else live_server.url + url
            response = page.goto(url, wait_until="load")
            visited.append((url, response.status))
        page.context.close()
    outside = [u for u in seen if not u.startswith((live_server.url, "data:", "blob:"))]
    assert outside == []
    assert len(visited) >= 14
    assert [(url, status) for url, status in visited if status >= 400] == []
