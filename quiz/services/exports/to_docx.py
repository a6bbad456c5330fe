"""The report as a Word document: the title and a bordered table like the rules' form."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from quiz.services.exports import subtitle

WIDTHS_CM = (1.2, 9.0, 3.5, 12.0)


def render(report) -> bytes:
    """Return the report as DOCX bytes; the links one per line (paragraph) in their cell."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(11)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(report.title).bold = True
    doc.add_paragraph(subtitle(report)).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, report.headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in report.rows:
        cells = table.add_row().cells
        cells[0].text = str(row["n"])
        cells[1].text = row["school"][report.lang]
        cells[2].text = str(row["participants"])
        _lines(cells[3], row["links"])
    cells = table.add_row().cells
    cells[1].paragraphs[0].add_run(report.total_label).bold = True
    cells[2].paragraphs[0].add_run(str(report.total)).bold = True
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_CM, strict=True):
            cell.width = Cm(width)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _lines(cell, lines: list[str]) -> None:
    if not lines:
        return
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
