"""A teacher reads the class's results by quiz, changes an assignment's times and a post's
link, in a real Chromium; axe finds nothing serious and nothing is fetched from elsewhere."""

import json
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import serious
from tests.e2e.conftest import ROOT

SEED = """
import json
from datetime import timedelta

from quiz import create_app
from quiz.clock import local_today, to_local
from quiz.extensions import db
from quiz.models import Challenge, Klass, User
from quiz.models.base import utcnow
from quiz.services import assignments, attempts, participants, records

app = create_app()
with app.app_context():
    today = local_today()
    challenge = Challenge(
        slug="e2e-results", name_kk="Челлендж", name_ru="Челлендж", is_current=True,
        starts_on=today - timedelta(days=5), ends_on=today + timedelta(days=5),
        report_deadline=today + timedelta(days=10), hashtags=["#e2e"],
    )
    db.session.add(challenge)
    db.session.commit()
    teacher = db.session.query(User).filter_by(email="teacher@demo.kz").one()
    klass = db.session.query(Klass).filter_by(teacher_id=teacher.id).first()
    quiz = assignments.quiz_choices(klass)[0]
    now = to_local(utcnow()).replace(microsecond=0)
    made = assignments.create_assignment(
        teacher, klass.id, quiz.id, now - timedelta(hours=1), now + timedelta(hours=5)
    )
    items = [i for i in quiz.items if i.kind == "single"][:3]
    for nickname, pick in (("Арман", 0), ("Дана", 1)):
        pupil, _token, _klass = participants.join_class(klass.join_code, nickname, "kk")
        attempt, _ = attempts.open_attempt(pupil, quiz.id, assignment_id=made.id)
        for item in items:
            attempts.submit_answer(attempt.id, pupil, item.id, item.options[pick].id)
    link = records.add_link(teacher, challenge, "https://t.me/demo_school/7", "telegram", today)
    print(json.dumps({"class": klass.id, "quiz": quiz.id, "assignment": made.id,
                      "link": link.id, "opens": (now - timedelta(hours=1)).isoformat()}))
"""


@pytest.fixture(scope="module")
def seeded(live_server) -> dict:
    """The demo class with an open assignment two pupils answered, and a post's link."""
    out = subprocess.run(
        [sys.executable, "-c", SEED], env=live_server.env, cwd=ROOT, capture_output=True,
        text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _sign_in(page, server, lang):
    teacher = next(a for a in server.demo["accounts"] if a["role"] == "teacher")
    page.goto(f"{server.url}/{lang}/auth/login")
    page.locator("#email").fill(teacher["email"])
    page.locator("#password").fill(teacher["password"])
    page.locator("form.form button[type=submit]").click()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_results_by_quiz_and_the_edit_pages_are_accessible(
    live_server, seeded, page, outside_requests, lang
):
    _sign_in(page, live_server, lang)
    base = f"{live_server.url}/{lang}/teacher"
    problems = {}
    page.goto(f"{base}/classes/{seeded['class']}/results")
    summary = page.locator("#by-quiz tbody tr").first
    expect(summary.locator("td").nth(1)).to_have_text("2")  # two pupils took part
    problems["results"] = serious(page)
    summary.locator("a").click()  # the quiz's own page: items and pupils
    expect(page.locator("ul.bars").first).to_be_visible()
    expect(page.get_by_role("rowheader", name="Арман", exact=True)).to_be_visible()
    problems["quiz"] = serious(page)
    page.goto(f"{base}/assignments/{seeded['assignment']}/edit")
    expect(page.locator("#opens_at")).to_have_value(seeded["opens"][:16])  # the school's clock
    problems["assignment"] = serious(page)
    page.goto(f"{base}/records/links/{seeded['link']}")
    expect(page.locator("#link-url")).to_have_value("https://t.me/demo_school/7")
    problems["link"] = serious(page)
    assert {name: found for name, found in problems.items() if found} == {}
    assert outside_requests == []
