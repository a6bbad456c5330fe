"""Organizers see counts and shares only: no nickname and no answer of a pupil, anywhere.

Check 20 of the reliability issue. Pupils with known nicknames join a class and answer
through the pupils' own path, short-text answers included (typed words: the most personal
thing a pupil gives). Then every organizer surface is read as text: the report page and the
dashboard (kk and ru), the four exports (XLSX, DOCX, PDF through pdftotext, CSV) and the
organizers' API (`/api/v1/report`, `/api/v1/stats` for every `by`). None holds any of them,
while the same page shows the school and its count, and the teacher sees the nicknames.
"""

import csv
import io
import json
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from quiz.api.organizer import BY
from quiz.extensions import db
from quiz.models import Answer
from quiz.services import accounts, aggregates, attempts, participants
from tests import factories, factories_pupils
from tests.web.world import send

QUIZ = "every-kind"
SCHOOL = "Зерделі ұрпақ мектебі"
NICKNAMES = ("Зерек Шымшық", "Батыл Сұңқар", "Тихий Бурундук")
# wrong short-text answers, one per pupil: typed words, as a child writes them
TYPED = ("анамның телефоны бар", "мой секрет кактус", "шамшырақ құпия сөз")


@pytest.fixture
def planted(app):
    """A class of three pupils with known nicknames and typed answers; organizers' clients."""
    challenge = factories.challenge()
    school = factories.school(name_kk=SCHOOL, name_ru=SCHOOL)
    teacher = factories.user("teacher", school_row=school)
    klass = factories.klass(teacher)
    assignment = factories_pupils.assignment(klass)
    for nickname, typed in zip(NICKNAMES, TYPED, strict=True):
        pupil, _token, _klass = participants.join_class(klass.join_code, nickname, "kk")
        attempt, _ = attempts.open_attempt(pupil, QUIZ, assignment_id=assignment.id)
        attempts.submit_answer(attempt.id, pupil, "helpline", typed, lang="kk")
        attempts.submit_answer(attempt.id, pupil, "twofa", True, lang="kk")
        attempts.finish_attempt(attempt.id, pupil)
    aggregates.refresh(wait=True, full=True)
    national = factories.user("national")
    organizer = app.test_client()
    factories.login(organizer, national)
    teacher_client = app.test_client()
    factories.login(teacher_client, teacher)
    return {
        "query": f"?challenge={challenge.id}",
        "organizer": organizer,
        "teacher": teacher_client,
        "assignment_id": assignment.id,
        "token": {"Authorization": "Bearer " + accounts.issue_token(national.email)},
    }


def _get(app, client, url, **kwargs):
    response = send(app, client, "GET", url, **kwargs)
    assert response.status_code == 200, url
    return response


def _personal(text: str) -> list[str]:
    """The planted nicknames and typed answers found in a text (case-insensitive)."""
    folded = text.casefold()
    return [s for s in NICKNAMES + TYPED if s.casefold() in folded]


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row if c.value
    )


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode()


def _csv_text(data: bytes) -> str:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return "\n".join(cell for row in rows for cell in row)


EXPORTS = {"xlsx": _xlsx_text, "docx": _docx_text, "pdf": _pdf_text, "csv": _csv_text}


def _surfaces(app, planted) -> dict[str, str]:
    """Every organizer surface of the challenge, as text."""
    client, query = planted["organizer"], planted["query"]
    texts = {}
    for lang in ("kk", "ru"):
        for page in ("", "report"):
            url = f"/{lang}/organizer/{page}{query}"
            texts[url] = _get(app, client, url).get_data(as_text=True)
        for fmt, read in EXPORTS.items():
            url = f"/{lang}/organizer/report.{fmt}{query}"
            texts[url] = read(_get(app, client, url).data)
    api = app.test_client()
    urls = [f"/api/v1/report{query}"] + [f"/api/v1/stats{query}&by={by}" for by in BY]
    for url in urls:
        body = _get(app, api, url, headers=planted["token"]).get_json()
        texts[url] = json.dumps(body, ensure_ascii=False)  # Cyrillic as letters, not \u escapes
    return texts


def test_no_organizer_page_export_or_api_shows_a_nickname_or_an_answer(app, planted):
    texts = _surfaces(app, planted)
    assert len(texts) == 4 + 8 + 1 + len(BY)
    found = {url: _personal(text) for url, text in texts.items()}
    assert {url: hits for url, hits in found.items() if hits} == {}
    # the surfaces do show this school and its pupils, so the check reads real content
    for url, text in texts.items():
        if "/api/v1/stats" not in url and "/organizer/?" not in url:
            assert SCHOOL in text, url
    report = json.loads(texts[f"/api/v1/report{planted['query']}"])
    assert report["total"] == len(NICKNAMES)


def test_the_planted_nicknames_and_answers_are_really_stored(app, planted):
    """The other half of the check: what organizers never see is there for the teacher."""
    url = f"/kk/teacher/assignments/{planted['assignment_id']}"
    page = _get(app, planted["teacher"], url).get_data(as_text=True)
    assert set(_personal(page)) >= set(NICKNAMES)
    stored = set(db.session.scalars(select(Answer.response).where(Answer.item_id == "helpline")))
    assert stored == set(TYPED)
