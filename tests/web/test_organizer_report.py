"""The report page and its four exports show the same numbers, cell by cell."""

import csv
import io
import re
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook

from quiz.services import report
from tests import factories as f
from tests.factories_organizers import world

TITLE_KK = "ЧЕЛЛЕНДЖ «ЖЕЛІДЕГІ ҚАУІПСІЗДІК» БОЙЫНША МАТЕРИАЛ ҰСЫНУ ҮЛГІСІ"
TITLE_RU = "ФОРМА ПРЕДСТАВЛЕНИЯ МАТЕРИАЛОВ ПО ЧЕЛЛЕНДЖУ «БЕЗОПАСНОСТЬ В СЕТИ»"


@pytest.fixture
def national(client):
    w = world()
    user = f.user("national")
    f.login(client, user)
    return w


def _page_rows(html: str) -> list[list[str]]:
    """Return the report table's body rows as the page shows them (links one per line)."""
    body = html.split('<table class="report-table">', 1)[1].split("</table>", 1)[0]
    rows = []
    for tr in re.findall(r"<tr data-school[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        links = re.findall(r'<span class="link-line">(.*?)</span>', cells[3])
        rows.append([_text(cells[0]), _text(cells[1]), _text(cells[2]), "\n".join(links)])
    total = re.search(r'<td class="num total">(\d+)</td>', body).group(1)
    return rows, total


def _text(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html)).strip()


def _unescape(rows):
    import html as h

    return [[h.unescape(c) for c in row] for row in rows]


def test_report_page_shows_the_form_with_counted_schools_numbered_from_one(client, national):
    html = client.get("/kk/organizer/report").get_data(as_text=True)
    assert TITLE_KK in html
    for header in ("Мектеп атауы", "Қатысушылар саны", "Әлеуметтік желілердегі сілтемелер"):
        assert header in html
    rows, total = _page_rows(html)
    rows = _unescape(rows)
    assert [row[0] for row in rows] == ["1", "2", "3", "4"]
    by_name = {row[1]: row for row in rows}
    assert by_name["№ 1 мектеп-гимназия"][2] == "42"
    assert by_name["№ 1 мектеп-гимназия"][3] == (
        "https://www.instagram.com/p/one/\nhttps://t.me/school1/7"
    )
    assert by_name["№ 2 мектеп"][2] == "80"
    assert by_name["№ 5 мектеп"][2] == "0"
    assert "№ 4 мектеп" not in by_name
    assert total == "127"
    assert "How participants are counted" not in html  # translated into Kazakh


def test_report_page_in_russian_uses_the_russian_form(client, national):
    html = client.get("/ru/organizer/report").get_data(as_text=True)
    assert TITLE_RU in html and "Наименование школы" in html and "Итого" in html


def _expected(client, lang, query=""):
    rows, total = _page_rows(client.get(f"/{lang}/organizer/report{query}").get_data(as_text=True))
    return _unescape(rows), total


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_xlsx_export_matches_the_page_cell_by_cell(client, national, lang):
    rows, total = _expected(client, lang)
    response = client.get(f"/{lang}/organizer/report.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [
        [c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert values[0][0] == (TITLE_KK if lang == "kk" else TITLE_RU)
    assert values[3] == report.HEADERS[lang]
    body = [[str(c) for c in row] for row in values[4 : 4 + len(rows)]]
    assert body == rows
    assert values[4 + len(rows)][2] == int(total)
    assert sheet.freeze_panes == "A5"
    assert sheet.cell(5, 4).alignment.wrap_text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_docx_export_matches_the_page_cell_by_cell(client, national, lang):
    rows, total = _expected(client, lang)
    doc = Document(io.BytesIO(client.get(f"/{lang}/organizer/report.docx").data))
    assert doc.paragraphs[0].text == (TITLE_KK if lang == "kk" else TITLE_RU)
    table = doc.tables[0]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == report.HEADERS[lang]
    assert cells[1 : 1 + len(rows)] == rows
    assert cells[-1][2] == total


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_csv_export_matches_the_page_and_escapes_formulas(client, national, lang):
    rows, total = _expected(client, lang)
    data = client.get(f"/{lang}/organizer/report.csv").data
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == report.HEADERS[lang]
    expected = [[c if not c.startswith("=") else "'" + c for c in row] for row in rows]
    assert table[1 : 1 + len(rows)] == expected
    assert table[-1][2] == total
    assert any(row[3].startswith("'=HYPERLINK") for row in table[1:])


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_pdf_export_is_a4_landscape_and_carries_every_number(client, national, lang, tmp_path):
    from pypdf import PdfReader

    rows, total = _expected(client, lang)
    data = client.get(f"/{lang}/organizer/report.pdf").data
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert round(float(box.width)) == 842  # A4: 297 mm
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert (TITLE_KK if lang == "kk" else TITLE_RU) in " ".join(text.split())
    for row in rows:
        line = next(line for line in text.splitlines() if row[1] in line)
        assert re.search(rf"^\s*{row[0]}\s+.*{re.escape(row[1])}\s+{row[2]}\b", line)
    assert re.search(rf"{report.build.__module__ and ''}\b{total}\b", text)
    fonts = {str(font) for page in reader.pages for font in _fonts(page)}
    assert any("Noto" in name or "DejaVu" in name for name in fonts)


def _fonts(page):
    resources = page.get("/Resources") or {}
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object().get("/BaseFont")


def test_region_filter_narrows_the_report_and_total(client, national):
    rows, total = _expected(client, "kk", f"?region={national['r2'].id}")
    assert [row[1:3] for row in rows] == [["№ 3 мектеп", "5"]] and total == "5"


NOTHING = {
    "kk": "Таңдалған сүзгілер бойынша әзірге жүктеп алатын ештеңе жоқ",
    "ru": "По выбранным фильтрам пока нечего выгружать",
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_empty_report_says_there_is_nothing_to_export_and_offers_no_download(client, lang):
    f.challenge()
    f.login(client, f.user("national"))
    html = client.get(f"/{lang}/organizer/report").get_data(as_text=True)
    assert NOTHING[lang] in html
    assert "/organizer/report." not in html  # no download button, in either language
    assert 'class="report-table"' not in html


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("fmt", report.FORMATS)
def test_an_export_of_an_empty_report_is_a_page_with_the_message_not_a_file(client, lang, fmt):
    f.challenge()
    f.login(client, f.user("national"))
    response = client.get(f"/{lang}/organizer/report.{fmt}")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers
    assert NOTHING[lang] in response.get_data(as_text=True)


def test_an_export_of_a_region_without_schools_taking_part_is_refused(client):
    w = world()
    empty = f.region("Улытауская область", "Ұлытау облысы")
    f.login(client, f.user("national"))
    response = client.get(f"/ru/organizer/report.xlsx?region={empty.id}")
    assert response.status_code == 404 and NOTHING["ru"] in response.get_data(as_text=True)
    html = client.get(f"/ru/organizer/report?region={empty.id}").get_data(as_text=True)
    assert NOTHING["ru"] in html and "/organizer/report.xlsx" not in html
    full = client.get(f"/ru/organizer/report.xlsx?region={w['r1'].id}")
    assert full.status_code == 200 and "attachment" in full.headers["Content-Disposition"]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_cli_refuses_to_export_an_empty_report_and_writes_no_file(app, tmp_path, lang):
    c = f.challenge()
    out = tmp_path / "empty.xlsx"
    args = ["report", "export", "--challenge", str(c.id), "--lang", lang]
    result = app.test_cli_runner().invoke(args=[*args, "--format", "xlsx", "--out", str(out)])
    assert result.exit_code != 0
    assert NOTHING[lang] in result.output
    assert not out.exists()


def test_cli_exports_the_report_for_a_region(app, tmp_path):
    w = world()
    out = tmp_path / "r.xlsx"
    result = app.test_cli_runner().invoke(
        args=[
            "report",
            "export",
            "--challenge",
            str(w["c"].id),
            "--lang",
            "ru",
            "--format",
            "xlsx",
            "--region",
            str(w["r1"].id),
            "--out",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert names[:-1] == ["Школа № 2", "Школа № 5", "Школа-гимназия № 1"]
    assert list(sheet.iter_rows(values_only=True))[-1][2] == 122


def test_cli_refuses_an_unknown_challenge(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=[
            "report",
            "export",
            "--challenge",
            "999",
            "--lang",
            "kk",
            "--format",
            "csv",
            "--out",
            str(tmp_path / "x.csv"),
        ]
    )
    assert result.exit_code != 0 and not (tmp_path / "x.csv").exists()
