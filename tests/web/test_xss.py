"""Fifty XSS payloads in every field others see: refused, or shown inert in pages and exports.

Fields: nickname, class letter, activity description, social link URL, school name (registry
import), and the name typed for a certificate. Pages: teacher dashboard, class, results,
projector, records, activity form; organizer dashboard and report; the pupils' school choice,
nickname page (class letter), class page, live class hour screen (nickname) and certificate
(school and typed name). Exports: CSV, XLSX, DOCX, PDF, and the certificate's PDF. The
browser half (no dialog, no blocked inline script) is tests/e2e/test_security_browser.py.
"""

import csv
import html
import io
import re
from datetime import date

import pytest
from docx import Document
from markupsafe import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from quiz.models import OfflineActivity
from quiz.services.nicknames import tidy
from tests import factories
from tests.web.world import send
from tests.xss import FIELDS, PAYLOADS, plant

MARKUP = re.compile(r"[<>\"']")
URL_ATTR = re.compile(r'\b(?:href|src|action|formaction|data)="([^"]*)"', re.I)
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def planted(app):
    """Every payload planted; a teacher and a national organizer signed in."""
    challenge = factories.challenge(
        starts_on=date(2025, 10, 9), ends_on=date(2025, 10, 17), report_deadline=date(2099, 1, 1)
    )
    teacher = factories.user("teacher")
    found = plant(teacher, challenge)
    found["challenge"] = challenge.id
    found["teacher"] = app.test_client()
    factories.login(found["teacher"], teacher)
    found["organizer"] = app.test_client()
    factories.login(found["organizer"], factories.user("national"))
    return found


def variants(payload: str) -> set[str]:
    """The payload as a field may store it: as typed, tidied, upper-cased (class letters)."""
    return {payload, tidy(payload), " ".join(payload.split()).upper()}


def live_markup(page: str, accepted: list[str]) -> list[str]:
    """Payloads whose markup reached the page unescaped, and script URLs in attributes."""
    found = [p for p in accepted for v in variants(p) if MARKUP.search(v) and v in page]
    for value in URL_ATTR.findall(page):
        scheme = html.unescape(value).strip().lower().replace("\t", "").replace("\n", "")
        if scheme.startswith(("javascript:", "data:", "vbscript:")):
            found.append(value)
    return found


def _pages(app, planted):
    """(client, method, url, form) of every page that shows a planted field."""
    teacher, organizer = planted["teacher"], planted["organizer"]
    class_id, session_id = planted["class_id"], planted["session_id"]
    urls = [
        (teacher, "/kk/teacher/"),
        (teacher, f"/kk/teacher/classes/{class_id}"),
        (teacher, f"/kk/teacher/classes/{class_id}/results"),
        (teacher, f"/ru/teacher/classes/{class_id}/results/live/{session_id}"),
        (teacher, f"/kk/teacher/live/{session_id}"),
        (teacher, "/ru/teacher/records"),
    ]
    mine = OfflineActivity.query.filter(OfflineActivity.created_by_id.isnot(None))
    urls += [(teacher, f"/kk/teacher/records/activities/{a.id}") for a in mine]
    query = f"?challenge={planted['challenge']}"
    urls += [(organizer, f"/{lang}/organizer/{query}") for lang in ("kk", "ru")]
    urls += [(organizer, f"/{lang}/organizer/report{query}") for lang in ("kk", "ru")]
    return [(client, "GET", url, None) for client, url in urls] + _pupil_pages(app, planted)


def _pupil_client(app, token: str):
    client = app.test_client()
    client.set_cookie(app.config["PARTICIPANT_COOKIE"], token, domain="localhost")
    return client


def _pupil_pages(app, planted):
    """The pupils' pages that show a planted field, opened as the pupil they belong to."""
    anyone = app.test_client()
    pages = [(anyone, "GET", f"/{lang}/school{planted['school_query']}", None) for lang in LANGS]
    pages += [(anyone, "GET", f"/kk/join/{code}", None) for code in planted["class_codes"]]
    pages += [(_pupil_client(app, t), "GET", "/kk/class", None) for t in planted["class_pupils"]]
    live = f"/ru/live/{planted['session_id']}"
    pages += [(_pupil_client(app, t), "GET", live, None) for t in planted["live_pupils"]]
    for cert in planted["certificates"]:
        url = f"/kk/attempt/{cert['attempt_id']}/certificate"
        pages.append((_pupil_client(app, cert["token"]), "POST", url, {"name": cert["name"]}))
    return pages


LANGS = ("kk", "ru")


def test_fifty_payloads_are_refused_or_shown_inert_on_every_page(app, planted):
    assert len(PAYLOADS) == 50
    accepted = [p for field in FIELDS for p in planted["accepted"][field]]
    pages = {}
    for client, method, url, form in _pages(app, planted):
        response = send(app, client, method, url, data=form)
        assert response.status_code == 200, url
        pages[f"{url} {form}"] = response.get_data(as_text=True)
    live = {url: live_markup(page, accepted) for url, page in pages.items()}
    assert {url: found for url, found in live.items() if found} == {}
    # every field took some payloads, and the pages show them (escaped), so the check bites
    everything = "\n".join(pages.values())
    for field in FIELDS:
        stored = planted["accepted"][field]
        assert stored, f"no payload was accepted as {field}"
        shown = [p for p in stored for v in variants(p) if str(escape(v)) in everything]
        assert shown, f"no {field} payload is shown on the pages"


def test_pupils_pages_show_every_planted_payload_escaped(app, planted):
    """Each pupil page shows its payload (so it is really checked above), as text."""
    accepted = planted["accepted"]
    pupil_pages = _pupil_pages(app, planted)
    assert len(pupil_pages) == (
        len(LANGS)
        + len(accepted["class"])
        + 2 * len(accepted["nickname"])
        + len(accepted["school"])
    )
    missing = []
    for client, method, url, form in pupil_pages:
        page = send(app, client, method, url, data=form).get_data(as_text=True)
        if "/school?" in url:
            wanted = accepted["school"]
        elif "/join/" in url or "/class" in url or "/live/" in url:
            wanted = accepted["class"] + accepted["nickname"]
        else:  # a certificate: the school and the typed name
            wanted = [form["name"]]
        if not any(str(escape(v)) in page for p in wanted for v in variants(p)):
            missing.append(url)
    assert missing == []


def test_certificate_pdfs_hold_the_typed_name_and_school_as_text_and_no_script(app, planted):
    certificates = planted["certificates"][::5]  # a PDF takes a while: every fifth payload
    assert len(certificates) >= 5
    for cert in certificates:
        client = _pupil_client(app, cert["token"])
        url = f"/kk/attempt/{cert['attempt_id']}/certificate"
        response = send(app, client, "POST", url, data={"name": cert["name"], "format": "pdf"})
        assert response.mimetype == "application/pdf", cert["name"]
        data = response.data
        assert b"/JavaScript" not in data and b"/JS " not in data and b"/Launch" not in data
        assert b"javascript:" not in data.lower()
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert " ".join(cert["name"].split())[:12] in " ".join(text.split()), cert["name"]


def test_script_urls_are_refused_as_social_links(app, planted):
    for url in planted["accepted"]["link"]:
        assert url.startswith("https://"), url


def _download(app, planted, who, url):
    response = send(app, planted[who], "GET", url)
    assert response.status_code == 200, url
    return response.data


def _csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def test_csv_exports_escape_every_cell_a_spreadsheet_would_run(app, planted):
    query = f"?challenge={planted['challenge']}"
    report = _csv_cells(_download(app, planted, "organizer", f"/ru/organizer/report.csv{query}"))
    url = f"/ru/teacher/classes/{planted['class_id']}/results.csv"
    results = _csv_cells(_download(app, planted, "teacher", url))
    live = [c for c in report + results if c.startswith(FORMULA) and not _number(c)]
    assert live == []
    assert any(c.startswith("'=") for c in report), "the formula payloads are in the report"


def _number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+([.,]\d+)?%?", cell) is not None


def test_xlsx_exports_hold_text_never_formulas(app, planted):
    query = f"?challenge={planted['challenge']}"
    urls = [
        ("organizer", f"/kk/organizer/report.xlsx{query}"),
        ("teacher", f"/kk/teacher/classes/{planted['class_id']}/results.xlsx"),
    ]
    for who, url in urls:
        book = load_workbook(io.BytesIO(_download(app, planted, who, url)))
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == [], url
        texts = {c.value for c in cells if isinstance(c.value, str)}
        assert any(v.startswith("=") or "<svg" in v for v in texts), url


def test_docx_report_holds_the_names_as_plain_text(app, planted):
    query = f"?challenge={planted['challenge']}"
    data = _download(app, planted, "organizer", f"/ru/organizer/report.docx{query}")
    document = Document(io.BytesIO(data))
    xml = document.element.xml
    assert "w:fldSimple" not in xml and "w:instrText" not in xml  # no field codes
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "<script>alert(1)</script> 0" in text


def test_pdf_report_holds_the_names_as_text_and_no_script(app, planted):
    query = f"?challenge={planted['challenge']}"
    data = _download(app, planted, "organizer", f"/ru/organizer/report.pdf{query}")
    assert b"/JavaScript" not in data and b"/JS " not in data and b"/Launch" not in data
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "<script>alert(1)</script>" in text
