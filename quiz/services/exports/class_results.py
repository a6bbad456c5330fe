"""A class's results as XLSX or CSV, in Kazakh or Russian; CSV is formula-safe for Excel."""

import csv
import io

import xlsxwriter
from flask_babel import force_locale, gettext, pgettext

from quiz import clock
from quiz.models import Klass
from quiz.services import results
from quiz.services.exports.to_csv import safe as safe_cell


def _headers(lang: str) -> list[str]:
    with force_locale(lang):
        return [
            gettext("Run"),
            gettext("Date"),
            gettext("Quiz"),
            gettext("Nickname"),
            gettext("Question"),
            pgettext("column", "Answer"),
            gettext("Correct"),
            gettext("Score"),
        ]


def _kind_word(kind: str, lang: str) -> str:
    with force_locale(lang):
        return {
            "live": gettext("Live class hour"),
            "assignment": gettext("Assignment"),
            "paper": gettext("Paper"),
        }[kind]


def rows(klass: Klass, lang: str) -> list[list]:
    """Return one row per pupil and item (per item and answer for paper runs)."""
    with force_locale(lang):
        yes, no = gettext("yes"), gettext("no")
    out = []
    for run in results.class_runs(klass):
        if run["quiz"] is None:
            continue
        detail = results.run_results(klass, run["kind"], run["id"], lang)
        head = [
            _kind_word(run["kind"], lang),
            clock.to_local(run["when"]).date().isoformat(),  # the day at the school
            run["quiz"].title[lang],
        ]
        for pupil in detail["pupils"]:
            for item in detail["quiz"].items:
                answer = pupil["answers"].get(item.id)
                if answer is None:
                    continue
                mark = "" if answer["correct"] is None else yes if answer["correct"] else no
                score = f"{pupil['score']}/{pupil['max_score']}"
                out.append(
                    [*head, pupil["nickname"], item.text[lang], answer["label"], mark, score]
                )
        if run["kind"] == "paper":
            out.extend(_paper_rows(head, detail, lang))
    return out


def _paper_rows(head, detail, lang) -> list[list]:
    with force_locale(lang):
        pupils = gettext("pupils")
    return [
        [*head, f"{bar['count']} {pupils}", item["text"], bar["label"], "", ""]
        for item in detail["items"]
        for bar in item["distribution"]
        if bar["count"]
    ]


def to_csv(klass: Klass, lang: str) -> bytes:
    """Return the class's results as CSV: UTF-8 with a BOM, so Excel reads Kazakh letters."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_headers(lang))
    for row in rows(klass, lang):
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(klass: Klass, lang: str) -> bytes:
    """Return the class's results as an XLSX workbook (strings never become formulas)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet(klass.label[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, _headers(lang), bold)
    for index, row in enumerate(rows(klass, lang), start=1):
        sheet.write_row(index, 0, row)
    sheet.set_column(0, 2, 18)
    sheet.set_column(3, 5, 30)
    book.close()
    return buffer.getvalue()
