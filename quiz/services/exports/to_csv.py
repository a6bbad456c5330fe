"""The report as CSV for Excel: UTF-8 with a BOM, formula injection escaped."""

import csv
import io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> str:
    """Return a cell's text; text that a spreadsheet would run as a formula gets a quote."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def render(report) -> bytes:
    """Return the report's table (header, rows, total) as CSV bytes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe(h) for h in report.headers])
    for row in report.rows:
        writer.writerow(
            [
                row["n"],
                safe(row["school"][report.lang]),
                row["participants"],
                safe("\n".join(row["links"])),
            ]
        )
    writer.writerow(["", safe(report.total_label), report.total, ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
