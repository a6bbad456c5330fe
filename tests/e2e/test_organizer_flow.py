"""An organizer signs in, imports a registry, opens the dashboard, downloads the XLSX report."""

import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.axe import serious

REGISTRY = (
    "region,district,name_kk,name_ru,official_code\n"
    "Абай облысы,Аягөз ауданы,№ 3 Аягөз мектебі,Аягозская школа № 3,E2E-3\n"
    "Абайская область,Аягөз ауданы,№ 4 Аягөз мектебі,Аягозская школа № 4,\n"
)


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
    assert serious(page) == []
    page.locator("input[type=file]").set_input_files(str(registry))
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".rows-done")).to_contain_text("2")
    expect(page.locator(".flash-success")).to_be_visible()
    assert serious(page) == []

    page.goto(live_server.url + "/kk/organizer/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("svg[role=img]")).to_have_count(6)
    assert serious(page) == []

    page.goto(live_server.url + "/kk/organizer/report")
    assert serious(page) == []
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
        assert serious(page) == [], path_
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
