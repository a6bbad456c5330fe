"""A live class hour in real browsers: a teacher on the projector, three pupils on their phones.

The server runs the real content bank (the demo class is grade 5: a 5-9 quiz).
"""

import os
import re

import pytest
from playwright.sync_api import expect

from quiz.bank import load_bank
from tests.e2e.axe import serious
from tests.e2e.conftest import ROOT, _database_url, _flask, start_server
from tests.e2e.weight import Transferred

QUIZ = "cyber-friendship-5-9"
FIRST = "what-is-cyberbullying"  # single: "fake-account" is right
# The server's own content: each phone must show the first item in its pupil's language only.
FIRST_ITEM = load_bank(ROOT / "quiz" / "content").quiz(QUIZ).item(FIRST)
FOLLOW_MS = 2500  # screens follow the teacher within 2 s (plus a little for the test itself)


def _sign_in(page, url, demo):
    teacher = next(a for a in demo["accounts"] if a["role"] == "teacher")
    page.goto(f"{url}/kk/auth/login")
    page.locator("#email").fill(teacher["email"])
    page.locator("#password").fill(teacher["password"])
    page.locator("form.form button[type=submit]").click()


def _open_session(page, url, demo) -> str:
    """Open a live session of the demo class; return the projector's URL."""
    page.goto(f"{url}/kk/teacher/classes/{demo['class']['id']}/live/new")
    page.locator(f"input[name=quiz][value='{QUIZ}']").check()
    page.locator("form button[type=submit].primary").click()
    expect(page).to_have_url(re.compile(r"/kk/teacher/live/\d+$"))
    return page.url


def _join(browser, url, code, lang, nickname):
    """A pupil's phone: join the class by its code with a typed nickname."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    phone.goto(f"{url}/{lang}/join")
    phone.locator("#code").fill(code)
    phone.locator("form button.primary").click()
    phone.locator("#nickname").fill(nickname)
    phone.locator("button[name=own]").click()
    expect(phone).to_have_url(re.compile(rf"/{lang}/live/\d+$"))
    expect(phone.locator(".wait")).to_be_visible()
    return context, phone


def _control(page, action):
    page.locator(f"form[action$='/{action}'] button").click()


def _answer(phone, option):
    phone.locator(f"input[name=response][value='{option}']").check()
    phone.locator("form.item-form button[type=submit]").click()
    expect(phone.locator(".received")).to_be_visible()


def _shows_only(phone, lang):
    """The phone shows the first item (question and options) in `lang` and nothing of the other."""
    other = "ru" if lang == "kk" else "kk"
    expect(phone.locator("h1")).to_have_text(FIRST_ITEM.text[lang], timeout=FOLLOW_MS)
    area = phone.locator("#live-area")
    for option in FIRST_ITEM.options:
        expect(area).to_contain_text(option.text[lang])
    shown = area.inner_text()
    assert FIRST_ITEM.text[other] not in shown
    assert not [o.id for o in FIRST_ITEM.options if o.text[other] in shown]


def _bar_count(page, label) -> str:
    bar = page.locator("li.bar", has_text=label)
    return bar.locator(".bar-count").inner_text().split("·")[0].strip()


def test_projector_view_weighs_at_most_150_kb(live_server, browser):
    """What Chromium transferred for the projector view on an empty cache."""
    setup = browser.new_context()
    page = setup.new_page()
    _sign_in(page, live_server.url, live_server.demo)
    projector = _open_session(page, live_server.url, live_server.demo)
    _control(page, "start")  # the first question on the screen
    cookies = setup.cookies()
    setup.close()
    context = browser.new_context()
    context.add_cookies(cookies)
    page = context.new_page()
    transferred = Transferred(page)
    page.goto(projector, wait_until="networkidle")
    requests = transferred.requests
    weight = transferred.take()
    print(f"projector view: {weight} B in {requests} requests")
    assert 0 < weight <= 150 * 1024
    _control(page, "finish")
    context.close()


def test_a_live_class_hour_with_three_pupils(live_server, page, browser, outside_requests):
    url, demo = live_server.url, live_server.demo
    _sign_in(page, url, demo)
    _open_session(page, url, demo)
    assert serious(page) == []
    code = demo["class"]["join_code"]
    pupils = {
        "Асан": _join(browser, url, code, "kk", "Асан"),
        "Әлия": _join(browser, url, code, "kk", "Әлия"),
        "Маша": _join(browser, url, code, "ru", "Маша"),
    }
    phones = {name: phone for name, (_context, phone) in pupils.items()}
    for name in pupils:  # the projector follows the lobby by itself
        expect(page.locator("ul.lobby")).to_contain_text(name, timeout=FOLLOW_MS + 1000)

    _control(page, "start")
    for name, lang in (("Асан", "kk"), ("Әлия", "kk"), ("Маша", "ru")):
        _shows_only(phones[name], lang)
    assert serious(phones["Маша"]) == []

    _answer(phones["Асан"], "fake-account")
    _answer(phones["Әлия"], "one-argument")
    phones["Маша"].reload()  # a reload mid-session: the same item, nothing lost
    expect(phones["Маша"].locator("form.item-form")).to_be_visible()
    _answer(phones["Маша"], "fake-account")
    phones["Маша"].reload()
    expect(phones["Маша"].locator(".received")).to_be_visible()
    expect(page.locator(".huge strong")).to_have_text("3", timeout=FOLLOW_MS + 1000)

    _control(page, "reveal")
    expect(page.locator("ul.bars")).to_be_visible()
    assert _bar_count(page, "жалған аккаунт") == "2"
    assert _bar_count(page, "бір рет дауласып") == "1"
    assert _bar_count(page, "сыпайы түрде") == "0"
    assert serious(page) == []
    expect(phones["Асан"].locator(".verdict-right")).to_be_visible(timeout=FOLLOW_MS)
    expect(phones["Әлия"].locator(".verdict-wrong")).to_be_visible(timeout=FOLLOW_MS)
    expect(phones["Маша"].locator(".verdict-right")).to_contain_text("Верно", timeout=FOLLOW_MS)
    assert serious(phones["Әлия"]) == []

    _control(page, "finish")
    expect(page.locator("p.huge")).to_contain_text("3")
    expect(phones["Асан"].locator(".score")).to_contain_text("1", timeout=FOLLOW_MS)
    expect(phones["Әлия"].locator(".score")).to_contain_text("0", timeout=FOLLOW_MS)
    assert serious(phones["Асан"]) == []
    for context, _phone in pupils.values():
        context.close()
    assert outside_requests == []


def test_projector_is_accessible_in_every_state_in_both_languages(live_server, page, browser):
    """Lobby with pupils, a question with its timer and options, the reveal, the end: axe
    finds nothing serious or critical, with the teacher's interface in kk and in ru."""
    url, demo = live_server.url, live_server.demo
    _sign_in(page, url, demo)
    page.goto(f"{url}/kk/teacher/classes/{demo['class']['id']}/live/new")
    page.locator(f"input[name=quiz][value='{QUIZ}']").check()
    page.locator("#timer").fill("120")
    page.locator("form button[type=submit].primary").click()
    expect(page).to_have_url(re.compile(r"/kk/teacher/live/\d+$"))
    projector = page.url
    code = demo["class"]["join_code"]
    pupils = [_join(browser, url, code, "kk", "Дина"), _join(browser, url, code, "ru", "Петя")]
    problems = {}

    def check(state, shown):
        for lang in ("kk", "ru"):
            page.goto(projector.replace("/kk/", f"/{lang}/"))
            expect(page.locator(shown).first).to_be_visible()
            page.locator("details.no-print summary").click()  # the pupils' forms too
            expect(page.locator("input[name=nickname]").first).to_be_visible()
            found = serious(page)
            if found:
                problems[f"{state} ({lang})"] = found

    check("lobby", "ul.lobby li")
    _control(page, "start")
    check("question", ".timer")
    expect(page.locator(".question ul.options li").first).to_be_visible()
    phone = pupils[0][1]
    expect(phone.locator("form.item-form")).to_be_visible(timeout=FOLLOW_MS)
    _answer(phone, "fake-account")
    _control(page, "reveal")
    check("reveal", "ul.bars")
    _control(page, "finish")
    check("finished", "table.item-shares")
    for context, _phone in pupils:
        context.close()
    assert problems == {}


@pytest.fixture
def two_servers(tmp_path):
    """Two app servers, each with its own workers, on ONE database.

    With TEST_DATABASE_URL that is PostgreSQL (the national set-up); otherwise both servers
    share one SQLite file, which holds on one machine too.
    """
    import json

    database, drop = _database_url(tmp_path)
    env = {**os.environ, "DATABASE_URL": database, "SECRET_KEY": "e2e-secret"}
    _flask(env, "db", "upgrade")
    demo = json.loads(_flask(env, "demo"))
    started = [start_server(tmp_path, database_url=database) for _ in range(2)]
    yield [server for server, _proc in started], demo
    for _server, proc in started:
        proc.terminate()
        proc.wait(timeout=10)
    drop()


def test_teacher_and_pupils_on_two_app_servers_count_every_answer_once(two_servers, browser):
    (teacher_server, pupil_server), demo = two_servers
    teacher_context = browser.new_context()
    page = teacher_context.new_page()
    _sign_in(page, teacher_server.url, demo)
    projector = _open_session(page, teacher_server.url, demo)
    code = demo["class"]["join_code"]
    phones = [
        _join(browser, pupil_server.url, code, lang, name)[1]
        for lang, name in (("kk", "Дана"), ("kk", "Ерлан"), ("ru", "Оля"))
    ]
    _control(page, "start")
    options = ("fake-account", "fake-account", "polite-disagree")
    for phone, option in zip(phones, options, strict=True):
        expect(phone.locator("form.item-form")).to_be_visible(timeout=FOLLOW_MS)
        _answer(phone, option)
    # The same pupil on the other server finds the same place: their answer received.
    phones[0].goto(phones[0].url.replace(pupil_server.url, teacher_server.url))
    expect(phones[0].locator(".received")).to_be_visible()
    expect(page.locator(".huge strong")).to_have_text("3", timeout=FOLLOW_MS + 1000)
    _control(page, "finish")
    session_id = projector.rsplit("/", 1)[1]
    page.goto(
        f"{teacher_server.url}/ru/teacher/classes/{demo['class']['id']}/results/live/{session_id}"
    )
    expect(page.locator("dl.facts dd").first).to_have_text("3")
    first = page.locator("ol.items > li").nth(0)
    expect(first).to_contain_text("(2 / 3)")
