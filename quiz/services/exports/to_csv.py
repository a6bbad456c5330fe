"""The report as CSV for Excel: UTF-8 with a BOM, formula injection escaped."""

import csv
import io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """Return a cell; text that a spreadsheet would run as a formula gets a quote first."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


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
