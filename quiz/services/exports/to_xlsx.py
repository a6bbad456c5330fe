"""The report as an XLSX workbook: title, header, borders, wrapped cells, a frozen header."""

import io

import xlsxwriter

from quiz.services.exports import subtitle

WIDTHS = (6, 55, 18, 70)
HEADER_ROW = 3
SHEET = {"kk": "Есеп", "ru": "Отчёт"}  # the sheet's name, in the export's language


def render(report) -> bytes:
    """Return the report as XLSX bytes; links one per line in their cell."""
    out = io.BytesIO()
    # strings_to_formulas off: a school name or link starting with "=" stays text
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet(SHEET[report.lang])
    title = book.add_format({"bold": True, "font_size": 13, "align": "center", "text_wrap": True})
    head = book.add_format(
        {
            "bold": True,
            "border": 1,
            "text_wrap": True,
            "valign": "top",
            "align": "center",
            "bg_color": "#EEF1F3",
        }
    )
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    total = book.add_format({"border": 1, "bold": True, "valign": "top"})
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    sheet.merge_range(0, 0, 0, 3, report.title, title)
    sheet.set_row(0, 36)
    sheet.merge_range(1, 0, 1, 3, subtitle(report), book.add_format({"align": "center"}))
    sheet.write_row(HEADER_ROW, 0, report.headers, head)
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    r = HEADER_ROW
    for r, row in enumerate(report.rows, start=HEADER_ROW + 1):
        sheet.write_number(r, 0, row["n"], cell)
        sheet.write_string(r, 1, row["school"][report.lang], cell)
        sheet.write_number(r, 2, row["participants"], cell)
        sheet.write_string(r, 3, "\n".join(row["links"]), cell)
    r += 1
    sheet.write_blank(r, 0, None, total)
    sheet.write_string(r, 1, report.total_label, total)
    sheet.write_number(r, 2, report.total, total)
    sheet.write_blank(r, 3, None, total)
    book.close()
    return out.getvalue()
