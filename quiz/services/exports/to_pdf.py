"""The report as a PDF: A4 landscape, a font that covers Kazakh (in @page too)."""

from flask import render_template
from weasyprint import HTML

from quiz.services.exports import subtitle


def render(report) -> bytes:
    """Return the report as PDF bytes, rendered from templates/organizer/report_pdf.html."""
    html = render_template("organizer/report_pdf.html", report=report, subtitle=subtitle(report))
    return HTML(string=html).write_pdf()
