"""Results per class and per run, their export, and paper mode."""

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quiz import clock
from quiz.errors import Invalid, NotFound, ReadOnly
from quiz.services import assignments, class_summary, classes, paper, results
from quiz.services.exports import class_results as class_export
from quiz.teacher.forms import PaperForm
from quiz.teacher.views import bp, lang
from quiz.teacher.words import run_kind_names

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/classes/<int:class_id>/results")
def class_results(class_id):
    """Every run of the class, and the learning gain of quizzes run twice."""
    klass = classes.get_class(current_user, class_id)
    runs = results.class_runs(klass)
    return render_template(
        "teacher/results.html",
        klass=klass,
        runs=runs,
        gains=results.learning_gain(runs),
        kinds=run_kind_names(),
        summaries=class_summary.quiz_summaries(klass, lang()),
    )


@bp.get("/classes/<int:class_id>/results/quiz/<quiz_id>")
def quiz_results(class_id, quiz_id):
    """One quiz across the class's runs: each pupil once, per item, per pupil."""
    klass = classes.get_class(current_user, class_id)
    summary = class_summary.quiz_summary(klass, quiz_id, lang())
    return render_template("teacher/class_quiz.html", klass=klass, **summary)


@bp.get("/classes/<int:class_id>/results/<any(live, assignment, paper):kind>/<int:run_id>")
def run_results(class_id, kind, run_id):
    """One run: per item share correct, distribution, common wrong answer; per pupil."""
    klass = classes.get_class(current_user, class_id)
    data = results.run_results(klass, kind, run_id, lang())
    return render_template("teacher/run.html", klass=klass, kinds=run_kind_names(), **data)


@bp.get("/classes/<int:class_id>/results.<any(csv, xlsx):fmt>")
def results_export(class_id, fmt):
    """The class's results as CSV or XLSX in the page's language."""
    klass = classes.get_class(current_user, class_id)
    name = f"results-{klass.grade}-{klass.id}-{lang()}.{fmt}"
    if fmt == "csv":
        body, mimetype = class_export.to_csv(klass, lang()), "text/csv; charset=utf-8"
    else:
        body, mimetype = class_export.to_xlsx(klass, lang()), XLSX
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, mimetype=mimetype, headers=headers)


@bp.get("/classes/<int:class_id>/paper")
def paper_choose(class_id):
    """Choose a quiz to print (quizzes of the class's band)."""
    klass = classes.get_class(current_user, class_id)
    quizzes = assignments.quiz_choices(klass, request.args.get("theme"))
    return render_template("teacher/paper_choose.html", klass=klass, quizzes=quizzes)


@bp.get("/classes/<int:class_id>/paper/<quiz_id>/<any(kk, ru):sheet_lang>")
def paper_sheet(class_id, quiz_id, sheet_lang):
    """A printable sheet of the quiz in one language, and the answer key page."""
    try:
        klass, quiz, items = paper.sheet(current_user, class_id, quiz_id)
    except Invalid as error:
        raise NotFound("quiz") from error
    page = {"klass": klass, "quiz": quiz, "items": items, "sl": sheet_lang}
    return render_template("teacher/paper_sheet.html", **page)


@bp.route("/classes/<int:class_id>/paper/<quiz_id>/tally", methods=["GET", "POST"])
def paper_tally(class_id, quiz_id):
    """Enter how many pupils chose each answer; they count in results and participation."""
    try:
        klass, quiz, items = paper.sheet(current_user, class_id, quiz_id)
    except Invalid as error:
        raise NotFound("quiz") from error
    form = PaperForm()
    counts, bad = _counts(items)
    today = clock.local_today()
    if form.validate_on_submit() and not bad:
        try:
            made = paper.save_tally(
                current_user, class_id, quiz_id, form.pupils.data, form.held_on.data, counts, today
            )
            flash(_("The paper answers are saved."), "success")
            return redirect(
                url_for("teacher.run_results", class_id=class_id, kind="paper", run_id=made.id)
            )
        except ReadOnly:
            pass  # the page says so above the form, whose counts are kept
        except Invalid as error:
            bad = _tally_error(form, error)
    page = {
        "klass": klass,
        "quiz": quiz,
        "items": items,
        "form": form,
        "bad": bad,
        "counts": counts,
        "closed": paper.tallies_closed(today),
    }
    return render_template("teacher/paper_tally.html", **page), 422 if form.is_submitted() else 200


def _tally_error(form, error: Invalid) -> set:
    """Mark the field of a refused tally; return the items whose counts are wrong."""
    if error.details.get("field") == "held_on":
        form.held_on.errors = [_("The date must fall within the challenge period.")]
        return set()
    return {error.details.get("field")}


def _counts(items) -> tuple[dict, set]:
    """Read the count inputs named c-<item>-<choice>; return counts and items with bad input."""
    counts, bad = {}, set()
    if request.method != "POST":
        return counts, bad
    for item in items:
        for choice in paper.choices(item):
            raw = request.form.get(f"c-{item.id}-{choice}", "").strip() or "0"
            if not (raw.isascii() and raw.isdigit()):
                bad.add(item.id)
                continue
            counts[(item.id, choice)] = int(raw)
    return counts, bad
