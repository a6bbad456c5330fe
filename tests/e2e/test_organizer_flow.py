"""An organizer signs in, imports a registry, opens the dashboard, downloads the XLSX report."""

from openpyxl import load_workbook
from playwright.sync_api import expect

REGISTRY = (
    "region,district,name_kk,name_ru,official_code\n"
    "Абай облысы,Аягөз ауданы,№ 3 Аягөз мектебі,Аягозская школа № 3,E2E-3\n"
    "Абайская область,Аягөз ауданы,№ 4 Аягөз мектебі,Аягозская школа № 4,\n"
)


def _axe_serious(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        v["id"]
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def _sign_in(page, server):
    account = next(a for a in server.demo["accounts"] if a["role"] == "national")
    page.goto(server.url + "/kk/auth/login")
    page.locator("input[name=email]").fill(account["email"])
    page.locator("input[name=password]").fill(account["password"])
    page.locator("form.form button[type=submit]").click()


def test_organizer_imports_registry_sees_dashboard_and_downloads_xlsx(
    live_server, page, tmp_path, outside_requests
):
    _sign_in(page, live_server)
    registry = tmp_path / "schools.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    page.goto(live_server.url + "/kk/organizer/schools/import")
    assert _axe_serious(page) == []
    page.locator("input[type=file]").set_input_files(str(registry))
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".rows-done")).to_contain_text("2")
    expect(page.locator(".flash-success")).to_be_visible()
    assert _axe_serious(page) == []

    page.goto(live_server.url + "/kk/organizer/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("svg[role=img]")).to_have_count(4)
    assert _axe_serious(page) == []

    page.goto(live_server.url + "/kk/organizer/report")
    assert _axe_serious(page) == []
    with page.expect_download() as info:
        page.locator("a[href*='/kk/organizer/report.xlsx']").click()
    path = tmp_path / "report.xlsx"
    info.value.save_as(path)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ЧЕЛЛЕНДЖ «ЖЕЛІДЕГІ ҚАУІПСІЗДІК» БОЙЫНША МАТЕРИАЛ ҰСЫНУ ҮЛГІСІ"
    assert rows[3][1] == "Мектеп атауы"
    page_total = (
        page.locator(".report-table .total").inner_text()
        if page.locator(".report-table").count()
        else "0"
    )
    assert str(rows[-1][2]) == page_total

    for path_ in ("/kk/organizer/challenges", "/ru/organizer/schools/pending"):
        page.goto(live_server.url + path_)
        assert _axe_serious(page) == [], path_
    assert outside_requests == []
