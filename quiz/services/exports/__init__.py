"""Exports of the report table: one module per format, each `render(report) -> bytes`."""

from importlib import import_module

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}


def render(report, fmt: str) -> tuple[bytes, str]:
    """Return the report in a format (xlsx, docx, pdf, csv) and its MIME type."""
    module = import_module(f"quiz.services.exports.to_{fmt}")
    return module.render(report), MIME[fmt]


def subtitle(report) -> str:
    """Return the line under the title: the challenge and the scope."""
    return f"{report.challenge['name']} · {report.scope}"
