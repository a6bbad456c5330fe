"""The four exports look like the rules' form and carry the page's numbers and links.

tests/web/test_organizer_report.py compares each export's cells with the page; these tests
check what a person opening the file sees: the PDF's links and total, the spreadsheet's
borders, widths, wrapping, frozen header and sheet name, the Word table's borders and
landscape page, CSV cells that a spreadsheet would run as formulas, and the command line.
"""

import csv
import io
import subprocess

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from quiz.services import report
from tests import factories as f
from tests.factories_organizers import link, world
from tests.web import report_page

EDGES = ("left", "right", "top", "bottom")


@pytest.fixture
def national(client):
    w = world()
    f.login(client, f.user("national"))
    return w


def _pdf_text(data: bytes, tmp_path, *options) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    run = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    )
    return run.stdout


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_pdf_carries_every_link_of_the_page_and_its_total_row(client, national, lang, tmp_path):
    page = report_page.table(client, lang)
    data = client.get(f"/{lang}/organizer/report.pdf").data
    flat = "".join(_pdf_text(data, tmp_path).split())  # a link may wrap inside its cell
    links = [url for row in page["rows"] for url in row[3].split("\n") if url]
    assert len(links) == 5
    for url in links:
        assert "".join(url.split()) in flat, url
    layout = _pdf_text(data, tmp_path, "-layout").splitlines()
    total_line = next(line for line in layout if page["label"] in line)
    assert total_line.split() == [page["label"], page["total"]]  # the total row: label, sum
    assert page["total"] == "127"


def _sheet(client, lang):
    return load_workbook(io.BytesIO(client.get(f"/{lang}/organizer/report.xlsx").data)).active


@pytest.mark.parametrize(("lang", "name"), [("kk", "Есеп"), ("ru", "Отчёт")])
def test_xlsx_sheet_is_named_in_the_language_of_the_export(client, national, lang, name):
    assert _sheet(client, lang).title == name


def test_xlsx_table_has_borders_widths_wrapped_cells_and_a_frozen_header(client, national):
    page = report_page.table(client, "ru")
    sheet = _sheet(client, "ru")
    header, last = 4, 4 + len(page["rows"]) + 1  # header row, then the rows, then the total
    assert [sheet.cell(header, c).value for c in range(1, 5)] == report.HEADERS["ru"]
    assert sheet.freeze_panes == "A5"  # the header stays in view while scrolling
    for r in range(header, last + 1):
        for c in range(1, 5):
            border = sheet.cell(r, c).border
            assert all(getattr(border, edge).style == "thin" for edge in EDGES), (r, c)
    for r in range(header, last):
        assert sheet.cell(r, 2).alignment.wrap_text and sheet.cell(r, 4).alignment.wrap_text
    assert all(sheet.cell(header, c).font.b for c in range(1, 5))
    widths = {col: sheet.column_dimensions[col].width for col in "ABCD"}
    for col, expected in zip("ABCD", (6, 55, 18, 70), strict=True):
        assert expected <= widths[col] < expected + 1, (col, widths[col])
    links_cell = next(r for r in range(5, last) if "\n" in (sheet.cell(r, 4).value or ""))
    assert sheet.cell(links_cell, 4).value == next(row[3] for row in page["rows"] if "\n" in row[3])
    assert sheet.cell(last, 2).value == page["label"] and sheet.cell(last, 3).value == 127


def _table_borders(table) -> set[str]:
    """The edges drawn as single lines, from the table's own properties or its style."""
    found = set()
    for holder in (table._tbl.tblPr, table.style.element):
        borders = holder.find(".//" + qn("w:tblBorders"))
        if borders is not None:
            for edge in borders:
                if edge.get(qn("w:val")) == "single":
                    found.add(edge.tag.split("}")[1])
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_docx_is_a_bordered_table_on_a_landscape_page(client, national, lang):
    doc = Document(io.BytesIO(client.get(f"/{lang}/organizer/report.docx").data))
    section = doc.sections[-1]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert round(section.page_width.cm, 1) == 29.7 and round(section.page_height.cm, 1) == 21.0
    table = doc.tables[0]
    assert {"top", "left", "bottom", "right", "insideH", "insideV"} <= _table_borders(table)
    page = report_page.table(client, lang)
    assert [cell.text for cell in table.rows[-1].cells][1:3] == [page["label"], page["total"]]


TRAPS = ("=", "+", "-", "@")


def _trap_world():
    """Schools and links whose text a spreadsheet would run as a formula."""
    c = f.challenge()
    district = f.district(f.region())
    for i, start in enumerate(TRAPS):
        school = f.school(district, name_ru=f"{start}Школа {i}", name_kk=f"{start}мектеп {i}")
        link(school, c, f"{start}SUM(1+{i})*cmd|' /C calc'!A0")
    return c


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_csv_escapes_every_cell_a_spreadsheet_would_run_as_a_formula(client, lang):
    _trap_world()
    f.login(client, f.user("national"))
    page = report_page.table(client, lang)
    data = client.get(f"/{lang}/organizer/report.csv").data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:-1]
    assert len(rows) == len(TRAPS) == len(page["rows"])
    for row, shown in zip(rows, page["rows"], strict=True):
        assert row[1] == "'" + shown[1] and row[3] == "'" + shown[3]
        assert shown[1][0] in TRAPS and shown[3][0] in TRAPS
    starts = {row[1][1] for row in rows} | {row[3][1] for row in rows}
    assert starts == set(TRAPS)


def test_xlsx_keeps_formula_like_text_as_text(client):
    _trap_world()
    f.login(client, f.user("national"))
    sheet = _sheet(client, "ru")
    cells = [sheet.cell(r, c) for r in range(5, 5 + len(TRAPS)) for c in (2, 4)]
    assert all(cell.data_type == "s" and cell.value[0] in TRAPS for cell in cells)


def _cli(app, w, fmt, out, *extra):
    args = ["report", "export", "--challenge", str(w["c"].id), "--lang", "ru"]
    return app.test_cli_runner().invoke(args=[*args, "--format", fmt, *extra, "--out", str(out)])


@pytest.mark.parametrize("region", [None, "r1", "r2"])
def test_cli_csv_has_the_rows_of_the_page_for_the_country_or_a_region(
    app, client, tmp_path, region
):
    w = world()
    f.login(client, f.user("national"))
    extra = ("--region", str(w[region].id)) if region else ()
    query = f"?region={w[region].id}" if region else ""
    result = _cli(app, w, "csv", tmp_path / "r.csv", *extra)
    assert result.exit_code == 0, result.output
    page = report_page.table(client, "ru", query)
    rows = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))))
    escaped = [[_csv_cell(c) for c in row] for row in page["rows"]]
    assert rows[1:-1] == escaped
    assert rows[-1][1:3] == [page["label"], page["total"]]
    assert f"{len(page['rows'])} schools, {page['total']} participants" in result.output


def _csv_cell(text: str) -> str:
    """A page cell as the CSV holds it (formula-like text gets a leading quote)."""
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


def test_cli_docx_of_a_region_is_the_page_table_of_that_region(app, client, tmp_path):
    w = world()
    f.login(client, f.user("national"))
    out = tmp_path / "r.docx"
    assert _cli(app, w, "docx", out, "--region", str(w["r1"].id)).exit_code == 0
    page = report_page.table(client, "ru", f"?region={w['r1'].id}")
    cells = [[cell.text for cell in row.cells] for row in Document(str(out)).tables[0].rows]
    assert cells[0] == report.HEADERS["ru"]
    assert cells[1:-1] == page["rows"]
    assert cells[-1][1:3] == [page["label"], page["total"]] == ["Итого", "122"]


def test_cli_pdf_of_a_region_has_its_rows_and_total_only(app, client, tmp_path):
    w = world()
    f.login(client, f.user("national"))
    out = tmp_path / "r.pdf"
    assert _cli(app, w, "pdf", out, "--region", str(w["r2"].id)).exit_code == 0
    text = _pdf_text(out.read_bytes(), tmp_path, "-layout")
    assert "Школа № 3" in text and "Школа № 2" not in text and "Школа-гимназия" not in text
    assert "https://www.tiktok.com/@s3/video/1" in text
    total_line = next(line for line in text.splitlines() if "Итого" in line)
    assert total_line.split() == ["Итого", "5"]


def test_cli_refuses_a_region_that_does_not_exist_and_writes_nothing(app, tmp_path):
    w = world()
    out = tmp_path / "r.csv"
    result = _cli(app, w, "csv", out, "--region", "999")
    assert result.exit_code != 0 and not out.exists()
