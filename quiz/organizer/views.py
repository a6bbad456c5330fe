"""Organizers' pages. Every URL answers 404 to anyone outside the organizer's scope."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quiz.errors import Invalid
from quiz.i18n import lang_prefix
from quiz.organizer.forms import ActionForm, ChallengeForm, ImportForm, MergeForm, RenameForm
from quiz.services import challenges, dashboard, registry, report, scope
from quiz.services.content import bank
from quiz.web import db_int

bp = Blueprint("organizer", __name__, url_prefix=lang_prefix() + "/organizer")


@bp.before_request
@login_required
def _organizers_only():
    """Teachers and coordinators get 404: organizer pages do not exist for them."""
    if not current_user.is_organizer:
        abort(404)


def national_only() -> None:
    """Answer 404 unless the signed-in organizer is national."""
    if current_user.role != "national":
        abort(404)


def _date(name: str) -> date | None:
    """A date of the query string; one that is not a date is left out, with a message."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        flash(
            _(
                "“%(value)s” is not a date, so it was left out. Pick the day in the calendar "
                "or type it as 2025-10-09.",
                value=value[:40],
            ),
            "error",
        )
        return None


def _range() -> tuple[date | None, date | None]:
    start, end = _date("from"), _date("to")
    if start and end and start > end:
        flash(_("The range starts after it ends, so no date range was applied."), "error")
        return None, None
    return start, end


def request_filters():
    """Return the counting filters of the query string, limited to the user's scope."""
    args = request.args
    return scope.filters_for(
        current_user,
        args.get("challenge", type=db_int),
        args.get("region", type=db_int),
        args.get("district", type=db_int),
        args.get("band") or None,
        *_range(),
    )


@bp.get("/")
def dashboard_page():
    """Figures and charts of the current (or chosen) challenge, within scope."""
    filters = request_filters()
    figures = dashboard.build(filters, _lang())
    return render_template(
        "organizer/dashboard.html",
        f=figures,
        as_of=dashboard.as_of(),
        filters=filters,
        choices=scope.choices(current_user),
    )


@bp.get("/report")
def report_page():
    """The rules' report table for the scope and filters, with its export links."""
    filters = request_filters()
    table = report.build(filters, _lang())
    return render_template(
        "organizer/report.html",
        report=table,
        filters=filters,
        formats=report.FORMATS,
        choices=scope.choices(current_user),
    )


@bp.get("/report.<any(xlsx, docx, pdf, csv):fmt>")
def report_export(fmt):
    """Download the report in a format, in the language of the URL; an empty report is a
    page saying there is nothing to export (404), never a file with only a header."""
    filters = request_filters()
    table = report.build(filters, _lang())
    if table.empty:
        page = render_template("organizer/report_empty.html", report=table, filters=filters)
        return page, 404
    data, mime = report.export(table, fmt)
    name = report.filename(table, fmt)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return data, 200, {"Content-Type": mime, **headers}


def _lang() -> str:
    from flask_babel import get_locale

    return str(get_locale())


@bp.get("/challenges")
def challenges_page():
    """Every challenge, with a link to edit it."""
    national_only()
    return render_template("organizer/challenges.html", items=challenges.all_challenges())


@bp.route("/challenges/new", methods=["GET", "POST"], defaults={"challenge_id": None})
@bp.route("/challenges/<int:challenge_id>", methods=["GET", "POST"])
def challenge_edit(challenge_id):
    """Create or edit a challenge; a bad field changes nothing."""
    national_only()
    existing = scope.challenge_or_current(challenge_id) if challenge_id else None
    form = ChallengeForm(data=_challenge_data(existing))
    form.themes.choices = [(t.slug, t.title[_lang()]) for t in bank().themes]
    if form.validate_on_submit():
        try:
            challenges.save(challenge_id, form.fields_dict(), form.make_current.data)
            flash(_("The challenge is saved."), "success")
            return redirect(url_for("organizer.challenges_page"))
        except Invalid as error:
            flash(_challenge_problem(error), "error")
    status = 422 if form.is_submitted() else 200
    return render_template("organizer/challenge_form.html", form=form, existing=existing), status


def _challenge_data(existing) -> dict | None:
    if existing is None:
        return None
    fields = ("name_kk", "name_ru", "slug", "starts_on", "ends_on", "report_deadline")
    return {
        **{name: getattr(existing, name) for name in fields},
        "hashtags": "\n".join(existing.hashtags or []),
        "tagged_accounts": "\n".join(existing.tagged_accounts or []),
        "themes": existing.themes or [],
        "make_current": existing.is_current,
    }


def _challenge_problem(error: Invalid) -> str:
    if error.details.get("field") == "slug":
        return _("Another challenge already uses this short name.")
    return _("The dates must follow each other: start, end, then the report deadline.")


@bp.route("/schools/import", methods=["GET", "POST"])
def schools_import():
    """Upload a registry file; every row is checked and nothing is stored if one is bad."""
    national_only()
    form, result, problem = ImportForm(), None, None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            result = registry.import_rows(registry.read_rows(upload.read(), upload.filename))
        except Invalid as error:
            problem = error.details
    status = 422 if (problem or (result and result.errors)) else 200
    return render_template(
        "organizer/schools_import.html", form=form, result=result, problem=problem
    ), status


@bp.get("/schools/pending")
def schools_pending():
    """Schools teachers asked for, with approve, rename and merge forms."""
    national_only()
    items = registry.pending()
    for item in items:
        item["targets"] = registry.schools_of_district(item["district_id"], item["id"])
    return render_template("organizer/schools_pending.html", items=items, form=ActionForm())


@bp.post("/schools/<int:school_id>/<any(approve, rename, merge):action>")
def school_action(school_id, action):
    """Approve, rename or merge a requested school, then go back to the list."""
    national_only()
    form = {"approve": ActionForm, "rename": RenameForm, "merge": MergeForm}[action]()
    if not form.validate_on_submit():
        flash(_("Please correct the fields marked below."), "error")
        return redirect(url_for("organizer.schools_pending"))
    try:
        if action == "approve":
            registry.approve(school_id)
        elif action == "rename":
            registry.rename(school_id, form.name_kk.data, form.name_ru.data)
        else:
            registry.merge(school_id, form.target.data)
        flash(_("The registry is updated."), "success")
    except Invalid:
        flash(
            _("A school with this name already exists here, or the choice is not valid."), "error"
        )
    return redirect(url_for("organizer.schools_pending"))
