"""An organizer signs in, imports a registry, opens the dashboard and the report, downloads
the XLSX report and finds the page's rows in it; axe finds nothing serious on the organizer
pages, in Kazakh and Russian, with their tables drawn and their forms and errors shown."""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.axe import serious

REGISTRY = (
    "region,district,name_kk,name_ru,official_code\n"
    "Абай облысы,Аягөз ауданы,№ 3 Аягөз мектебі,Аягозская школа № 3,E2E-3\n"
    "Абайская область,Аягөз ауданы,№ 4 Аягөз мектебі,Аягозская школа № 4,\n"
)
BAD_REGISTRY = (
    "region,district,name_kk,name_ru,official_code\n"
    "Марс облысы,Аудан,№ 9 мектеп,Школа № 9,\n"
    "Абай облысы,,№ 10 мектеп,Школа № 10,\n"
)
LANGS = ("kk", "ru")


@pytest.fixture(scope="module")
def seeded(live_server):
    """Participation for the demo data: pupils of the demo class who answered (one a team
    seat of 3), a class activity, a second school with links and a school-wide activity,
    and a school a teacher asked for; then the roll-ups are rebuilt as `stats rebuild` does."""
    from quiz import create_app
    from quiz.extensions import db
    from quiz.models import Challenge, Klass, School
    from quiz.services.content import bank
    from tests import factories as f
    from tests import factories_organizers as o

    demo = live_server.demo
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": live_server.env["DATABASE_URL"], "SECRET_KEY": "e2e-secret"}
    )
    with app.app_context():
        challenge = db.session.get(Challenge, demo["challenge"]["id"])
        klass = db.session.get(Klass, demo["class"]["id"])
        school = db.session.get(School, demo["school"]["id"])
        quiz = bank().quizzes(band="5-9")[0]
        right, wrong = quiz.items[0].id, quiz.items[1].id
        for seats, answers in (
            (1, ((right, True),)),
            (1, ((right, False), (wrong, False))),
            (3, ((wrong, True),)),
        ):
            o.attempt(
                o.pupil(klass, seats=seats),
                challenge,
                quiz_id=quiz.id,
                theme=quiz.theme,
                answers=answers,
            )
        o.activity(school, challenge, 8, klass)  # the class: online 5, offline 8 -> 8
        o.link(school, challenge, "https://www.instagram.com/p/demo-school-1/")
        o.link(school, challenge, "https://t.me/demo_school/12", network="telegram")
        second = f.school(school.district, name_ru="Школа № 2 (демо)", name_kk="№ 2 мектеп (демо)")
        o.activity(second, challenge, 40)  # school-wide
        o.link(second, challenge, "https://www.tiktok.com/@demo2/video/7", network="tiktok")
        f.school(
            school.district,
            name_ru="Школа по заявке учителя",
            name_kk="Мұғалім сұраған мектеп",
            status="pending",
        )
        db.session.remove()
        db.engine.dispose()
    live_server.flask("stats", "rebuild")
    return live_server


def _sign_in(page, server):
    account = next(a for a in server.demo["accounts"] if a["role"] == "national")
    page.goto(server.url + "/kk/auth/login")
    page.locator("input[name=email]").fill(account["email"])
    page.locator("input[name=password]").fill(account["password"])
    page.locator("form.form button[type=submit]").click()


def _upload(page, server, lang, path):
    page.goto(f"{server.url}/{lang}/organizer/schools/import")
    page.locator("input[type=file]").set_input_files(str(path))
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".rows-done")).to_be_visible()


def _page_rows(page) -> list[list[str]]:
    """The report table's rows as the page shows them (links one per line)."""
    rows = []
    for tr in page.locator(".report-table tbody tr").all():
        cells = [td.inner_text().strip() for td in tr.locator("td").all()]
        rows.append(cells[:3] + [tr.locator("td.links .link-line").all_inner_texts()])
    return rows


def test_organizer_imports_registry_sees_dashboard_and_downloads_xlsx(
    seeded, page, tmp_path, outside_requests
):
    server = seeded
    _sign_in(page, server)
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_REGISTRY, encoding="utf-8")
    for lang in LANGS:  # the import page showing every bad row: nothing imported
        _upload(page, server, lang, bad)
        expect(page.locator(".errors-list li")).to_have_count(2)
        expect(page.locator(".flash-error")).to_be_visible()
        assert serious(page) == [], f"{lang} import errors"
    registry = tmp_path / "schools.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    _upload(page, server, "kk", registry)
    expect(page.locator(".rows-done")).to_contain_text("2")
    expect(page.locator(".flash-success")).to_be_visible()
    assert serious(page) == []

    for lang in LANGS:  # the dashboard with numbers
        page.goto(f"{server.url}/{lang}/organizer/")
        expect(page.locator("svg[role=img]")).to_have_count(6)
        expect(page.locator('[data-figure="participants"]')).to_have_text("48")  # 8 + 40
        expect(page.locator('[data-figure="schools"]')).to_have_text("2")
        expect(page.locator('[data-figure="links"]')).to_have_text("3")
        assert serious(page) == [], f"{lang} dashboard"
        page.goto(f"{server.url}/{lang}/organizer/?from=2025-10-12&to=2025-10-12")
        expect(page.locator('[data-figure="finished"]')).to_have_text("0")  # no work that day
        assert serious(page) == [], f"{lang} dashboard with a date range"
        page.goto(f"{server.url}/{lang}/organizer/?from=2025-10-10&to=2025-10-10")
        expect(page.locator('[data-figure="finished"]')).to_have_text("3")  # the three pupils

    for lang in LANGS:  # the report drawn, and its XLSX with the same rows
        page.goto(f"{server.url}/{lang}/organizer/report")
        shown = _page_rows(page)
        assert sorted(int(row[2]) for row in shown) == [8, 40]  # the demo school, the second
        assert serious(page) == [], f"{lang} report"
        with page.expect_download() as info:
            page.locator(f"a[href*='/{lang}/organizer/report.xlsx']").click()
        path = tmp_path / f"report-{lang}.xlsx"
        info.value.save_as(path)
        sheet = load_workbook(path).active
        cells = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        body = cells[4 : 4 + len(shown)]
        assert [row[:3] for row in body] == [row[:3] for row in shown]
        assert [[u for u in row[3].split("\n") if u] for row in body] == [r[3] for r in shown]
        total = page.locator(".report-table .total").inner_text()
        assert cells[4 + len(shown)][2] == total == "48"

    for lang in LANGS:  # the pending school's approve, rename and merge forms; a challenge
        page.goto(f"{server.url}/{lang}/organizer/schools/pending")
        card = page.locator("section.card", has_text="Мұғалім сұраған мектеп")
        for action in ("approve", "rename", "merge"):
            expect(card.locator(f"form[action$='/{action}']")).to_have_count(1)
        assert serious(page) == [], f"{lang} pending schools"
        page.goto(f"{server.url}/{lang}/organizer/challenges/new")
        expect(page.locator("input[name=name_kk]")).to_be_visible()
        assert serious(page) == [], f"{lang} challenge form"
        page.goto(f"{server.url}/{lang}/organizer/challenges")
        assert serious(page) == [], f"{lang} challenges"
    assert outside_requests == []


def test_a_national_size_registry_upload_shows_its_progress(live_server, page, tmp_path):
    """7,500 schools over a slow line: the page says how much is sent, then shows the result."""
    _sign_in(page, live_server)
    lines = ["region,district,name_kk,name_ru,official_code"]
    regions = ("Абай облысы", "Жетісу облысы", "Маңғыстау облысы", "Алматы қаласы")
    for i in range(7500):
        lines.append(
            f"{regions[i % 4]},Аудан {i % 150},№ {i} жүктеу мектебі,Школа загрузки № {i},UP-{i}"
        )
    registry = tmp_path / "registry.csv"
    registry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page.goto(live_server.url + "/ru/organizer/schools/import")
    cdp = page.context.new_cdp_session(page)  # about 0.7 MB at 200 KB/s: some 3 seconds
    cdp.send("Network.enable")
    conditions = {"offline": False, "latency": 20, "downloadThroughput": -1}
    cdp.send("Network.emulateNetworkConditions", conditions | {"uploadThroughput": 200 * 1024})
    page.locator("input[type=file]").set_input_files(str(registry))
    page.locator("form.form button[type=submit]").click()
    status = page.locator(".upload-status")
    expect(status).to_contain_text("Файл отправляется")
    bar = page.locator(".upload-progress progress")
    expect(bar).to_have_attribute("value", re.compile(r"^[1-9]\d*$"), timeout=10_000)
    sent = int(bar.get_attribute("value"))
    assert 0 < sent < int(bar.get_attribute("max"))  # part of the file, not all of it
    expect(page.locator(".rows-done")).to_contain_text("7", timeout=60_000)
    expect(page.locator(".flash-success")).to_contain_text("7500")
    assert page.locator("form[data-upload] button[type=submit]").is_enabled()
