"""Read-only API for organizers' systems: the report rows and the dashboard's figures."""

from flask import g, jsonify, request

from quiz.api.base import api_error, bp, staff_token_required
from quiz.api.spec.organizer import BY, DEFAULT_BY
from quiz.services import report, scope, stats
from quiz.web import db_int


def _filters():
    args = request.args
    return scope.filters_for(
        g.api_user,
        args.get("challenge", type=db_int),
        args.get("region", type=db_int),
        args.get("district", type=db_int),
    )


@bp.get("/report")
@staff_token_required("regional", "national")
def report_rows():
    """The report table's rows and total (the same numbers as the exports), numbered in the
    Kazakh report's order (the OpenAPI description says so)."""
    table = report.build(_filters(), "kk")
    return jsonify({"rows": table.rows, "total": table.total})


@bp.get("/stats")
@staff_token_required("regional", "national")
def stats_figures():
    """The dashboard's figures grouped by region, district, school, day, theme or band."""
    by = request.args.get("by", DEFAULT_BY)  # optional, as the OpenAPI document says
    if by not in BY:
        return api_error("invalid", 422)
    return jsonify(stats.grouped(_filters(), by))
